"""Figures as written: the runs of number tokens in a sentence (numbers from `numwords`,
ranges, vague amounts such as "dozens"), with their bounds and the qualifier words
around them ("at least", "up to", "200+").

This module knows nothing about what is counted; `counted` decides that from the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.numwords import DIGITS, WORD_NUMBERS, parse_number_words, read_number
from claimgraph.model import Qualifier

# One token that is itself a range: "200–300", "2,000-3,000".
_RANGE_TOKEN = re.compile(r"^(\d[\d,.]*)[\-–—](\d[\d,.]*)$")
_DASHES = frozenset({"-", "–", "—", "to"})
# Words whose "from X to Y" is a change between two figures, not a range of one.
_CHANGES = frozenset(
    {
        *("rise", "climb", "increase", "grow", "jump", "soar", "swell", "mount", "double"),
        *("fall", "drop", "decline", "decrease", "reduce", "lower", "shrink", "cut"),
        *("raise", "revise", "correct", "change", "update", "go", "triple"),
    }
)

# Vague amounts: (low, high), all approximate. "several dozen" is read as "dozens" so that
# the two phrasings of the same estimate compare equal downstream.
_VAGUE = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "millions": (2e6, 9999999.0),
}
_VAGUE_OF = {  # "tens of thousands", "hundreds of thousands"
    ("tens", "thousands"): (20000.0, 99999.0),
    ("hundreds", "thousands"): (200000.0, 999999.0),
    ("tens", "millions"): (2e7, 99999999.0),
}
# "several hundred", "a few thousand", "many thousands": the same spans as the plurals.
_VAGUE_LEAD = frozenset({"several", "few", "many"})
_VAGUE_SINGULAR = {"dozen": "dozens", "hundred": "hundreds", "thousand": "thousands"}


def _phrases(text: str) -> list[tuple[str, ...]]:
    """Word sequences written as one string: "|" between phrases, spaces between words."""
    return [tuple(phrase.split()) for phrase in text.split("|")]


# Qualifier phrases before a number, longest first when matched.
_PREFIXES: dict[tuple[str, ...], Qualifier] = {
    ("at", "least"): Qualifier.AT_LEAST,
    ("at", "the", "very", "least"): Qualifier.AT_LEAST,
    ("more", "than"): Qualifier.AT_LEAST,
    ("over",): Qualifier.AT_LEAST,
    ("well", "over"): Qualifier.AT_LEAST,
    ("just", "over"): Qualifier.AT_LEAST,
    ("in", "excess", "of"): Qualifier.AT_LEAST,
    ("upwards", "of"): Qualifier.AT_LEAST,
    ("upward", "of"): Qualifier.AT_LEAST,
    ("no", "fewer", "than"): Qualifier.AT_LEAST,
    ("no", "less", "than"): Qualifier.AT_LEAST,
    ("not", "less", "than"): Qualifier.AT_LEAST,
    ("not", "fewer", "than"): Qualifier.AT_LEAST,
    ("a", "minimum", "of"): Qualifier.AT_LEAST,
    ("at", "most"): Qualifier.AT_MOST,
    ("a", "maximum", "of"): Qualifier.AT_MOST,
    ("no", "more", "than"): Qualifier.AT_MOST,
    ("not", "more", "than"): Qualifier.AT_MOST,
    ("fewer", "than"): Qualifier.AT_MOST,
    ("less", "than"): Qualifier.AT_MOST,
    ("under",): Qualifier.AT_MOST,
    ("just", "under"): Qualifier.AT_MOST,
    ("up", "to"): Qualifier.UP_TO,
    ("as", "many", "as"): Qualifier.UP_TO,
    **dict.fromkeys(
        _phrases(
            "about|some|around|nearly|almost|roughly|approximately|an estimated|estimated|"
            "close to|more or less|approx .|est .|perhaps|maybe|estimate of|~|c.|ca.|ca .|circa"
        ),
        Qualifier.APPROX,
    ),
    ("only",): Qualifier.EXACT,
    ("just",): Qualifier.EXACT,
    ("exactly",): Qualifier.EXACT,
    ("between",): Qualifier.RANGE,
}
_MAX_PREFIX = max(len(k) for k in _PREFIXES)
_SUFFIXES: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): Qualifier.AT_LEAST,
    ("+",): Qualifier.AT_LEAST,
    ("-", "plus"): Qualifier.AT_LEAST,
    ("plus",): Qualifier.AT_LEAST,
    ("or", "so"): Qualifier.APPROX,
    ("-", "odd"): Qualifier.APPROX,
    ("odd",): Qualifier.APPROX,
    ("or", "fewer"): Qualifier.AT_MOST,
    ("or", "less"): Qualifier.AT_MOST,
}


# Words that can open a figure besides those spaCy already calls number-like.
_STARTERS = frozenset(
    [*WORD_NUMBERS, *_VAGUE, *_VAGUE_LEAD, *(first for first, _ in _VAGUE_OF), "a", "an", "half"]
)


@dataclass(frozen=True, slots=True)
class NumberRun:
    """A figure as written: tokens [start, end) of the Doc, qualifier words included."""

    start: int
    end: int
    nums: tuple[int, ...]  # Doc indices of the number words proper
    low: float | None
    high: float | None
    qualifier: Qualifier
    vague: bool  # "dozens", "hundreds": the bounds are a convention, not a figure


def find_runs(sent: Span) -> list[NumberRun]:
    """Every figure written in the sentence, left to right, with its qualifier."""
    doc, runs, skip_to = sent.doc, [], sent.start
    for word in sent:
        # most tokens cannot start a figure: skip them before any closer look
        if word.i < skip_to or not (
            word.like_num
            or word.text[:1].isdigit()
            or word.lower_ in _STARTERS
            or _tilde(word.text)
        ):
            continue
        bare = _read_figure(doc, word.i, sent.start, sent.end)
        if bare is not None:
            runs.append(_qualify(doc, bare, sent.start, sent.end))
            skip_to = bare.end
    return runs


def _read_figure(doc: Doc, i: int, first: int, limit: int) -> NumberRun | None:
    """A bare figure (number, vague amount or range) starting at token i, or None."""
    vague = _read_vague(doc, i, limit)
    if vague is not None:
        return vague
    if _tilde(doc[i].text):  # "~3,400" is one token; "~1.1 million" two
        scaled = i + 1 < limit and doc[i + 1].lower_ in _SCALE_WORDS
        end = i + 2 if scaled else i + 1
        value = parse_number_words(doc[i].text[1:] + (" " + doc[i + 1].text if scaled else ""))
        return NumberRun(i, end, tuple(range(i, end)), value, value, Qualifier.APPROX, False)
    single = _RANGE_TOKEN.match(doc[i].text)
    if single:
        return _as_range(i, i + 1, parse_number_words(single[1]), parse_number_words(single[2]))
    number = read_number(doc, i, limit)
    if number is None:
        return None
    j, value = number
    # "rose from 200 to 300" is a change between two figures; "ranged from 200 to 300",
    # "perished from 10 to 15 persons" are one range.
    after_from = i > first and doc[i - 1].lower_ == "from" and _is_change(doc[i - 1])
    if j + 1 < limit and doc[j].lower_ in _joiners(doc, i, first) and not after_from:
        second = read_number(doc, j + 1, limit)
        if second is not None:
            ranged = _as_range(i, second[0], value, second[1])
            if ranged is not None:
                return ranged
    qualifier = Qualifier.APPROX if _has_dozen(doc, i, j) else Qualifier.EXACT
    return NumberRun(i, j, tuple(range(i, j)), value, value, qualifier, False)


_SCALE_WORDS = frozenset({"thousand", "million", "billion"})


def _tilde(text: str) -> bool:
    return len(text) > 1 and text[0] == "~" and bool(DIGITS.match(text[1:]))


def _is_change(word: Token) -> bool:
    """Whether "from" hangs on a word of change: "rose from", "an increase from"."""
    head = word.head if word.head.i != word.i else word
    before = word.doc[word.i - 1] if word.i > 0 else word
    return head.lemma_.lower() in _CHANGES or before.lemma_.lower() in _CHANGES


def _joiners(doc: Doc, i: int, first: int) -> frozenset[str]:
    """Words that join two numbers into a range: "and" only after "between"."""
    if i > first and doc[i - 1].lower_ == "between":
        return _DASHES | {"and", "or"}
    return _DASHES | {"or"}


def _has_dozen(doc: Doc, i: int, j: int) -> bool:
    # "a dozen", "two dozen" are round estimates, not counts.
    return any(doc[k].lower_ == "dozen" for k in range(i, j))


def _as_range(start: int, end: int, low: float | None, high: float | None) -> NumberRun | None:
    # Ends that do not increase are a score ("3-1"), a phone number or an id, not a range.
    if low is None or high is None or low >= high:
        return None
    return NumberRun(start, end, tuple(range(start, end)), low, high, Qualifier.RANGE, False)


def _read_vague(doc: Doc, i: int, limit: int) -> NumberRun | None:
    """ "dozens", "tens of thousands", "several hundred", "a few thousand", "half a dozen"."""
    words = [doc[k].lower_ for k in range(i, min(i + 3, limit))]
    first = words[0]
    if len(words) == 3 and words[1] == "of" and (first, words[2]) in _VAGUE_OF:
        return _vague(i, i + 3, _VAGUE_OF[(first, words[2])])
    if words[:3] == ["half", "a", "dozen"]:
        return NumberRun(i, i + 3, (i, i + 1, i + 2), 6.0, 6.0, Qualifier.APPROX, False)
    if first in _VAGUE and doc[i].tag_ in ("NNS", "CD"):  # not the verb "scores"
        return _vague(i, i + 1, _VAGUE[first])
    lead = 2 if words[:2] == ["a", "few"] else 1 if first in _VAGUE_LEAD else 0
    if lead and len(words) > lead:
        plural = _VAGUE_SINGULAR.get(words[lead], words[lead])
        if plural in _VAGUE and plural != "scores":
            return _vague(i, i + lead + 1, _VAGUE[plural])
    return None


def _vague(start: int, end: int, bounds: tuple[float, float]) -> NumberRun:
    nums = tuple(range(start, end))
    return NumberRun(start, end, nums, bounds[0], bounds[1], Qualifier.APPROX, True)


def _qualify(doc: Doc, run: NumberRun, first: int, limit: int) -> NumberRun:
    """Widen a bare figure over the qualifier words around it and set its bounds."""
    start, qualifier = _match_before(doc, run.start, first)
    end, suffix = _match_after(doc, run.end, limit)
    if qualifier is Qualifier.RANGE and run.qualifier is not Qualifier.RANGE:
        start, qualifier = run.start, None  # "between 200" without a second figure
    if run.qualifier is Qualifier.RANGE:
        qualifier = Qualifier.RANGE  # "about 200-300" is still both bounds
    qualifier = qualifier or suffix or run.qualifier
    if qualifier is Qualifier.EXACT and run.qualifier is Qualifier.APPROX:
        qualifier = Qualifier.APPROX  # "only dozens" stays vague
    low, high = _bounds(run, qualifier)
    return NumberRun(start, end, run.nums, low, high, qualifier, run.vague)


def _bounds(run: NumberRun, qualifier: Qualifier) -> tuple[float | None, float | None]:
    if qualifier is Qualifier.AT_LEAST:
        return run.low, None
    if qualifier in (Qualifier.AT_MOST, Qualifier.UP_TO):
        return None, run.high
    return run.low, run.high


def _match_before(doc: Doc, start: int, first: int) -> tuple[int, Qualifier | None]:
    before = tuple(doc[k].lower_ for k in range(max(first, start - _MAX_PREFIX), start))
    for size in range(len(before), 0, -1):  # longest first: "no more than" over "more than"
        qualifier = _PREFIXES.get(before[-size:])
        if qualifier is not None:
            return start - size, qualifier
    return start, None


def _match_after(doc: Doc, end: int, limit: int) -> tuple[int, Qualifier | None]:
    after = tuple(doc[k].lower_ for k in range(end, min(end + 2, limit)))
    for size in range(len(after), 0, -1):
        qualifier = _SUFFIXES.get(after[:size])
        if qualifier is not None:
            return end + size, qualifier
    return end, None
