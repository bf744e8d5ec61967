"""Settings, frozen at start-up and passed down; nothing reads the environment later."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep hostile input (bombs, huge downloads, slow servers) bounded."""

    max_source_bytes: int = 200 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    max_image_pixels: int = 80_000_000
    max_pdf_pages: int = 2_000
    fetch_timeout_s: float = 30.0
    fetch_max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    database_url: str | None = None  # None: SQLite inside `home`
    user: str = "unknown"
    allowed_roots: tuple[Path, ...] = ()  # empty: any path the user can read
    limits: Limits = field(default_factory=Limits)
    llm_url: str | None = None  # an OpenAI-compatible endpoint, for --backend llm
    llm_model: str | None = None
    llm_key: str | None = field(default=None, repr=False)
    embed_url: str | None = None  # an OpenAI-compatible /embeddings endpoint (optional)
    embed_model: str | None = None
    # An ONNX image descriptor (SSCD); None: an installed package that ships one, if any.
    descriptor_model: Path | None = None

    @property
    def sqlite_path(self) -> Path:
        return self.home / "claimgraph.db"

    @property
    def blob_dir(self) -> Path:
        return self.home / "blobs"

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"


def settings_from_env(home: str | None = None, user: str | None = None) -> Settings:
    """Read CLAIMGRAPH_* once. Explicit arguments win over the environment."""
    env = os.environ
    roots = tuple(
        Path(p).resolve() for p in env.get("CLAIMGRAPH_ALLOWED_ROOTS", "").split(os.pathsep) if p
    )
    who = user or env.get("CLAIMGRAPH_USER") or env.get("USER") or _login_name()
    limits = Limits()
    if cap := env.get("CLAIMGRAPH_MAX_SOURCE_BYTES"):
        size = int(cap) if cap.isdigit() else limits.max_source_bytes
        limits = replace(limits, max_source_bytes=size, max_decompressed_bytes=size)
    return Settings(
        home=Path(home or env.get("CLAIMGRAPH_HOME") or "claimgraph-data").resolve(),
        database_url=env.get("CLAIMGRAPH_DATABASE_URL") or None,
        user=who,
        allowed_roots=roots,
        limits=limits,
        llm_url=env.get("CLAIMGRAPH_LLM_URL") or None,
        llm_model=env.get("CLAIMGRAPH_LLM_MODEL") or None,
        llm_key=env.get("CLAIMGRAPH_LLM_API_KEY") or env.get("OPENAI_API_KEY") or None,
        embed_url=env.get("CLAIMGRAPH_EMBED_URL") or None,
        embed_model=env.get("CLAIMGRAPH_EMBED_MODEL") or None,
        descriptor_model=Path(model) if (model := env.get("CLAIMGRAPH_DESCRIPTOR_MODEL")) else None,
    )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
