"""Capped gzip decompression, for WARC files and HTTP bodies.

`gunzip_capped` never holds more than `limit` decompressed bytes: it feeds the
input in chunks and asks zlib for at most what is left of the budget.
Multi-member gzip streams (one member per WARC record) are read to the end.
"""

from __future__ import annotations

import zlib

from claimgraph.errors import InvalidInput, Refused

_CHUNK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS


def gunzip_capped(data: bytes, limit: int, *, subject: str | None = None) -> bytes:
    """Decompress gzip `data`, refusing once the output would exceed `limit` bytes.

    Raises Refused("decompressed size over N bytes") past the limit and
    InvalidInput for data that is not gzip, is corrupt or is truncated.
    """
    if not data.startswith(_GZIP_MAGIC):
        raise InvalidInput("not gzip data (bad magic bytes)", subject=subject)
    out = bytearray()
    rest = memoryview(data)
    while rest:
        rest = _inflate_member(rest, out, limit, subject)
        if rest and bytes(rest[:2]) != _GZIP_MAGIC:
            if not any(rest):  # zero padding after the last member is allowed
                break
            raise InvalidInput("corrupt gzip data: trailing garbage", subject=subject)
    return bytes(out)


def _inflate_member(
    data: memoryview, out: bytearray, limit: int, subject: str | None
) -> memoryview:
    """Inflate one gzip member into `out`; return the bytes after it."""
    inflater = zlib.decompressobj(_GZIP_WBITS)
    pos = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            elif pos < len(data):
                chunk = bytes(data[pos : pos + _CHUNK])
                pos += len(chunk)
            else:
                raise InvalidInput("truncated gzip data", subject=subject)
            room = limit - len(out)
            piece = inflater.decompress(chunk, room + 1)
            out += piece
            if len(out) > limit:
                raise Refused(f"decompressed size over {limit} bytes", subject=subject)
    except zlib.error as exc:
        raise InvalidInput(f"corrupt gzip data: {exc}", subject=subject) from None
    consumed = pos - len(inflater.unused_data)
    return data[consumed:]
