"""Who a source phrase names: a Speaker with a short name, a kind and a role.

"the town's mayor, Ada Okafor" -> Ada Okafor (person, mayor); "Interior Minister Corvin
Hastra" -> Corvin Hastra (person, interior minister); "a local stringer" -> local
stringer (group: anonymous); "the ministry" -> the nearest ministry named before it.
Pronouns and bare role nouns resolve to the nearest fitting speaker mentioned earlier
in the text; mentions are registered during the extractor's one pass over the tokens
and turned into Speakers only when something refers back to them."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from types import MappingProxyType

from spacy.tokens import Token

from claimgraph.extract.actorwords import (
    ARTIFACT,
    GENERIC_BODIES,
    NAMED_BODIES,
    ORG_LABELS,
    PERSON_NOUNS,
    PERSON_SUFFIXES,
    kind_of_words,
)
from claimgraph.extract.types import Speaker
from claimgraph.model import ActorKind

P = ActorKind.PERSON
ORG_KINDS = frozenset(
    {ActorKind.ORGANISATION, ActorKind.OUTLET, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY_UNIT}
)
_THEY_KINDS = ORG_KINDS | {ActorKind.GROUP}

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset(
    {"i", "we", "me", "us", "you", "my", "our", "your", "mine", "ours", "yours", "myself"}
)
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_QUANTIFIERS = frozenset(
    {"one", "some", "many", "most", "several", "all", "both", "each", "few", "none", "two",
     "three", "four", "five", "dozens", "hundreds", "any", "half", "majority", "number"}
)  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "several", "many"})
_TITLES = MappingProxyType({
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "gen.": "general",
    "col.": "colonel", "lt.": "lieutenant", "capt.": "captain", "sgt.": "sergeant",
    "maj.": "major", "adm.": "admiral", "pres.": "president", "atty.": "attorney",
    "supt.": "superintendent", "insp.": "inspector", "cmdr.": "commander", "gov": "governor",
    "sen": "senator", "rep": "representative", "gen": "general", "col": "colonel",
})  # fmt: skip
_HONORIFICS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "miss", "prof.",
     "rev.", "the", "mister", "madam", "lord", "lady", "sheikh", "mx."}
)  # fmt: skip

_MODIFIERS = frozenset({"amod", "compound", "nmod", "hmod", "hyph"})
_NAME_MODIFIERS = _MODIFIERS | {"nummod"}  # "12th Brigade"


class Registry:
    """Mentions of possible speakers, by position, for resolving later references."""

    def __init__(self, make: Callable[[Token], Speaker | None]) -> None:
        self._make = make
        self._mentions: list[tuple[int, int]] = []  # (char offset, token index)
        self._speakers: dict[int, Speaker | None] = {}
        self._building = False

    def mention(self, token: Token) -> None:
        insort(self._mentions, (token.idx, token.i))

    def said(self, offset: int, token: Token, speaker: Speaker) -> None:
        """Record the speaker an attribution found at `token`, best evidence of who it is."""
        self._speakers[token.i] = speaker
        insort(self._mentions, (offset, token.i))

    def _named(self, token: Token) -> Speaker | None:
        self._building = True
        try:
            return self._make(token)
        finally:
            self._building = False

    def nearest(
        self, token: Token, fits: Callable[[Speaker], bool], singular: bool = False
    ) -> Speaker | None:
        """The nearest speaker mentioned before `token` that fits; `singular` skips
        plural mentions ("it" never means "the troops")."""
        doc = token.doc
        pos = bisect_left(self._mentions, (token.idx, -1))
        for offset, i in reversed(self._mentions[max(0, pos - 60) : pos]):
            if i == token.i or offset >= token.idx:
                continue
            if singular and doc[i].tag_ in ("NNS", "NNPS"):
                continue
            if i not in self._speakers:
                if self._building:
                    continue  # a mention being named looks only at mentions already named
                self._speakers[i] = self._named(doc[i])
            found = self._speakers[i]
            if found is not None and fits(found):
                return found
        return None


def fits_pronoun(word: str) -> Callable[[Speaker], bool] | None:
    if word in _PERSON_PRONOUNS:
        return lambda s: s.kind is P
    if word in _GROUP_PRONOUNS:
        return lambda s: s.kind in _THEY_KINDS
    if word in ("it", "its"):
        return lambda s: s.kind in ORG_KINDS
    return None


def fits_noun(head: str) -> Callable[[Speaker], bool]:
    """A definite noun ("the minister", "the agency") refers back to a speaker whose
    role or name ends in that noun."""

    def fits(s: Speaker) -> bool:
        words = [*(s.role or "").lower().split(), *s.name.lower().split()]
        return head in words

    return fits


def is_relative(token: Token) -> bool:
    return token.lower_ in _RELATIVES


def is_quantifier(token: Token) -> bool:
    return token.lower_ in _QUANTIFIERS or token.like_num


def title_role(token: Token) -> str | None:
    return _TITLES.get(token.lower_)


def is_honorific(token: Token) -> bool:
    return token.lower_ in _HONORIFICS


def indefinite(head: Token) -> bool:
    return not any(c.dep_ in ("det", "poss") and c.lower_ not in _INDEFINITE for c in head.lefts)


def is_person_noun(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return True
    common = head.pos_ != "PROPN" and not head.is_title  # "Meridian" is no "-ian"
    return common and len(lemma) > 5 and lemma.endswith(PERSON_SUFFIXES)


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
    named = _named_after_role(head)
    if named is not None:
        return named
    appos = next((c for c in head.rights if c.dep_ == "appos"), None)
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return _proper(head, appos, registry)
    if appos is not None and (appos.pos_ == "PROPN" or appos.ent_type_ == "PERSON"):
        return _proper(appos, head, registry)
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


def _named_after_role(head: Token) -> Speaker | None:
    """ "the head of the village, Mr. Gerold Tamm," and "the spokesman of the Force,
    Orrin Pask,": the parser hangs the name anywhere; read it off the word order."""
    if head.ent_type_ == "PERSON" or not is_person_noun(head):
        return None
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and i - head.i < 10 and doc[i].text != ",":
        if doc[i].pos_ in ("VERB", "AUX", "PUNCT", "PRON") or "\n" in doc[i].text:
            return None
        i += 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and is_honorific(doc[j]) and doc[j].lower_ != "the":
        j += 1
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].is_title:
        k += 1
    name = doc[j:k]
    person = any(t.ent_type_ == "PERSON" for t in name)
    if not (2 <= len(name) <= 4 or (person and len(name) == 1)):
        return None
    if k < len(doc) and doc[k].text not in (",", ":", ".", ";") and doc[k].pos_ != "VERB":
        return None
    if kind_of_words([t.text for t in name]) is not None:
        return None  # "the spokesman, Northern Wire" names no person
    return Speaker(name=name.text, kind=P, role=noun_phrase(head).lower())


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


