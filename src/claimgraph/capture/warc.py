"""Read HTML and PDF captures out of WARC files (.warc and .warc.gz) with warcio.

A broken record becomes a WarcProblem, never an exception: warcio's iterator dies at
the first unreadable record, so on a seekable stream the reader scans forward to the
next record boundary and starts a fresh iterator there.
"""

from __future__ import annotations

import gzip
import io
import itertools
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import WARCIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.errors import InvalidInput
from claimgraph.settings import Limits

__all__ = ["WarcItem", "WarcProblem", "iter_warc", "write_warc_response"]

_WANTED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/pdf",
     "image/jpeg", "image/png", "image/webp", "image/gif"}  # photos: matched against pages
)  # fmt: skip
_PAYLOAD_RECORDS = frozenset({"response", "resource"})
_CHUNK = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."  # a record's first line, at the start of a line
_SINGLE_MEMBER = "non-chunked gzip file detected"  # warcio's words for a whole-file gzip
_SINGLE_MEMBER_REASON = "gzipped as one member, not one per record: needs a seekable stream"


@dataclass(frozen=True, slots=True)
class WarcItem:
    record_id: str
    target_uri: str
    warc_date: str
    offset: int  # where the record starts in the file (compressed offset for .warc.gz)
    http_status: int | None  # None for resource records
    http_headers: tuple[tuple[str, str], ...]
    content_type: str  # media type, parameters stripped, lower case
    payload: bytes  # the HTTP body with chunking and Content-Encoding removed


@dataclass(frozen=True, slots=True)
class WarcProblem:
    offset: int
    record_id: str | None
    reason: str


def iter_warc(stream: BinaryIO, limits: Limits) -> Iterator[WarcItem | WarcProblem]:
    """Yield every HTML or PDF response/resource record, and a problem per broken one.

    Raises InvalidInput("not a WARC file") when the first record cannot be read.
    Continuing past a broken record needs a seekable stream; on one that is not,
    the first problem is the last thing yielded.
    """
    records = WARCIterator(stream)
    origin = records.offset  # where the file starts in stream
    started = False  # has any record of the file been read?
    resumed = False  # is `records` a fresh iterator at a guessed boundary?
    floor = origin  # last known-good position: warcio's offsets in a damaged gzip can go back
    yielded = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if not started:
                raise InvalidInput("not a WARC file (it is empty)") from None
            return
        except Exception as exc:  # warcio raises bare Exception, ValueError, zlib.error …
            if not started:
                raise InvalidInput(f"not a WARC file: {_reason(exc)}") from None
            single_member = _SINGLE_MEMBER in str(exc)
            if single_member and _seekable(stream):
                yield from _whole_file_gzip(stream, origin, limits, skip=yielded)
                return
            failed_at = max(records.offset, floor)
            if not resumed:  # a failed guess at a boundary is not a second problem
                reason = _SINGLE_MEMBER_REASON if single_member else _reason(exc)
                yield WarcProblem(offset=failed_at, record_id=None, reason=reason)
            # Always strictly forward of where the last iterator began, so this ends.
            records = _resync(stream, origin, failed_at)
            if records is None:
                return
            floor, resumed = records.offset, True
            continue
        if not record.rec_type and not started:
            raise InvalidInput("not a WARC file: first record has no WARC-Type")
        started, resumed = True, False
        floor = max(floor, records.offset)
        # warcio sets .offset to the start of the record next() has just returned.
        outcome = _outcome(record, records.offset, limits)
        if outcome is not None:
            yielded += 1
            yield outcome


def _whole_file_gzip(
    stream: BinaryIO, origin: int, limits: Limits, skip: int
) -> Iterator[WarcItem | WarcProblem]:
    """Read a WARC gzipped as one member (not one per record) through gzip itself.

    warcio gives up on such files after the first record. Offsets from here on are
    into the decompressed data; the `skip` outcomes already given are not repeated.
    """
    stream.seek(origin)
    with gzip.GzipFile(fileobj=stream, mode="rb") as plain:
        yield from itertools.islice(iter_warc(cast(BinaryIO, plain), limits), skip, None)


