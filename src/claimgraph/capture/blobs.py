"""Content-addressed blob store: files named by SHA-256, written to a temporary file,
fsynced and renamed into place; an existing blob is never overwritten."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from claimgraph.errors import IntegrityFailure, NotFound

_CHUNK = 1 << 20


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store `data` durably; return its SHA-256. Safe to call again with the same bytes."""
        digest = hashlib.sha256(data).hexdigest()
        final = self.path(digest)
        if final.is_file():
            return digest
        self.tmp.mkdir(parents=True, exist_ok=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        if hasattr(os, "O_TMPFILE"):
            self._put_anonymous(data, final)
        else:
            self._put_named(data, digest, final)
        _fsync_dir(final.parent)
        return digest

    def _put_anonymous(self, data: bytes, final: Path) -> None:
        # An unnamed file vanishes if the process dies before the link: no partial ever shows.
        try:
            fd = os.open(self.tmp, os.O_TMPFILE | os.O_WRONLY, 0o444)
        except OSError:
            self._put_named(data, final.name, final)
            return
        try:
            _write_all(fd, data)
            linked = _link_fd(fd, final)
        finally:
            os.close(fd)
        if not linked:
            self._put_named(data, final.name, final)

    def _put_named(self, data: bytes, digest: str, final: Path) -> None:
        tmp = self.tmp / f"{digest}.{os.getpid()}.partial"
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o444)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        # link() fails if another writer got there first, so nothing is ever overwritten.
        try:
            os.link(tmp, final)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)

    def get(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise NotFound("blob missing from the blob store", subject=sha256) from None

    def check(self, sha256: str) -> None:
        """Recompute a blob's hash; raise unless it matches its name."""
        h = hashlib.sha256()
        try:
            with open(self.path(sha256), "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    h.update(chunk)
        except FileNotFoundError:
            raise IntegrityFailure("blob is missing", subject=sha256) from None
        if h.hexdigest() != sha256:
            raise IntegrityFailure(f"blob content hashes to {h.hexdigest()}", subject=sha256)

    def names(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*")):
            if path.is_file() and len(path.name) == 64:
                yield path.name

    def partials(self) -> list[Path]:
        """Temporary files left by writers that are no longer running (killed mid-write)."""
        if not self.tmp.is_dir():
            return []
        return [p for p in sorted(self.tmp.iterdir()) if not _writer_alive(p.name)]

    def clean_partials(self) -> int:
        """Remove what killed writers left behind; such files were never referenced."""
        removed = 0
        for p in self.partials():
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed += 1
        return removed


def _writer_alive(name: str) -> bool:
    parts = name.split(".")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_fd(fd: int, final: Path) -> bool:
    """Give an O_TMPFILE file its name; False when this system cannot (use a named temp)."""
    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, at_symlink_follow = -100, 0x400
    src = f"/proc/self/fd/{fd}".encode()
    if libc.linkat(at_fdcwd, src, at_fdcwd, os.fsencode(final), at_symlink_follow) == 0:
        return True
    return ctypes.get_errno() == errno.EEXIST  # someone stored the same bytes first


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
