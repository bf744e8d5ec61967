"""The embedded store's durability settings and the blob store's promises."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from claimgraph.capture import BlobStore
from claimgraph.services import open_ledger
from claimgraph.settings import Settings


def test_sqlite_runs_in_wal_with_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    with (
        open_ledger(Settings(home=tmp_path / "h"), create=True) as ledger,
        ledger.store.engine.connect() as conn,
    ):
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous")
        }
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2}
    assert (tmp_path / "h" / "claimgraph.db").is_file()
    assert (tmp_path / "h" / "blobs").is_dir()


def test_blobs_are_named_by_hash_and_never_overwritten(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    data = b"original bytes of a statement"
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = blobs.path(digest)
    assert path.read_bytes() == data
    before = os.stat(path)
    assert blobs.put(data) == digest  # the same bytes again: nothing rewritten
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # stored read-only
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)
    assert list(blobs.names()) == [digest]
    assert list((tmp_path / "blobs" / "tmp").iterdir()) == []  # no temporary left over
