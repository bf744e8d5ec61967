"""Attribution relations SOURCE — CUE — CONTENT over a whole document, and who asserts
the text at a given position.

Reported speech comes from the dependency parse (`reported.py`): a cue word from the
lexicon (`cues.py`), its subject as the source, its clause or object as the content
(`complements.py`). Direct quotations (`quotes.py`) are then tied to the cue beside them
(`quotecues.py`). Speakers (`speakers.py`)
are named after the pass, in text order, so that "he" or "the minister" resolves to the
nearest fitting speaker before it. One pass over the tokens; no re-parsing."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.assemble import (
    clip,
    fill_sourcing,
    records,
    skip_datelines,
)
from claimgraph.extract.chains import (
    attributed_at,
    bracket_sources,
    datelines,
    in_dateline,
    publisher_key,
    quoted_origin,
    sourcing_cue,
)
from claimgraph.extract.cues import (
    ALL_CUE_VERBS,
    FRAME_NOUNS,
    LEMMA_FIXES,
    NOUN_CUES,
    Found,
)
from claimgraph.extract.frames import according_cue, noun_cue, per_cue
from claimgraph.extract.labels import colon_cue
from claimgraph.extract.origins import named_origin
from claimgraph.extract.quotecues import attach_quotes
from claimgraph.extract.quotes import doc_text, find_quotes, paragraph_breaks
from claimgraph.extract.registry import Registry
from claimgraph.extract.reported import quoting_whom, verb_cue
from claimgraph.extract.speakers import build_speaker
from claimgraph.extract.types import Attribution

__all__ = ["attributed_at", "find_attributions"]

_MENTION_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "poss"})


def find_attributions(doc: Doc, publisher: str | None = None) -> list[Attribution]:
    """Every attribution in `doc`, in text order; offsets are into `doc.text`."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    lines = datelines(text)
    registry = Registry(lambda token: build_speaker(token, registry, mention=True))
    found: list[Found] = []
    for token in doc:
        dated = bool(lines) and in_dateline(token.idx, lines)
        if token.pos_ in ("NOUN", "PROPN") and _is_mention(token) and not dated:
            registry.mention(token)
        hit = _cue_at(token)
        if hit is not None:
            found.append(hit)
            whom = quoting_whom(token, token.lemma_.lower()) if token.pos_ == "VERB" else None
            if whom is not None:
                found.append(quoted_origin(whom))
        found.extend(sourcing_cue(token))
        came = named_origin(token) if token.pos_ in ("VERB", "AUX") else None
        if came is not None:  # "its figure … came from X": the figure is X's, not its
            owners = {c.i for c in token.children if c.dep_ == "nsubj"}
            found = [f for f in found if f.head not in owners]
            found.append(came)
    if lines:
        skip_datelines(found, lines)
    clip(doc, found, paragraph_breaks(text))
    attach_quotes(doc, quotes, found)
    fill_sourcing(doc, found)
    found.extend(bracket_sources(text))
    quoted = frozenset((q.start, q.end) for q in quotes)
    own = {publisher_key(publisher), *(publisher_key(d.outlet) for d in lines)} - {None}
    return records(doc, found, registry, own, quoted)


def _is_mention(token: Token) -> bool:
    """Mentions that a later "he", "they" or "the minister" may refer back to."""
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return False  # "the Saltreach clinic": a name that modifies a thing names no one
    if token.ent_type_ == "PERSON":
        return token.ent_iob_ == "B" or token.dep_ != "compound"
    return token.dep_ in _MENTION_DEPS and token.pos_ != "PRON"


def _cue_at(token: Token) -> Found | None:
    if token.lower_ == "according":
        return according_cue(token)
    if token.lower_ == "per" and token.dep_ == "prep":
        return per_cue(token)
    if token.text == ":":
        return colon_cue(token)
    lemma = token.lemma_.lower()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    if token.tag_.startswith("VB") and lemma in ALL_CUE_VERBS and not _adjectival(token):
        return verb_cue(token, lemma)
    if token.pos_ == "NOUN" and (token.lower_ in NOUN_CUES or token.lower_ in FRAME_NOUNS):
        return noun_cue(token)
    return None


def _adjectival(verb: Token) -> bool:
    """ "the reported toll", "the so-called convoy": participles used as adjectives."""
    doc = verb.doc
    so_called = verb.i > 1 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "so"
    return verb.dep_ == "amod" or so_called
