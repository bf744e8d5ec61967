"""How firmly a figure is put: asserted, hedged, disputed, denied or negated.

Decided from the words around the figure in its own sentence and from the cue that
attributes it. Markers count only when the parse ties them to the figure's clause, so
"X said 50 died and denied that soldiers fired" does not turn the 50 into a denial."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimgraph.model import Stance

NEGATORS = frozenset({"not", "no", "never", "n't", "neither", "nor", "without"})
DENY_CUES = frozenset({"deny", "reject", "refute", "dismiss", "rebut", "contradict"})
HEDGE_CUES = frozenset({"claim", "allege", "purport", "rumour", "rumor", "speculate"})
HEDGE_WORDS = frozenset(
    {
        "reportedly", "allegedly", "purportedly", "supposedly", "unconfirmed", "unverified",
        "alleged", "claimed", "purported", "rumoured", "rumored", "apparently", "possibly",
        "unsubstantiated", "uncorroborated",
    }
)  # fmt: skip
HEDGE_PHRASES = re.compile(
    r"\b(could not|cannot|can ?not|couldn't|can't|has not been|have not been|was not|were not)"
    r"\s+(be\s+)?(independently\s+)?(verified|confirmed|corroborated)"
    r"|\bnot (been )?(independently )?(verified|confirmed)"
    r"|\bis said to\b|\bare said to\b|\bit is claimed\b|\bthere were reports\b",
    re.IGNORECASE,
)
DISPUTE_WORDS = frozenset(
    {
        "inflated", "exaggerated", "exaggeration", "overstated", "fabricated", "false", "untrue",
        "baseless", "bogus", "lie", "lies", "propaganda", "disputed", "contested", "invented",
        "unfounded", "groundless", "misleading", "fabrication", "exaggerate", "inflate",
    }
)  # fmt: skip
_NOUN_ONLY = frozenset({"lie", "lies"})  # "a lie", never "the town lies on the road"
DISPUTE_PHRASES = re.compile(
    r"\bnot true\b|\bfar from (the )?(truth|true)\b|\bno basis\b|\bwide of the mark\b",
    re.IGNORECASE,
)


def stance_of(sent: Span, start: int, end: int, anchor: int, cue: str | None) -> Stance:
    """Stance of the figure at [start, end) whose head token is `anchor` (a Doc index)."""
    doc = sent.doc
    head = doc[anchor]
    span = doc.char_span(start, end, alignment_mode="expand")
    number_tokens = list(span) if span is not None else []
    if _negated(number_tokens, head):
        return Stance.NEGATED
    cue_lemma = (cue or "").split()[0].lower() if cue else ""
    if cue_lemma in DENY_CUES or _governed_by(head, DENY_CUES):
        return Stance.DENIED
    if DISPUTE_PHRASES.search(sent.text) or _any_tied(sent, head, DISPUTE_WORDS):
        return Stance.DISPUTED
    if cue_lemma in HEDGE_CUES or _governed_by(head, HEDGE_CUES):
        return Stance.HEDGED
    if HEDGE_PHRASES.search(sent.text) or _any_tied(sent, head, HEDGE_WORDS):
        return Stance.HEDGED
    return Stance.ASSERTED


def _negated(number_tokens: list[Token], head: Token) -> bool:
    """ "not hundreds of bodies", "no 477 deaths", "were not killed"."""
    for tok in number_tokens:
        if any(c.lower_ in NEGATORS for c in tok.children):
            return True
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in NEGATORS:
            return True
        if tok.head.i != tok.i and any(c.dep_ == "neg" for c in tok.head.children):
            return tok.head.pos_ in ("NOUN", "PROPN") or tok.head == head
    return any(c.dep_ == "neg" for c in head.children)


def _governed_by(tok: Token, lemmas: frozenset[str]) -> bool:
    """True when a verb with one of `lemmas` governs the figure's clause."""
    return any(a.lemma_.lower() in lemmas for a in tok.ancestors)


def _any_tied(sent: Span, head: Token, words: frozenset[str]) -> bool:
    """A marker word counts when it sits in the figure's clause (shares a governor)."""
    text = sent.text.lower()
    if not any(w in text for w in words):
        return False  # most sentences carry no marker: skip the walk over their tokens
    chain = {head.i, *(a.i for a in head.ancestors)}
    for tok in sent:
        if tok.lower_ not in words or (tok.lower_ in _NOUN_ONLY and tok.pos_ != "NOUN"):
            continue
        if tok.i in chain or tok.head.i in chain or head.i in {t.i for t in tok.subtree}:
            return True
        # "The figure of 477 ... is inflated": the marker predicates the figure's noun.
        if any(a.i in chain for a in tok.ancestors) or tok.head.i in {t.i for t in head.subtree}:
            return True
    return False
