"""gunzip_capped: capped, streaming, multi-member gzip."""

from __future__ import annotations

import gzip
import time
from typing import Any

import pytest

from claimgraph.errors import InvalidInput, Refused
from claimgraph.parse import gunzip_capped


def test_round_trip() -> None:
    payload = b"WARC/1.1\r\n" + bytes(range(256)) * 100
    assert gunzip_capped(gzip.compress(payload), limit=len(payload)) == payload


def test_multi_member_and_zero_padding() -> None:
    data = gzip.compress(b"first record ") + gzip.compress(b"second record") + bytes(16)
    assert gunzip_capped(data, limit=100) == b"first record second record"


def test_bomb_is_refused_quickly(docs: Any) -> None:
    bomb = docs.gzip_of_zeros(300 * 1024 * 1024)  # 300 MB of zeros, about 300 KB packed
    started = time.monotonic()
    with pytest.raises(Refused, match="decompressed size over 1048576 bytes"):
        gunzip_capped(bomb, limit=1024 * 1024)
    assert time.monotonic() - started < 2


def test_limit_is_exact() -> None:
    data = gzip.compress(b"x" * 1000)
    assert len(gunzip_capped(data, limit=1000)) == 1000
    with pytest.raises(Refused):
        gunzip_capped(data, limit=999)


def test_truncated() -> None:
    data = gzip.compress(b"some text " * 1000)
    with pytest.raises(InvalidInput, match="truncated gzip"):
        gunzip_capped(data[: len(data) // 2], limit=10**6)


@pytest.mark.parametrize(
    "data",
    [
        b"not gzip at all",
        b"\x1f\x8b\x08\x00" + b"\xff" * 40,
        gzip.compress(b"ok") + b"trailing junk",
    ],
)
def test_corrupt(data: bytes) -> None:
    with pytest.raises(InvalidInput):
        gunzip_capped(data, limit=10**6)
