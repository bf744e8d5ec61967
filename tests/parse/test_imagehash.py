"""Perceptual hashes through hash_image / query_hashes: determinism, EXIF, bad input."""

from __future__ import annotations

import io
import struct
import time
import zlib

import numpy as np
import pytest
from PIL import Image

from claimgraph.errors import InvalidInput, Refused
from claimgraph.parse.image import parse_image
from claimgraph.parse.imagehash import METHOD, hash_image, query_hashes
from claimgraph.settings import Limits

LIMITS = Limits()


def textured(seed: int = 1, size: tuple[int, int] = (320, 240)) -> Image.Image:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0 : size[1], 0 : size[0]]
    base = (
        np.stack([x * 0.6, y * 0.8, (x + y) * 0.3], axis=2)
        + rng.normal(0, 40, (8, 8, 3))
        .repeat(size[1] // 8 + 1, 0)
        .repeat(size[0] // 8 + 1, 1)[: size[1], : size[0]]
    )
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def encoded(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_hashing_is_deterministic() -> None:
    data = encoded(textured())
    first, second = hash_image(data, limits=LIMITS), hash_image(data, limits=LIMITS)
    assert first == second
    assert first.method == METHOD and len(first.pdq) == 64 and int(first.pdq, 16) >= 0
    assert (first.width, first.height, first.media_type) == (320, 240, "image/jpeg")
    assert first.quality >= 50
    assert all(len(value) == 64 for _, value in first.variants)
    query = query_hashes(data, limits=LIMITS)
    assert query == query_hashes(data, limits=LIMITS)
    assert dict(query.hashes)["whole"] == first.pdq and query.sha256 == first.sha256
    names = [name for name, _ in query.hashes]
    assert {"whole", "mirror", "rot90", "rot180", "rot270", "flip"} <= set(names)


def test_exif_orientation_alpha_and_fields() -> None:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = "ExampleCam", "Model 7", "EditSuite 2.0"
    exif[0x0112] = 6  # rotated 90°: stored landscape, shown portrait
    exif.get_ifd(0x8769)[0x9003] = "2019:01:02 03:04:05"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (33.0, 51.0, 54.0), "E", (151.0, 12.0, 36.0)
    hashed = hash_image(encoded(textured(), exif=exif), limits=LIMITS)
    assert (hashed.width, hashed.height) == (240, 320)
    fields = dict(hashed.exif)
    assert fields["make"] == "ExampleCam" and fields["model"] == "Model 7"
    assert fields["software"] == "EditSuite 2.0"
    assert fields["datetime_original"] == "2019:01:02 03:04:05"
    assert (fields["gps_lat"], fields["gps_lon"]) == ("-33.865000", "151.210000")
    parsed = parse_image(encoded(textured(), exif=exif), limits=LIMITS)
    assert parsed.extra["exif_gps_lat"] == "-33.865000"


def test_transparent_png_is_flattened_onto_white() -> None:
    rgba = textured().convert("RGBA")
    rgba.putalpha(Image.new("L", rgba.size, 255))
    opaque = hash_image(encoded(rgba, "PNG"), limits=LIMITS)
    assert opaque.pdq == hash_image(encoded(textured(), "PNG"), limits=LIMITS).pdq


def test_truncated_jpeg() -> None:
    data = encoded(textured())
    with pytest.raises(InvalidInput, match="corrupt or truncated"):
        hash_image(data[: len(data) // 2], limits=LIMITS)


def test_png_claiming_20000_by_20000_is_refused_before_decoding() -> None:
    start = time.perf_counter()
    with pytest.raises(Refused, match=r"too large|over the limit"):
        query_hashes(png_claiming(20_000, 20_000), limits=LIMITS)
    assert time.perf_counter() - start < 1


def test_decompression_bomb_is_refused() -> None:
    # ~45 KB of PNG that would decode to 100 M pixels: Pillow's own bomb check, as an error
    bomb = encoded(Image.new("1", (10_000, 10_000)), "PNG")
    with pytest.raises(Refused, match="image too large"):
        hash_image(bomb, limits=Limits(max_image_pixels=10**9))
    with pytest.raises(Refused, match=r"too large|over the limit"):
        hash_image(bomb, limits=LIMITS)


def test_gif_with_3000_frames_hashes_its_first_frame_quickly() -> None:
    frames = [Image.new("P", (64, 64), color=i % 256) for i in range(3000)]
    frames[0] = textured(size=(64, 64)).convert("P")
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:])
    start = time.perf_counter()
    hashed = hash_image(data, limits=LIMITS)
    assert time.perf_counter() - start < 1
    assert hashed.media_type == "image/gif" and (hashed.width, hashed.height) == (64, 64)


def test_text_named_jpg_is_not_an_image() -> None:
    with pytest.raises(InvalidInput, match="not a readable JPEG, PNG") as caught:
        hash_image(b"Casualty list, draft 2\n" * 40, limits=LIMITS, subject="photo.jpg")
    assert str(caught.value).startswith("photo.jpg: ") and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
        b'\n<?xml version="1.0"?>\n<!-- drawn -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">'
        b"<svg/>",
    ],
)
def test_svg_is_stored_not_hashed(svg: bytes) -> None:
    with pytest.raises(InvalidInput, match="SVG is stored, not hashed"):
        query_hashes(svg, limits=LIMITS)


def test_flat_image_has_low_quality() -> None:
    flat = hash_image(encoded(Image.new("RGB", (200, 150), (90, 120, 30))), limits=LIMITS)
    assert flat.quality < 50
