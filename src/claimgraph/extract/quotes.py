"""Direct quotations in running text: where each one opens and closes.

One left-to-right scan over the quote marks and line breaks of the text. Straight
marks are told apart from apostrophes and from each other by what stands on either
side; a quote left open at the end of a paragraph ends there, unless the next
paragraph opens with a quote mark, which by news convention continues the same quote.
Which cue each quotation belongs to is `quotecues`' business."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

_MARKS = re.compile(r"``|''|[\"“”„‟«»‘’']|\n")
_DOUBLE_OPEN = frozenset({"“", "„", "‟", "«", "``"})
_DOUBLE_CLOSE = frozenset({"”", "»"})
_DOUBLE_EITHER = frozenset({'"', "''"})
_SINGLE_OPEN = frozenset({"‘"})
_SINGLE_EITHER = frozenset({"'", "’"})
_OPENERS = _DOUBLE_OPEN | _DOUBLE_EITHER | _SINGLE_OPEN | frozenset({"'", "”"})
_LINE_END = frozenset('.!?:;"”’»)')
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’'`")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end if unclosed)
    closed: bool

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


@dataclass(slots=True)
class _Open:
    start: int
    double: bool


def find_quotes(text: str) -> list[Quote]:
    """Every top-level quotation in `text`, in order; nested quotes stay inside."""
    quotes: list[Quote] = []
    current: _Open | None = None
    skip_until = -1
    for m in _MARKS.finditer(text):
        pos, mark = m.start(), m.group()
        if pos < skip_until:
            continue
        if mark == "\n":
            if current is None or not _paragraph_ends(text, pos):
                continue
            resume = _continuation(text, pos, current.double)
            if resume is not None:
                skip_until = resume  # the quote goes on after the new paragraph's mark
                continue
            quotes.append(Quote(current.start, _trim_end(text, pos), closed=False))
            current = None
        elif current is None:
            current = _maybe_open(text, pos, mark)
        elif _closes(text, pos, mark, current.double) or (_low_open(text, current) and mark == "“"):
            quotes.append(Quote(current.start, m.end(), closed=True))
            current = None
        elif current.double and _reopens(text, pos, mark):
            # A second opening mark means the first quote was never closed.
            quotes.append(Quote(current.start, _trim_end(text, pos), closed=False))
            current = _Open(pos, double=True)
    if current is not None:
        quotes.append(Quote(current.start, _trim_end(text, len(text)), closed=False))
    return quotes


def _maybe_open(text: str, pos: int, mark: str) -> _Open | None:
    after = text[pos + len(mark) : pos + len(mark) + 1]
    if not after or after.isspace():
        return None
    if mark in _DOUBLE_OPEN or mark in _DOUBLE_EITHER:
        return _Open(pos, double=True)
    before = text[pos - 1 : pos] if pos else " "
    starts_word = before.isspace() or before in "([—–-"
    if mark == "”":  # a closing mark used as an opener, seen in careless typesetting
        return _Open(pos, double=True) if starts_word and after.isalpha() else None
    if mark in _SINGLE_OPEN or (mark == "'" and starts_word and after.isalpha()):
        return _Open(pos, double=False) if _single_closes_later(text, pos) else None
    return None


def _single_closes_later(text: str, pos: int) -> bool:
    """A single opening mark counts only if a closing one follows in the paragraph;
    otherwise it is an apostrophe ("'90s", "'tis")."""
    end = text.find("\n", pos)
    end = len(text) if end == -1 else end
    for m in re.finditer(r"['’]", text[pos + 1 : end]):
        after = text[pos + 1 + m.end() : pos + 2 + m.end()]
        if not after.isalpha():
            return True
    return False


def _closes(text: str, pos: int, mark: str, double: bool) -> bool:
    if double:
        if mark in _DOUBLE_CLOSE:
            return True
        if mark not in _DOUBLE_EITHER:
            return False
        before = text[pos - 1 : pos]
        return (bool(before) and not before.isspace()) or _at_word_end(text, pos + len(mark))
    return mark in _SINGLE_EITHER and _at_word_end(text, pos + 1)


def _low_open(text: str, current: _Open) -> bool:
    """German-style quotations open low („) and close with “."""
    return text[current.start] == "„"


def _reopens(text: str, pos: int, mark: str) -> bool:
    if mark in _DOUBLE_OPEN:
        return True
    before, after = text[pos - 1 : pos], text[pos + len(mark) : pos + len(mark) + 1]
    return mark in _DOUBLE_EITHER and before.isspace() and after.isalnum()


def _at_word_end(text: str, pos: int) -> bool:
    after = text[pos : pos + 1]
    return not after or not after.isalnum()


def _paragraph_ends(text: str, pos: int) -> bool:
    """A line break ends a paragraph when a blank line follows, or when the line ends
    like a sentence; a line wrapped mid-sentence (PDF text) does not."""
    if text[pos + 1 : pos + 2] in ("\n", "\r") or text[pos + 1 : pos + 3].strip() == "":
        return True
    before = text[:pos].rstrip()
    return bool(before) and before[-1] in _LINE_END


def _continuation(text: str, pos: int, double: bool) -> int | None:
    """Offset after the opening mark of the next paragraph if it continues the quote."""
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    for mark in ("``", "''", *_OPENERS):
        if text.startswith(mark, i) and (mark in _SINGLE_OPEN or mark == "'") != double:
            return i + len(mark)
    return None


def _trim_end(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def is_quote_mark(char: str) -> bool:
    return char in _QUOTE_CHARS


def paragraph_breaks(text: str) -> list[int]:
    """Offsets of the line breaks that end a paragraph, in order."""
    return [m.start() for m in re.finditer("\n", text) if _paragraph_ends(text, m.start())]


def clip_to_paragraph(span: tuple[int, int], at: int, breaks: list[int]) -> tuple[int, int]:
    """`span` cut to the paragraph that holds offset `at`: the parser's sentences can
    run over a paragraph break, an attribution's own words do not."""
    n = bisect_left(breaks, at)
    start = breaks[n - 1] + 1 if n else 0
    end = breaks[n] if n < len(breaks) else span[1]
    return max(span[0], start), min(span[1], end)


def strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    return start, _trim_end(text, end)


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string on every access; keep it once per Doc."""
    text = doc.user_data.get("claimgraph.text")
    if not isinstance(text, str):
        text = doc.user_data["claimgraph.text"] = doc.text
    return text
