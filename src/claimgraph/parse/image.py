"""Images: size, format and a few EXIF fields, with decompression-bomb checks.

The pixel count is checked against our limit before any pixel is decoded;
Pillow's own bomb warning is turned into an error for this call only, and
its module globals (MAX_IMAGE_PIXELS, LOAD_TRUNCATED_IMAGES) are left alone.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from claimgraph.errors import ClaimgraphError, InvalidInput, Refused
from claimgraph.model.source import Parsed
from claimgraph.parse._common import one_line, parser_name, reason
from claimgraph.settings import Limits

PARSER = parser_name("image", "pillow")
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_BASE_TAGS = {
    "exif_make": ExifTags.Base.Make,
    "exif_model": ExifTags.Base.Model,
    "exif_software": ExifTags.Base.Software,
    "exif_datetime": ExifTags.Base.DateTime,
}
_EXIF_IFD_TAGS = {"exif_datetime_original": ExifTags.Base.DateTimeOriginal}


def parse_image(data: bytes, *, limits: Limits, subject: str | None = None) -> Parsed:
    """Read an image's size, format and EXIF; its text is empty."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _read(data, limits, subject)
        except ClaimgraphError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise Refused(f"image too large: {reason(exc)}", subject=subject) from None
        except UnidentifiedImageError:
            raise InvalidInput("not a readable PNG, JPEG or WebP image", subject=subject) from None
        except MemoryError:
            raise Refused("image too large to decode in memory", subject=subject) from None
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError … on damage
            if "too large" in str(exc).lower():  # e.g. PNG text chunks over Pillow's cap
                raise Refused(f"image too large: {reason(exc)}", subject=subject) from None
            message = f"corrupt or truncated image: {reason(exc)}"
            raise InvalidInput(message, subject=subject) from None


def _read(data: bytes, limits: Limits, subject: str | None) -> Parsed:
    with Image.open(BytesIO(data), formats=tuple(_FORMATS)) as image:
        width, height = image.size
        if width * height > limits.max_image_pixels:
            raise Refused(
                f"image has {width}x{height} pixels, over the limit of {limits.max_image_pixels}",
                subject=subject,
            )
        image.load()
        image_format = image.format or ""
        extra = {"width": str(width), "height": str(height), "format": image_format}
        extra.update(_exif(image))
    return Parsed(
        media_type=_FORMATS.get(image_format, "application/octet-stream"),
        text="",
        parser=PARSER,
        extra=extra,
    )


def _exif(image: Image.Image) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        exif = image.getexif()
        for key, tag in _BASE_TAGS.items():
            _put(found, key, exif.get(tag))
        sub_ifd = exif.get_ifd(ExifTags.IFD.Exif)
        for key, tag in _EXIF_IFD_TAGS.items():
            _put(found, key, sub_ifd.get(tag))
    except Exception:  # damaged EXIF: keep the fields read so far
        pass
    return found


def _put(found: dict[str, str], key: str, value: Any) -> None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        cleaned = one_line(value.replace("\x00", ""), limit=200)
        if cleaned:
            found[key] = cleaned
