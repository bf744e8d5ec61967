"""Turning the attributions found in one pass into records: each content kept inside
its cue's paragraph, "citing Y" given the content of the cue it names the origin of,
speakers named, the document's own outlet left out, and relays ("told the Evening
Star") and origins ranked among links of equal reach."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.addressees import relays
from claimgraph.extract.chains import (
    Dateline,
    Ranked,
    after_dateline,
    in_dateline,
    nesting_key,
    publisher_key,
)
from claimgraph.extract.cues import Found, source_span
from claimgraph.extract.quotes import clip_to_paragraph, doc_text, strip_span
from claimgraph.extract.registry import Registry
from claimgraph.extract.speakers import build_speaker
from claimgraph.extract.types import Attribution, Speaker
from claimgraph.model import ActorKind


def skip_datelines(found: list[Found], lines: list[Dateline]) -> None:
    """A source the parser found inside a dateline is the phrase after its dash."""
    for f in found:
        if f.source is not None and in_dateline(f.source.idx, lines):
            verb = f.source.doc[f.head]
            f.source = after_dateline(f.source, lines, verb)
            f.source_span = source_span(f.source) if f.source is not None else None


def clip(doc: Doc, found: list[Found], breaks: list[int]) -> None:
    """Keep each attribution's source and content inside the paragraph of its cue."""
    text = doc_text(doc)
    for f in found:
        at = doc[f.cue[0]].idx
        # "TAPPER:" may stand alone above its words; "The figure came from X" may point
        # back to a figure in the paragraph before
        label = doc[f.cue[0]].text == ":" or f.earlier
        pieces = (
            strip_span(text, clip_to_paragraph(p, p[0] if label else at, breaks)) for p in f.content
        )
        f.content = [(a, b) for a, b in pieces if b > a and _wordy(text[a:b])]
        if f.source_span is not None:
            a, b = strip_span(text, clip_to_paragraph(f.source_span, at, breaks))
            f.source_span = (a, b) if b > a and _wordy(text[a:b]) else None


def _wordy(text: str) -> bool:
    return any(c.isalnum() for c in text)


def fill_sourcing(doc: Doc, found: list[Found]) -> None:
    """Give "citing Y" the content of the attribution it names the origin of: the
    nearest cue above it ("X, citing Y, reported that ..."), or the attribution whose
    source it describes ("According to X, which cited Y, ...")."""
    by_head = {f.head: f for f in found}
    by_source = {f.source.i: f for f in found if f.source is not None}
    for f in found:
        if f.sourcing is None:
            continue
        token = doc[f.sourcing]
        outer = by_source.get(token.head.i) if token.dep_ == "relcl" else None
        while outer is None and token.head.i != token.i:
            token = token.head
            outer = by_head.get(token.i)
        if outer is not None and outer is not f:
            phrase = doc[f.sourcing].left_edge.idx, doc[f.sourcing].right_edge.idx
            outer.content = [_after(doc, piece, phrase) for piece in outer.content]
            f.content = list(outer.content)


def _after(doc: Doc, piece: tuple[int, int], phrase: tuple[int, int]) -> tuple[int, int]:
    """A content that opens with the "citing Y," phrase starts after it."""
    inside = piece[0] <= phrase[0] < phrase[1] < piece[1]
    if not inside or doc_text(doc)[piece[0] : phrase[0]].strip():
        return piece
    rest = doc.char_span(phrase[1], piece[1], alignment_mode="expand")
    if rest is None:
        return piece
    words = [t for t in rest[1:] if not (t.is_punct or t.is_space)]
    return (words[0].idx, piece[1]) if words else piece


