"""Stance and claim dates, through the public extraction function."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract import extract_claims, load_nlp


def _figure(nlp: Any, text: str, published: str | None = None) -> Any:
    figures = [c for c in extract_claims(text, nlp, published=published) if c.quantity]
    assert figures, text
    return figures[0]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Rebels claimed that 200 soldiers were killed in the ambush.", "hedged"),
        ("There were unconfirmed reports of 90 dead in the camp.", "hedged"),
        ("Some 45 people reportedly died in the fire.", "hedged"),
        ("The toll of 300 dead could not be independently verified.", "hedged"),
        ("The figure of 500 deaths is inflated, the governor said.", "disputed"),
        ("The council said the claim that 80 were killed was not true.", "disputed"),
        ("The army denied that 60 civilians were killed in the raid.", "denied"),
        ("Investigators found not hundreds of bodies but seven.", "negated"),
        ("At least 12 people were killed when the bridge collapsed.", "asserted"),
        ("The town, which lies on the river, has 40,000 inhabitants.", "asserted"),
    ],
)
def test_stance(nlp: Any, text: str, stance: str) -> None:
    assert _figure(nlp, text).stance.value == stance


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The governor told reporters on 3 March that 40 people had died.",
            "2024-03-05",
            "2024-03-03",
        ),
        ("On Tuesday, officials said 15 people were wounded.", "2023-03-16", "2023-03-14"),
        ("Police said 12 people were detained on March 16, 2023.", None, "2023-03-16"),
        ("About 300 people fled the town, the mayor said.", "2023-03-16", None),
    ],
)
def test_claim_date_relative_to_publication(
    nlp: Any, text: str, published: str | None, expected: str | None
) -> None:
    assert _figure(nlp, text, published).date == expected


def test_a_missing_model_says_how_to_install_it() -> None:
    from claimgraph.errors import Unavailable

    with pytest.raises(Unavailable, match=r"requirements-model\.txt"):
        load_nlp("en_core_web_not_installed")


def test_long_texts_are_parsed_in_chunks_with_true_offsets(nlp: Any) -> None:
    from claimgraph.extract import chunk_text

    filler = "The committee met again in the hall and discussed the roads.\n" * 700
    text = filler + "At least 14 people were killed in the flood, the governor said.\n"
    pieces = list(chunk_text(text, limit=5_000))
    assert len(pieces) > 5 and all(len(c) <= 5_000 for _, c in pieces)
    assert "".join(c for _, c in pieces) == text  # nothing lost, nothing doubled
    (claim,) = [c for c in extract_claims(text, nlp) if c.quantity]
    start, end = claim.span
    assert text[start:end] == claim.sentence
    assert claim.quantity.low == 14
