"""Casualty-type figures in a sentence, normalised: "at least 30 villagers were killed"
-> killed, at_least, low 30, subject "villagers".

Three steps, each over the sentence's tokens only (spaCy's parse is reused, nothing is
re-parsed): `numbers` finds the figures as written with their qualifiers, the vetoes below
drop numbers that are plainly something else (years, dates, ages, times, money, units,
labels such as "Route 6"), and `counted` reads from the dependency parse what each figure
counts. A figure that counts nothing casualty-related is dropped."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimgraph.extract import lexicon as lx
from claimgraph.extract.counted import Counted, what_is_counted
from claimgraph.extract.fields import field_label, labelled
from claimgraph.extract.lexicon import (
    SEEING,
    is_person,
    lemma_of,
    names_outcome,
    says_outcome,
)
from claimgraph.extract.numbers import NumberRun, find_runs
from claimgraph.extract.numwords import parse_number_words
from claimgraph.extract.types import FoundQuantity
from claimgraph.model import Counts, Qualifier

__all__ = ["find_quantities", "parse_number_words"]


_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_DASH = re.compile(r"[-–—]")


def find_quantities(sent: Span) -> list[FoundQuantity]:
    """The casualty-type figures in one sentence, left to right."""
    doc = sent.doc
    runs = find_runs(sent)
    readings = [_reading(doc, run, sent) for run in runs]
    found: list[FoundQuantity] = []
    for k, (run, counted) in enumerate(zip(runs, readings, strict=True)):
        if counted is None and not _vetoed(doc, run, sent):
            counted = _borrowed(doc, runs, readings, k) or _anaphoric(doc, runs, readings, k)
            readings[k] = counted  # "of whom 9,870 are … and 14,300 …" builds on it
        if counted is not None:
            found.append(_found(doc, _bound_by_verb(doc, run), counted, sent.end))
    return found


def _reading(doc: Doc, run: NumberRun, sent: Span) -> Counted | None:
    if _vetoed(doc, run, sent):
        return None
    counted = what_is_counted(doc, run)
    label = field_label(doc, run, sent)
    return counted if label is None else labelled(doc, run, counted, label)


def _anaphoric(
    doc: Doc, runs: list[NumberRun], readings: list[Counted | None], k: int
) -> Counted | None:
    """A bare figure that takes up the last counted one: "not 70 but 7 bodies", "not
    hundreds of bodies but about 70", "64 injured, of them 11 children", "identified 41"."""
    earlier = [(r, c) for r, c in zip(runs[:k], readings[:k], strict=True) if c is not None]
    if not earlier:
        return None
    prev, reading = earlier[-1]
    run = runs[k]
    if _contrasted(doc, prev, run) or _refers_back(doc, run, reading.counts):
        return Counted(reading.counts, reading.anchor, None)
    return _gapped(doc, runs, readings, k)


