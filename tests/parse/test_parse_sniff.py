"""sniff_media_type: magic bytes, then the declared type, then the file name."""

from __future__ import annotations

import gzip

import pytest

from claimgraph.errors import InvalidInput
from claimgraph.parse import sniff_media_type

WARC_RECORD = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n rest", "image/png"),
        (b"\xff\xd8\xff\xe0 rest", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (WARC_RECORD, "application/warc"),
        (gzip.compress(WARC_RECORD), "application/warc"),
    ],
)
def test_magic_bytes_win_over_name_and_declared_type(data: bytes, expected: str) -> None:
    assert sniff_media_type(data, "misleading.txt", "text/html") == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("notes.txt", "text/plain"),
        ("NOTES.TEXT", "text/plain"),
        ("readme.md", "text/plain"),
        ("page.html", "text/html"),
        ("dir/page.HTM", "text/html"),
        ("archive.warc", "application/warc"),
        ("archive.warc.gz", "application/warc"),
    ],
)
def test_extension(filename: str, expected: str) -> None:
    assert sniff_media_type(b"just some words", filename) == expected


def test_declared_type_wins_over_extension_and_drops_parameters() -> None:
    assert sniff_media_type(b"<p>hi</p>", "x.txt", "text/html; charset=utf-8") == "text/html"
    assert sniff_media_type(b"a,b\n1,2\n", None, "text/csv") == "text/plain"


def test_generic_declared_type_falls_through_to_extension() -> None:
    assert sniff_media_type(b"hello", "a.md", "application/octet-stream") == "text/plain"


def test_html_recognised_by_content_without_a_name() -> None:
    assert sniff_media_type(b"  <!DOCTYPE html><html><body>x</body></html>") == "text/html"


def test_text_without_name_or_type_is_plain_text() -> None:
    assert sniff_media_type(b"a statement, unnamed") == "text/plain"


def test_unknown_extension_is_refused_as_unsupported() -> None:
    with pytest.raises(InvalidInput, match="unsupported file type") as caught:
        sniff_media_type(b"some words", "report.docx")
    assert caught.value.subject == "report.docx"
    assert "\n" not in str(caught.value)


def test_binary_without_name_is_unsupported() -> None:
    with pytest.raises(InvalidInput, match="unsupported file type"):
        sniff_media_type(bytes(range(256)) * 4)


def test_url_as_name_ignores_query_and_fragment() -> None:
    assert sniff_media_type(b"words", "https://ex.org/notes.txt?v=2") == "text/plain"
    page = b"<!doctype html><html><body>x</body></html>"
    assert sniff_media_type(page, "https://ex.org/story.php?id=3") == "text/html"
    assert sniff_media_type(b"plain words", "https://ex.org/news/story") == "text/plain"