def _outcome(record: Any, offset: int, limits: Limits) -> WarcItem | WarcProblem | None:
    """The item or problem one parsed record gives, or None when it is not wanted."""
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    if not record.rec_type:
        return WarcProblem(offset=offset, record_id=record_id or None, reason="no WARC-Type")
    http = record.http_headers
    media = _media_type(http.get_header("Content-Type") if http else record.content_type)
    wanted = record.rec_type in _PAYLOAD_RECORDS and media in _WANTED_TYPES
    cap = limits.max_source_bytes
    if http and http.get_header("Content-Encoding"):
        cap = min(cap, limits.max_decompressed_bytes)  # the payload is inflated on the way
    try:
        payload = _read_capped(record.content_stream(), cap) if wanted else b""
        truncated = _drain(record.raw_stream)
    except Exception as exc:  # a broken chunked or compressed body inside one record
        return WarcProblem(offset=offset, record_id=record_id, reason=_reason(exc))
    if truncated:  # checked for every record: a cut-off record is broken, wanted or not
        return WarcProblem(offset=offset, record_id=record_id, reason="record is truncated")
    if not wanted:
        return None
    if payload is None:
        reason = f"payload larger than {cap} bytes"
        return WarcProblem(offset=offset, record_id=record_id, reason=reason)
    return WarcItem(
        record_id=record_id,
        target_uri=record.rec_headers.get_header("WARC-Target-URI") or "",
        warc_date=record.rec_headers.get_header("WARC-Date") or "",
        offset=offset,
        http_status=_status(http),
        http_headers=tuple((str(k), str(v)) for k, v in http.headers) if http else (),
        content_type=media,
        payload=payload,
    )


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _status(http: Any) -> int | None:
    if not http:
        return None
    code = str(http.get_statuscode() or "")
    return int(code) if code.isdigit() else None


def _read_capped(stream: Any, cap: int) -> bytes | None:
    """All of stream, or None as soon as it passes cap bytes."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > cap:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _drain(raw: Any) -> bool:
    """Read what is left of the record block; True if the file ended before it did."""
    while raw.read(_CHUNK):
        pass
    # warcio limits the block with a LimitReader; bytes still owed mean truncation.
    return int(getattr(raw, "limit", 0) or 0) > 0


def _reason(exc: BaseException) -> str:
    # warcio quotes the offending line, which may be compressed bytes: keep it readable.
    text = " ".join(str(exc).split())
    text = "".join(c if c.isascii() and c.isprintable() else "?" for c in text)
    return text[:120] if text else type(exc).__name__


def _resync(stream: BinaryIO, origin: int, failed_at: int) -> Any | None:
    """A fresh iterator at the next likely record start after failed_at, if any."""
    if not _seekable(stream):
        return None
    try:
        gzipped = _read_at(stream, origin, 2) == _GZIP_MAGIC[:2]
        found = _find(stream, max(failed_at, origin) + 1, _GZIP_MAGIC if gzipped else _WARC_LINE)
        if found is None:
            return None
        # In a plain WARC the marker begins with the newline before the record.
        stream.seek(found if gzipped else found + 1)
        return WARCIterator(stream)
    except (OSError, EOFError, ValueError, zlib.error):  # a stream that breaks while scanning
        return None


def _find(stream: BinaryIO, start: int, marker: bytes) -> int | None:
    """The offset of the next marker at or after start, reading in chunks."""
    stream.seek(start)
    position, tail = start, b""
    while chunk := stream.read(_CHUNK):
        window = tail + chunk
        hit = window.find(marker)
        if hit >= 0:
            return position - len(tail) + hit
        tail = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def _read_at(stream: BinaryIO, offset: int, size: int) -> bytes:
    stream.seek(offset)
    return stream.read(size)


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return False


def write_warc_response(
    stream: BinaryIO,
    url: str,
    body: bytes,
    content_type: str,
    date: str,
    *,
    gzip: bool = True,
) -> None:
    """Append one WARC response record (HTTP 200 with body) to stream.

    date is the WARC-Date, an ISO 8601 UTC timestamp such as 2024-05-01T12:00:00Z.
    gzip=True writes the record as its own gzip member, as .warc.gz files expect.
    """
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    writer = WARCWriter(stream, gzip=gzip)
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)
