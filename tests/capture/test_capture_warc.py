"""iter_warc over WARC files written here: wanted records, skipped ones, broken ones."""

from __future__ import annotations

import gzip
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.capture.warc import WarcItem, WarcProblem, iter_warc, write_warc_response
from claimgraph.errors import InvalidInput
from claimgraph.settings import Limits

LIMITS = Limits()
DATE = "2024-05-01T12:00:00Z"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def response(url: str, body: bytes, content_type: str, *, gz: bool) -> bytes:
    out = io.BytesIO()
    write_warc_response(out, url, body, content_type, DATE, gzip=gz)
    return out.getvalue()


def request_record(url: str, *, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=http))
    return out.getvalue()


def records(gz: bool) -> list[bytes]:
    """One WARC as its separate records: html, request, pdf, stylesheet, html."""
    return [
        response("https://example.com/a", b"<p>one</p>", "text/html; charset=utf-8", gz=gz),
        request_record("https://example.com/a", gz=gz),
        response("https://example.com/r.pdf", PDF, "application/pdf", gz=gz),
        response("https://example.com/s.css", b"p { color: red }", "text/css", gz=gz),
        response("https://example.com/b", b"<p>two</p>", "application/xhtml+xml", gz=gz),
    ]


def run(data: bytes, limits: Limits = LIMITS) -> list[WarcItem | WarcProblem]:
    return list(iter_warc(io.BytesIO(data), limits))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_html_and_pdf_responses_come_out_others_are_skipped(gz: bool) -> None:
    parts = records(gz)
    data = b"".join(parts)
    outcomes = run(data)
    items = [i for i in outcomes if isinstance(i, WarcItem)]
    assert len(items) == len(outcomes)
    assert [(i.target_uri, i.content_type, i.payload) for i in items] == [
        ("https://example.com/a", "text/html", b"<p>one</p>"),
        ("https://example.com/r.pdf", "application/pdf", PDF),
        ("https://example.com/b", "application/xhtml+xml", b"<p>two</p>"),
    ]
    first = items[0]
    assert first.record_id.startswith("<urn:uuid:")
    assert (first.warc_date, first.http_status, first.offset) == (DATE, 200, 0)
    assert ("Content-Type", "text/html; charset=utf-8") in first.http_headers
    starts = [0, *_cumulative(parts)]
    assert [i.offset for i in items] == [starts[0], starts[2], starts[4]]


def test_image_responses_come_out_to_be_matched_against_pages() -> None:
    png = response("https://example.com/i.png", b"\x89PNG\r\n\x1a\n", "image/png", gz=True)
    items = run(png)
    assert [(i.target_uri, i.content_type) for i in items if isinstance(i, WarcItem)] == [
        ("https://example.com/i.png", "image/png")
    ]


def _cumulative(parts: list[bytes]) -> list[int]:
    total, out = 0, []
    for part in parts:
        total += len(part)
        out.append(total)
    return out


def test_offset_points_at_the_record() -> None:
    data = b"".join(records(True))
    for item in run(data):
        assert isinstance(item, WarcItem)
        again = next(iter(ArchiveIterator(io.BytesIO(data[item.offset :]))))
        assert again.rec_headers.get_header("WARC-Record-ID") == item.record_id


def gzipped_chunked_response(body: bytes) -> bytes:
    packed = gzip.compress(body)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(packed), packed)
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
        ],
        protocol="HTTP/1.1",
    )
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    record = writer.create_warc_record(
        "https://example.com/z",
        "response",
        payload=io.BytesIO(chunked),
        length=len(chunked),
        http_headers=http,
    )
    writer.write_record(record)
    return out.getvalue()


BIG_HTML = b"<html>" + b"text " * 2000 + b"</html>"


def test_chunked_gzipped_http_body_is_decoded() -> None:
    [item] = run(gzipped_chunked_response(BIG_HTML))
    assert isinstance(item, WarcItem)
    assert item.payload == BIG_HTML


def test_inflated_payload_over_the_decompression_cap_is_a_problem() -> None:
    limits = Limits(max_decompressed_bytes=1000)
    [problem] = run(gzipped_chunked_response(BIG_HTML), limits)
    assert isinstance(problem, WarcProblem)
    assert "larger than 1000 bytes" in problem.reason


