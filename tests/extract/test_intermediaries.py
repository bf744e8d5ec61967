"""Who stands between the document and a figure's origin, through `extract_claims`: the
addressee a speaker told, the outlet that addressee works for, and the document's own
outlet, which is never a link. Every sentence here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest
from extract_helpers import origin

STRINGER = (
    "A cleric in the nearby town of Kettavi told a local stringer working for Northern "
    "Wire that 477 people had died."
)


def test_a_stringer_and_the_outlet_employing_them_are_links(nlp: Any) -> None:
    assert origin(nlp, STRINGER, 477) == ("cleric", ("Northern Wire", "local stringer"))


def test_the_documents_own_outlet_is_no_link_but_its_stringer_is(nlp: Any) -> None:
    assert origin(nlp, STRINGER, 477, publisher="Northern Wire") == (
        "cleric",
        ("local stringer",),
    )
    dated = "KETTAVI, March 16 (Northern Wire) — " + STRINGER
    assert origin(nlp, dated, 477) == ("cleric", ("local stringer",))


def test_a_speaker_after_the_figure_with_a_place_in_their_phrase(nlp: Any) -> None:
    text = (
        "The shelling of the bus station on Monday caused 61 deaths, a doctor at the "
        "district hospital in Orsaby told a local stringer working for the Coastal Herald, "
        "a figure far above any given by the army."
    )
    assert origin(nlp, text, 61) == ("doctor", ("Coastal Herald", "local stringer"))
    assert origin(nlp, text, 61, publisher="The Coastal Herald") == (
        "doctor",
        ("local stringer",),
    )


def test_an_outlet_named_before_its_stringer(nlp: Any) -> None:
    text = "A gravedigger told a Meridian Press stringer on Friday that 38 bodies were buried."
    assert origin(nlp, text, 38) == ("gravedigger", ("Meridian Press", "stringer"))
    assert origin(nlp, text, 38, publisher="Meridian Press") == ("gravedigger", ("stringer",))


def test_a_correspondent_is_a_link_only_for_another_outlet(nlp: Any) -> None:
    text = "The mayor told a correspondent for the Eastgate Telegraph that 900 people had fled."
    assert origin(nlp, text, 900) == ("mayor", ("Eastgate Telegraph", "correspondent"))
    assert origin(nlp, text, 900, publisher="Eastgate Telegraph") == ("mayor", ())


@pytest.mark.parametrize(
    "text",
    [
        "A nurse told reporters that 12 people were wounded.",
        "The governor told journalists on Tuesday that 12 people were wounded.",
        "A surgeon told a reporter that 12 people were wounded.",
        "The district chief told our correspondent that 12 people were wounded.",
        "Twelve people were wounded, Mayor Ilka Vorn told Northern Wire by telephone.",
    ],
)
def test_the_documents_own_channel_is_no_link(nlp: Any, text: str) -> None:
    claimant, chain = origin(nlp, text, 12, publisher="Northern Wire")
    assert claimant is not None
    assert chain == ()


def test_reporters_of_another_outlet_name_that_outlet(nlp: Any) -> None:
    text = "Forty people were detained overnight, a police officer told Meridian Press reporters."
    assert origin(nlp, text, 40, publisher="Northern Wire") == (
        "police officer",
        ("Meridian Press",),
    )
