"""Images and where they appeared."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ImageAppearance:
    image_sha256: str
    source_id: str
    caption: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class Image:
    sha256: str
    width: int
    height: int
    pdq: str | None = None
    pdq_quality: int | None = None
    exif: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Hypothesis:
    id: str
    case: str
    statement: str
