"""Direct quotations in running text: where each one opens and closes.

One left-to-right scan over the quote marks and line breaks of the text. Straight
marks are told apart from apostrophes and from each other by what stands on either
side; a quote left open at the end of a paragraph ends there, unless the next
paragraph opens with a quote mark, which by news convention continues the same quote."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.actorwords import kind_of_words
from claimgraph.extract.cues import Found, char_span, source_span
from claimgraph.extract.speakers import is_person_noun

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
        after = quotes[n + 1].start if n + 1 < len(quotes) else len(doc_text(doc))
        before = quotes[n - 1].end if n else 0
        owner = (
            _right_cue(doc, span, after, by_head)
            or _left_cue(doc, span, before, by_head)
            or _dash_speaker(doc, span, after, found)
            or _continued(doc, quote, span, last, cue_starts)
            or _introducing_verb(doc, span, before, found)
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
    # Up to the end of the sentence: "“…,” Trump, the front-runner in a long list of
    # polls, said." may hold the cue far from the quotation.
    for token in doc[span.end : span.end + 3 * _FRAME]:
        if token.idx >= limit or "\n" in token.text:
            return None
        f = by_head.get(token.i)
        if f is not None and f.takes_quote:
            return f
        if token.text in _SENTENCE_END:
            return None
    return None


def _left_cue(doc: Doc, span: Span, limit: int, by_head: dict[int, Found]) -> Found | None:
    for token in _left_frame(doc, span, limit):
        f = by_head.get(token.i)
        if f is not None and (f.takes_quote or _only_quotes(doc, f)):
            return f
    return None


def _left_frame(doc: Doc, span: Span, limit: int) -> list[Token]:
    """The words before a quotation, back to the previous sentence or quotation; a
    paragraph that ends with a colon ("Dr. Ward stated:") still introduces the next."""
    frame: list[Token] = []
    crossed = False
    for token in reversed(doc[max(0, span.start - _FRAME) : span.start]):
        if token.idx < limit or (token.text in _SENTENCE_END and frame):
            break
        if "\n" in token.text:
            before = doc[token.i - 1] if token.i else token
            if crossed or before.text != ":" or frame:
                break
            crossed = True
            continue
        frame.append(token)
    return frame


def _introducing_verb(doc: Doc, span: Span, limit: int, found: list[Found]) -> Found | None:
    """ "Trump leaned in and boomed: “…”" or "Clinton cracked, “…”": any verb with a
    subject that a colon or comma joins to a quotation introduces it."""
    frame = _left_frame(doc, span, limit)
    if not frame or frame[0].text not in (":", ","):
        return None
    mark = frame[0]
    verb = mark.head if mark.text == ":" else doc[mark.i - 1]
    if verb.i >= mark.i or verb.pos_ != "VERB" or verb not in frame:
        return None
    source = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if source is None or source.i >= verb.i:
        return None
    end = mark.i + 1 if mark.text == ":" and mark.i == verb.i + 1 else verb.i + 1
    f = Found(head=verb.i, cue=(verb.i, end), source=source, source_span=source_span(source))
    found.append(f)
    return f


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string on every access; keep it once per Doc."""
    text = doc.user_data.get("claimgraph.text")
    if not isinstance(text, str):
        text = doc.user_data["claimgraph.text"] = doc.text
    return text


def _only_quotes(doc: Doc, f: Found) -> bool:
    text = doc_text(doc)
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
    if not (span[0].is_sent_start or doc_text(doc)[: quote.start].endswith("\n")):
        return None
    # Cues in the speaker's own sentence ("said Amy Deace, who noted ...") do not count.
    prev_end = max(max(e for _, e in last.content), doc[last.cue[0]].sent.end_char)
    own = doc[last.cue[0]].idx
    n = bisect_left(cue_starts, prev_end)
    if any(c != own for c in cue_starts[n : bisect_left(cue_starts, quote.start)]):
        return None
    if doc_text(doc).count("\n\n", prev_end, quote.start) > 1 or quote.words(doc_text(doc)) < 3:
        return None
    return last


# --- "Speaker: words" labels ---------------------------------------------------


_COLON_SOURCE = 7  # the most words a "Speaker:" label takes
# Labels before a colon that introduce something other than a speaker's words.
_NOT_SPEAKERS = frozenset(
    {"note", "update", "correction", "editor", "photo", "photos", "video", "related", "watch",
     "read", "listen", "caption", "credit", "credits", "warning", "disclosure", "contact",
     "email", "phone", "address", "date", "time", "location", "subject", "question",
     "answer", "example", "reason", "result", "results", "summary", "background", "context",
     "analysis", "exclusive", "breaking", "live", "latest", "more", "also", "plus", "tip",
     "verdict", "score", "status", "topic", "issue", "problem", "step", "rule", "lesson",
     "source", "sources", "image", "images", "file", "map", "chart", "graphic", "table",
     "figure", "fig", "page", "part", "chapter", "section", "day", "week", "year", "list",
     "editors", "advertisement", "sponsored", "transcript", "q", "a"}
)  # fmt: skip


def colon_cue(colon: Token) -> Found | None:
    """Headline and transcript style: "Ministry: 40 killed in strike", "TAPPER: And ..."."""
    doc = colon.doc
    start = colon.i
    while start > colon.sent.start and colon.i - start < _COLON_SOURCE:
        before = doc[start - 1]
        if "\n" in before.text or before.text in _DASHES:
            break
        start -= 1
    words = doc[start : colon.i]
    if not 0 < len(words) < _COLON_SOURCE or colon.i + 2 >= len(doc):
        return None
    end = next((t.i for t in words if t.pos_ == "ADP" or t.lower_ == "to"), colon.i)
    if end == start or any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in words):
        return None
    head = doc[end - 1]
    if not _speaker_like(head) or not (words[0].is_title or words[0].is_upper):
        return None
    first = colon.i + 1
    while first < len(doc) - 1 and doc[first].is_space:
        first += 1
    if doc[first].like_num and head.tag_ == "NNS":
        return None  # "Refugees: 12,750": a field of a list, not a speaker's words
    last = doc[first].sent.end - 1  # a headline label may stand as a sentence of its own
    if first >= last or sum(t.is_alpha for t in doc[first : last + 1]) < 2:
        return None  # "Hillary Clinton: 1,769." is a tally, not a statement
    return Found(
        head=colon.i,
        cue=(colon.i, colon.i + 1),
        source=head,
        source_span=char_span(doc, start, end - 1),
        content=[char_span(doc, first, last)],
        takes_quote=False,
    )


def _speaker_like(head: Token) -> bool:
    if len(head.text) < 2 or head.lower_ in _NOT_SPEAKERS:
        return False
    return head.pos_ == "PROPN" or is_person_noun(head) or kind_of_words([head.text]) is not None
