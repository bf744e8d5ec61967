"""Speakers the parser hangs on the content instead of the cue: read off the word order.

"Ten died in the attack, Interior Minister Pavel Strand told reporters", "… caused 477
deaths, a cleric in the nearby town of Kettavi told a stringer", "…, its mayor, Ada
Okafor, said": the speaker's phrase stands between a comma and the cue. Translated
official prose puts it after the cue, where the parser often reads it as an object:
"…, informs the press service of the district court", "…, declared the representative
of the prosecutor's office"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.complements import is_passive
from claimgraph.extract.cues import char_span, has_words, source_span
from claimgraph.extract.frames import actor_like

Found3 = tuple[Token | None, tuple[int, int] | None, list[tuple[int, int]]]

_VERB_GROUP = frozenset({"aux", "auxpass", "neg"})
# The words of a speaker's noun phrase: "a cleric in the nearby town of Kettavi".
_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "ADP"})
_NOUNS = frozenset({"PROPN", "NOUN"})
# Verbs of saying that translated prose puts before their speaker; finite forms only, so
# that "…, accusing the ministry" or "…, citing the ministry" stay what they are.
_INVERTING = frozenset(
    {"say", "inform", "report", "state", "announce", "declare", "communicate",
     "add", "write", "note", "explain", "claim", "confirm", "stress", "emphasise",
     "emphasize", "clarify", "specify", "transmit", "assert", "affirm"}
)  # fmt: skip
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_NONE: Found3 = (None, None, [])


def speaker_after(verb: Token, lemma: str) -> Found3:
    """ "48 participants were arrested, informs the press service of the district court":
    a finite cue right after a comma, whose speaker runs from the cue to the sentence end."""
    doc, sent = verb.doc, verb.sent
    if lemma not in _INVERTING or verb.tag_ not in _FINITE or verb.i - 2 < sent.start:
        return _NONE
    if doc[verb.i - 1].text != "," or not has_words(doc, sent.start, verb.i - 2):
        return _NONE
    if any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return _NONE  # "…, the mayor, Ada Okafor, informed journalists": she speaks
    last = sent.end - 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    speaker = next(
        (c for c in verb.rights if c.dep_ in ("nsubj", "dobj") and c.left_edge.i == verb.i + 1),
        None,
    )
    if speaker is None or speaker.right_edge.i != last or not actor_like(speaker):
        return _NONE
    start = _after_semicolon(doc, sent.start, verb.i)
    if not has_words(doc, start, verb.i - 2):
        return _NONE
    return speaker, source_span(speaker), [(start, verb.i - 2)]


def _after_semicolon(doc: Doc, first: int, cue: int) -> int:
    """Where a content before its cue starts: in "A; B, X said" A is not X's."""
    return max((t.i + 1 for t in doc[first:cue] if t.text == ";"), default=first)


def speaker_before(verb: Token) -> Found3:
    """ "Ten died in the attack, Interior Minister Pavel Strand told reporters", "…
    caused 477 deaths, a cleric in the nearby town of Kettavi told a stringer", "…, its
    mayor, Ada Okafor, said": the parser often hangs such a speaker on the content; read
    it off the word order."""
    doc, first = verb.doc, verb.sent.start
    if is_passive(verb):
        return _NONE  # "…, the bodies of 12 people were found": no speaker
    i = verb.i - 1
    while i > first and doc[i].dep_ in _VERB_GROUP | {"advmod"}:
        i -= 1
    closed = doc[i].text == "," and i > first  # "its mayor, Ada Okafor, said"
    end = i - 1 if closed else i
    j = _phrase_start(doc, end, first)
    if closed and j is not None and j - 1 > first and doc[j - 1].text == ",":
        j = _phrase_start(doc, j - 2, first)  # the role before the name
    elif closed:
        return _NONE
    if j is None or j - 1 <= first or doc[j - 1].text != "," or not has_words(doc, first, j - 2):
        return _NONE
    # The phrase's head is its first noun governed from outside it: "cleric", not "Kettavi".
    heads = [t for t in doc[j : end + 1] if not j <= t.head.i <= end and t.pos_ in _NOUNS]
    head = heads[0] if heads else doc[end]
    if not actor_like(head):
        return _NONE
    start = _after_semicolon(doc, first, j)
    if not has_words(doc, start, j - 2):
        return _NONE
    return head, char_span(doc, j, end), [(start, j - 2)]


def _phrase_start(doc: Doc, last: int, first: int) -> int | None:
    """Where the noun phrase ending at token `last` starts, back to a comma."""
    if last <= first or doc[last].pos_ not in _NOUNS:
        return None
    j = last
    while j > first and doc[j - 1].text != ",":
        before = doc[j - 1]
        if before.pos_ not in _PHRASE_POS and before.dep_ != "poss":  # "its mayor"
            break
        j -= 1
    return None if doc[j].pos_ == "ADP" else j  # "…, in Kettavi the cleric said"
