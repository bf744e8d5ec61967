"""Tying each direct quotation to the attribution it belongs to: the cue beside it
("…,” Orun said." / "Orun said: “…”"), a dash-tagged speaker ("“…” — the minister"), a
verb that introduces it, or the quotation before it that it goes on from."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.cues import Found, source_span
from claimgraph.extract.quotes import Quote, doc_text, is_quote_mark

_DASHES = frozenset({"—", "–", "--", "-", "―"})
_SENTENCE_END = frozenset({".", "!", "?"})
_FRAME = 15  # tokens searched for a speaker on either side of a quotation


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
            or _after_reported(doc, quote, span, found)
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


def _only_quotes(doc: Doc, f: Found) -> bool:
    return bool(f.content) and all(_quoted(doc, piece) for piece in f.content)


def _quoted(doc: Doc, piece: tuple[int, int]) -> bool:
    text = doc_text(doc)
    return is_quote_mark(text[piece[0]]) and is_quote_mark(text[piece[1] - 1])


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
    if last is None or not last.content or not _quoted(doc, last.content[-1]):
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


def _after_reported(doc: Doc, quote: Quote, span: Span, found: list[Found]) -> Found | None:
    """'Dorin said the first shell landed near the fish stalls. “I did not see who
    fired …”': by news convention a quotation that opens the sentence or paragraph right
    after a speaker's reported words, with no cue of its own, goes on with that speaker."""
    text = doc_text(doc)
    if not (span[0].is_sent_start or text[: quote.start].endswith("\n")):
        return None
    k = span.start - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in _SENTENCE_END):
        k -= 1
    if k < 0 or quote.words(text) < 3:
        return None
    before = doc[k].sent
    if text[before.end_char : quote.start].strip(" \n\r\t.!?"):
        return None
    said = [
        f
        for f in found
        if before.start <= f.head < before.end
        and f.source is not None
        and f.sourcing is None
        and f.rank == 0
        and doc[f.head].pos_ == "VERB"
        and f.content
        and not _only_quotes(doc, f)
    ]
    # Of several cues in that sentence ("X said Y had claimed …") the outermost speaks.
    return min(said, key=lambda f: (-sum(e - s for s, e in f.content), f.head), default=None)
