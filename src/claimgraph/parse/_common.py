"""Small helpers shared by the parsers: versioned parser names and one-line reasons."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

METHOD_VERSION = "cg1"
"""Our own method version. Bump it whenever our post-processing changes output."""


def parser_name(kind: str, distribution: str) -> str:
    """A versioned parser id such as ``html/trafilatura-2.3.1+cg1``."""
    try:
        found = version(distribution)
    except PackageNotFoundError:
        found = "unknown"
    return f"{kind}/{distribution}-{found}+{METHOD_VERSION}"


def one_line(text: str, limit: int = 200) -> str:
    """Collapse whitespace to single spaces and cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def reason(exc: BaseException) -> str:
    """A one-line description of a library exception: its type and first words."""
    detail = one_line(str(exc))
    name = type(exc).__name__
    return f"{name}: {detail}" if detail else name
