"""Citations between sources: links, names of outlets, datelines and shared text; and the
cycles they make. The outlets and stories are invented for this file."""

from __future__ import annotations

import random

from claimgraph.link.citations import CitationResult, find_citations, reporting_cycles, url_key
from claimgraph.model import (
    Actor,
    ActorKind,
    ChainLink,
    Citation,
    Claim,
    Counts,
    DocRef,
    Qualifier,
    Quantity,
    Stance,
)

STORY = (
    "At least 477 people were killed when shells struck the market in the eastern quarter of "
    "Kalder on Tuesday morning, a cleric in the nearby town of Orun told a local stringer. "
    "Halid Orun said he had counted the dead himself at the mosque, where families brought "
    "the bodies through the afternoon. The interior ministry said on Monday that 100 had been "
    "killed and 250 wounded, and did not respond to the new figure. Residents described a "
    "second strike an hour after the first, as rescuers were pulling people from the stalls."
)
RIVER = (
    "The river authority opened the northern sluice gates on Friday after a week of heavy rain "
    "raised the reservoir to its highest level in a decade. Farmers downstream were told to "
    "move livestock to higher ground, and the regional council set up two shelters in school "
    "buildings. Engineers said the dam itself was sound, but the spillway had been damaged."
)


def _doc(id: str, publisher: str | None, published: str | None, **more: object) -> DocRef:
    return DocRef(id=id, publisher=publisher, published=published, **more)  # type: ignore[arg-type]


def _claim(
    source: str,
    *chain: str,
    claimant: str | None = None,
    killed: float | None = None,
    n: int = 0,
) -> Claim:
    quantity = None
    if killed is not None:
        quantity = Quantity(killed, killed, Qualifier.EXACT, Counts.KILLED, None, f"{killed:g}")
    return Claim(
        id=f"{source}-claim{n}",
        source_id=source,
        kind="quantity" if quantity else "statement",
        span=(0, 10),
        sentence="…",
        stance=Stance.ASSERTED,
        claimant=Actor(f"actor-{claimant}", claimant, ActorKind.OUTLET) if claimant else None,
        chain=tuple(ChainLink(name, "reported") for name in chain),
        quantity=quantity,
    )


def _edges(result: CitationResult, how: str | None = None) -> set[tuple[str, str, str]]:
    return {(c.citing, c.cited, c.how) for c in result.citations if how in (None, c.how)}


def _only(result: CitationResult, how: str) -> Citation:
    (citation,) = [c for c in result.citations if c.how == how]
    return citation


# ---- links -----------------------------------------------------------------------------------


def test_url_key_ignores_scheme_case_www_fragment_and_final_slash() -> None:
    key = url_key("https://example.org/news/story-1")
    assert url_key("HTTP://WWW.Example.ORG/news/story-1/#comments") == key
    assert url_key("http://example.org:80/news/story-1") == key
    assert url_key("/news/story-1", base="https://www.example.org/other") == key
    assert url_key("https://example.org/news/story-1?page=2") != key
    assert url_key("not a url") is None


def test_link_citations() -> None:
    docs = [
        _doc("blog", "Field Notes", "2024-03-04", links=("HTTPS://WWW.Wire.example/kalder/#top",)),
        _doc("wire", "Northern Wire", "2024-03-02", url="https://wire.example/kalder"),
        _doc("self", "Field Notes", "2024-03-05", url="https://notes.example/a", links=("/a",)),
    ]
    result = find_citations(docs, {}, [])
    assert _edges(result) == {("blog", "wire", "link")}
    assert _only(result, "link").evidence == "links to HTTPS://WWW.Wire.example/kalder/#top"


# ---- names in claims -------------------------------------------------------------------------

WIRE_DOCS = [
    _doc("wire-1", "Northern Wire", "2024-03-01"),
    _doc("wire-2", "Northern Wire", "2024-03-02T09:30:00+00:00"),
    _doc("wire-5", "Northern Wire", "2024-03-05"),
]


def test_chain_name_cites_the_latest_earlier_document_of_that_outlet() -> None:
    docs = [*WIRE_DOCS, _doc("paper", "The Morning Herald", "2024-03-03")]
    result = find_citations(docs, {}, [_claim("paper", "the Northern Wire", "local stringer")])
    assert _edges(result) == {("paper", "wire-2", "explicit")}
    assert _only(result, "explicit").evidence == 'chain names "the Northern Wire"'


