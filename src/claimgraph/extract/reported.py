"""Reported speech: a cue verb from the lexicon (`cues.py`), its subject as the source,
what it attributes (`complements.py`) as the content, and the cue as written with its
auxiliaries ("has not yet said"). Also "X, citing Y, reported" and "X cites the words of
Y: “…”", where Y is the origin of X's content."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.addressees import addressee
from claimgraph.extract.complements import agent, is_passive, verb_content
from claimgraph.extract.cues import (
    ALL_CUE_VERBS,
    CUE_ADVERBS,
    CUE_VERBS,
    MENTAL,
    PARTICLE_CUES,
    Found,
    char_span,
    source_span,
)
from claimgraph.extract.frames import actor_like
from claimgraph.extract.registry import FIRST_PERSON
from claimgraph.extract.trailing import speaker_after, speaker_before

_VERB_GROUP = frozenset({"aux", "auxpass", "neg"})
_QUOTING = frozenset({"quote", "cite"})  # "quoted / cited X as saying"
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
_PLACES = frozenset(
    {"town", "city", "village", "settlement", "region", "district", "province", "country",
     "camp", "municipality", "area", "island", "valley", "state", "commune", "county"}
)  # fmt: skip


def verb_cue(verb: Token, lemma: str) -> Found | None:
    particle = PARTICLE_CUES.get(lemma)
    if particle is not None and not any(c.lower_ == particle for c in verb.rights):
        return None
    if lemma in _QUOTING and (verb.tag_ == "VBG" or verb.dep_ == "relcl"):
        return _citing(verb)
    if lemma == "quote" and is_passive(verb) and not agent(verb):
        return None  # "X was quoted as saying": the saying carries the attribution
    if lemma == "confirm" and any(c.dep_ == "neg" for c in verb.children):
        return None  # "could not confirm that 40 died": not the speaker's claim
    pieces, prep = verb_content(verb, lemma)
    if not pieces and lemma not in CUE_VERBS:
        return None
    source = _subject(verb)
    if lemma in MENTAL and source is not None and source.lower_ in FIRST_PERSON:
        return None
    if lemma == "count" and source is not None and _place(source):
        return None  # "the town counts 6,000 inhabitants"
    span = source_span(source) if source is not None else None
    after = speaker_after(verb, lemma)  # "…, informs the press service of the court."
    if after[0] is not None:
        source, span, pieces = after
    elif not any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        # "…, a cleric told a stringer, a figure …": the parser has hung the cue on the
        # content, giving it the content's subject or the author's next words as its own
        trailing = speaker_before(verb)
        if trailing[0] is not None or (source is None and not pieces):
            source, span, pieces = trailing
    # "survivors told the Evening Star", "told a local stringer": who passed it on
    relay = addressee(verb, lemma)
    quoted = quoting_whom(verb, lemma)
    if quoted is not None:
        pieces = []  # "X cites the words of the mayor: “…”": the quotation is the content
    return Found(
        head=verb.i,
        cue=_verb_group(verb, prep),
        source=source,
        source_span=span,
        content=[char_span(verb.doc, a, b) for a, b in pieces],
        takes_quote=not pieces,
        relay=relay,
    )


def quoting_whom(verb: Token, lemma: str) -> Token | None:
    """The person a main-clause "cites" or "quotes" names before a colon."""
    if lemma not in _QUOTING or verb.tag_ == "VBG" or verb.dep_ == "relcl":
        return None
    if any(c.lower_ == "as" for c in verb.children):
        return None  # "quoted X as saying": the saying carries it
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not (actor_like(obj) or obj.lower_ in ("words", "statement")):
        return None
    doc = verb.doc
    colon = next((t for t in doc[obj.i : verb.sent.end] if t.text == ":"), None)
    return obj if colon is not None else None


def _place(token: Token) -> bool:
    if token.lower_ in ("which", "that") and token.head.dep_ == "relcl":
        token = token.head.head
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in _PLACES


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:  # "the radio station Velmora Radio informs": the name
        names = [c for c in subjects if c.pos_ == "PROPN"] or subjects
        # Two subjects are a misparse; a dateline's place is the farther one: "ASHQUEL,
        # Aug 19 (Meridian Press) — “…,” said Ilse Maranne".
        return min(names, key=lambda c: abs(c.i - verb.i))
    by = agent(verb)
    if by is not None:
        return by
    nouns = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    if nouns and nouns[-1].i == verb.i - 1:
        return nouns[-1]  # "court records show": the parser made the subject a compound
    head = verb.head
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None  # "…, as had been alleged, …": no one named
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp":
        outer = head.head  # "X denied that A, saying B": X says B, not A's subject
        if outer.lemma_.lower() in ALL_CUE_VERBS:
            return _subject(outer)
    if verb.dep_ == "pcomp" and head.lower_ == "as":
        quoted = _quoted_person(head.head)
        if quoted is not None:
            return quoted
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_ == verb.lemma_:
        return _subject(head.head)  # "X said A and said B", B hung on A by the parser
    if verb.dep_ in _INHERITS_SUBJECT and head.i != verb.i and not is_passive(verb):
        return _subject(head)  # "announced ... and said", "adding that"
    if verb.dep_ == "acl" and head.pos_ == "NOUN":
        # "She issued a statement saying": she; "A statement saying ...": the statement.
        owner = _subject(head.head) if head.dep_ == "dobj" else None
        return owner or head
    return None


def _quoted_person(word: Token) -> Token | None:
    """Whom "quoted X as saying" and "X was quoted as saying" quote."""
    if word.lemma_ in _QUOTING:
        return next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if word.dep_ in ("dobj", "nsubjpass") and word.head.lemma_ in _QUOTING:
        return word  # the parser may hang "as saying" on the person quoted
    return None


def _citing(verb: Token) -> Found | None:
    """ "X, citing Y, reported ...": Y is where X's content came from."""
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if cited is None:
        return None
    return Found(
        head=verb.i,
        cue=(verb.i, verb.i + 1),
        source=cited,
        source_span=source_span(cited),
        takes_quote=False,
        sourcing=verb.i,
    )


def _verb_group(verb: Token, prep: Token | None) -> tuple[int, int]:
    """The cue with its auxiliaries, negation and adverbs: "has not yet said"."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        adverb = child.lower_ in CUE_ADVERBS or child.lower_.endswith("ly")
        keep = child.dep_ in _VERB_GROUP or (child.dep_ == "advmod" and adverb)
        if not keep or child.i != start - 1:
            break
        start = child.i
    end = verb.i + 1
    for child in verb.rights:
        if child.i == end and (child.dep_ == "prt" or (prep is not None and child.i == prep.i)):
            end += 1
    if end < len(verb.doc) and verb.doc[end].text == ":":
        end += 1  # "said:" introduces a quotation; the colon is part of the cue
    return start, end
