"""A case larger than a page shows: the figures page names the speakers whose figures
changed most and says how many more; a trace lists its first claims and origins and says
how many it holds; the kept series agree with the whole timeline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from web_helpers import Site, make_site

from claimgraph.analyse.timeline import series_summary
from claimgraph.model import (
    Actor,
    ActorKind,
    Claim,
    Counts,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    Stance,
    content_id,
    sha256_hex,
)
from claimgraph.services import analysis as an
from claimgraph.store import rows

SPEAKERS = 60  # each gives a figure, then revises it: 60 speakers whose figures changed
ECHOES = 70  # sources that repeat one figure, each from a speaker of its own


def _person(name: str) -> Actor:
    return Actor(id=content_id("act", "person", name.casefold()), name=name,
                 kind=ActorKind.PERSON)  # fmt: skip


def _source(i: int, day: int) -> Source:
    text = f"Report {i}. A figure was given."
    return Source(id=sha256_hex(f"large-{i}".encode()), media_type="text/plain", size=len(text),
                  text=text, parser="test", kind=SourceKind.NEWSPAPER,
                  publisher=f"Outlet {i}", published=f"2024-05-{day:02d}")  # fmt: skip


def _claim(src: Source, by: Actor, value: int) -> Claim:
    q = Quantity(value, value, Qualifier.EXACT, Counts.KILLED, None, f"{value} killed")
    return Claim(id=content_id("clm", src.id, 0), source_id=src.id, kind="quantity",
                 span=(0, 9), sentence=f"{value} people were killed, {by.name} said.",
                 stance=Stance.ASSERTED, claimant=by, chain=(), quantity=q, date=None)  # fmt: skip


def _populate(site: Site) -> None:
    people = [_person(f"Speaker Number {i}") for i in range(SPEAKERS + ECHOES)]
    looped = _person("Looped Speaker")
    made: list[tuple[Source, Claim]] = []
    for i, who in enumerate(people[:SPEAKERS]):  # a first figure, then a revision
        for step, day in enumerate((2, 9)):
            src = _source(2 * i + step, day)
            made.append((src, _claim(src, who, 100 + 7 * i + step)))
    for j, who in enumerate(people[SPEAKERS:]):
        src = _source(1000 + j, 3 + j % 5)
        made.append((src, _claim(src, who, 4321)))
    for k, (here, there) in enumerate((("a", "b"), ("b", "a"))):  # two that cite each other
        src = replace(_source(2000 + k, 4), url=f"https://{here}.example/story",
                      links=(f"https://{there}.example/story",))  # fmt: skip
        made.append((src, _claim(src, looped, 99)))
    at = datetime(2024, 6, 1, tzinfo=UTC)
    with site.ledger.store.write() as w:
        w.insert_rows("actors", [rows.actor_row(a) for a in (*people, looped)])
        w.insert_rows("sources", [rows.source_row(s, at) for s, _ in made])
        w.insert_rows("case_sources", [{"case_name": "alpha", "source_id": s.id,
                                        "added_at": at.isoformat(), "added_by": "test"}
                                       for s, _ in made])  # fmt: skip
        w.insert_rows("claims", [rows.claim_row(c, "test") for _, c in made])
        w.append_audit(at, "test", "source.add", "alpha", {"case": "alpha"})


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = make_site(Path(tmp_path_factory.mktemp("large")) / "home")
    _populate(site)
    yield site
    site.ledger.close()


def test_figures_page_names_the_speakers_that_changed_most(large: Site) -> None:
    page = large.session("vi").get("/cases/alpha/figures", params={"counts": "killed"}).text
    listed = re.findall(r"<li>Speaker Number \d+: [\d,]+ → [\d,]+</li>", page)
    assert len(listed) == 25
    assert f"and {SPEAKERS - 25} more speakers whose figures changed" in page


def test_trace_lists_its_first_fifty(large: Site) -> None:
    echoed = next(p for p in an.propositions(large.ledger, "alpha", counts="killed")
                  if p.low == 4321)  # fmt: skip
    assert len(echoed.claim_ids) == ECHOES and len(echoed.origins) == ECHOES
    page = large.session("vi").get(f"/cases/alpha/propositions/{echoed.id}").text
    assert f"The first 50 of {ECHOES} claims." in page
    assert f"The first 50 of {ECHOES} origins." in page
    claims = page.split('<ul class="claim-list">', 1)[1].split("</ul>", 1)[0]
    assert claims.count("<li>") == 50
    whole = large.session("vi").get(f"/api/v1/cases/alpha/propositions/{echoed.id}").json()
    assert len(whole["claim_ids"]) == ECHOES  # the API gives them all


def test_kept_series_agree_with_the_timeline(large: Site) -> None:
    points = an.timeline(large.ledger, "alpha")
    kept = an.chart_series(large.ledger, "alpha")
    assert sum(s.total for s, _ in kept) == len(points) == 2 * SPEAKERS + ECHOES + 2
    by_id = {p.claim_id: p for p in points}
    for s, drawn in kept:
        assert drawn == [by_id[i] for i in s.drawn]
    assert [s.summary for s, _ in kept] == series_summary(points)


def test_reporting_cycles_are_read_only_when_asked(large: Site) -> None:
    cycles = large.session("vi").get("/api/v1/cases/alpha/analysis").json()["cycles"]
    loop = {sha256_hex(f"large-{i}".encode()) for i in (2000, 2001)}
    assert [set(c) for c in cycles] == [loop]
    assert "cycles" not in an.analyse(large.ledger, "alpha").meta  # every check reads this


def test_report_traces_the_most_carried_and_says_how_many_it_leaves(large: Site) -> None:
    vi = large.session("vi")
    total = len(an.propositions(large.ledger, "alpha"))
    page = vi.get("/cases/alpha/report", params={"traces": 10, "counts": "killed"}).text
    assert f"The 10 propositions carried by most sources, figures first, of {total}" in page
    assert page.count('class="trace report-part"') == 10
    first = page.split('class="trace report-part"', 2)[1]
    assert "4321" in first  # the figure carried by 70 sources comes first
    assert "Case report: alpha <span" in page and "Images shown earlier elsewhere" in page
    whole = vi.get("/cases/alpha/report").text
    assert whole.count('class="trace report-part"') == total and "carried by most" not in whole
    assert vi.get("/cases/alpha/report", params={"traces": 501}).status_code == 422
