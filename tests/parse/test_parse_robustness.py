"""Whatever the bytes, parse_bytes answers with a Parsed or a one-line claimgraph error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError
from claimgraph.parse import parse_bytes
from claimgraph.settings import Limits

NAMES = [None, "a.txt", "a.html", "a.pdf", "a.png", "a.jpg", "a.webp", "a.md", "a.bin"]
SMALL = Limits(max_image_pixels=10_000, max_pdf_pages=5, max_decompressed_bytes=100_000)


def _check(data: bytes, name: str | None) -> None:
    try:
        parse_bytes(data, filename=name, limits=SMALL)
    except ClaimgraphError as exc:
        assert "\n" not in str(exc)
        assert exc.subject == name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), name=st.sampled_from(NAMES))
def test_arbitrary_bytes(data: bytes, name: str | None) -> None:
    _check(data, name)


@pytest.mark.parametrize("cut", [0.1, 0.3, 0.6, 0.95, 0.999])
def test_every_format_cut_short(docs: Any, cut: float) -> None:
    for data, name in [
        (docs.make_pdf(2), "a.pdf"),
        (docs.png((30, 20)), "a.png"),
        (docs.jpeg_with_exif(), "a.jpg"),
        (docs.article_html, "a.html"),
    ]:
        _check(data[: max(1, int(len(data) * cut))], name)


@settings(max_examples=60, deadline=None)
@given(position=st.integers(min_value=0), value=st.integers(min_value=0, max_value=255))
def test_flipped_byte_in_pdf_and_png(docs: Any, position: int, value: int) -> None:
    for data, name in [(docs.make_pdf(1), "a.pdf"), (docs.png((30, 20)), "a.png")]:
        index = position % len(data)
        _check(data[:index] + bytes([value]) + data[index + 1 :], name)
