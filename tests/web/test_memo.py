"""The per-process memo of the web app: one computation for many concurrent first views,
least recently used out first, failures not kept."""

from __future__ import annotations

import threading
import time

import pytest

from claimgraph.api.context import Memo


def test_concurrent_first_views_compute_once() -> None:
    memo, calls = Memo(), []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(memo.get(("k",), slow)))
               for _ in range(8)]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and len(calls) == 1


def test_bounded_and_failures_not_kept() -> None:
    memo = Memo(size=2)
    for i in range(3):
        memo.get((i,), lambda i=i: i)
    assert memo.get((0,), lambda: -1) == -1  # the oldest went out
    with pytest.raises(RuntimeError):
        memo.get(("bad",), lambda: (_ for _ in ()).throw(RuntimeError("no")))
    assert memo.get(("bad",), lambda: 7) == 7
