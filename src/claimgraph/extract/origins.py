"""Sentences that name where a figure came from: "the figure came from the Northern
Wire", "the number came from a gravedigger: 61 bodies", "a gravedigger was the source of
the figure", "the source of the number was a local imam".

The figure is in the same sentence ("The figure of 477 dead that the Herald printed came
from …") or, when the sentence only points back to it ("The figure came from …"), in the
sentence just before (news paragraphs are often one sentence long). Pointing back is
read only where it is plain: a definite "the / this / that figure" and one figure in
that sentence ("these figures" may take several)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.cues import Found, char_span, source_span
from claimgraph.extract.quantities import find_quantities

_FIGURES = frozenset({"figure", "number", "toll", "count", "tally", "estimate", "total"})
_POINTING = frozenset({"the", "this", "that", "these", "those"})
_VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands", "millions"})


def named_origin(token: Token) -> Found | None:
    """The attribution that a "came from" or "was the source of" sentence makes."""
    lemma = token.lemma_.lower()
    if lemma == "come" and token.pos_ == "VERB":
        return _came_from(token)
    if lemma == "be":
        return _source_of(token)
    return None


def _came_from(verb: Token) -> Found | None:
    """ "the figure came from the Northern Wire", "the number came from a gravedigger:
    61 bodies": the figure is the content, the origin its source."""
    # Of two subjects (a dateline's place misread as one), the figure's.
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and _points(c)), None)
    frm = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    origin = _pobj(frm) if frm is not None else None
    if subject is None or origin is None or frm is None:
        return None
    doc = verb.doc
    first, last = subject.left_edge.i, subject.right_edge.i
    if verb.i <= last:  # "The figure ... that X printed came": the relative clause holds it
        last = verb.i - 1
    content = [char_span(doc, first, last)] if subject.lower_ != "it" else []
    colon = next((t for t in doc[origin.right_edge.i + 1 : verb.sent.end] if t.text == ":"), None)
    if colon is not None and colon.i + 1 < verb.sent.end:
        content.append(char_span(doc, colon.i + 1, verb.sent.end - 1))
    elif not _has_number(doc[first : last + 1]):
        # "… 61 people were buried. The figure came from …": the figure before, if plain
        earlier = _figures_before(subject, verb)
        if earlier:
            return _found(verb, (verb.i, frm.i + 1), origin, earlier, earlier=True)
    return _found(verb, (verb.i, frm.i + 1), origin, content)


def _points(subject: Token) -> bool:
    return subject.lemma_.lower() in _FIGURES or subject.lower_ == "it"


def _source_of(be: Token) -> Found | None:
    """ "A gravedigger was the source of the figure", "The source of the number was a
    local imam"."""
    subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
    attr = next((c for c in be.children if c.dep_ == "attr"), None)
    if subject is None or attr is None:
        return None
    source, origin = (attr, subject) if attr.lemma_.lower() == "source" else (subject, attr)
    if source.lemma_.lower() != "source" or origin.pos_ not in ("NOUN", "PROPN"):
        return None
    of = next((c for c in source.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    figure = _pobj(of) if of is not None else None
    if figure is None or figure.lemma_.lower() not in _FIGURES:
        return None
    doc = be.doc
    earlier = not _has_number(doc[figure.left_edge.i : figure.right_edge.i + 1])
    if earlier:
        content = _figures_before(figure, be)
    else:
        content = [char_span(doc, figure.left_edge.i, figure.right_edge.i)]
    found = _found(be, (source.i, source.i + 1), origin, content, earlier)
    if found is not None:
        found.cue_text = "according to"  # a link that only names where the figure came from
    return found


def _found(
    head: Token,
    cue: tuple[int, int],
    origin: Token,
    content: list[tuple[int, int]],
    earlier: bool = False,
) -> Found | None:
    if not content:
        return None
    return Found(
        head=head.i,
        cue=cue,
        source=origin,
        source_span=source_span(origin),
        content=content,
        takes_quote=False,
        rank=1,
        earlier=earlier,
    )


def _figures_before(noun: Token, verb: Token) -> list[tuple[int, int]]:
    """The figures of the sentence just before that "the figure" points back to: one for
    a singular noun, any number for "these figures"."""
    if not any(c.dep_ == "det" and c.lower_ in _POINTING for c in noun.lefts):
        return []  # "a figure", "the Herald's figure": not a pointer to the figure before
    if verb.dep_ != "ROOT":
        return []  # "Orun said the figure came from …": a claim inside someone's words
    doc = noun.doc
    k = noun.sent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return []
    figures = find_quantities(doc[k].sent)
    if not figures or (len(figures) > 1 and noun.tag_ != "NNS"):
        return []
    return [(q.start, q.end) for q in figures]


def _has_number(words: Span) -> bool:
    return any(t.like_num or t.lower_ in _VAGUE for t in words)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)
