"""Reading local inputs: folders walked in a stable order, roots enforced, sizes capped."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from claimgraph.errors import InvalidInput, Refused

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_url(ref: str) -> bool:
    return "://" in ref[:12]


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def check_root(path: Path, roots: tuple[Path, ...]) -> Path:
    """The real path of `path`, refused when it lies outside every allowed root."""
    real = path.resolve()
    if roots and not any(real == r or r in real.parents for r in roots):
        raise Refused("path is outside the allowed roots", subject=str(path))
    return real


def expand(ref: str, roots: tuple[Path, ...]) -> Iterator[Path]:
    """Files named by `ref`: the file itself, or every file below a folder (sorted)."""
    path = Path(ref)
    if not path.exists():
        raise InvalidInput("no such file or folder", subject=ref)
    real = check_root(path, roots)
    if real.is_file():
        yield path
        return
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_capped(path: Path, roots: tuple[Path, ...], max_bytes: int) -> bytes:
    check_root(path, roots)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Refused(f"file is {size} bytes, over the limit of {max_bytes}", subject=str(path))
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InvalidInput(f"cannot read: {exc.strerror or exc}", subject=str(path)) from exc
