"""Images through parse_bytes: size, format, EXIF, bombs and damage."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from claimgraph.errors import InvalidInput, Refused
from claimgraph.parse import parse_bytes
from claimgraph.settings import Limits


def test_png_size_and_format(docs: Any) -> None:
    parsed = parse_bytes(docs.png((12, 8)), filename="chart.png")
    assert parsed.media_type == "image/png"
    assert parsed.text == ""
    assert parsed.extra == {"width": "12", "height": "8", "format": "PNG"}
    assert parsed.parser.startswith("image/pillow-") and parsed.parser.endswith("+cg1")


def test_jpeg_exif(docs: Any) -> None:
    parsed = parse_bytes(docs.jpeg_with_exif(), filename="photo.jpg")
    assert parsed.media_type == "image/jpeg"
    assert parsed.extra["width"] == "64" and parsed.extra["height"] == "48"
    assert parsed.extra["exif_datetime_original"] == "2019:01:02 03:04:05"
    assert parsed.extra["exif_make"] == "ExampleCam"
    assert parsed.extra["exif_model"] == "Model 7"
    assert parsed.extra["exif_software"] == "EditSuite 2.0"


def test_webp_without_name() -> None:
    out = io.BytesIO()
    Image.new("RGB", (5, 7)).save(out, format="WEBP")
    parsed = parse_bytes(out.getvalue())
    assert parsed.media_type == "image/webp"
    assert (parsed.extra["width"], parsed.extra["height"]) == ("5", "7")


def test_bomb_header_is_refused_before_decoding(docs: Any) -> None:
    with pytest.raises(Refused, match="image"):
        parse_bytes(docs.png_header_claiming(100_000, 100_000), filename="bomb.png")


def test_pillow_bomb_warning_is_an_error_too(docs: Any) -> None:
    # 100 M pixels: over Pillow's own warning threshold, under our raised limit.
    data = docs.png_header_claiming(10_000, 10_000)
    with pytest.raises(Refused, match="image too large"):
        parse_bytes(data, filename="big.png", limits=Limits(max_image_pixels=10**9))


def test_real_image_over_our_limit(docs: Any) -> None:
    data = docs.png((9_000, 9_000), mode="1")  # 81 M pixels, over the 80 M default
    with pytest.raises(Refused, match="over the limit"):
        parse_bytes(data, filename="large.png")


def test_low_pixel_limit(docs: Any) -> None:
    with pytest.raises(Refused, match="12x8 pixels"):
        parse_bytes(docs.png((12, 8)), filename="a.png", limits=Limits(max_image_pixels=50))


def test_pillow_globals_untouched(docs: Any) -> None:
    before = Image.MAX_IMAGE_PIXELS
    parse_bytes(docs.png(), filename="a.png")
    assert before == Image.MAX_IMAGE_PIXELS


def test_corrupt_jpeg() -> None:
    data = b"\xff\xd8\xff\xe0" + b"\x13\x37 not really a jpeg " * 50
    with pytest.raises(InvalidInput, match="image") as caught:
        parse_bytes(data, filename="photo.jpg")
    assert "\n" not in str(caught.value)


def test_truncated_jpeg(docs: Any) -> None:
    data = docs.jpeg_with_exif()
    with pytest.raises(InvalidInput, match="image"):
        parse_bytes(data[: len(data) // 2], filename="photo.jpg")


def test_garbage_named_png() -> None:
    with pytest.raises(InvalidInput):
        parse_bytes(b"\x01\x02\x03 definitely not an image " * 10, filename="x.png")
