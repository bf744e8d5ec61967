"""Names of bodies as the text writes them, without a leading article: "press centre of
the Joint Command", "prosecutor's office of the region", "Ministry of Internal Affairs",
"General Staff of the Armed Forces of Istrahn", "Istrahn's border command".

Translated official prose names a body by its parts ("the press service of the
ministry"); the part alone ("press service") says nothing about whose it is. A body's
name takes the of-phrase after its head and the owner before it; a person's role does
not ("the head of the hospital" stays a head, named elsewhere)."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.actorwords import kind_of_words
from claimgraph.extract.nounphrases import is_person_noun
from claimgraph.model import ActorKind

BODY_KINDS = frozenset(
    {ActorKind.ORGANISATION, ActorKind.OUTLET, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY_UNIT}
)
_MAX_OF = 8  # the most words an of-phrase may add: "of the Armed Forces of Istrahn"
# Words that end a name: a clause, a list or a parenthesis begins.
_STOPS = frozenset({",", ";", ":", "(", ")", "—", "–", "who", "which", "that", "whose"})


def of_end(head: Token) -> int | None:
    """The last token of the of-phrase right after `head` ("of the region", "of the
    Armed Forces of Istrahn"), or None when there is none or it runs on into a clause."""
    end = None
    for prep in head.rights:  # "of Internal Affairs" "of the Republic of Istrahn"
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i != (end or head.i) + 1:
            break
        words = head.doc[prep.i : prep.right_edge.i + 1]
        if not any(c.dep_ == "pobj" for c in prep.children) or any(
            t.pos_ in ("VERB", "AUX") or t.lower_ in _STOPS for t in words
        ):
            break
        end = prep.right_edge.i
    return end if end is None or end - head.i <= _MAX_OF else None


def owner_start(head: Token, start: int) -> int:
    """Where a body's name starts when an owner named by a noun stands before it
    ("Istrahn's border command", "the prosecutor's office"); pronouns ("its press
    service") and articles are left out."""
    owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in ("NOUN", "PROPN") or owner.right_edge.i + 2 < start:
        return start
    first = owner.left_edge.i
    while first < owner.i and head.doc[first].pos_ == "DET":
        first += 1
    return first


def body_name(head: Token, start: int, end: int | None = None) -> str:
    """The text of a body's name from token `start` (or its owner) through `head` and
    its of-phrase, or through token `end` when given."""
    doc = head.doc
    last = end if end is not None else (of_end(head) or head.i)
    text = doc[owner_start(head, start) : last + 1].text
    for article in ("the ", "The "):
        text = text.removeprefix(article)
    return text


def is_body(head: Token, words: list[str], label: str = "") -> bool:
    """Whether a phrase names a body: by its own words ("press centre", "Ministry"), or,
    for a name that is no person's, by what it belongs to ("General Staff of the Armed
    Forces")."""
    if head.ent_type_ == "PERSON" or is_person_noun(head):
        return False
    if kind_of_words(words, label) in BODY_KINDS:
        return True
    end = of_end(head)
    if end is None or head.pos_ != "PROPN":
        return False
    after = [t.text for t in head.doc[head.i + 2 : end + 1] if t.pos_ != "DET"]
    return body_kind(after) is not None


def body_kind(words: list[str]) -> ActorKind | None:
    """The kind of the first word that names a body: "Armed Forces of Istrahn" -> army."""
    kinds = (kind_of_words([w]) for w in words)
    return next((k for k in kinds if k in BODY_KINDS), None)
