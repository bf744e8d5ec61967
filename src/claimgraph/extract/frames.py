"""Cues outside the verb: "according to X", "per X", "in X's words", "by X's own count",
"the ministry's figure of 477", "the information of the opposition about 300 arrested".
Each one names a source and the clause or phrase it covers."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.actorwords import kind_of_words
from claimgraph.extract.cues import (
    FRAME_NOUNS,
    NOUN_CUES,
    Found,
    char_span,
    has_words,
    source_span,
    without_tail,
)
from claimgraph.extract.nounphrases import is_person_noun


def according_cue(token: Token) -> Found | None:
    to = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if to is None or to.lower_ != "to":
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    source = source or next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase = (token.i, max(token.right_edge.i, source.right_edge.i))
    source = _behind(source)
    return Found(
        head=token.i,
        cue=(token.i, to.i + 1),
        source=source,
        source_span=source_span(source) if source is not None else None,
        content=around(token, phrase),
        takes_quote=False,
    )


def _behind(source: Token) -> Token:
    """ "according to estimates by the Mission", "the data of the headquarters": the one
    whose estimates or data they are."""
    if source.lower_ not in _OF_SOURCED:
        return source
    for prep in source.rights:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.lower_ in ("by", "of", "from") and pobj is not None and actor_like(pobj):
            return pobj
    return source


def noun_cue(noun: Token) -> Found | None:
    """ "the ministry's figure of 477", "the claim by rebels that ...", "in X's words"."""
    by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None and by is not None:
        source = next((c for c in by.children if c.dep_ == "pobj"), None)
    if source is None and noun.lower_ in _OF_SOURCED:  # "the information of the ministry"
        by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if source is not None and not actor_like(source):
            source = by = None
    if source is None:
        return None
    if noun.lower_ in FRAME_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by"):
        content = around(noun, (noun.head.i, noun.right_edge.i))
    elif noun.lower_ not in NOUN_CUES:
        return None
    else:
        content = noun_content(noun, by)
    if not content:
        return None
    return Found(
        head=noun.i,
        cue=(noun.i, noun.i + 1),
        source=source,
        source_span=source_span(source) if source is not None else None,
        content=content,
        takes_quote=False,
    )


_OF_SOURCED = frozenset(
    {"opinion", "words", "view", "information", "data", "estimate", "estimates", "claim",
     "claims", "figures", "account", "testimony", "assessment", "calculations", "version"}
)  # fmt: skip


def actor_like(token: Token) -> bool:
    """A noun that can name someone who speaks: a name, a person, a body."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return is_person_noun(token) or kind_of_words([token.lower_]) is not None


def noun_content(noun: Token, by: Token | None = None) -> list[tuple[int, int]]:
    """ "the ministry's figure of 477 deaths", "his claim that ...", "her view is that"."""
    doc = noun.doc
    rights = [
        c
        for c in noun.rights
        if c.dep_ in ("prep", "acl", "ccomp", "relcl", "appos") and (by is None or c.i != by.i)
    ]
    if rights:
        first = rights[0].left_edge.i
        if rights[0].lower_ == "of" and rights[0].i == noun.i + 1:
            first = noun.i  # "the group's estimate of 90": the figure is the estimate
        last = by.i - 1 if by is not None and by.i > first else noun.right_edge.i
        # "…'s figure of 3,000, a number that officials call a fantasy": not the figure's
        return [char_span(doc, first, without_tail(doc, first, last))]
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        for child in head.rights:
            if child.dep_ in ("attr", "ccomp", "acomp", "xcomp"):
                return [char_span(doc, child.left_edge.i, child.right_edge.i)]
    return []


def around(token: Token, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause a sourcing phrase sits in, without the phrase: before and after it."""
    clause = token.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ == "conj" and token.i > clause.i:  # "A, and B, according to X"
        clause = clause.head
    doc = token.doc
    pieces = [(clause.left_edge.i, phrase[0] - 1), (phrase[1] + 1, clause.right_edge.i)]
    return [char_span(doc, a, b) for a, b in pieces if b >= a and has_words(doc, a, b)]


def per_cue(token: Token) -> Found | None:
    """ "Per the words of the refugees, ...": like "according to"."""
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or not (actor_like(source) or source.lower_ in ("words", "account")):
        return None
    content = around(token, (token.i, token.right_edge.i))
    if not content:
        return None
    return Found(
        head=token.i,
        cue=(token.i, token.i + 1),
        source=source,
        source_span=source_span(source),
        content=content,
        takes_quote=False,
        cue_text="according to",
    )
