"""Outlet names as texts write them, matched to the publishers of a case.

The outlet names here are invented for this file; the rules are general."""

from __future__ import annotations

import pytest

from claimgraph.link.names import OutletIndex, name_key

PUBLISHERS = [
    "The Morning Herald",
    "Northern Wire",
    "Senneth Ledger",
    "Kalder Evening Post",
    "Kalder Daily Post",
    "Bureau of Field Reporting",
]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Morning Herald", "morning herald"),
        ("the  Morning   Herald's", "morning herald"),
        ("Northern Wire’s", "northern wire"),
        ("N.W.", "nw"),
        ("Senneth-Ledger!", "senneth ledger"),
        ("THE LEDGER", "ledger"),
        ("Theodora News", "theodora news"),
        ("", ""),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "publisher"),
    [
        ("Morning Herald", "The Morning Herald"),  # exact key
        ("the Herald", "The Morning Herald"),  # unique publisher holding every token
        ("the Herald's", "The Morning Herald"),
        ("Ledger", "Senneth Ledger"),
        ("Evening Post", "Kalder Evening Post"),
        ("NW", "Northern Wire"),  # acronym
        ("N.W.", "Northern Wire"),
        ("BFR", "Bureau of Field Reporting"),  # acronym without the function word
        ("BOFR", "Bureau of Field Reporting"),
    ],
)
def test_match_finds_the_one_publisher_meant(name: str, publisher: str) -> None:
    assert OutletIndex(PUBLISHERS).match(name) == publisher


@pytest.mark.parametrize(
    "name",
    [
        "the Post",  # two Kalder posts: ambiguous
        "Kalder",  # likewise
        "Kalder Post",
        "the ministry",  # no publisher has these words
        "a local stringer",
        "of",  # function words alone identify nothing
        "nw",  # an acronym is written in capitals
        "KEP DP",
        "",
    ],
)
def test_match_refuses_ambiguous_or_unknown_names(name: str) -> None:
    assert OutletIndex(PUBLISHERS).match(name) is None


def test_acronym_must_be_unique() -> None:
    index = OutletIndex(["Northern Wire", "National Weekly"])
    assert index.match("NW") is None
    assert index.match("Northern Wire") == "Northern Wire"


def test_publisher_written_as_acronym_matches_its_full_name() -> None:
    assert OutletIndex(["NW", "The Morning Herald"]).match("Northern Wire") == "NW"


def test_spellings_of_one_publisher_share_a_stable_canonical_name() -> None:
    index = OutletIndex(["The Morning Herald", "Morning Herald", "Northern Wire"])
    assert index.match("the herald") == "Morning Herald"
    assert index.match("The Morning Herald") == "Morning Herald"
    assert len(index) == 2


def test_function_words_in_a_name_need_not_appear_in_the_publisher() -> None:
    assert OutletIndex(PUBLISHERS).match("the Ledger of Senneth") == "Senneth Ledger"
