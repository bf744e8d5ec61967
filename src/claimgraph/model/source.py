"""Sources, their captures and what parsing found in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SourceKind(StrEnum):
    WIRE = "wire"
    NEWSPAPER = "newspaper"
    OFFICIAL_STATEMENT = "official_statement"
    NGO_REPORT = "ngo_report"
    COURT_RECORD = "court_record"
    SOCIAL_POST = "social_post"
    BOOK = "book"
    TESTIMONY = "testimony"
    IMAGE = "image"
    UNKNOWN = "unknown"


class CaptureMethod(StrEnum):
    FILE = "file"
    URL = "url"
    WARC = "warc"
    UPLOAD = "upload"
    IMPORT = "import"


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image a page shows: `src` as written (so a page read from a file can find the
    file beside it), the absolute URL, and the caption the page gives it."""

    src: str
    url: str | None = None
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a parser read out of one document's bytes. `text` is what spans index."""

    media_type: str
    text: str
    parser: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None  # ISO date as the document gives it
    language: str | None = None
    links: tuple[str, ...] = ()
    image_urls: tuple[str, ...] = ()
    image_refs: tuple[ImageRef, ...] = ()
    page_offsets: tuple[int, ...] = ()  # start of each PDF page in `text`
    encoding: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Source:
    """One preserved document. `id` is the SHA-256 of its original bytes."""

    id: str
    media_type: str
    size: int
    text: str
    parser: str
    kind: SourceKind = SourceKind.UNKNOWN
    title: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    links: tuple[str, ...] = ()
    image_urls: tuple[str, ...] = ()
    page_offsets: tuple[int, ...] = ()
    encoding: str | None = None
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class Capture:
    """How and when a Source was obtained. Never edited; a re-fetch is a new Capture."""

    id: str
    source_id: str
    method: CaptureMethod
    location: str  # path, URL, or WARC file + record id
    captured_at: datetime
    agent: str  # who added it
    tool_version: str
    http_status: int | None = None
    http_headers: tuple[tuple[str, str], ...] = ()
    warc_record: dict[str, str] | None = None