def test_a_later_document_is_never_cited_by_name() -> None:
    docs = [*WIRE_DOCS, _doc("paper", "The Morning Herald", "2024-02-28")]
    assert find_citations(docs, {}, [_claim("paper", "Northern Wire")]).citations == ()


def test_same_day_counts_as_on_or_before_and_times_decide_when_both_have_them() -> None:
    early = _doc("paper-early", "The Morning Herald", "2024-03-02T08:00:00Z")
    zoned = _doc("paper-zoned", "The Morning Herald", "2024-03-02T10:00:00+01:00")  # 09:00 UTC
    day = _doc("paper-day", "The Morning Herald", "2024-03-02")
    claims = [_claim(d.id, "NW") for d in (early, zoned, day)]
    result = find_citations([*WIRE_DOCS, early, zoned, day], {}, claims)
    assert _edges(result) == {
        ("paper-early", "wire-1", "explicit"),  # wire-2 came out at 09:30 UTC, after it
        ("paper-zoned", "wire-1", "explicit"),
        ("paper-day", "wire-2", "explicit"),  # no time given: the same day qualifies
    }


def test_the_document_carrying_the_same_figure_is_preferred() -> None:
    docs = [*WIRE_DOCS, _doc("paper", "The Morning Herald", "2024-03-03")]
    claims = [
        _claim("wire-1", claimant="Interior Ministry", killed=100),
        _claim("wire-2", killed=477),
        _claim("paper", "Northern Wire", killed=100),
    ]
    assert _edges(find_citations(docs, {}, claims)) == {("paper", "wire-1", "explicit")}


def test_claimant_naming_an_outlet_cites_it() -> None:
    docs = [
        _doc("ledger", "Senneth Ledger", "2024-03-01"),
        _doc("paper", "The Morning Herald", "2024-03-03"),
    ]
    result = find_citations(docs, {}, [_claim("paper", claimant="the Ledger's")])
    assert _edges(result) == {("paper", "ledger", "explicit")}
    assert _only(result, "explicit").evidence == 'claimant is "the Ledger\'s"'


def test_own_outlet_unknown_and_ambiguous_names_cite_nothing() -> None:
    docs = [
        *WIRE_DOCS,
        _doc("post-a", "Kalder Evening Post", "2024-03-01"),
        _doc("post-b", "Kalder Daily Post", "2024-03-01"),
        _doc("wire-9", "Northern Wire", "2024-03-09"),
    ]
    claims = [
        _claim("wire-9", "Northern Wire"),  # its own outlet
        _claim("wire-9", "the Post", n=1),  # two posts: ambiguous
        _claim("wire-9", "a local stringer", claimant="Halid Orun", n=2),
        _claim("missing-source", "Northern Wire"),
    ]
    assert find_citations(docs, {}, claims).citations == ()


def test_missing_dates_are_allowed_and_said() -> None:
    docs = [_doc("wire", "Northern Wire", None), _doc("paper", "The Morning Herald", "2024-03-03")]
    citation = _only(find_citations(docs, {}, [_claim("paper", "Northern Wire")]), "explicit")
    assert (citation.citing, citation.cited) == ("paper", "wire")
    assert "date is missing" in citation.evidence


def test_one_citation_per_pair_and_kind_with_every_reason() -> None:
    docs = [*WIRE_DOCS[:1], _doc("paper", "The Morning Herald", "2024-03-03")]
    claims = [_claim("paper", "Northern Wire"), _claim("paper", "NW", n=1)]
    result = find_citations(docs, {}, claims)
    assert _only(result, "explicit").evidence == 'chain names "NW"; chain names "Northern Wire"'


# ---- datelines and shared text ---------------------------------------------------------------


