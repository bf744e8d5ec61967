"""Plain text through parse_bytes: encodings, binary, empty input, titles."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.errors import InvalidInput
from claimgraph.parse import parse_bytes

WESTERN = (
    "Le ministre a déclaré « 100 morts » — l’agence parle de 250 blessés.\r\n"
    "The mayor said “up to 1,000 fled”; damage: €5m, façade, naïve.\r\n"
)


def test_cp1252_is_detected_not_assumed_utf8() -> None:
    parsed = parse_bytes(WESTERN.encode("cp1252"), filename="statement.txt")
    assert parsed.text == WESTERN.replace("\r\n", "\n")
    assert parsed.encoding == "cp1252"


def test_short_english_cp1252_with_curly_quotes() -> None:
    text = "The minister said “100 people” died — a figure the agency’s sources called ‘inflated’."
    parsed = parse_bytes(text.encode("cp1252"), filename="s.txt")
    assert parsed.text == text


def test_declared_latin1_charset_is_used() -> None:
    text = "Mère et père à l'hôpital."
    parsed = parse_bytes(text.encode("latin-1"), media_type="text/plain; charset=ISO-8859-1")
    assert parsed.text == text


def test_utf16_with_bom() -> None:
    text = "Заявление министра: 100 погибших.\nSecond line — 第二行."
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    parsed = parse_bytes(data, filename="statement.txt")
    assert parsed.text == text
    assert parsed.encoding == "utf-16-le"


def test_utf8_bom_is_stripped_and_newlines_normalised() -> None:
    data = codecs.BOM_UTF8 + b"Title line\r\nbody\rmore\n"
    parsed = parse_bytes(data, filename="a.txt")
    assert parsed.text == "Title line\nbody\nmore\n"
    assert parsed.encoding == "utf-8"
    assert parsed.title == "Title line"
    assert parsed.parser.startswith("text/charset-normalizer-") and parsed.parser.endswith("+cg1")


def test_text_is_kept_as_is_otherwise() -> None:
    text = "  Indented first line\n\n\ttabbed  double  spaces  \n"
    assert parse_bytes(text.encode(), filename="a.txt").text == text


def test_markdown_heading_title_and_long_first_line() -> None:
    assert parse_bytes(b"# Report\n\nBody", filename="r.md").title == "Report"
    assert parse_bytes(("x" * 201 + "\nBody").encode(), filename="r.txt").title is None


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="empty document") as caught:
        parse_bytes(data, filename="blank.txt")
    assert caught.value.subject == "blank.txt"


def test_utf16_whitespace_only_is_empty() -> None:
    with pytest.raises(InvalidInput, match="empty document"):
        parse_bytes(codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"), filename="b.txt")


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(4096),
        bytes(range(1, 32)) * 20,  # control characters, no NUL
        b"header\x00\x00\x01\x02 binary payload",
    ],
)
def test_binary_named_txt_is_not_text(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="not text"):
        parse_bytes(data, filename="data.txt")


def test_same_bytes_same_result() -> None:
    data = WESTERN.encode("cp1252")
    assert parse_bytes(data, filename="a.txt") == parse_bytes(data, filename="a.txt")


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1))
def test_utf8_text_round_trips(text: str) -> None:
    if not text.strip():
        return
    parsed = parse_bytes(text.encode("utf-8"), filename="t.txt")
    assert parsed.text == text.removeprefix("\ufeff")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("PRESS OFFICE — Statement — 19 March 2023\n\nBody.", "2023-03-19"),
        ("Communiqué No. 12\nIssued: 2024-01-05\n\nBody.", "2024-01-05"),
        ("Testimony recorded March 16, 2023, in the camp\n\nBody.", "2023-03-16"),
        ("No date at its head.\nSecond line.\nThird line.\nFourth line.\nOn 1 May 2020.", None),
    ],
)
def test_a_statement_is_dated_from_its_heading(head: str, expected: str | None) -> None:
    assert parse_bytes(head.encode("utf-8"), filename="s.txt").published == expected
