"""Readings of a noun phrase that speakers and cues share: is it a person noun, a
relative pronoun, a quantifier ("one of the witnesses"), indefinite; its descriptive words
without articles, numbers or owners ("a local stringer" -> "local stringer")."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.actorwords import PERSON_NOUNS, PERSON_SUFFIXES

_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_QUANTIFIERS = frozenset(
    {"one", "some", "many", "most", "several", "all", "both", "each", "few", "none", "two",
     "three", "four", "five", "dozens", "hundreds", "any", "half", "majority", "number"}
)  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "several", "many"})
MODIFIERS = frozenset({"amod", "compound", "nmod", "hmod", "hyph"})


def is_relative(token: Token) -> bool:
    return token.lower_ in _RELATIVES


def is_quantifier(token: Token) -> bool:
    return token.lower_ in _QUANTIFIERS or token.like_num


def indefinite(head: Token) -> bool:
    return not any(c.dep_ in ("det", "poss") and c.lower_ not in _INDEFINITE for c in head.lefts)


def is_person_noun(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return True
    common = head.pos_ != "PROPN" and not head.is_title  # "Meridian" is no "-ian"
    return common and len(lemma) > 5 and lemma.endswith(PERSON_SUFFIXES)


def noun_phrase(head: Token) -> str:
    """The descriptive words of a noun phrase without articles, numbers or owners:
    "a local stringer" -> "local stringer", "the town's mayor" -> "mayor"."""
    text = head.doc[phrase_start(head) : head.i + 1].text
    return text.removeprefix("own ").removesuffix("'s").removesuffix("’s")


def phrase_start(head: Token) -> int:
    """The first of the modifiers right before `head`: "local" in "a local stringer"."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in MODIFIERS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    return start


def role_phrase(head: Token) -> str:
    return noun_phrase(head).lower()
