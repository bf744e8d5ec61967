"""Proper names as speakers: where a name starts after its title ("Interior Minister
Corvin Hastra" -> Corvin Hastra, interior minister), what kind of actor it names, the
role beside it ("the head of the village, Mr. Gerold Tamm,"), and a surname alone
("Orun said") as the person named in full before."""

from __future__ import annotations

from types import MappingProxyType

from spacy.tokens import Token

from claimgraph.extract.actorwords import NAMED_BODIES, ORG_LABELS, kind_of_words
from claimgraph.extract.bodies import body_kind, body_name, is_body, of_end, owner_start
from claimgraph.extract.nounphrases import MODIFIERS, is_person_noun, noun_phrase, role_phrase
from claimgraph.extract.registry import P, Registry
from claimgraph.extract.types import Speaker
from claimgraph.model import ActorKind

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

_NAME_MODIFIERS = MODIFIERS | {"nummod"}  # "12th Brigade"


def title_role(token: Token) -> str | None:
    return _TITLES.get(token.lower_)


def is_honorific(token: Token) -> bool:
    return token.lower_ in _HONORIFICS


def named_after_role(head: Token) -> Speaker | None:
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


def proper_name(head: Token, other: Token | None, registry: Registry) -> Speaker | None:
    """A proper name, with the descriptive noun beside it (apposition) if any."""
    chain = _compound_chain(head)
    if not chain:
        return None  # the head is punctuation: no name at all
    body = _named_body(head, chain)
    if body is not None:
        return body
    tokens, role_words = _split_title(chain, head.ent_type_ == "PERSON")
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


def _named_body(head: Token, chain: list[Token]) -> Speaker | None:
    """ "the Ministry of Internal Affairs", "the General Staff of the Armed Forces of
    Istrahn", "Dravenia's Defence Ministry": a body named with its of-phrase or owner,
    whose first word is no person's title."""
    end = of_end(head)
    owned = owner_start(head, chain[0].i) < chain[0].i  # "Dravenia's Defence Ministry"
    words = [t.text for t in chain]
    if (end is None and not owned) or _personal_name_shape(chain):
        return None
    if not is_body(head, words, head.ent_type_):
        return None
    after = [t.text for t in head.doc[head.i + 2 : (end or head.i) + 1] if t.pos_ != "DET"]
    kind = kind_of_words(words, head.ent_type_) or body_kind(after) or ActorKind.ORGANISATION
    return Speaker(name=body_name(head, chain[0].i, end), kind=kind)


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


def _compound_chain(head: Token) -> list[Token]:
    start = head.i
    for child in head.lefts:
        if child.dep_ == "compound" or (child.dep_ in _NAME_MODIFIERS and _name_part(child)):
            start = min(start, child.left_edge.i)
    return [t for t in head.doc[start : head.i + 1] if not t.is_punct or t.text == "."]


def _name_part(token: Token) -> bool:
    """Words that belong to a proper name: "12th Brigade", "Hartwell Gazette"."""
    return token.pos_ == "PROPN" or token.is_title or token.text[:1].isdigit()
