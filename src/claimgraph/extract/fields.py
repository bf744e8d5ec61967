"""Infobox and list fields: "Deaths: 600", "dead — 41, injured — 137", "Trapped: 19 | ...",
"Refugees (Velsary): 212,000", "Deaths: 37 (incl. 29 hostages, 8 attackers)".

A figure in a labelled field counts what its label says, unless the field's own words say
otherwise ("Wounded: 40 soldiers, 3 tanks", "Casualties: 312 killed")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from claimgraph.extract.counted import Counted
from claimgraph.extract.lexicon import (
    is_person,
    label_counts,
    names_outcome,
    predicate,
    says_outcome,
)
from claimgraph.extract.numbers import NumberRun
from claimgraph.extract.readings import next_word_counts
from claimgraph.model import Counts

_LABEL_MARKS = frozenset({":", "—", "–", "):"})
_FIELD_ENDS = frozenset({"|", "·", "•"})
_LABEL_STOPS = _LABEL_MARKS | _FIELD_ENDS | {",", ";", "(", ")"}
_LABEL_WORDS = 4  # the most words of a label, besides a bracketed note
# A parenthesis that lists the parts of the field's figure: "(incl. 19 police officers)".
_BREAKDOWN = frozenset({"incl", "including", "among", "of"})


def field_label(doc: Doc, run: NumberRun, sent: Span) -> tuple[int, int] | None:
    """The label [start, mark) of the list field the figure stands in: a few words and a
    colon or dash before it, with no field break ("|", a new line) in between. A bracketed
    note in the label ("Refugees (Velsary):") is allowed."""
    before = doc[sent.start : run.start].text
    if not any(m in before for m in _LABEL_MARKS):
        return None  # prose: no colon or dash before the figure, so no field label
    mark = run.start - 1
    while mark >= sent.start and doc[mark].text not in _LABEL_MARKS:
        if doc[mark].text in _FIELD_ENDS or "\n" in doc[mark].text:
            return None
        mark -= 1
    if mark < sent.start:
        return None
    start = _label_start(doc, mark, sent.start)
    words = [t for t in doc[start:mark] if not _in_note(doc, t.i, start, mark)]
    if not 1 <= len(words) <= _LABEL_WORDS or not all(t.is_alpha for t in words):
        return None
    return start, mark


def _label_start(doc: Doc, mark: int, first: int) -> int:
    start = mark
    if doc[mark].text == "):":  # "Detainees (2032):": step over the note
        while start > first and doc[start - 1].text != "(":
            start -= 1
        start -= 1
    while start > first and doc[start - 1].text not in _LABEL_STOPS:
        if "\n" in doc[start - 1].text:
            break
        start -= 1
    return start


def _in_note(doc: Doc, i: int, start: int, mark: int) -> bool:
    """Whether token i of a label is inside (or is) its bracketed note."""
    opened = any(doc[k].text == "(" for k in range(start, i + 1))
    closed = any(doc[k].text == ")" for k in range(start, i))
    return (opened and not closed) or doc[i].text in ("(", ")") or i == mark


def labelled(
    doc: Doc, run: NumberRun, counted: Counted | None, label: tuple[int, int]
) -> Counted | None:
    """A figure in a labelled field: what it says itself inside the field ("312 killed")
    wins, then the label ("Deaths: 600", "Orphaned: 640 children")."""
    start, mark = label
    breakdown = _in_breakdown(doc, run, mark)
    if counted is not None and _own(doc, run, mark, counted.anchor) and not breakdown:
        return counted
    following = next_word_counts(doc, run)
    if following is not None:
        return Counted(following[0], following[1].i, None)
    counts = _label_says(doc, start, mark)
    if _thing_follows(doc, run) and not breakdown:
        return counted  # "Wounded: 40 soldiers, 3 tanks"
    noun = counted.noun if counted is not None else None
    if noun is not None and not (doc[noun].is_alpha and _in_field(doc, mark, noun)):
        noun = None  # "Rescued: 46 | Dead", "Injured — 12, missing — 3"
    if counts is None:  # what the parse found past the field's end is another field's
        return None if counted is None or not _own(doc, run, mark, counted.anchor) else counted
    if noun is not None and not is_person(doc[noun]):
        noun = None  # "Injured: 46 (incl. 20 police)"
    if noun is None and breakdown:
        noun = _breakdown_noun(doc, run)
    return Counted(counts, mark - 1, noun)


def _label_says(doc: Doc, start: int, mark: int) -> Counts | None:
    words = [t for t in reversed(doc[start:mark]) if not _in_note(doc, t.i, start, mark)]
    # "Executed prisoners": the participle says what befell the people the noun names
    found = next((c for t in words if t.tag_ in ("VBN", "JJ") and (c := predicate(t))), None)
    return found or next((c for t in words if (c := label_counts(t))), None)


def _own(doc: Doc, run: NumberRun, mark: int, anchor: int) -> bool:
    """Whether the reading comes from the figure's own words in the field, not from a
    bracketed note after it ("9 guards (freed 3 September)")."""
    if not _in_field(doc, mark, anchor):
        return False
    if anchor < run.end:
        return True
    return not any(doc[k].text == "(" for k in range(run.end, anchor))


def _in_breakdown(doc: Doc, run: NumberRun, mark: int) -> bool:
    """ "Deaths: 37 (incl. 29 hostages, 8 attackers)": a part of the field's figure."""
    opening = next((k for k in range(run.start - 1, mark, -1) if doc[k].text == "("), None)
    if opening is None or any(doc[k].text == ")" for k in range(opening, run.start)):
        return False
    return opening + 1 < len(doc) and doc[opening + 1].lower_ in _BREAKDOWN


def _breakdown_noun(doc: Doc, run: NumberRun) -> int | None:
    after = doc[run.end] if run.end < len(doc) else None
    return after.i if after is not None and is_person(after) and after.is_alpha else None


def _thing_follows(doc: Doc, run: NumberRun) -> bool:
    after = doc[run.end] if run.end < len(doc) else None
    if after is None or not after.is_alpha or after.pos_ not in ("NOUN", "PROPN"):
        return False
    return not is_person(after) and not says_outcome(after) and not names_outcome(after)


def _in_field(doc: Doc, mark: int, i: int) -> bool:
    return i > mark and all(doc[k].text not in _FIELD_ENDS for k in range(mark, i))
