"""Perceptual hashes of images (PDQ), archive side and query side, with one
versioned pre-processing step for both.

Pre-processing (METHOD): decode with limits (pixel count checked before any pixel
is decoded, Pillow's bomb warning an error for this call only), first frame only,
orient by EXIF, flatten alpha onto white, RGB, downscale to LONG_SIDE. Hashes made
by different methods are never compared, so METHOD is recorded with every hash.

The archive stores the whole image's PDQ and a small set of crops (so that a
cropped copy still meets its original); a query adds its 8 rotations/mirrors,
the same fixed crops and a trim of detected frames (banners, screenshot chrome).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256
from io import BytesIO

import numpy as np
import pdqhash
from numpy.typing import NDArray
from PIL import Image, ImageOps

from claimgraph.errors import InvalidInput
from claimgraph.parse.image import check_pixels, image_errors, read_exif
from claimgraph.settings import Limits

METHOD = "pdq/cg2"
"""Versioned pre-processing + hash; bump it when anything below changes output."""

LONG_SIDE = 512
_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "BMP": "image/bmp",
}
_UNREADABLE = "not a readable JPEG, PNG, WebP, GIF or BMP image"
_PLAIN = 6  # levels of 255: a plain line (UI ground after JPEG), not a sky's gradient
_NEAR = 12  # a pixel of the frame's ground colour
_NEUTRAL = 16  # spread of R, G, B within which a ground counts as white/grey/black
_SVG = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+svg|<svg)", re.I | re.S)

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the size
ARCHIVE_CROPS: tuple[tuple[str, Box], ...] = (
    # PDQ forgives little cropping (10 % off each side is ~40-60 bits away), so the
    # archive keeps the crops most often made: centred, square, and each corner.
    ("crop-c5", (0.025, 0.025, 0.975, 0.975)),  # a trimmed edge: the commonest crop
    ("crop-c10", (0.05, 0.05, 0.95, 0.95)),  # centred, 10 % of each side cut
    ("crop-c25", (0.125, 0.125, 0.875, 0.875)),
    ("crop-sq", (-1.0, -1.0, -1.0, -1.0)),  # the centred square
    ("crop-tl10", (0.0, 0.0, 0.9, 0.9)),  # off-centre: 90 % of each side from a corner
    ("crop-tr10", (0.1, 0.0, 1.0, 0.9)),
    ("crop-bl10", (0.0, 0.1, 0.9, 1.0)),
    ("crop-br10", (0.1, 0.1, 1.0, 1.0)),
    ("crop-tl25", (0.0, 0.0, 0.75, 0.75)),  # and 75 %
    ("crop-tr25", (0.25, 0.0, 1.0, 0.75)),
    ("crop-bl25", (0.0, 0.25, 0.75, 1.0)),
    ("crop-br25", (0.25, 0.25, 1.0, 1.0)),
    ("top80", (0.0, 0.0, 1.0, 0.8)),  # what is left above a caption in the lower fifth
)
QUERY_CROPS: tuple[tuple[str, Box], ...] = (("top80", (0.0, 0.0, 1.0, 0.8)),)

Array = NDArray[np.uint8]
_DIHEDRAL: tuple[tuple[str, Callable[[Array], Array]], ...] = (
    ("whole", lambda a: a),
    ("mirror", lambda a: a[:, ::-1]),
    ("rot90", lambda a: np.rot90(a, 1)),
    ("rot180", lambda a: np.rot90(a, 2)),
    ("rot270", lambda a: np.rot90(a, 3)),
    ("flip", lambda a: a[::-1]),
    ("transpose", lambda a: a.transpose(1, 0, 2)),
    ("transverse", lambda a: np.rot90(a, 2).transpose(1, 0, 2)),
)


@dataclass(frozen=True, slots=True)
class HashedImage:
    """The archive side of one image."""

    sha256: str  # of the original bytes
    media_type: str
    width: int
    height: int
    quality: int  # PDQ quality of the whole pre-processed image, 0-100
    pdq: str  # 64 hex chars: PDQ of the whole pre-processed image
    variants: tuple[tuple[str, str], ...]  # (name, 64-hex PDQ): the archive's crop set
    exif: tuple[tuple[str, str], ...]  # ("make", …), ("gps_lat", "48.858370") …
    method: str = METHOD


@dataclass(frozen=True, slots=True)
class QueryHashes:
    """The query side of one image."""

    sha256: str
    quality: int
    hashes: tuple[tuple[str, str], ...]  # (name, 64-hex): rotations/mirrors, crops, trims
    method: str = METHOD


@dataclass(frozen=True, slots=True)
class _Decoded:
    pixels: Array  # H x W x 3, long side <= LONG_SIDE
    media_type: str
    width: int  # of the original, after EXIF orientation
    height: int
    exif: tuple[tuple[str, str], ...]


def hash_image(data: bytes, *, limits: Limits, subject: str | None = None) -> HashedImage:
    """The archive record of an image: PDQ of the whole and of the crop set, and EXIF."""
    decoded = _decode(data, limits, subject)
    whole, quality = pdq(decoded.pixels)
    variants = tuple((name, pdq(crop(decoded.pixels, box))[0]) for name, box in ARCHIVE_CROPS)
    return HashedImage(
        sha256=sha256(data).hexdigest(),
        media_type=decoded.media_type,
        width=decoded.width,
        height=decoded.height,
        quality=quality,
        pdq=whole,
        variants=variants,
        exif=decoded.exif,
    )


def query_hashes(data: bytes, *, limits: Limits, subject: str | None = None) -> QueryHashes:
    """The query side of an image: its 8 rotations/mirrors, fixed crops and trims."""
    pixels = _decode(data, limits, subject).pixels
    return QueryHashes(
        sha256=sha256(data).hexdigest(), quality=pdq(pixels)[1], hashes=query_variants(pixels)
    )


def query_variants(pixels: Array) -> tuple[tuple[str, str], ...]:
    """(name, hash) for a pre-processed image as a query sees it."""
    hashes = [(name, pdq(np.ascontiguousarray(turn(pixels)))[0]) for name, turn in _DIHEDRAL]
    hashes += [(name, pdq(crop(pixels, box))[0]) for name, box in QUERY_CROPS]
    box = frame_box(pixels)
    if box is not None:
        top, bottom, left, right = box
        hashes.append(("trim", pdq(np.ascontiguousarray(pixels[top:bottom, left:right]))[0]))
    return tuple(hashes)


def decode_pixels(data: bytes, *, limits: Limits, subject: str | None = None) -> Array:
    """METHOD's pre-processed pixels (the same decode the hashes see), for other describers."""
    return _decode(data, limits, subject).pixels