def test_earlier_document_is_cited_for_shared_text() -> None:
    docs = [
        _doc("wire", "Northern Wire", "2024-03-02"),
        _doc("paper", "The Morning Herald", "2024-03-03"),
        _doc("river", "River Gazette", "2024-03-01"),
    ]
    texts = {"wire": STORY, "paper": "Our front page.\n\n" + STORY, "river": RIVER}
    result = find_citations(docs, texts, [])
    assert _edges(result) == {("paper", "wire", "reuse")}
    assert _only(result, "reuse").evidence.startswith("shares 100% of the shorter text's 5-word")


def test_dateline_credit_cites_the_outlet_and_orders_same_day_reuse() -> None:
    docs = [
        _doc("wire", "Northern Wire", "2024-03-02"),
        _doc("wire-older", "Northern Wire", "2024-02-20"),
        _doc("paper", "The Morning Herald", "2024-03-02"),
    ]
    texts = {
        "wire": STORY,
        "wire-older": RIVER,
        "paper": "KALDER (Northern Wire) — " + STORY,
    }
    result = find_citations(docs, texts, [])
    assert _edges(result) == {("paper", "wire", "explicit"), ("paper", "wire", "reuse")}
    assert _only(result, "explicit").evidence == 'dateline credits "Northern Wire"'
    assert 'dateline credits "Northern Wire"' in _only(result, "reuse").evidence


def test_dateline_without_shared_text_cites_the_latest_earlier_document() -> None:
    docs = [*WIRE_DOCS, _doc("paper", "The Morning Herald", "2024-03-04")]
    result = find_citations(docs, {"paper": "KALDER (NW) - " + RIVER}, [])
    assert _edges(result) == {("paper", "wire-2", "explicit")}


def test_same_day_shared_text_without_credit_is_shared_with_direction_unknown() -> None:
    docs = [
        _doc("b-paper", "The Morning Herald", "2024-03-02"),
        _doc("a-paper", "Senneth Ledger", "2024-03-02"),
    ]
    texts = {"a-paper": STORY, "b-paper": "Updated.\n" + STORY}
    citation = _only(find_citations(docs, texts, []), "shared")
    assert (citation.citing, citation.cited) == ("b-paper", "a-paper")
    assert "direction unknown" in citation.evidence


# ---- cycles and order --------------------------------------------------------------------------


def test_circular_reporting_is_reported_as_cycles() -> None:
    docs = [
        _doc("a", "Alpha", "2024-03-01", url="https://a.example/1", links=("https://b.example/1",)),
        _doc("b", "Beta", "2024-03-02", url="https://b.example/1", links=("https://c.example/1",)),
        _doc("c", "Gamma", "2024-03-03", url="https://c.example/1"),
        _doc("d", "Delta", "2024-03-04", links=("https://a.example/1",)),
    ]
    result = find_citations(docs, {}, [_claim("c", "Alpha")])
    assert ("c", "a", "explicit") in _edges(result)
    assert result.cycles == (("a", "b", "c"),)


def test_reporting_cycles_ignores_shared_edges_and_survives_long_chains() -> None:
    chain = [Citation(f"n{i:05d}", f"n{i + 1:05d}", "reuse", "") for i in range(20000)]
    chain.append(Citation("n20000", "n00000", "explicit", ""))
    loops = [
        Citation("x", "y", "link", ""),
        Citation("y", "x", "reuse", ""),
        Citation("p", "q", "shared", ""),
        Citation("q", "p", "link", ""),
    ]
    cycles = reporting_cycles(chain + loops)
    assert cycles == (tuple(f"n{i:05d}" for i in range(20001)), ("x", "y"))


def test_results_are_sorted_and_do_not_depend_on_input_order() -> None:
    docs = [
        *WIRE_DOCS,
        _doc("paper", "The Morning Herald", "2024-03-03", links=("https://x.example/",)),
        _doc("other", "Senneth Ledger", "2024-03-04", url="https://x.example"),
    ]
    texts = {"wire-2": STORY, "paper": STORY + " More.", "other": RIVER}
    claims = [_claim("paper", "Northern Wire"), _claim("other", "Morning Herald", n=1)]
    first = find_citations(docs, texts, claims)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    again = find_citations(shuffled, dict(reversed(list(texts.items()))), claims[::-1])
    assert first == again
    assert list(first.citations) == sorted(
        first.citations, key=lambda c: (c.citing, c.cited, c.how)
    )
    assert all(c.citing != c.cited for c in first.citations)
