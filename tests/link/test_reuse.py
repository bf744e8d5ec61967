"""Text reuse: copies are found through passage MinHashes, never by comparing all pairs.

The stories are invented for this file."""

from __future__ import annotations

import random

import numpy as np

from claimgraph.link.reuse import (
    DocSignature,
    Reuse,
    find_reuse,
    find_text_reuse,
    normalised_words,
    signature,
)

WIRE = (
    "KALDER (Northern Wire) — At least 477 people were killed when shells struck the market "
    "in the eastern quarter of Kalder on Tuesday morning, a cleric in the nearby town of Orun "
    "told a local stringer. Halid Orun said he had counted the dead himself at the mosque, "
    "where families brought the bodies through the afternoon. The interior ministry said on "
    "Monday that 100 had been killed and 250 wounded, and did not respond to the new figure. "
    "Residents described a second strike an hour after the first, as rescuers were pulling "
    "people from the collapsed stalls. Hospitals in the district asked for blood donors and "
    "said they had run out of beds by nightfall. The army has denied firing on the quarter "
    "and blamed the militia, which has not commented on the accusation."
)

UNRELATED = (
    "The river authority opened the northern sluice gates on Friday after a week of heavy "
    "rain raised the reservoir to its highest level in a decade. Farmers downstream were told "
    "to move livestock to higher ground, and the regional council set up two shelters in "
    "school buildings. Engineers said the dam itself was sound, but that the spillway had "
    "been damaged by debris and would need repairs before the spring floods. The council "
    "will publish a full report on the response next month, its chair said."
)

OTHER = (
    "A court in the capital adjourned the trial of four former officers until March, after "
    "defence lawyers asked for more time to study new evidence submitted by the prosecution. "
    "The officers are accused of ordering the detention of protesters two years ago. Relatives "
    "of the detained gathered outside the courthouse, holding photographs, and said they would "
    "return for every hearing until a verdict was reached."
)


def _lightly_edited(text: str) -> str:
    """A near-verbatim copy: a few words changed, as a copy desk would."""
    return (
        text.replace("Tuesday morning", "Tuesday")
        .replace("told a local stringer", "told our correspondent")
        .replace("by nightfall", "by evening")
    )


def _pairs(found: tuple[Reuse, ...]) -> set[tuple[str, str]]:
    return {(r.doc_a, r.doc_b) for r in found}


def test_normalised_words_drop_case_and_punctuation() -> None:
    assert normalised_words("Don't — STOP, the 1,000 men!") == [
        "dont",
        "stop",
        "the",
        "1",
        "000",
        "men",
    ]


def test_near_verbatim_copy_with_another_lead_is_found_and_unrelated_docs_are_not() -> None:
    copy = (
        "Newspapers across the region led on Wednesday with the attack on the market. "
        "Our correspondent reports from the scene.\n\n" + _lightly_edited(WIRE)
    )
    found = find_text_reuse({"wire": WIRE, "paper": copy, "river": UNRELATED, "court": OTHER})
    assert _pairs(found) == {("paper", "wire")}
    (pair,) = found
    assert 0.8 < pair.share <= 1.0
    assert pair.shared > 80


def test_long_article_embedding_a_short_story_is_found() -> None:
    rng = random.Random(7)
    filler = normalised_words(UNRELATED + " " + OTHER)
    before = " ".join(rng.choice(filler) for _ in range(900))
    after = " ".join(rng.choice(filler) for _ in range(900))
    long_article = f"{before}\n\n{WIRE}\n\n{after}"
    found = find_text_reuse({"wire": WIRE, "feature": long_article, "court": OTHER})
    assert _pairs(found) == {("feature", "wire")}
    assert found[0].share > 0.95  # of the shorter text: the wire story is all there


def test_threshold_is_a_share_of_the_smaller_document() -> None:
    half = " ".join(normalised_words(WIRE)[:60])
    mixed = half + " " + UNRELATED + " " + OTHER
    texts = {"wire": WIRE, "mixed": mixed}
    assert find_text_reuse(texts) == ()  # 56 of the wire's 129 shingles: under half
    (pair,) = find_text_reuse(texts, threshold=0.4)
    assert (pair.doc_a, pair.doc_b, pair.shared) == ("mixed", "wire", 56)
    assert pair.share == 56 / 129


def test_buckets_crowded_beyond_max_bucket_are_skipped_as_boilerplate() -> None:
    texts = {"wire": WIRE, "copy": "Earlier today.\n" + WIRE}
    assert _pairs(find_text_reuse(texts, max_bucket=2)) == {("copy", "wire")}
    assert find_text_reuse(texts, max_bucket=1) == ()


def test_short_texts_are_not_compared() -> None:
    line = "Shells struck the market in Kalder on Tuesday morning."
    assert find_text_reuse({"a": line, "b": line}) == ()


def test_signatures_are_deterministic_and_can_be_cached() -> None:
    first, second = signature("wire", WIRE), signature("wire", WIRE)
    assert np.array_equal(first.shingles, second.shingles)
    assert np.array_equal(first.passages, second.passages)
    assert first.passages.shape[1] == 64
    cached: dict[str, DocSignature] = {"wire": first, "river": signature("river", UNRELATED)}
    copy = signature("copy", "Reported earlier.\n" + WIRE)
    assert _pairs(find_reuse([*cached.values(), copy])) == {("copy", "wire")}


def _random_doc(rng: random.Random, vocabulary: list[str], words: int) -> str:
    sentences = []
    while words > 0:
        n = min(words, rng.randint(8, 20))
        sentences.append(" ".join(rng.choice(vocabulary) for _ in range(n)).capitalize() + ".")
        words -= n
    return " ".join(sentences)


def test_planted_copies_are_found_among_thousands_of_documents() -> None:
    rng = random.Random(2024)
    vocabulary = sorted(
        {"".join(rng.choices("abcdefghijklmnoprstuvw", k=rng.randint(2, 9))) for _ in range(5000)}
    )
    texts = {f"doc{i:05d}": _random_doc(rng, vocabulary, rng.randint(80, 500)) for i in range(3000)}
    planted: set[tuple[str, str]] = set()
    for i in range(0, 3000, 150):
        source, copy = f"doc{i:05d}", f"copy{i:05d}"
        original = texts[source]
        if i % 300:  # a copy with its own lead paragraph
            texts[copy] = _random_doc(rng, vocabulary, 40) + "\n\n" + original
        else:  # the story embedded in a longer article
            texts[copy] = (
                _random_doc(rng, vocabulary, 600) + original + _random_doc(rng, vocabulary, 600)
            )
        planted.add((copy, source))
    assert _pairs(find_text_reuse(texts)) == planted