def _proper(head: Token, other: Token | None, registry: Registry) -> Speaker | None:
    """A proper name, with the descriptive noun beside it (apposition) if any."""
    tokens, role_words = _split_title(_compound_chain(head), head.ent_type_ == "PERSON")
    name = " ".join(t.text for t in tokens).removesuffix("'s").removesuffix("’s").strip()
    if not any(c.isalpha() for c in name):
        return None
    described = other if other is not None and other.pos_ == "NOUN" else _described_by(head)
    kind = _proper_kind(head, tokens, described, bool(role_words))
    if kind is P and described is not None:
        role_words.append(role_phrase(described))
    role = " ".join(w for w in role_words if w) or None
    if role is None and (kind is P or len(tokens) == 1):
        # A surname alone ("Orun said") is the person named in full earlier.
        known = registry.nearest(head, lambda s: s.kind is P and _same_person(s.name, name))
        if known is not None:
            return known
    return Speaker(name=name, kind=kind, role=role)


def _split_title(tokens: list[Token], person: bool) -> tuple[list[Token], list[str]]:
    """ "Sen. Ruth Calder" -> senator; "Interior Minister Corvin Hastra" -> interior minister."""
    role: list[str] = []
    while len(tokens) > 1 and (is_honorific(tokens[0]) or title_role(tokens[0])):
        role.append(title_role(tokens[0]) or "")
        tokens = tokens[1:]
    last_role = max((i for i, t in enumerate(tokens[:-1]) if is_person_noun(t)), default=-1)
    if person:  # the tagger marks where the name starts
        start = next((i for i, t in enumerate(tokens) if t.ent_type_ == "PERSON"), 0)
        last_role = max(last_role, start - 1)
    role.extend(t.lower_ for t in tokens[: last_role + 1])
    return tokens[last_role + 1 :], role