def _gapped(
    doc: Doc, runs: list[NumberRun], readings: list[Counted | None], k: int
) -> Counted | None:
    """ "of whom 9,870 are pensioners and 14,300 children": the second figure shares the
    clause of the first, its verb left out."""
    num = doc[runs[k].nums[-1]]
    noun = num.head
    if num.dep_ != "nummod" or noun.dep_ != "conj" or noun.head.dep_ not in ("attr", "dobj"):
        return None
    clause = noun.head.head
    subjects = {c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")}
    for run, reading in zip(runs[:k], readings[:k], strict=True):
        if reading is not None and subjects & set(run.nums):
            return Counted(reading.counts, reading.anchor, noun.i)
    return None


def _contrasted(doc: Doc, prev: NumberRun, run: NumberRun) -> bool:
    """ "not 300 but 30", "did not contain 200 bodies, as alleged, but 23", "40 killed,
    not 400 as claimed"."""
    negated = any(t.lower_ in ("not", "n't") for t in doc[max(0, prev.start - 3) : prev.start])
    before = doc[run.start - 1].lower_ if run.start > 0 else ""
    joined = [t.lower_ for t in doc[max(0, run.start - 3) : run.start - 1]]
    after_comma = bool(joined) and (joined[-1] == "," or joined[-2:] == [",", "and"])
    return (negated and before == "but") or (before == "not" and after_comma)


def _refers_back(doc: Doc, run: NumberRun, counts: Counts) -> bool:
    top = doc[run.nums[-1]]
    while top.head.i in run.nums and top.head.i != top.i:
        top = top.head
    head = top.head
    if _partitive(doc, run):  # "of them 11 are children", not "of them 40 were released"
        return _verbless(doc, run)
    if top.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in lx.RESTATING
    verb = head.lemma_.lower() if top.dep_ == "dobj" else ""
    return verb in lx.CONFIRMING or (verb in SEEING and counts is Counts.DEAD_BODIES_SEEN)


def _verbless(doc: Doc, run: NumberRun) -> bool:
    """Whether the words after the figure say what the part is, not what it did."""
    for t in doc[run.end : run.end + 6]:
        if t.lower_ not in lx.PARTITIVE and t.lower_ != "of" and t.pos_ not in _FILLERS:
            return t.pos_ != "VERB"
    return True


_FILLERS = frozenset({"AUX", "ADV", "PART", "PUNCT"})


def _partitive(doc: Doc, run: NumberRun) -> bool:
    before = [t.lower_ for t in doc[max(0, run.start - 2) : run.start]]
    after = [t.lower_ for t in doc[run.end : run.end + 2]]
    pairs = (before, after)  # "of them", "of whom", "among them"
    return any(len(w) == 2 and w[0] in ("of", "among") and w[1] in lx.PARTITIVE for w in pairs)


def _borrowed(
    doc: Doc, runs: list[NumberRun], readings: list[Counted | None], k: int
) -> Counted | None:
    """ "the toll rose from 200 to 300": the earlier figure counts what the later one does."""
    run = runs[k]
    if k + 1 >= len(runs) or run.start == 0 or doc[run.start - 1].lower_ != "from":
        return None
    nxt = runs[k + 1]
    if nxt.start == run.end + 1 and doc[run.end].lower_ == "to":
        return readings[k + 1]
    return None


def _found(doc: Doc, run: NumberRun, counted: Counted, limit: int) -> FoundQuantity:
    """The record, its span running from the qualifier to the counted noun."""
    end = run.end
    noun = counted.noun
    between = doc[run.end : noun] if noun is not None else doc[0:0]
    if any(t.like_num for t in between):
        noun = None  # "not 50 but 12 bodies": the noun is written with the later figure
    if noun is not None and run.end <= noun < run.end + 6:
        end = noun + 1
        if noun + 2 < limit and _shares_figure(doc[noun], doc[noun + 2]):
            end = noun + 3  # "30 women and children"
    anchor = doc[counted.anchor]
    # "100 killed": the outcome word right after the figure belongs to it.
    if counted.anchor == end and end < limit and anchor.tag_ in ("VBN", "JJ"):
        end += 1
    span = doc[run.start : end]  # Span.text is doc.text[start_char:end_char], built locally
    return FoundQuantity(
        start=span.start_char,
        end=span.end_char,
        low=run.low,
        high=run.high,
        qualifier=run.qualifier,
        counts=counted.counts,
        subject=_subject(doc[noun], run.end) if noun is not None else None,
        text=span.text,
        anchor=counted.anchor,
    )


def _subject(noun: Token, after: int) -> str | None:
    """Who is counted, as written, without the number: "civilians", "soldiers of the 4th
    brigade"; None for pronouns and for outcome nouns with no people named beside them."""
    if noun.lower_ == "others":  # "14 others were beaten": the others are who is counted
        return "others"
    if noun.pos_ == "PRON" or noun.lower_ in lx.NOT_SUBJECT:
        return None
    if lx.paper_counts(noun) is not None:  # "412 death certificates": no people named
        return None
    if names_outcome(noun) and not {noun.lemma_.lower(), noun.lower_} & lx.CORPSES:
        return _outcome_subject(noun)
    return _phrase(noun, after)  # "bodies" are what is counted, not a class word


def _outcome_subject(noun: Token) -> str | None:
    """ "civilian deaths" -> "civilian"; "deaths among villagers" -> "villagers"."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i and is_person(child):
            return child.lower_
        if child.dep_ == "prep" and child.lower_ in ("among", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and is_person(pobj) and pobj.pos_ != "PRON":
                return _phrase(pobj, child.i)
    return None


def _phrase(noun: Token, after: int) -> str:
    """The noun with its adjectives and an of-phrase: "unarmed civilians", "soldiers of
    the 4th brigade"; outcome words ("wounded") and "more"/"other" are left out."""
    words = [
        t.lower_
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and t.i >= after
        and t.lower_ not in lx.NOT_SUBJECT
        and not says_outcome(t)
        and t.pos_ != "NUM"
    ]
    words.append(noun.lower_)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - child.i < 6:
            words.append(child.doc[child.i : child.right_edge.i + 1].text.lower())
            break
        if _shares_figure(noun, child):  # "8,000 men and boys"
            words.append(child.doc[child.i - 1 : child.i + 1].text.lower())
            break
    return " ".join(words)


def _shares_figure(noun: Token, conj: Token) -> bool:
    """A noun joined by "and"/"or" right after, with no figure of its own."""
    if conj.dep_ != "conj" or conj.head.i != noun.i or conj.i != noun.i + 2:
        return False
    if noun.doc[noun.i + 1].dep_ != "cc" or conj.pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(c.dep_ == "nummod" for c in conj.children)


def _bound_by_verb(doc: Doc, run: NumberRun) -> NumberRun:
    """ "the toll exceeded 500" is at least 500, "does not exceed 500" at most 500, and
    "was estimated at 300" is approximate."""
    if run.qualifier is not Qualifier.EXACT or run.low is None:
        return run
    head = doc[run.nums[-1]].head
    if doc[run.nums[-1]].dep_ == "nummod":  # "does not exceed 600 persons"
        head = head.head
    if head.dep_ == "prep" and head.i < run.start:
        head = head.head
    lemma = head.lemma_.lower()
    if head.i > run.start or lemma not in lx.ABOVE_VERBS | lx.ESTIMATE_VERBS:
        return run
    if lemma in lx.ESTIMATE_VERBS:
        qualifier, low, high = Qualifier.APPROX, run.low, run.high
    elif any(c.dep_ == "neg" for c in head.children):
        qualifier, low, high = Qualifier.AT_MOST, None, run.high
    else:
        qualifier, low, high = Qualifier.AT_LEAST, run.low, None
    return NumberRun(run.start, run.end, run.nums, low, high, qualifier, run.vague)


def _vetoed(doc: Doc, run: NumberRun, sent: Span) -> bool:
    """Numbers that are plainly not a count of people: see the word lists above."""
    before = doc[run.start - 1] if run.start > sent.start else None
    after = doc[run.end] if run.end < sent.end else None
    if after is not None and (after.lower_ in lx.UNITS_AFTER or _is_month(after)):
        return True
    # a label stands right before the number: "Route 6", but not "the road not less than 20"
    bare = run.start == run.nums[0]  # "2 March some 6,500 residents": not a date
    label = before is not None and before.lower_ in lx.LABELS_BEFORE and bare
    if label or (before is not None and _is_month(before) and bare):
        return True
    if before is not None and before.text == "." and _abbreviation(doc, run.start - 2, sent):
        return True  # "No. 41", "p. 12" split by the tokenizer
    if doc[run.nums[0]].text[0] in "$€£¥₹#" or _is_time(doc, run, sent.end):
        return True
    if before is not None and before.text == "[" and after is not None and after.text == "]":
        return True  # a footnote mark: "[22]"
    if _hyphen_compound(doc, run.end, sent.end) or _is_ratio(doc, run.start - 1, sent.start):
        return True
    if _is_generic(doc, run) or _is_capacity(doc, run):
        return True
    return _is_year(doc, run, after) or _is_age(doc, run) or _is_pronoun_one(doc, run, before)


def _is_generic(doc: Doc, run: NumberRun) -> bool:
    """ "murder of two or more persons", "one or more soldiers": a legal or generic
    category, not a count."""
    tail = [t.lower_ for t in doc[run.nums[-1] + 1 : run.end]]
    if tail == ["or", "both"] or doc[run.end : run.end + 2].text.lower() == "or both":
        return True  # "children who lost one or both parents"
    return tail == ["or", "more"] and run.low is not None and run.low <= 2


def _is_capacity(doc: Doc, run: NumberRun) -> bool:
    """ "cells designed for 8 people", "a clinic built for 20 beds": what a place was
    made to hold, not who is in it."""
    num = doc[run.nums[-1]]
    top = num.head if num.dep_ == "nummod" else num
    prep = top.head
    if top.dep_ != "pobj" or prep.lower_ != "for":
        return False
    return lemma_of(prep.head) in lx.MADE_FOR


def _hyphen_compound(doc: Doc, end: int, limit: int) -> bool:
    """ "34-year-old", "1,000-strong", "a 30-member team", "a 12-day siege": a measure
    word fused to the figure makes an adjective, never a count of people."""
    if end + 1 >= limit or doc[end].text not in ("-", "–") or doc[end].whitespace_:
        return False
    return doc[end + 1].is_alpha


def _abbreviation(doc: Doc, i: int, sent: Span) -> bool:
    return i >= sent.start and doc[i].lower_ + "." in lx.LABELS_BEFORE


def _is_ratio(doc: Doc, i: int, first: int) -> bool:
    """ "one in five residents": a share, not a count."""
    return i > first and doc[i].lower_ == "in" and doc[i - 1].like_num


def _is_month(token: Token) -> bool:
    # "May" is a month only as a proper noun: "30 may have died" is a count.
    return token.lower_ in lx.MONTHS and token.text[0].isupper() and token.tag_ == "NNP"


def _is_time(doc: Doc, run: NumberRun, limit: int) -> bool:
    """ "at 7 in the morning", "10:05" (the tokenizer keeps clock times whole)."""
    if ":" in doc[run.start].text:
        return True
    tail = [doc[i].lower_ for i in range(run.end, min(run.end + 3, limit))]
    return len(tail) == 3 and tail[0] == "in" and tail[2] in lx.DAYPARTS


def _is_year(doc: Doc, run: NumberRun, after: Token | None) -> bool:
    """ "in 2019", "the 2011 earthquake", "between 1992 and 1995"; but "2000 people fled"
    is a count."""
    parts = (p for i in run.nums for p in _DASH.split(doc[i].text))
    if not any(_YEAR.match(p) for p in parts):
        return False
    return after is None or after.tag_ not in ("NNS", "NNPS")


def _is_age(doc: Doc, run: NumberRun) -> bool:
    """ "Hastra, 58, said", "a boy of about twelve"."""
    num = doc[run.nums[-1]]
    head = num.head
    appos = num.dep_ == "appos" and head.i < num.i and head.tag_ in ("NNP", "NN")
    outcome = run.end < len(doc) and says_outcome(doc[run.end])  # "…, 52 wounded"
    if appos and doc[run.start - 1].text == "," and not outcome:  # not "Death toll: 477"
        return True
    if _in_brackets(doc, run) and doc[run.start - 2].pos_ == "PROPN":
        return True  # "Amir Sadeh (35)"
    if num.dep_ == "pobj" and head.lower_ == "of" and head.i < num.i:
        return head.head.lemma_.lower() in lx.AGE_HEADS
    return False


def _in_brackets(doc: Doc, run: NumberRun) -> bool:
    start, end = run.start, run.end
    return start >= 2 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def _is_pronoun_one(doc: Doc, run: NumberRun, before: Token | None) -> bool:
    if run.end - run.start != 1 or doc[run.start].lower_ != "one":
        return False
    after = doc[run.end] if run.end < len(doc) else None
    if after is not None and after.lower_ in ("of", "another", "who", "that"):
        return True
    return before is not None and before.lower_ in lx.ONE_BEFORE