def records(
    doc: Doc,
    found: list[Found],
    registry: Registry,
    own: set[str | None],
    quotations: frozenset[tuple[int, int]],
) -> list[Attribution]:
    text = doc_text(doc)
    named: list[tuple[Found, Speaker | None]] = []
    for f in sorted(found, key=lambda f: f.cue):
        if not f.content:
            continue
        speaker = f.speaker
        if speaker is None and f.source is not None:
            speaker = build_speaker(f.source, registry)
            if speaker is not None:
                registry.said(f.source.idx, f.source, speaker)
        if speaker is not None and publisher_key(speaker.name) in own:
            continue  # the document's own outlet asserts this: no attribution
        named.append((f, speaker))
    records: list[Attribution] = []
    made: list[tuple[Found, list[Attribution]]] = []
    for f, speaker in _own_body(doc, text, named):
        first_record = len(records)
        if f.head >= 0:
            first, last = doc[f.cue[0]], doc[f.cue[1] - 1]
            cue_span = (first.idx, last.idx + len(last))
        else:
            cue_span = (f.content[-1][1] - 1, f.content[-1][1])
        cue = f.cue_text or text[cue_span[0] : cue_span[1]]
        links = relays(f.relay, registry, own) if f.relay is not None else []
        for start, end in f.content:
            if not _wordy(text[start:end]):
                continue
            quoted = (start, end) in quotations
            args = (cue, cue_span, f.source_span, (start, end))
            if f.rank:
                records.append(Ranked(*args, speaker, quoted, rank=f.rank))
            else:
                records.append(Attribution(*args, speaker, quoted))
            for n, link in enumerate(links):  # outermost first: the outlet, then its stringer
                rank = n - len(links)
                records.append(Ranked(*args[:2], None, (start, end), link, quoted, rank=rank))
        made.append((f, records[first_record:]))
    records.extend(_carried(doc, made, records))
    records.sort(key=lambda a: (a.content_span[0], a.cue_span[0]))
    return records


_CARRIERS = frozenset({"he", "she", "they"})


def _carried(
    doc: Doc, made: list[tuple[Found, list[Attribution]]], records: list[Attribution]
) -> list[Attribution]:
    """ "Velmora Radio quoted the governor, Arvid Soll, as saying that 63 people had been
    abducted. He said 9 of them were still missing.": "he" goes on speaking through the
    links that carried his words in the sentence before (Velmora Radio), unless he now
    speaks to someone else ("He told Northern Wire …")."""
    out: list[Attribution] = []
    for n, (f, own) in enumerate(made):
        source = f.source
        if source is None or source.lower_ not in _CARRIERS or f.relay is not None or not own:
            continue
        speaker = own[0].speaker
        before = doc[f.head].sent.start - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if speaker is None or before < 0:
            continue
        sent = doc[before].sent
        earlier = [
            r
            for _, rs in made[:n]
            for r in rs
            if r.speaker == speaker and sent.start_char <= r.cue_span[0] < sent.end_char
        ]
        if not earlier:
            continue
        outer = _outer_links(earlier[-1], records, speaker)
        for r in own:
            for k, link in enumerate(outer):
                span = (r.cue, r.cue_span, None, r.content_span)
                out.append(Ranked(*span, link.speaker, r.quoted, rank=k - len(outer) - 1))
    return out


def _outer_links(said: Attribution, records: list[Attribution], who: Speaker) -> list[Attribution]:
    """The attributions around `said` whose speakers carried it, outermost first."""
    start, end = said.content_span
    holding = sorted(
        (a for a in records if a.content_span[0] <= start and end <= a.content_span[1]),
        key=nesting_key,
    )
    place = next((k for k, a in enumerate(holding) if a is said), 0)
    return [a for a in holding[:place] if a.speaker is not None and a.speaker != who]


def _own_body(
    doc: Doc, text: str, named: list[tuple[Found, Speaker | None]]
) -> list[tuple[Found, Speaker | None]]:
    """ "Lantern Watch's director, Thea Morrow, said the group had documented 300": a
    person who speaks for their own organisation is the one who asserts its findings."""
    out = list(named)
    for n, (inner, body) in enumerate(named):
        if body is None or body.kind is ActorKind.PERSON or inner.head < 0:
            continue
        at = doc[inner.head].idx
        for outer, person in named:
            if person is None or person.kind is not ActorKind.PERSON or outer.source_span is None:
                continue
            holds = any(a <= at < b for a, b in outer.content)
            phrase = text[outer.source_span[0] : outer.source_span[1]]
            if holds and body.name in phrase:
                out[n] = (inner, person)
                break
    return out