def test_resource_records_are_read_by_their_warc_content_type() -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    record = writer.create_warc_record(
        "file:///report.pdf",
        "resource",
        payload=io.BytesIO(PDF),
        length=len(PDF),
        warc_content_type="application/pdf",
    )
    writer.write_record(record)
    [item] = run(out.getvalue())
    assert isinstance(item, WarcItem)
    assert (item.http_status, item.http_headers, item.payload) == (None, (), PDF)


def test_garbled_record_in_the_middle_is_one_problem() -> None:
    parts = records(False)
    parts[2] = parts[2].replace(b"WARC/1.0", b"XARC/1.0", 1)  # the pdf record
    items = run(b"".join(parts))
    problems = [i for i in items if isinstance(i, WarcProblem)]
    good = [i.target_uri for i in items if isinstance(i, WarcItem)]
    assert good == ["https://example.com/a", "https://example.com/b"]
    assert len(problems) == 1
    assert problems[0].offset == len(parts[0]) + len(parts[1])
    assert "XARC" in problems[0].reason


def test_damaged_gzip_member_is_one_problem() -> None:
    parts = records(True)
    member = parts[2]
    parts[2] = member[:12] + bytes(len(member) - 24) + member[-12:]
    items = run(b"".join(parts))
    good = [i.target_uri for i in items if isinstance(i, WarcItem)]
    assert good == ["https://example.com/a", "https://example.com/b"]
    assert len([i for i in items if isinstance(i, WarcProblem)]) == 1


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_garbage_between_records_is_one_problem(gz: bool) -> None:
    parts = records(gz)
    items = run(parts[0] + b"this is not a record\r\n\r\n" + parts[4])
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["WarcItem", "WarcProblem", "WarcItem"]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_last_record_is_a_problem(gz: bool) -> None:
    parts = records(gz)
    items = run(parts[0] + parts[4][:-40])
    assert isinstance(items[0], WarcItem)
    assert [type(i).__name__ for i in items] == ["WarcItem", "WarcProblem"]
    last = items[1]
    assert isinstance(last, WarcProblem)
    assert last.offset == len(parts[0])


def test_payload_over_the_cap_is_a_problem_and_reading_goes_on() -> None:
    parts = records(True)
    items = run(b"".join(parts), Limits(max_source_bytes=20))
    assert [type(i).__name__ for i in items] == ["WarcItem", "WarcProblem", "WarcItem"]
    problem = items[1]
    assert isinstance(problem, WarcProblem)
    assert problem.record_id and "larger than 20 bytes" in problem.reason


def test_unseekable_stream_stops_at_the_first_problem() -> None:
    parts = records(False)
    parts[2] = parts[2].replace(b"WARC/1.0", b"XARC/1.0", 1)

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    items = list(iter_warc(Pipe(b"".join(parts)), LIMITS))  # type: ignore[arg-type]
    assert [type(i).__name__ for i in items] == ["WarcItem", "WarcProblem"]


def test_warc_gzipped_as_one_member_is_read_whole() -> None:
    data = gzip.compress(b"".join(records(False)))
    items = run(data)
    assert [i.target_uri for i in items if isinstance(i, WarcItem)] == [
        "https://example.com/a",
        "https://example.com/r.pdf",
        "https://example.com/b",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body>not a warc</body></html>\n",
        b"\x89PNG\r\n\x1a\n" + bytes(64),
        gzip.compress(b"just some text\n"),
        b"WARC/1.0",  # a first line and nothing else
    ],
)
def test_not_a_warc_is_invalid_input(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="not a WARC file"):
        run(data)


def test_write_warc_response_gzips_each_record_by_default() -> None:
    out = io.BytesIO()
    write_warc_response(out, "https://example.com/", b"<p>x</p>", "text/html", DATE)
    assert out.getvalue()[:2] == b"\x1f\x8b"


# Built once: record ids and digests are random, and hypothesis must see the same bytes.
FUZZ_BASE = {gz: b"".join(records(gz)) for gz in (True, False)}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gz=st.booleans(),
    position=st.floats(min_value=0, max_value=1, exclude_max=True),
    junk=st.binary(min_size=1, max_size=40),
    cut=st.booleans(),
)
def test_damage_never_escapes_as_a_library_exception(
    gz: bool, position: float, junk: bytes, cut: bool
) -> None:
    data = FUZZ_BASE[gz]
    at = int(position * len(data))
    damaged = data[:at] if cut else data[:at] + junk + data[at + len(junk) :]
    try:
        items = run(damaged)
    except InvalidInput:
        return
    assert all(isinstance(i, WarcItem | WarcProblem) for i in items)