def _proper_kind(
    head: Token, tokens: list[Token], described: Token | None, titled: bool
) -> ActorKind:
    label = head.ent_type_
    lexical = kind_of_words([t.text for t in tokens])
    if lexical in NAMED_BODIES or (lexical is not None and label != "PERSON"):
        return lexical
    if titled or label == "PERSON":
        return P
    if described is not None:
        return P if is_person_noun(described) else (kind_of_words([described.lower_]) or P)
    if label in ORG_LABELS and not _personal_name_shape(tokens):
        return ActorKind.GROUP if label == "NORP" else kind_of_words([], label) or P
    return P


def _personal_name_shape(tokens: list[Token]) -> bool:
    """ "Ana Brekke": the tagger often calls unfamiliar personal names organisations."""
    if any(c.dep_ == "det" for c in tokens[-1].lefts):
        return False  # "the Red Crescent": personal names take no article
    return 2 <= len(tokens) <= 3 and all(t.is_title and t.is_alpha for t in tokens)


def _described_by(head: Token) -> Token | None:
    """ "Ana Brekke is the district's chief medical officer": a copula names the role."""
    if head.dep_ != "nsubj" or head.head.lemma_ != "be":
        return None
    attr = next((c for c in head.head.children if c.dep_ == "attr"), None)
    return attr if attr is not None and attr.pos_ == "NOUN" and is_person_noun(attr) else None


def _same_person(known: str, name: str) -> bool:
    return known == name or known.split()[-1:] == name.split()[-1:]


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
    if definite and not plural:
        known = registry.nearest(head, fits_noun(head.lower_))
        if known is None and kind is not None and head.lower_ in GENERIC_BODIES:
            known = registry.nearest(head, lambda s: s.kind is kind)  # "the organisation"
        if known is not None:
            return known
    if kind is not None:
        return Speaker(name=phrase, kind=kind)
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


def _compound_chain(head: Token) -> list[Token]:
    start = head.i
    for child in head.lefts:
        if child.dep_ == "compound" or (child.dep_ in _NAME_MODIFIERS and _name_part(child)):
            start = min(start, child.left_edge.i)
    return [t for t in head.doc[start : head.i + 1] if not t.is_punct or t.text == "."]


def _name_part(token: Token) -> bool:
    """Words that belong to a proper name: "12th Brigade", "Hartwell Gazette"."""
    return token.pos_ == "PROPN" or token.is_title or token.text[:1].isdigit()


def noun_phrase(head: Token) -> str:
    """The descriptive words of a noun phrase without articles, numbers or owners:
    "a local stringer" -> "local stringer", "the town's mayor" -> "mayor"."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _MODIFIERS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    text = head.doc[start : head.i + 1].text
    return text.removeprefix("own ").removesuffix("'s").removesuffix("’s")


def role_phrase(head: Token) -> str:
    return noun_phrase(head).lower()
