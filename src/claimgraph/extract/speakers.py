"""Who a source phrase names: a Speaker with a short name, a kind and a role.

"the town's mayor, Ada Okafor" -> Ada Okafor (person, mayor); "Interior Minister Corvin
Hastra" -> Corvin Hastra (person, interior minister); "a local stringer" -> local
stringer (group: anonymous); "the ministry" -> the nearest ministry named before it.
Pronouns and bare role nouns resolve to the nearest fitting speaker mentioned earlier
in the text; mentions are registered during the extractor's one pass over the tokens
and turned into Speakers only when something refers back to them."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.actorwords import ARTIFACT, GENERIC_BODIES, kind_of_words
from claimgraph.extract.bodies import BODY_KINDS, body_name, of_end, owner_start
from claimgraph.extract.names import named_after_role, proper_name
from claimgraph.extract.nounphrases import (
    indefinite,
    is_person_noun,
    is_quantifier,
    is_relative,
    noun_phrase,
    phrase_start,
)
from claimgraph.extract.registry import FIRST_PERSON, P, Registry, fits_noun, fits_pronoun
from claimgraph.extract.types import Speaker
from claimgraph.model import ActorKind


def build_speaker(head: Token, registry: Registry, mention: bool = False) -> Speaker | None:
    """The Speaker named by the noun phrase whose head is `head`. A `mention` is any
    noun phrase a later reference might point to, so it needs firmer evidence of being
    a speaker than the subject of a cue does."""
    word = head.lower_
    if word in FIRST_PERSON:
        return None  # the author, or the quoted speaker already holding the quote
    fits = fits_pronoun(word)
    if fits is not None:
        return registry.nearest(head, fits, singular=word in ("it", "its"))
    if is_relative(head):
        relcl = head.head.dep_ == "relcl"
        return build_speaker(head.head.head, registry, mention) if relcl else None
    dash = any(t.text in ("—", "–", "--") for t in head.doc[head.head.i : head.i])
    if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN" and not dash:
        return build_speaker(head.head, registry, mention)  # "Jonas Pirt, a spokesman"
    head = _specific(head)
    if head.lower_ in _NOT_SPEAKERS or _document_part(head):
        return None  # "a video showed", "Table 3 lists": the document or a depiction
    named = named_after_role(head)
    if named is not None:
        return named
    appos = next((c for c in head.rights if c.dep_ == "appos"), None)
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return proper_name(head, appos, registry)
    if appos is not None and (appos.pos_ == "PROPN" or appos.ent_type_ == "PERSON"):
        return proper_name(appos, head, registry)
    return _common(head, registry, mention)


_NOT_SPEAKERS = frozenset(
    {"video", "videos", "footage", "photo", "photos", "photograph", "photographs", "image",
     "images", "picture", "pictures", "clip", "map", "maps"}
)  # fmt: skip


_DOCUMENT_PARTS = frozenset(
    {"table", "annex", "appendix", "chart", "graph", "section", "chapter", "page", "box", "fig"}
)  # fmt: skip


_GENERIC_INFO = frozenset(
    {"data", "information", "reports", "figures", "estimates", "accounts", "words",
     "statistics", "reporting", "numbers"}
)  # fmt: skip


def _document_part(head: Token) -> bool:
    """ "Table 3", "Annex II": a part of the document itself."""
    if head.lower_ not in _DOCUMENT_PARTS:
        return False
    doc = head.doc
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return nxt is not None and (nxt.like_num or nxt.is_upper)


def _specific(head: Token) -> Token:
    """ "one of the witnesses, a nurse" names a nurse; "some of the residents" residents."""
    if not is_quantifier(head):
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return head


def _common(head: Token, registry: Registry, mention: bool) -> Speaker | None:
    phrase = noun_phrase(head)
    kind = kind_of_words(phrase.split())
    if kind is ActorKind.OUTLET and any(c.lower_ == "this" for c in head.lefts):
        return None  # "this newspaper has learned": the document's own outlet
    if kind is not None and head.lower_ in ARTIFACT:
        owner = _artifact_owner(head)
        if owner is not None:
            return build_speaker(owner, registry, mention)
        if head.lower_ in _GENERIC_INFO and not any(
            c.dep_ in ("compound", "poss", "nmod") for c in head.lefts
        ):
            return None  # "according to unconfirmed data": no one is named
    personal = is_person_noun(head)
    if mention and kind is None and not personal:
        return None
    plural = head.tag_ in ("NNS", "NNPS")
    definite = not indefinite(head)
    named = kind in BODY_KINDS and (of_end(head) is not None or owner_start(head, head.i) < head.i)
    if definite and not plural and not named:  # "the press service of the ministry" is named
        known = registry.nearest(head, fits_noun(head.lower_))
        if known is None and kind is not None and head.lower_ in GENERIC_BODIES:
            known = registry.nearest(head, lambda s: s.kind is kind)  # "the organisation"
        if known is not None:
            return known
    if kind is not None:  # "press centre of the Joint Command", "prosecutor's office"
        return Speaker(name=body_name(head, phrase_start(head)), kind=kind)
    if plural or not definite:  # anonymous: "a nurse", "witnesses", "a local stringer"
        role = phrase.lower() if personal and not plural else None
        return Speaker(name=phrase, kind=ActorKind.GROUP, role=role)
    # A definite singular noun that speaks is most often a person ("the harbour master").
    return Speaker(name=phrase, kind=P, role=phrase.lower())


def _artifact_owner(head: Token) -> Token | None:
    """ "the ministry's report" and "a report by the ministry" speak for the ministry."""
    for child in head.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.lower_ in ARTIFACT:
                continue
            if child.lower_ != "of" or _actor(pobj):
                return pobj
            compiled = _compiled_by(pobj)  # "a list of names compiled by the council"
            if compiled is not None:
                return compiled
    return _compiled_by(head)


def _compiled_by(noun: Token) -> Token | None:
    """ "the list compiled by the city council": the agent of a participle."""
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _actor(token: Token) -> bool:
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return is_person_noun(token) or kind_of_words([token.lower_]) not in (None,)