def pdq(pixels: Array) -> tuple[str, int]:
    """PDQ of an RGB array as 64 hex characters (bit 0 first), and its quality."""
    bits, quality = pdqhash.compute(pixels)
    return np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality)


def crop(pixels: Array, box: Box) -> Array:
    """The part of an image inside a fractional box; a negative box: the centred square."""
    height, width = pixels.shape[:2]
    if box[0] < 0:
        side = min(height, width)
        top, left = (height - side) // 2, (width - side) // 2
        return np.ascontiguousarray(pixels[top : top + side, left : left + side])
    left, top = round(box[0] * width), round(box[1] * height)
    right, bottom = round(box[2] * width), round(box[3] * height)
    return np.ascontiguousarray(pixels[top:bottom, left:right])


def preprocess(image: Image.Image) -> Array:
    """METHOD's pixels from an opened, loaded image: oriented, flat, RGB, downscaled."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    image = image.convert("RGB")
    scale = LONG_SIDE / max(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return np.asarray(image, dtype=np.uint8)


def _decode(data: bytes, limits: Limits, subject: str | None) -> _Decoded:
    if _SVG.match(data[:4096]):
        raise InvalidInput(
            "SVG is stored, not hashed (drawings are never rendered)", subject=subject
        )
    with (
        image_errors(subject, _UNREADABLE),
        Image.open(BytesIO(data), formats=tuple(_FORMATS)) as image,
    ):
        check_pixels(image, limits, subject)
        media_type = _FORMATS.get(image.format or "", "application/octet-stream")
        exif = tuple((key.removeprefix("exif_"), value) for key, value in read_exif(image).items())
        width, height = image.size
        if image.getexif().get(0x0112) in (5, 6, 7, 8):  # EXIF orientation turns by 90°
            width, height = height, width
        if image.format == "JPEG":  # decode at a reduced scale: faster, far less memory
            image.draft("RGB", (2 * LONG_SIDE, 2 * LONG_SIDE))
        image.load()  # the first frame only: later frames of a GIF are never read
        return _Decoded(preprocess(image), media_type, width, height, exif)


def frame_box(pixels: Array) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the picture inside flat frames (a meme banner,
    screenshot chrome, letterbox bars), or None when there is no frame to trim."""
    values = pixels.astype(np.int16)
    height, width = values.shape[:2]
    top, bottom = _depth(values), height - _depth(values[::-1])
    if bottom - top < 0.3 * height:
        return None
    columns = values[top:bottom].transpose(1, 0, 2)
    left, right = _depth(columns), width - _depth(columns[::-1])
    if right - left < 0.3 * width or (top, bottom, left, right) == (0, height, 0, width):
        return None
    return top, bottom, left, right


def _depth(lines: NDArray[np.int16]) -> int:
    """How many lines from the edge (lines[0]) inward belong to a flat frame.

    A frame starts with a plain neutral line and goes on through lines mostly of its ground
    colour (text, icons on it). A plain line of another colour starts the next band
    only right after a thin one (a status bar): a photo's plain sky is not a frame.
    The frame ends before a run of lines of neither kind.
    """
    medians = np.median(lines, axis=1)
    plain = (np.abs(lines - medians[:, None, :]).max(axis=2) <= _PLAIN).mean(axis=1) >= 0.9
    plain &= np.ptp(medians, axis=1) <= _NEUTRAL  # UI grounds are white, grey or black
    if not plain[0]:
        return 0
    need, thin = max(6, round(0.03 * len(lines))), 0.08 * len(lines)
    ground, band, depth, misses = medians[0], 0, 0, 0
    for row in range(int(0.6 * len(lines))):
        near = np.abs(lines[row] - ground).max(axis=1) <= _NEAR
        if plain[row] and not near.mean() >= 0.5 and row - band < thin:
            ground, band = medians[row], row
        elif near.mean() < 0.5:
            misses += 1
            if misses >= need:
                break
            continue
        depth, misses = row + 1, 0
    return depth
