"""The extraction stage: text (+ metadata) -> Claims. Pure: no database, no files.

Text is cut at paragraph boundaries into chunks parsed one at a time through spaCy's
`pipe`, so a 50 MB text never becomes one giant Doc and memory stays bounded."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from claimgraph.extract.attribution import attributed_at, find_attributions
from claimgraph.extract.chains import Ranked
from claimgraph.extract.dates import claim_date
from claimgraph.extract.quantities import find_quantities
from claimgraph.extract.stance import stance_of
from claimgraph.extract.types import Attributed, Attribution, FoundQuantity, Speaker
from claimgraph.model import Actor, Claim, Quantity, Stance, content_id

EXTRACTOR = "rules/cg1"
CHUNK_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Meta:
    source_id: str = ""
    published: str | None = None
    publisher: str | None = None


def extract_claims(
    text: str,
    nlp: Any,
    *,
    source_id: str = "",
    published: str | None = None,
    publisher: str | None = None,
    date_parser: Any = None,
) -> list[Claim]:
    """Every attributed figure and statement in `text`, in text order."""
    meta = Meta(source_id, published, publisher)
    return extract_many([(text, meta)], nlp, date_parser=date_parser)[0]


def extract_many(
    items: list[tuple[str, Meta]], nlp: Any, *, n_process: int = 1, date_parser: Any = None
) -> list[list[Claim]]:
    """Claims of several texts at once. With `n_process` > 1 spaCy parses in worker
    processes; our layers run here, on the parsed Docs, in order."""
    parse_date = date_parser or _dateparser()
    pieces = [
        (i, offset, chunk)
        for i, (text, _) in enumerate(items)
        for offset, chunk in chunk_text(text)
    ]
    out: list[list[Claim]] = [[] for _ in items]
    docs = nlp.pipe((c for _, _, c in pieces), batch_size=8, n_process=n_process)
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        out[i].extend(_guarded(doc, offset, items[i][1], parse_date))
    return out


def _guarded(doc: Doc, offset: int, meta: Meta, parse_date: Any) -> list[Claim]:
    """A defect in one rule must not cost the document: the chunk it broke on gives no
    claims, the rest do, and the failure is logged with where it happened."""
    try:
        return list(_claims_of(doc, offset, meta, parse_date))
    except Exception:  # any rule defect: reported below, with where it happened
        where = f"{meta.source_id or 'text'} at character {offset}"
        logging.getLogger("claimgraph.extract").exception("extraction rule failed in %s", where)
        return []


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most ~`limit` chars, cut at paragraph ends."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        if text[start:end].strip():
            yield start, text[start:end]
        start = end


def _claims_of(doc: Doc, offset: int, meta: Meta, parse_date: Any) -> Iterator[Claim]:
    attributions = find_attributions(doc, meta.publisher)
    sents = _Sentences(doc)
    covered: set[int] = set()
    for sent in sents.spans:
        for q in find_quantities(sent):
            who = attributed_at(attributions, q.start, q.end)
            covered.update(i for i, a in enumerate(attributions) if _inside(q, a))
            yield _quantity_claim(sent, q, who, offset, meta, parse_date)
    for i, a in enumerate(attributions):
        # A relay ("told the Evening Star") only adds a link to a speaker's own record.
        if i not in covered and not (isinstance(a, Ranked) and a.rank < 0):
            yield _statement_claim(doc, sents, a, attributions, offset, meta, parse_date)


class _Sentences:
    """The Doc's sentences computed once, found by character offset in log time."""

    def __init__(self, doc: Doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [s.start_char for s in self.spans]

    def at(self, char: int) -> Span:
        return self.spans[max(0, bisect_right(self.starts, char) - 1)]


def _inside(q: FoundQuantity, a: Attribution) -> bool:
    return a.content_span[0] <= q.start and q.end <= a.content_span[1]


def _quantity_claim(
    sent: Span, q: FoundQuantity, who: Attributed, offset: int, meta: Meta, parse_date: Any
) -> Claim:
    sentence = sent.text.rstrip()
    span = (offset + sent.start_char, offset + sent.start_char + len(sentence))
    quantity = Quantity(q.low, q.high, q.qualifier, q.counts, q.subject, q.text)
    stance = stance_of(sent, q.start, q.end, q.anchor, who.cue)
    return Claim(
        id=content_id("clm", meta.source_id, "quantity", span, q.start + offset, q.text),
        source_id=meta.source_id,
        kind="quantity",
        span=span,
        sentence=sentence,
        stance=stance,
        claimant=actor_of(who.claimant),
        chain=who.chain,
        quantity=quantity,
        date=claim_date(sent, q.anchor, meta.published, parse_date),
    )


def _statement_claim(
    doc: Doc,
    sents: _Sentences,
    a: Attribution,
    all_: list[Attribution],
    offset: int,
    meta: Meta,
    parse_date: Any,
) -> Claim:
    start, end = a.content_span
    sent = sents.at(start)
    s_start, s_end = sent.start_char, sents.at(max(start, end - 1)).end_char
    s_end = s_start + len(doc.text[s_start:s_end].rstrip())
    who = attributed_at(all_, start, end)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    anchor = first.root.i if first is not None else sent.root.i
    stance = stance_of(sent, start, start, anchor, a.cue) if a.cue else Stance.ASSERTED
    return Claim(
        id=content_id("clm", meta.source_id, "statement", (offset + start, offset + end)),
        source_id=meta.source_id,
        kind="statement",
        span=(offset + start, offset + end),
        sentence=doc.text[s_start:s_end],
        stance=stance,
        claimant=actor_of(a.speaker) or actor_of(who.claimant),
        chain=who.chain,
        date=claim_date(sent, anchor, meta.published, parse_date),
    )


def actor_of(speaker: Speaker | None) -> Actor | None:
    if speaker is None:
        return None
    key = (speaker.kind.value, speaker.name.casefold())
    return Actor(
        id=content_id("act", *key), name=speaker.name, kind=speaker.kind, role=speaker.role
    )


def _dateparser() -> Any:
    import dateparser

    return dateparser.parse
