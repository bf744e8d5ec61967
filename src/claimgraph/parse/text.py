"""Plain text: detect the encoding, refuse binary, keep the text as it stands.

Decoding order: a byte-order mark; valid UTF-8; a declared charset that decodes
cleanly; charset-normalizer's best guess, with windows-1252 (WHATWG's default) preferred
where it ties with the best guess, or where the guess is a DOS or Mac code page
and the text reads as Western Latin. Short texts in Central European code pages
can still be mistaken for windows-1252: a known limit of byte statistics.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from claimgraph.errors import InvalidInput
from claimgraph.model.source import Parsed
from claimgraph.parse._common import parser_name
from claimgraph.parse.textdate import heading_date

PARSER = parser_name("text", "charset-normalizer")
MAX_TITLE = 200

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Control characters other than tab, newlines, vertical tab and form feed.
_CONTROL_STR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 64 * 1024
# Declared labels that WHATWG decodes as windows-1252.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}
# Code pages charset-normalizer sometimes picks for short Western text.
_UNLIKELY = re.compile(r"^(cp(437|7\d\d|8\d\d|1125|0?37|500|273|1026|114\d)|mac_.*|hp_roman8)$")
_HEADING = re.compile(r"^#{1,6}\s+")
_NEWLINES = re.compile(r"\r\n?")


def parse_text(data: bytes, *, charset: str | None = None, subject: str | None = None) -> Parsed:
    """Decode `data` as plain text. `charset` is a declared charset, if any."""
    text, encoding = decode_text(data, charset=charset, subject=subject)
    if not text.strip():
        raise InvalidInput("empty document", subject=subject)
    return Parsed(
        media_type="text/plain",
        text=text,
        parser=PARSER,
        title=_title(text),
        published=heading_date(text),
        encoding=encoding,
    )


def decode_text(
    data: bytes, *, charset: str | None = None, subject: str | None = None
) -> tuple[str, str]:
    """Decode bytes to text with "\\n" newlines and no BOM; return (text, encoding).

    Raises InvalidInput("not text: ...") for binary data.
    """
    found = _decode_bom(data, subject)
    if found is None:
        if b"\x00" in data or _control_share_bytes(data[:_SAMPLE]) > _MAX_CONTROL_SHARE:
            raise InvalidInput("not text: looks binary", subject=subject)
        found = _decode_unmarked(data, charset, subject)
    text, encoding = found
    if text.startswith("\ufeff"):
        text = text[1:]
    if _CONTROL_STR.search(text) and _control_share(text) > _MAX_CONTROL_SHARE:
        raise InvalidInput("not text: looks binary", subject=subject)
    return _NEWLINES.sub("\n", text), encoding


def looks_binary(data: bytes) -> bool:
    """Cheap check on a prefix: NUL bytes or many control bytes, and no text BOM."""
    sample = data[:_SAMPLE]
    if any(sample.startswith(bom) for bom, _, _ in _BOMS):
        return False
    return b"\x00" in sample or _control_share_bytes(sample) > _MAX_CONTROL_SHARE


def _decode_bom(data: bytes, subject: str | None) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                raise InvalidInput(
                    f"not text: invalid {name} after its BOM", subject=subject
                ) from None
    return None


def _decode_unmarked(data: bytes, charset: str | None, subject: str | None) -> tuple[str, str]:
    strict = _try_decode(data, "utf-8")
    if strict is not None:
        return strict, "utf-8"
    declared = _declared_codec(charset)
    if declared is not None:
        text = _try_decode(data, declared)
        if text is not None:
            return text, declared
    return _guess(data, subject)


def _guess(data: bytes, subject: str | None) -> tuple[str, str]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InvalidInput("not text: looks binary (no text encoding fits)", subject=subject)
    text, encoding = str(best), best.encoding
    western = _try_decode(data, "cp1252")
    if western is None:
        return text, encoding
    tied = any(
        m.encoding == "cp1252" and (m.chaos, m.coherence) == (best.chaos, best.coherence)
        for m in matches
    )
    if tied or western == text or (_UNLIKELY.match(encoding) and _latin(western)):
        return western, "cp1252"  # on a tie or a DOS/Mac guess, windows-1252 (WHATWG's default)
    return text, encoding


def _declared_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _latin(text: str) -> bool:
    """Mostly ASCII letters: a Western European language, not a mis-decoded script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    foreign = sum(1 for c in letters if not c.isascii())
    return foreign <= 0.3 * len(letters)


def _control_share(text: str) -> float:
    return len(_CONTROL_STR.findall(text)) / max(1, len(text))


def _control_share_bytes(data: bytes) -> float:
    return len(_CONTROL_BYTES.findall(data)) / max(1, len(data))


def _title(text: str) -> str | None:
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            title = _HEADING.sub("", stripped)
            return title if 0 < len(title) <= MAX_TITLE else None
    return None
