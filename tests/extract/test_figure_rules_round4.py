"""Figure rules of the fourth round, through `extract_claims`: list fields whose value the
parser cut off, bracketed notes and breakdowns in fields, detention, rescue, displacement
and population verbs, bodies named by their remains, and figures that must stay out.

Every text here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract import extract_claims

Row = tuple[str, float | None, float | None, str]  # counts, low, high, qualifier


def _figures(nlp: Any, text: str) -> list[Row]:
    return [
        (c.quantity.counts.value, c.quantity.low, c.quantity.high, c.quantity.qualifier.value)
        for c in extract_claims(text, nlp)
        if c.quantity is not None
    ]


def _claimants(nlp: Any, text: str) -> list[str | None]:
    claims = [c for c in extract_claims(text, nlp) if c.quantity is not None]
    return [c.claimant.name if c.claimant else None for c in claims]


FIELDS: list[tuple[str, list[Row]]] = [
    # a field's value stays with its label, whatever the parser makes of the line
    ("Mine collapse\nRescued: 40\nBodies recovered: 12\n",
     [("other", 40, 40, "exact"), ("dead_bodies_seen", 12, 12, "exact")]),
    ("Grave site\nIdentified: 33 (as of June)\n", [("dead_bodies_seen", 33, 33, "exact")]),
    ("Recaptured: 40 (by 2 May)", [("detained", 40, 40, "exact")]),
    ("Evacuated: 7,200\nAffected: ~2.5 million\n",
     [("fled", 7200, 7200, "exact"), ("other", 2_500_000, 2_500_000, "approx")]),
    # a bracketed note in the label
    ("Refugees (Maelund): 8,000", [("fled", 8000, 8000, "exact")]),
    # the parts of a breakdown count what the field counts
    ("Deaths: 20 (incl. 6 guards, 2 nurses)",
     [("killed", 20, 20, "exact"), ("killed", 6, 6, "exact"), ("killed", 2, 2, "exact")]),
    # a note after the figure does not say what it counts
    ("Held hostage: 5 pilots (freed 9 June)", [("detained", 5, 5, "exact")]),
    ("Arrested: 60 suspects", [("detained", 60, 60, "exact")]),
    # a semicolon inside a field does not end it
    ("Military deaths: Army 1,200; Militia 900\n",
     [("killed", 1200, 1200, "exact"), ("killed", 900, 900, "exact")]),
    ("Besieged: c. 40,000 civilians", [("other", 40000, 40000, "approx")]),
    # "…, 9 wounded" after a name is a figure, not an age
    ("Side A — 4 killed, 9 wounded", [("killed", 4, 4, "exact"), ("wounded", 9, 9, "exact")]),
    # footnote marks are not figures
    ("At least 12 people died.[3] The road was closed.", [("killed", 12, None, "at_least")]),
]  # fmt: skip

PROSE: list[tuple[str, list[Row]]] = [
    # detention: held as hostages, in custody, behind bars, released all but N
    ("Gunmen took 6 engineers hostage near the dam.", [("detained", 6, 6, "exact")]),
    ("The rebels released all but 4 of the 30 hostages.",
     [("detained", 4, 4, "exact"), ("detained", 30, 30, "exact")]),
    ("At least 40 activists were arrested, 11 of whom remain behind bars.",
     [("detained", 40, None, "at_least"), ("detained", 11, 11, "exact")]),
    ("15 people were placed in detention facilities.", [("detained", 15, 15, "exact")]),
    ("The soldiers took 9 men into captivity.", [("detained", 9, 9, "exact")]),
    # wounded: injuries sustained or treated, condition
    ("Police said 19 officers had sustained injuries.", [("wounded", 19, 19, "exact")]),
    ("Doctors have treated more than 200 people for gunshot injuries.",
     [("wounded", 200, None, "at_least")]),
    ("The number of injured has risen to 64.", [("wounded", 64, 64, "exact")]),
    # other: trapped, rescued alive, in need
    ("Around 5,000 people remain trapped in the old town.", [("other", 5000, 5000, "approx")]),
    ("Nine people were pulled from the river alive.", [("other", 9, 9, "exact")]),
    ("Some 40,000 people are in need of food aid.", [("other", 40000, 40000, "approx")]),
    ("The storm affected some 80,000 people.", [("other", 80000, 80000, "approx")]),
    # fled: moved, taken out; a date before the qualifier
    ("About 300 residents were moved to a school gym.", [("fled", 300, 300, "approx")]),
    ("A total of 2,000 residents were taken out by bus.", [("fled", 2000, 2000, "exact")]),
    ("Since 2 March some 6,500 residents have fled the town.",
     [("fled", 6500, 6500, "approx")]),
    ("Some 5,000 displaced persons are registered, of whom 1,200 are pensioners and 2,000 "
     "children.",
     [("fled", 5000, 5000, "approx"), ("fled", 1200, 1200, "exact"),
      ("fled", 2000, 2000, "exact")]),
    # population: those who remain
    ("Of the 2,000 people who lived there, fewer than 900 remain.",
     [("population", 2000, 2000, "exact"), ("population", None, 900, "at_most")]),
    # bodies: remains, victims identified
    ("The remains of 40 missing persons were identified.",
     [("dead_bodies_seen", 40, 40, "exact")]),
    ("Investigators have identified 14 of the victims.", [("dead_bodies_seen", 14, 14, "exact")]),
    # missing: whereabouts sought or unknown
    ("Rescuers are trying to establish the whereabouts of 3 climbers.",
     [("missing", 3, 3, "exact")]),
    # killed: death says more than an earlier state; a list of the dead
    ("The militia executed 5 captured policemen.", [("killed", 5, 5, "exact")]),
    ("His notebook holds the names of 150 people killed in the siege.",
     [("killed", 150, 150, "exact")]),
    ("The toll reached 17, and not 40 as rumoured.",
     [("killed", 17, 17, "exact"), ("killed", 40, 40, "exact")]),
]  # fmt: skip

NOTHING = [
    "The new stadium holds 38,000.",
    "Cells designed for 8 people were empty.",
    "Mira Holt, 52, said the road was closed.",
    "Two thousand troops were moved to the front.",
    "See the report [4] for details.",
]


@pytest.mark.parametrize(("text", "expected"), FIELDS + PROSE)
def test_figures(nlp: Any, text: str, expected: list[Row]) -> None:
    assert _figures(nlp, text) == expected


@pytest.mark.parametrize("text", NOTHING)
def test_not_figures(nlp: Any, text: str) -> None:
    assert _figures(nlp, text) == []


def test_orphans_counted_once(nlp: Any) -> None:
    text = "The agency registered 300 children who had lost one or both parents."
    assert _figures(nlp, text) == [("other", 300, 300, "exact")]


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        ("Detainees (2030): ~700 (Civic Watch)", ["Civic Watch"]),
        ("Missing: dozens (local officials)", ["local officials"]),
        ("Civilian deaths: 300 (verified by Harbour Monitor)", ["Harbour Monitor"]),
        ("According to estimates by the Harbour Monitor, 300 people drowned.",
         ["Harbour Monitor"]),
        # a list of figures after a side's name is a field, not the side's words
        ("Casualties:\nBorder Guard: 3 killed, 7 wounded\n", [None, None]),
        ("Grave site\nIdentified: 33 (as of June)\n", [None]),
    ],
)  # fmt: skip
def test_claimants(nlp: Any, text: str, claimants: list[str | None]) -> None:
    assert _claimants(nlp, text) == claimants
