"""The Ledger: the context every use case receives (settings, store, blobs, clock)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from claimgraph.capture import Fetched, fetch_url
from claimgraph.capture.blobs import BlobStore
from claimgraph.errors import NotFound
from claimgraph.extract.nlp import load_nlp
from claimgraph.parse.descriptor import Describer, shipped_model
from claimgraph.settings import Limits, Settings
from claimgraph.store import Store, make_engine, migrate, schema_is_current


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Ledger:
    settings: Settings
    store: Store
    blobs: BlobStore
    clock: Callable[[], datetime] = field(default=utc_now)
    # Passed in, not imported, so a test can point it at a policy for its own listener.
    fetch: Callable[[str, Limits], Fetched] = field(default=fetch_url)
    # Loaded models (spaCy, the image descriptor), shared by every `as_user` copy.
    _models: dict[str, Any] = field(default_factory=dict)

    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use and kept for the process."""
        if "nlp" not in self._models:
            self._models["nlp"] = load_nlp()
        return self._models["nlp"]

    def describer(self) -> Describer | None:
        """The image descriptor model (settings, else one an installed package ships), or
        None: loaded on first use and kept for the process."""
        if "describer" not in self._models:
            path = self.settings.descriptor_model or shipped_model()
            self._models["describer"] = Describer(path) if path is not None else None
        found: Describer | None = self._models["describer"]
        return found

    def as_user(self, name: str) -> Ledger:
        """The same ledger acting for another person (a web request's user): what it
        writes is audited under that name."""
        return replace(self, settings=replace(self.settings, user=name))

    @property
    def user(self) -> str:
        return self.settings.user

    def close(self) -> None:
        self.store.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_ledger(settings: Settings, *, create: bool = False) -> Ledger:
    """Open the store under `settings.home`; with `create`, make it (idempotent) first."""
    home = settings.home
    if create:
        home.mkdir(parents=True, exist_ok=True)
        settings.blob_dir.mkdir(parents=True, exist_ok=True)
    elif settings.database_url is None and not settings.sqlite_path.exists():
        raise NotFound("no claimgraph store here; run `claimgraph init` first", subject=str(home))
    engine = make_engine(settings.url)
    if create or not schema_is_current(engine):
        migrate(engine)
    return Ledger(settings=settings, store=Store(engine), blobs=BlobStore(settings.blob_dir))
