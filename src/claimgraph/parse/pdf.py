"""PDF: text per page with pypdf, joined by blank lines, bounded against bombs.

pypdf's own decompression limits are lowered to our `max_decompressed_bytes`
for the duration of one call (through its context-local configuration, never
its module globals), and the total extracted text is capped as well.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError

from claimgraph.errors import ClaimgraphError, InvalidInput, Refused
from claimgraph.model.source import Parsed
from claimgraph.parse._common import one_line, reason
from claimgraph.parse._common import parser_name as _parser_name
from claimgraph.settings import Limits

PARSER = _parser_name("pdf", "pypdf")
PAGE_SEPARATOR = "\n\n"
_EOF_WINDOW = 1024
_PYPDF_OUTPUT_LIMITS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "array_based_stream_maximum_output_length",
    "maximum_declared_stream_length",
)


def parse_pdf(data: bytes, *, limits: Limits, subject: str | None = None) -> Parsed:
    """Read the text layer and document info of a PDF."""
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InvalidInput("corrupt or truncated PDF: no %%EOF marker at the end", subject=subject)
    with _pypdf_limits(limits):
        try:
            return _read(data, limits, subject)
        except ClaimgraphError:
            raise
        except LimitReachedError as exc:
            raise Refused(
                f"PDF over a decompression limit: {reason(exc)}", subject=subject
            ) from None
        except MemoryError:
            raise Refused("PDF too large to read in memory", subject=subject) from None
        except Exception as exc:  # pypdf raises many types on damaged files
            raise InvalidInput(
                f"corrupt or truncated PDF: {reason(exc)}", subject=subject
            ) from None


def _read(data: bytes, limits: Limits, subject: str | None) -> Parsed:
    reader = PdfReader(BytesIO(data), strict=False)
    _unlock(reader, subject)
    count = len(reader.pages)
    if count > limits.max_pdf_pages:
        raise Refused(
            f"PDF has {count} pages, over the limit of {limits.max_pdf_pages}", subject=subject
        )
    texts, unreadable = _page_texts(reader, limits, subject)
    offsets, text = _join(texts)
    info = _info(reader)
    extra = {"pages": str(count)}
    if unreadable:
        extra["unreadable_pages"] = ",".join(str(n) for n in unreadable)
    if not text.strip():
        extra["text_layer"] = "none"  # scanned pages: the text needs OCR
    if info.get("created"):
        extra["pdf_creation_date"] = info["created"]
    return Parsed(
        media_type="application/pdf",
        text=text,
        parser=PARSER,
        title=info.get("title"),
        authors=tuple(a for a in (info.get("author") or "").split(";") if a.strip()),
        published=(info.get("created") or "")[:10] or None,
        language=info.get("language"),
        page_offsets=offsets,
        extra=extra,
    )


def _unlock(reader: PdfReader, subject: str | None) -> None:
    """Open an encrypted PDF with the empty user password, or refuse it."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except DependencyError as exc:
        message = f"encrypted PDF (cannot decrypt: {one_line(str(exc))})"
        raise InvalidInput(message, subject=subject) from None
    if not opened:
        raise InvalidInput("encrypted PDF", subject=subject)


def _page_texts(
    reader: PdfReader, limits: Limits, subject: str | None
) -> tuple[list[str], list[int]]:
    """Text of each page; pages whose text cannot be read count as empty and are listed."""
    texts: list[str] = []
    unreadable: list[int] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = _normalise(page.extract_text())
        except (LimitReachedError, MemoryError):
            raise
        except Exception:  # one damaged page must not hide the others
            text = ""
            unreadable.append(number)
        total += len(text) + len(PAGE_SEPARATOR)
        if total > limits.max_decompressed_bytes:
            message = f"PDF text over {limits.max_decompressed_bytes} characters"
            raise Refused(message, subject=subject)
        texts.append(text)
    if texts and len(unreadable) == len(texts):
        raise InvalidInput("corrupt PDF: no page could be read", subject=subject)
    return texts, unreadable


def _normalise(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text; newlines are "\n" everywhere.
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def _join(texts: list[str]) -> tuple[tuple[int, ...], str]:
    offsets: list[int] = []
    position = 0
    for text in texts:
        offsets.append(position)
        position += len(text) + len(PAGE_SEPARATOR)
    return tuple(offsets), PAGE_SEPARATOR.join(texts)


def _info(reader: PdfReader) -> dict[str, str]:
    """Title, author, creation date and language, each only when present and readable."""
    found: dict[str, str] = {}
    try:
        meta = reader.metadata
        if meta is not None:
            _put(found, "title", meta.title)
            _put(found, "author", meta.author)
            _put(found, "created", _iso(meta.creation_date))
    except Exception:  # bad dates or odd objects: keep whatever was read
        pass
    with contextlib.suppress(Exception):  # no catalog, or no language in it
        _put(found, "language", reader.root_object.get("/Lang"))
    return found


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _put(found: dict[str, str], key: str, value: Any) -> None:
    if isinstance(value, str) and value.strip():
        found[key] = one_line(value, limit=500)


@contextlib.contextmanager
def _pypdf_limits(limits: Limits) -> Iterator[None]:
    """Lower pypdf's per-stream limits to ours for this call only (context-local)."""
    try:
        from pypdf import apply_configuration, get_configuration
    except ImportError:  # pypdf < 7 has only module-wide limits; keep its defaults
        yield
        return
    current = get_configuration()
    overrides: dict[str, Any] = {}
    for name in _PYPDF_OUTPUT_LIMITS:
        if hasattr(current, name):
            overrides[name] = min(getattr(current, name), limits.max_decompressed_bytes)
    if hasattr(current, "jbig2dec_binary"):
        overrides["jbig2dec_binary"] = None  # never run an external decoder on our input
    with apply_configuration(**overrides):
        yield
