"""Use case: search a case's sources for words, with a snippet of each hit's text.

Hits carry plain text and the offsets of what matched, never markup: a page escapes
each piece and wraps the matched ones in <mark> itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.errors import InvalidInput, NotFound
from claimgraph.services.ledger import Ledger
from claimgraph.store import search_queries as sq
from claimgraph.store.search_queries import WORD, Term, fold

MAX_QUERY_CHARS = sq.MAX_QUERY_CHARS
SNIPPET_CHARS = 240
LEAD_CHARS = 70  # of context before the first match
SCAN_CHARS = 200_000  # a match further into a long text leaves its snippet at the start
MAX_OFFSET = 10_000  # deeper pages cost the engine more than anyone reads

Mark = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    start: int  # where `text` begins in the source's text
    marks: tuple[Mark, ...]  # matched words, as offsets into `text`
    cut_before: bool
    cut_after: bool

    def pieces(self) -> list[tuple[str, bool]]:
        return pieces(self.text, self.marks)


@dataclass(frozen=True, slots=True)
class SearchHit:
    source_id: str
    title: str | None
    title_marks: tuple[Mark, ...]
    publisher: str | None
    published: str | None
    filename: str | None
    snippet: Snippet
    rank: float  # higher is better; compare within one search only

    def title_pieces(self) -> list[tuple[str, bool]]:
        return pieces(self.title or "", self.title_marks)


@dataclass(frozen=True, slots=True)
class SearchPage:
    terms: tuple[Term, ...]
    hits: list[SearchHit]
    offset: int
    next: str | None  # the cursor of the next page, if there is one


def search(
    ledger: Ledger, case: str, query: str, *, limit: int = 20, cursor: str | None = None
) -> SearchPage:
    """The case's sources that hold every term of `query`, best first."""
    terms = sq.parse_query(query)
    offset = _offset(cursor)
    if not ledger.store.case_exists(case):
        raise NotFound("no such case", subject=case)
    with ledger.store.read() as conn:
        ranked = sq.matching_sources(conn, case, terms, limit=limit + 1, offset=offset)
        found = sq.searched_sources(conn, [sid for sid, _ in ranked[:limit]])
    hits = [_hit(found[sid], rank, terms) for sid, rank in ranked[:limit]]
    more = len(ranked) > limit and offset + limit <= MAX_OFFSET
    return SearchPage(terms, hits, offset, str(offset + limit) if more else None)


def _offset(cursor: str | None) -> int:
    """The cursor is the next page's offset, opaque to clients."""
    if cursor is None or cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or int(cursor) > MAX_OFFSET:
        raise InvalidInput("not a cursor this search gave out", subject="cursor")
    return int(cursor)


def _hit(s: sq.SearchedSource, rank: float, terms: Sequence[Term]) -> SearchHit:
    title_marks = tuple(find_marks(s.title, terms)) if s.title else ()
    return SearchHit(s.id, s.title, title_marks, s.publisher, s.published, s.filename,
                     snippet(s.text, terms), rank)  # fmt: skip


def find_marks(text: str, terms: Sequence[Term], *, stop: int | None = None) -> list[Mark]:
    """Where the terms occur in `text` (whole words; phrases as one span), in order,
    overlaps merged. With `stop`, only words that start before it."""
    end = len(text) if stop is None else min(stop, len(text))
    found = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text, 0, end)]
    keys = [key for _, _, key in found]
    spans = []
    for i, key in enumerate(keys):
        for term in sq.wanted(terms):
            n = len(term.words)
            if _starts(term, 0, key) and _matches(term, keys[i : i + n]):
                spans.append((found[i][0], found[i + n - 1][1]))
    return _merge(sorted(spans))


def _starts(term: Term, i: int, key: str) -> bool:
    """Whether `key` can be the term's i-th word (the last may be a prefix)."""
    word = term.words[i]
    last = i == len(term.words) - 1
    return key.startswith(word) if term.prefix and last else key == word


def _matches(term: Term, keys: list[str]) -> bool:
    n = len(term.words)
    return len(keys) == n and all(_starts(term, i, k) for i, k in enumerate(keys))


def _merge(spans: list[Mark]) -> list[Mark]:
    out: list[Mark] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def snippet(text: str, terms: Sequence[Term]) -> Snippet:
    """About SNIPPET_CHARS of `text` around its first match, cut at spaces."""
    marks = find_marks(text, terms, stop=SCAN_CHARS)
    first = marks[0] if marks else (0, 0)
    start = 0 if first[0] <= LEAD_CHARS else _after_space(text, first[0] - LEAD_CHARS, first[0])
    end = max(start + SNIPPET_CHARS, first[1])
    if end < len(text):
        end = max(_before_space(text, end, first[1]), first[1])
    end = min(end, len(text))
    inside = tuple((max(s, start) - start, min(e, end) - start)
                   for s, e in marks if s < end and e > start)  # fmt: skip
    return Snippet(text[start:end], start, inside, start > 0, end < len(text))


def _after_space(text: str, at: int, limit: int) -> int:
    space = text.find(" ", at, limit)
    return space + 1 if space >= 0 else at


def _before_space(text: str, at: int, floor: int) -> int:
    space = text.rfind(" ", floor, at)
    return space if space >= 0 else at


def pieces(text: str, marks: Sequence[Mark]) -> list[tuple[str, bool]]:
    """`text` as (piece, matched) in order: what a page escapes and marks up."""
    out, at = [], 0
    for start, end in marks:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out
