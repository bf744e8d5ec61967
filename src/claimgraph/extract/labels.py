"""Headline and transcript labels: "Ministry: 40 killed in strike", "TAPPER: And ..."."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.actorwords import kind_of_words
from claimgraph.extract.cues import Found, char_span
from claimgraph.extract.lexicon import label_counts, says_outcome
from claimgraph.extract.nounphrases import is_person_noun

_DASHES = frozenset({"—", "–", "--", "-", "―"})
_COLON_SOURCE = 7  # the most words a "Speaker:" label takes
# Labels before a colon that introduce something other than a speaker's words.
_NOT_SPEAKERS = frozenset(
    {"note", "update", "correction", "editor", "photo", "photos", "video", "related", "watch",
     "read", "listen", "caption", "credit", "credits", "warning", "disclosure", "contact",
     "email", "phone", "address", "date", "time", "location", "subject", "question",
     "answer", "example", "reason", "result", "results", "summary", "background", "context",
     "analysis", "exclusive", "breaking", "live", "latest", "more", "also", "plus", "tip",
     "verdict", "score", "status", "topic", "issue", "problem", "step", "rule", "lesson",
     "source", "sources", "image", "images", "file", "map", "chart", "graphic", "table",
     "figure", "fig", "page", "part", "chapter", "section", "day", "week", "year", "list",
     "editors", "advertisement", "sponsored", "transcript", "q", "a"}
)  # fmt: skip


def colon_cue(colon: Token) -> Found | None:
    """Headline and transcript style: "Ministry: 40 killed in strike", "TAPPER: And ..."."""
    doc = colon.doc
    start = colon.i
    while start > colon.sent.start and colon.i - start < _COLON_SOURCE:
        before = doc[start - 1]
        if "\n" in before.text or before.text in _DASHES:
            break
        start -= 1
    words = doc[start : colon.i]
    if not 0 < len(words) < _COLON_SOURCE or colon.i + 2 >= len(doc):
        return None
    end = next((t.i for t in words if t.pos_ == "ADP" or t.lower_ == "to"), colon.i)
    if end == start or any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in words):
        return None
    head = doc[end - 1]
    if not _speaker_like(head) or not (words[0].is_title or words[0].is_upper):
        return None
    first = colon.i + 1
    while first < len(doc) - 1 and doc[first].is_space:
        first += 1
    if doc[first].like_num and head.tag_ == "NNS":
        return None  # "Refugees: 12,750": a field of a list, not a speaker's words
    last = doc[first].sent.end - 1  # a headline label may stand as a sentence of its own
    if first >= last or sum(t.is_alpha for t in doc[first : last + 1]) < 2:
        return None  # "Hillary Clinton: 1,769." is a tally, not a statement
    if _tally(doc[first : last + 1]):
        return None  # "Lowland Defence Force: 212 killed, 640 wounded": a list field
    return Found(
        head=colon.i,
        cue=(colon.i, colon.i + 1),
        source=head,
        source_span=char_span(doc, start, end - 1),
        content=[char_span(doc, first, last)],
        takes_quote=False,
    )


def _tally(words: Span) -> bool:
    """Figures and outcome words only: "212 killed, 640 wounded, 38 missing"."""
    depth, alpha = 0, []
    for t in words:  # "480–1,100 killed (disputed), 95 captured": notes aside
        depth += (t.text == "(") - (t.text == ")")
        if t.is_alpha and depth == 0:
            alpha.append(t)
    return words[0].like_num and all(says_outcome(t) or t.lower_ == "and" for t in alpha)


def _speaker_like(head: Token) -> bool:
    if len(head.text) < 2 or head.lower_ in _NOT_SPEAKERS or label_counts(head) is not None:
        return False
    return head.pos_ == "PROPN" or is_person_noun(head) or kind_of_words([head.text]) is not None
