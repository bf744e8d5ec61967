"""Whom a speaker told: an addressee who passed the words on is an intermediary.

"a cleric told a local stringer working for Northern Wire that 477 had died": the
stringer, and the outlet the stringer works for, stand between the document and the
cleric, so the chain is [Northern Wire, local stringer], or [local stringer] when
Northern Wire is the document's own outlet. "told reporters", "told our correspondent"
and "told Northern Wire by telephone" in a Northern Wire story name the document's own
channel, not a link. A staff reporter whose outlet is not named is taken to be the
document's own (newspapers write "he told a reporter" of their own staff); a stringer or
fixer is a link whoever employs them, because they relay what others told them."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.chains import publisher_key
from claimgraph.extract.cues import PREP_CONTENT
from claimgraph.extract.nounphrases import MODIFIERS
from claimgraph.extract.registry import FIRST_PERSON, Registry
from claimgraph.extract.speakers import build_speaker
from claimgraph.extract.types import Speaker
from claimgraph.model import ActorKind

# Verbs whose object is the one told ("told a stringer"); other cues name the addressee
# with "to" ("said to a correspondent", "declared to journalists").
_TELLING = frozenset({"tell", "inform", "assure", "brief"})
# People who pass on what others told them: a link in the chain whoever employs them.
_RELAYS = frozenset({"stringer", "fixer", "interpreter", "translator", "freelancer"})
# An outlet's own staff: a link only when the text names an outlet that is not the
# document's own ("a correspondent for the Coastal Herald").
_STAFF = frozenset(
    {"reporter", "correspondent", "journalist", "photographer", "cameraman", "producer",
     "editor", "crew", "team", "newsroom", "staff", "reporting", "press", "media"}
)  # fmt: skip
# "a local reporter", "a freelance journalist": not the outlet's staff, a relay.
_RELAY_MODIFIERS = frozenset({"local", "freelance", "independent", "citizen"})
# "working for Z", "writing for Z", "a stringer for Z / with Z / of Z / from Z".
_EMPLOYED = frozenset({"work", "write", "report", "file", "freelance", "string"})
_EMPLOYER_PREPS = frozenset({"for", "with", "of", "from", "at"})


def addressee(verb: Token, lemma: str) -> Token | None:
    """The head of the phrase naming whom the cue verb's speaker addressed, if any."""
    if lemma in _TELLING:
        told = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if told is not None and told.dep_ == "dative" and told.lower_ == "to":
            return _pobj(told)
        if told is not None:
            return told
    if "to" in PREP_CONTENT.get(lemma, ()):
        return None  # "referred to the report": what, not whom
    to = next((c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
    return _pobj(to) if to is not None else None


def relays(told: Token, registry: Registry, own: set[str | None]) -> list[Speaker]:
    """The links an addressee adds between the document and the speaker, outermost
    first: its outlet (unless the document's own), then the relaying person."""
    if told.pos_ == "PROPN" and told.ent_type_ != "PERSON":  # "told the Evening Star"
        outlet = _outlet(told, registry, own)
        return [outlet] if outlet is not None else []
    word = told.lemma_.lower()
    relay = word in _RELAYS or (word in _STAFF and _has_relay_modifier(told))
    if told.pos_ != "NOUN" or not (relay or word in _STAFF) or _our(told):
        return []
    employer = _employer(told)
    outlet = _outlet(employer, registry, own) if employer is not None else None
    plural = told.tag_ in ("NNS", "NNPS")
    if not relay and (plural or outlet is None):
        # "told reporters", "told a reporter": the document's own channel, or one the
        # text does not name; "told Meridian Press reporters": the outlet only.
        return [outlet] if outlet is not None else []
    person = _role_name(told, employer)
    links = [outlet] if outlet is not None else []
    return [*links, Speaker(person, ActorKind.GROUP, None if plural else person.lower())]


def _has_relay_modifier(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in _RELAY_MODIFIERS for c in noun.lefts)


def _our(noun: Token) -> bool:
    """ "our correspondent", "this newspaper's reporter": the document's own staff."""
    for child in noun.lefts:
        if child.dep_ == "poss" and child.lower_ in FIRST_PERSON:
            return True
        if child.dep_ == "poss" and any(d.lower_ == "this" for d in child.lefts):
            return True
    return False


def _employer(noun: Token) -> Token | None:
    """The outlet a reporter works for: "a Northern Wire stringer", "the agency's
    correspondent", "a stringer working for Northern Wire", "a reporter for the Herald"."""
    for child in noun.lefts:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
    for child in noun.rights:
        holders = [child]
        if child.dep_ == "acl" and child.lemma_.lower() in _EMPLOYED:
            holders = [p for p in child.children if p.dep_ == "prep"]
        for prep in holders:
            if prep.dep_ == "prep" and prep.lower_ in _EMPLOYER_PREPS:
                return _pobj(prep)
    return None


def _outlet(token: Token, registry: Registry, own: set[str | None]) -> Speaker | None:
    """The outlet a token names, unless it is the document's own or not an outlet."""
    found = build_speaker(token, registry)
    if found is None or found.kind is not ActorKind.OUTLET:
        return None
    return None if publisher_key(found.name) in own else found


def _role_name(noun: Token, employer: Token | None) -> str:
    """ "a local stringer" -> "local stringer"; "a Northern Wire stringer" -> "stringer"."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in MODIFIERS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    skip = set() if employer is None else {t.i for t in employer.subtree}
    return " ".join(t.text for t in noun.doc[start : noun.i + 1] if t.i not in skip)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)
