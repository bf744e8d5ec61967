"""Papers that stand for the dead are counted as the dead, through `extract_claims`:
one death certificate or burial permit per person, a list of names of victims. Papers
that say nothing of a death are not figures. Every sentence was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract import extract_claims


def figures(nlp: Any, text: str) -> list[tuple[Any, ...]]:
    out = []
    for c in extract_claims(text, nlp):
        if c.quantity is not None:
            who = c.claimant.name if c.claimant is not None else None
            out.append((c.quantity.low, c.quantity.high, c.quantity.counts.value, who))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The registry had issued 412 death certificates for people killed on March 14 "
            "by Wednesday evening, Vell said.",
            [(412, 412, "killed", "Vell")],
        ),
        (
            "The district office has signed 57 burial permits since the flood, its head, "
            "Ondra Sask, said.",
            [(57, 57, "killed", "Ondra Sask")],
        ),
        (
            "The ministry's toll of 9 is not credible: we obtained death certificates for 26.",
            [(9, 9, "killed", "ministry"), (26, 26, "killed", None)],
        ),
        (
            "Relatives handed the commission the names of 86 victims.",
            [(86, 86, "killed", None)],
        ),
    ],
)
def test_papers_for_the_dead_count_the_dead(
    nlp: Any, text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The clinic issued 30 medical certificates last week.",
        "The council granted 12 building permits in March.",
        "The court keeps 400 records of land sales.",
    ],
)
def test_other_papers_are_not_figures(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == []
