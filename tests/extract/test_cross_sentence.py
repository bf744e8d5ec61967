"""Attribution beyond one sentence, and bodies named the way translated official prose
names them, through `extract_claims`. Every sentence here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest
from extract_helpers import origin

from claimgraph.extract import extract_claims

# --- quotations that go on --------------------------------------------------------


def test_a_quotation_goes_on_over_sentences_and_paragraphs(nlp: Any) -> None:
    text = (
        "“The bridge at Orsaby is gone,” said Tarik Osei, who runs the ferry service. "
        "“More than 60 drivers were stranded on the far bank.\n"
        "“By the evening 14 drivers were still missing.”\n"
        "The army has not commented."
    )
    assert origin(nlp, text, 60) == ("Tarik Osei", ())
    assert origin(nlp, text, 14) == ("Tarik Osei", ())


def test_a_quotation_after_reported_words_is_the_same_speakers(nlp: Any) -> None:
    text = (
        "A ferryman, Emil Toss, said the water rose in minutes.\n"
        "“I saw 9 people drown and I could not reach them.”\n"
        "The harbour office said it had no list of the missing."
    )
    assert origin(nlp, text, 9) == ("Emil Toss", ())


def test_a_quotation_with_a_cue_of_its_own_is_not_carried_over(nlp: Any) -> None:
    text = (
        "The mayor said the town had no water.\n"
        "“Twelve of our neighbours were killed,” a shopkeeper told us."
    )
    assert origin(nlp, text, 12) == ("shopkeeper", ())


# --- "the figure came from X" in the next sentence ---------------------------------


def test_the_next_sentence_names_the_origin(nlp: Any) -> None:
    text = "At least 40 people were killed in the raid. The figure came from a gravedigger."
    assert origin(nlp, text, 40) == ("gravedigger", ())
    relayed = "Volunteers say 61 people were buried in one night.\nThe figure came from an imam."
    assert origin(nlp, relayed, 61) == ("imam", ("Volunteers",))
    source = (
        "The shelling killed 58 people, the ministry said. A nurse was the source of the figure."
    )
    assert origin(nlp, source, 58) == ("nurse", ("ministry",))


def test_pointing_back_is_read_only_where_it_is_plain(nlp: Any) -> None:
    two = "Some 300 families fled and 20 people died. The figure came from a local imam."
    assert origin(nlp, two, 300) == (None, ())
    both = "Some 300 families fled and 20 people died. These figures came from a local imam."
    assert origin(nlp, both, 300) == ("local imam", ())
    assert origin(nlp, both, 20) == ("local imam", ())
    inside = (
        "Thirty people died in the fire, the cleric said. "
        "He said the figure came from lists kept by families."
    )
    assert origin(nlp, inside, 30) == ("cleric", ())


# --- pronouns that go on speaking ----------------------------------------------------


def test_a_pronoun_speaks_through_the_links_of_the_sentence_before(nlp: Any) -> None:
    text = (
        "Velmora Radio quoted the harbour master, Ilse Brand, as saying that 40 fishermen "
        "had been detained. She said 9 of them were still missing."
    )
    assert origin(nlp, text, 40) == ("Ilse Brand", ("Velmora Radio",))
    assert origin(nlp, text, 9) == ("Ilse Brand", ("Velmora Radio",))
    told = text.replace("She said 9 of them", "She told the Southern Courier that 9 fishermen")
    assert origin(nlp, told, 9) == ("Ilse Brand", ("Southern Courier",))


def test_an_unnamed_person_is_who_she_refers_to(nlp: Any) -> None:
    text = (
        "A nurse at the Saltreach clinic told our researchers that soldiers brought in "
        "17 wounded men. She said 3 of them died that night."
    )
    assert origin(nlp, text, 3) == ("nurse", ())


# --- bodies of translated official prose ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The press centre of the Joint Command reports that 14 servicemen were killed.",
            "press centre of the Joint Command",
        ),
        (
            "The prosecutor's office of the region informs that 30 persons were detained.",
            "prosecutor's office of the region",
        ),
        ("The directorate reports that 5 convicts died in custody.", "directorate"),
        (
            "The press service of the ministry communicated that 40 persons were injured.",
            "press service of the ministry",
        ),
        (
            "The General Staff of the Armed Forces of Istrahn states that 17 soldiers died.",
            "General Staff of the Armed Forces of Istrahn",
        ),
        (
            "In the course of the night 46 violators of the border were apprehended, "
            "informs the press service of the border guard.",
            "press service of the border guard",
        ),
        ("Dravenia's defence ministry said it had lost 3 men.", "Dravenia's defence ministry"),
    ],
)
def test_a_body_is_named_in_full(nlp: Any, text: str, body: str) -> None:
    claims = [c for c in extract_claims(text, nlp) if c.quantity is not None]
    assert [c.claimant.name if c.claimant else None for c in claims] == [body]


def test_a_role_of_a_body_or_a_persons_name_stays_short(nlp: Any) -> None:
    head = "The head of the hospital said 8 people died."
    assert origin(nlp, head, 8) == ("head", ())
    named = "Ana Brekke of the Red Cross said 3 people drowned."
    assert origin(nlp, named, 3) == ("Ana Brekke", ())
    told = "Twelve people drowned, the parish priest, Ivo Brann, told the Southern Courier."
    assert origin(nlp, told, 12) == ("Ivo Brann", ("Southern Courier",))
