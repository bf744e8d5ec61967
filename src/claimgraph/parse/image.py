"""Images: size, format and a few EXIF fields, with decompression-bomb checks.

The pixel count is checked against our limit before any pixel is decoded;
Pillow's own bomb warning is turned into an error for this call only, and
its module globals (MAX_IMAGE_PIXELS, LOAD_TRUNCATED_IMAGES) are left alone.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from claimgraph.errors import ClaimgraphError, InvalidInput, Refused
from claimgraph.model.source import Parsed
from claimgraph.parse._common import one_line, parser_name, reason
from claimgraph.settings import Limits

PARSER = parser_name("image", "pillow")
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
_BASE_TAGS = {
    "exif_make": ExifTags.Base.Make,
    "exif_model": ExifTags.Base.Model,
    "exif_software": ExifTags.Base.Software,
    "exif_datetime": ExifTags.Base.DateTime,
}
_EXIF_IFD_TAGS = {"exif_datetime_original": ExifTags.Base.DateTimeOriginal}
_GPS_AXES = {  # key: (value tag, reference tag, negative reference, largest degrees)
    "exif_gps_lat": (ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLatitudeRef, "S", 90.0),
    "exif_gps_lon": (ExifTags.GPS.GPSLongitude, ExifTags.GPS.GPSLongitudeRef, "W", 180.0),
}


def parse_image(data: bytes, *, limits: Limits, subject: str | None = None) -> Parsed:
    """Read an image's size, format and EXIF; its text is empty."""
    with image_errors(subject, "not a readable PNG, JPEG, WebP or GIF image"):
        return _read(data, limits, subject)


@contextmanager
def image_errors(subject: str | None, unreadable: str) -> Iterator[None]:
    """Map Pillow's failures to our errors: bombs are Refused, damage is InvalidInput.
    Pillow's bomb warning is an error inside this block only."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except ClaimgraphError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise Refused(f"image too large: {reason(exc)}", subject=subject) from None
        except UnidentifiedImageError:
            raise InvalidInput(unreadable, subject=subject) from None
        except MemoryError:
            raise Refused("image too large to decode in memory", subject=subject) from None
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError … on damage
            if "too large" in str(exc).lower():  # e.g. PNG text chunks over Pillow's cap
                raise Refused(f"image too large: {reason(exc)}", subject=subject) from None
            message = f"corrupt or truncated image: {reason(exc)}"
            raise InvalidInput(message, subject=subject) from None


def check_pixels(image: Image.Image, limits: Limits, subject: str | None) -> None:
    """Refuse an opened image whose header claims more pixels than the limit,
    before any pixel is decoded."""
    width, height = image.size
    if width * height > limits.max_image_pixels:
        raise Refused(
            f"image has {width}x{height} pixels, over the limit of {limits.max_image_pixels}",
            subject=subject,
        )


def _read(data: bytes, limits: Limits, subject: str | None) -> Parsed:
    with Image.open(BytesIO(data), formats=tuple(_FORMATS)) as image:
        check_pixels(image, limits, subject)
        width, height = image.size
        image.load()  # the first frame only: a GIF's later frames are never decoded
        image_format = image.format or ""
        extra = {"width": str(width), "height": str(height), "format": image_format}
        extra.update(read_exif(image))
    return Parsed(
        media_type=_FORMATS.get(image_format, "application/octet-stream"),
        text="",
        parser=PARSER,
        extra=extra,
    )


def read_exif(image: Image.Image) -> dict[str, str]:
    """Camera make/model, software, dates and GPS position (decimal degrees) of an
    opened image, as one-line strings keyed ``exif_*``; damaged fields are skipped."""
    found: dict[str, str] = {}
    try:
        exif = image.getexif()
        for key, tag in _BASE_TAGS.items():
            _put(found, key, exif.get(tag))
        sub_ifd = exif.get_ifd(ExifTags.IFD.Exif)
        for key, tag in _EXIF_IFD_TAGS.items():
            _put(found, key, sub_ifd.get(tag))
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        for key, axis in _GPS_AXES.items():
            _put(found, key, _gps_degrees(gps_ifd, *axis))
    except Exception:  # damaged EXIF: keep the fields read so far
        pass
    return found


def _gps_degrees(gps: Any, tag: int, ref_tag: int, negative: str, largest: float) -> str | None:
    """Degrees, minutes, seconds and a hemisphere letter as a decimal string, or None
    when the field is missing or impossible (a lying file must not place a photo)."""
    parts = gps.get(tag)
    if not isinstance(parts, tuple) or len(parts) != 3:
        return None
    try:
        degrees, minutes, seconds = (float(part) for part in parts)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if not 0 <= value <= largest:  # also rejects NaN (a rational over zero)
        return None
    ref = gps.get(ref_tag)
    ref = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    if ref.strip().upper().startswith(negative):
        value = -value
    return f"{value:.6f}"


def _put(found: dict[str, str], key: str, value: Any) -> None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        cleaned = one_line(value.replace("\x00", ""), limit=200)
        if cleaned:
            found[key] = cleaned
