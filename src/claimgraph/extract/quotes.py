"""Direct quotations in running text: where each one opens and closes.

One left-to-right scan over the quote marks and line breaks of the text. Straight
marks are told apart from apostrophes and from each other by what stands on either
side; a quote left open at the end of a paragraph ends there, unless the next
paragraph opens with a quote mark, which by news convention continues the same quote."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimgraph.extract.cues import Found, source_span

_MARKS = re.compile(r"``|''|[\"“”„‟«»‘’']|\n")
_DOUBLE_OPEN = frozenset({"“", "„", "‟", "«", "``"})
_DOUBLE_CLOSE = frozenset({"”", "»"})
_DOUBLE_EITHER = frozenset({'"', "''"})
_SINGLE_OPEN = frozenset({"‘"})
_SINGLE_EITHER = frozenset({"'", "’"})
_OPENERS = _DOUBLE_OPEN | _DOUBLE_EITHER | _SINGLE_OPEN | frozenset({"'", "”"})
_LINE_END = frozenset('.!?:;"”’»)')
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’'`")
_DASHES = frozenset({"—", "–", "--", "-", "―"})
_SENTENCE_END = frozenset({".", "!", "?"})
_FRAME = 15  # tokens searched for a speaker on either side of a quotation


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
        elif _closes(text, pos, mark, current.double):
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


# --- tying quotations to their cues -----------------------------------------------


def attach_quotes(doc: Doc, quotes: list[Quote], found: list[Found]) -> None:
    """Give each quotation to the attribution it belongs to, in place: content that
    reaches into a quotation takes all of it; a quotation with no such content takes
    the open cue beside it ("…,” Orun said." / "Orun said: “…”"), a dash-tagged
    speaker ("“…” — the minister"), or continues the quotation before it."""
    covered = _widen(doc, quotes, found)
    by_head = {f.head: f for f in found}
    cue_starts = sorted(doc[f.cue[0]].idx for f in found)
    last: Found | None = None
    for n, quote in enumerate(quotes):
        if n in covered:
            last = _owner(found, quote) or last
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        after = quotes[n + 1].start if n + 1 < len(quotes) else len(doc.text)
        before = quotes[n - 1].end if n else 0
        owner = (
            _right_cue(doc, span, after, by_head)
            or _left_cue(doc, span, before, by_head)
            or _dash_speaker(doc, span, after, found)
            or _continued(doc, quote, span, last, cue_starts)
        )
        if owner is not None:
            owner.content.append((quote.start, quote.end))
            owner.takes_quote = False
            last = owner


def _widen(doc: Doc, quotes: list[Quote], found: list[Found]) -> set[int]:
    """Stretch content over every quotation it reaches into, unless the cue itself is
    inside that quotation (a speaker quoting someone else); returns the quotes covered."""
    starts = [q.start for q in quotes]
    covered: set[int] = set()
    for f in found:
        cue_at = doc[f.cue[0]].idx
        widened = []
        for start, end in f.content:
            n = bisect_left(starts, end) - 1
            while n >= 0 and quotes[n].end > start:
                q = quotes[n]
                if not q.start <= cue_at < q.end:
                    start, end = min(start, q.start), max(end, q.end)
                    covered.add(n)
                n -= 1
            if (start, end) not in widened:
                widened.append((start, end))
        f.content = widened
    return covered


def _owner(found: list[Found], quote: Quote) -> Found | None:
    for f in found:
        if any(s <= quote.start and quote.end <= e for s, e in f.content):
            return f
    return None


def _right_cue(doc: Doc, span: Span, limit: int, by_head: dict[int, Found]) -> Found | None:
    for token in doc[span.end : span.end + _FRAME]:
        if token.idx >= limit or "\n" in token.text:
            return None
        f = by_head.get(token.i)
        if f is not None and f.takes_quote:
            return f
        if token.text in _SENTENCE_END:
            return None
    return None


def _left_cue(doc: Doc, span: Span, limit: int, by_head: dict[int, Found]) -> Found | None:
    first = doc[span.start].sent.start
    for token in reversed(doc[max(first, span.start - _FRAME) : span.start]):
        if token.idx < limit or "\n" in token.text:
            return None
        f = by_head.get(token.i)
        if f is not None and (f.takes_quote or _only_quotes(doc, f)):
            return f
    return None


def _only_quotes(doc: Doc, f: Found) -> bool:
    text = doc.text
    return bool(f.content) and all(
        is_quote_mark(text[s]) and is_quote_mark(text[e - 1]) for s, e in f.content
    )


def _dash_speaker(doc: Doc, span: Span, limit: int, found: list[Found]) -> Found | None:
    """ "“…” — the minister": a dash after the quotation names who said it."""
    i = span.end
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or doc[i].text not in _DASHES:
        return None
    end = i + 1
    while end < len(doc) and end - i < _FRAME and doc[end].idx < limit:
        if "\n" in doc[end].text or doc[end].text in _SENTENCE_END:
            break
        end += 1
    if end == i + 1:
        return None
    root = doc[i + 1 : end].root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    f = Found(head=i, cue=(i, i + 1), source=root, source_span=source_span(root, end - 1))
    found.append(f)
    return f


def _continued(
    doc: Doc, quote: Quote, span: Span, last: Found | None, cue_starts: list[int]
) -> Found | None:
    """A quotation that opens a sentence right after another attributed quotation, with
    no other cue in between, goes on with the same speaker."""
    if last is None or not last.content or not _only_quotes(doc, last):
        return None
    if not (span[0].is_sent_start or doc.text[: quote.start].endswith("\n")):
        return None
    prev_end = max(e for _, e in last.content)
    own = doc[last.cue[0]].idx
    n = bisect_left(cue_starts, prev_end)
    if any(c != own for c in cue_starts[n : bisect_left(cue_starts, quote.start)]):
        return None
    if doc.text.count("\n\n", prev_end, quote.start) > 1 or quote.words(doc.text) < 3:
        return None
    return last
