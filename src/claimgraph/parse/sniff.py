"""Decide what a document is: magic bytes, then the declared type, then the name."""

from __future__ import annotations

import codecs
import re
import zlib

from claimgraph.errors import InvalidInput
from claimgraph.parse.text import looks_binary

TEXT = "text/plain"
HTML = "text/html"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
GIF = "image/gif"  # the first frame is what is hashed; later frames are never decoded
SVG = "image/svg+xml"  # kept as evidence, never rendered
WARC = "application/warc"

_DECLARED = {
    "text/plain": TEXT,
    "text/markdown": TEXT,
    "text/x-markdown": TEXT,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/pdf": PDF,
    "application/x-pdf": PDF,
    "image/png": PNG,
    "image/jpeg": JPEG,
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "image/webp": WEBP,
    "image/gif": GIF,
    "image/svg+xml": SVG,
    "application/warc": WARC,
}
_GENERIC = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
_EXTENSIONS = {
    ".warc.gz": WARC,
    ".warc": WARC,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".webp": WEBP,
    ".gif": GIF,
    ".svg": SVG,
}
# An XML declaration, comments or a doctype, then the <svg> element.
_SVG_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.I | re.S
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def sniff_media_type(data: bytes, filename: str | None = None, declared: str | None = None) -> str:
    """Return the media type of `data`, or raise InvalidInput("unsupported file type (...)")."""
    found = _by_magic(data) or _by_declared(declared) or _by_extension(filename)
    if found:
        return found
    if _looks_html(data):
        return HTML
    unnamed = not _extension(filename) and _declared_base(declared) in _GENERIC
    if unnamed and data and not looks_binary(data):
        return TEXT
    what = ", ".join(
        part
        for part in (
            f"name {_extension(filename) or filename!r}" if filename else "",
            f"declared {declared!r}" if declared else "",
            "content not recognised",
        )
        if part
    )
    raise InvalidInput(f"unsupported file type ({what})", subject=filename)


def media_type_parameter(declared: str | None, name: str) -> str | None:
    """A parameter such as `charset` from a Content-Type value, or None."""
    if not declared:
        return None
    for part in declared.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip("\"'") or None
    return None


def _by_magic(data: bytes) -> str | None:
    head = data[:1024]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"WARC/1.") or head.startswith(b"WARC/0."):
        return WARC
    if head.startswith(b"\x1f\x8b") and _gunzip_head(data).startswith(b"WARC/"):
        return WARC
    if _SVG_START.match(head):
        return SVG
    return None


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 16)
    except zlib.error:
        return b""


def _declared_base(declared: str | None) -> str:
    return (declared or "").split(";")[0].strip().lower()


def _by_declared(declared: str | None) -> str | None:
    base = _declared_base(declared)
    if base.startswith("text/") and base not in _DECLARED:
        return TEXT  # text/csv, text/x-log and the like read fine as plain text
    return _DECLARED.get(base)


def _extension(filename: str | None) -> str:
    if not filename:
        return ""
    path = filename.split("?")[0].split("#")[0] if "://" in filename else filename
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    stem, dot, ext = name.rpartition(".")
    return f".{ext}" if dot and stem else ""


def _by_extension(filename: str | None) -> str | None:
    return _EXTENSIONS.get(_extension(filename))


def _looks_html(data: bytes) -> bool:
    head = data[:1024]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("ascii", "ignore")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith(_HTML_STARTS)
