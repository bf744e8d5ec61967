"""PDF through parse_bytes: pages, offsets, metadata, damage, encryption, limits."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.errors import InvalidInput, Refused
from claimgraph.parse import parse_bytes
from claimgraph.settings import Limits


def test_two_pages_text_and_offsets(docs: Any) -> None:
    parsed = parse_bytes(docs.make_pdf(2), filename="inquiry.pdf")
    page1 = "Page 1: about 600 were killed, the inquiry found."
    page2 = "Page 2: about 600 were killed, the inquiry found."
    assert parsed.media_type == "application/pdf"
    assert parsed.text == page1 + "\n\n" + page2
    assert parsed.page_offsets == (0, len(page1) + 2)
    start = parsed.page_offsets[1]
    assert parsed.text[start : start + len(page2)] == page2
    assert parsed.parser.startswith("pdf/pypdf-") and parsed.parser.endswith("+cg1")


def test_metadata(docs: Any) -> None:
    parsed = parse_bytes(docs.make_pdf(1), filename="inquiry.pdf")
    assert parsed.title == "Inquiry report"
    assert parsed.authors == ("Commission of Inquiry",)
    assert parsed.published == "2020-05-06"
    assert parsed.extra["pdf_creation_date"].startswith("2020-05-06T07:08:09")
    assert parsed.extra["pages"] == "1"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated(docs: Any, keep: float) -> None:
    data = docs.make_pdf(2)
    with pytest.raises(InvalidInput, match="corrupt or truncated PDF") as caught:
        parse_bytes(data[: int(len(data) * keep)], filename="cut.pdf")
    assert caught.value.subject == "cut.pdf"
    assert "\n" not in str(caught.value)


def test_corrupt_body_with_intact_ending(docs: Any) -> None:
    data = docs.make_pdf(2)
    mangled = data[:20] + b"\x00garbage" * 200 + data[-30:]
    with pytest.raises(InvalidInput, match="PDF"):
        parse_bytes(mangled, filename="bad.pdf")


def test_encrypted_with_user_password(docs: Any) -> None:
    data = docs.make_pdf(1, owner_password="owner", user_password="secret")
    with pytest.raises(InvalidInput, match="encrypted PDF"):
        parse_bytes(data, filename="locked.pdf")


def test_encrypted_with_owner_password_only_opens(docs: Any) -> None:
    data = docs.make_pdf(1, owner_password="owner")
    parsed = parse_bytes(data, filename="restricted.pdf")
    assert "about 600 were killed" in parsed.text


def test_too_many_pages(docs: Any) -> None:
    with pytest.raises(Refused, match="3 pages"):
        parse_bytes(docs.make_pdf(3), filename="long.pdf", limits=Limits(max_pdf_pages=2))


def test_extracted_text_is_bounded(docs: Any) -> None:
    # Each page's stream is under the limit; the text of all 20 pages is not.
    with pytest.raises(Refused, match="PDF text over 500 characters"):
        parse_bytes(docs.make_pdf(20), filename="p.pdf", limits=Limits(max_decompressed_bytes=500))


def test_stream_decompression_is_bounded(docs: Any) -> None:
    with pytest.raises(Refused, match="decompression limit"):
        parse_bytes(docs.make_pdf(1), filename="p.pdf", limits=Limits(max_decompressed_bytes=40))


def test_deterministic(docs: Any) -> None:
    data = docs.make_pdf(2)
    assert parse_bytes(data, filename="a.pdf") == parse_bytes(data, filename="a.pdf")
