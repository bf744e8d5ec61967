"""Turn one document's bytes into text and metadata (`Parsed`).

Public surface: `sniff_media_type`, `parse_bytes`, `gunzip_capped`.
Every failure is an `InvalidInput` (unreadable) or a `Refused` (over a limit)
with a one-line message; no library exception escapes.
"""

from __future__ import annotations

from claimgraph.errors import ClaimgraphError, InvalidInput, Refused
from claimgraph.model.source import Parsed
from claimgraph.parse import sniff
from claimgraph.parse._common import parser_name, reason
from claimgraph.parse.compression import gunzip_capped
from claimgraph.parse.html import parse_html
from claimgraph.parse.image import parse_image
from claimgraph.parse.pdf import parse_pdf
from claimgraph.parse.sniff import media_type_parameter, sniff_media_type
from claimgraph.parse.text import parse_text
from claimgraph.settings import Limits

__all__ = ["gunzip_capped", "parse_bytes", "sniff_media_type"]


def parse_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    media_type: str | None = None,
    base_url: str | None = None,
    limits: Limits = Limits(),
) -> Parsed:
    """Parse one document.

    `media_type` is a declared type (such as an HTTP Content-Type, parameters
    allowed); the bytes' magic wins over it. `base_url` is where the document
    came from; relative links resolve against it.
    """
    subject = filename or base_url
    if len(data) > limits.max_source_bytes:
        raise Refused(f"document over {limits.max_source_bytes} bytes", subject=subject)
    if not data or data.isspace():
        raise InvalidInput("empty document", subject=subject)
    try:
        kind = sniff_media_type(data, filename, media_type)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, subject=subject) from None
    charset = media_type_parameter(media_type, "charset")
    try:
        return _dispatch(data, kind, charset, base_url, limits, subject)
    except ClaimgraphError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise Refused(
            f"document too large or too deep to parse: {reason(exc)}", subject=subject
        ) from None
    except Exception as exc:  # last guard: a library failure is bad input, never a traceback
        raise InvalidInput(f"cannot parse {kind}: {reason(exc)}", subject=subject) from None


def _dispatch(
    data: bytes,
    kind: str,
    charset: str | None,
    base_url: str | None,
    limits: Limits,
    subject: str | None,
) -> Parsed:
    if kind == sniff.TEXT:
        return parse_text(data, charset=charset, subject=subject)
    if kind == sniff.HTML:
        return parse_html(data, base_url=base_url, charset=charset, subject=subject)
    if kind == sniff.PDF:
        return parse_pdf(data, limits=limits, subject=subject)
    if kind in (sniff.PNG, sniff.JPEG, sniff.WEBP, sniff.GIF):
        return parse_image(data, limits=limits, subject=subject)
    if kind == sniff.SVG:
        # A drawing can carry scripts and external references: it is preserved as bytes
        # and never rendered, so it has no text and no perceptual hash.
        return Parsed(media_type=sniff.SVG, text="", parser=parser_name("svg", "stored"))
    if kind == sniff.WARC:
        raise InvalidInput(
            "a WARC file holds many records; import it, do not parse it", subject=subject
        )
    raise InvalidInput(f"unsupported file type ({kind})", subject=subject)
