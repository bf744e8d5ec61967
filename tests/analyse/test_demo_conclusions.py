"""The conclusions demo/README.md states come out of the analysis commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("demo")
    subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), str(base / "case")],
                   check=True)  # fmt: skip
    runner = CliRunner()

    def run(*args: str) -> list[dict[str, Any]]:
        ran = runner.invoke(app, ["--home", str(base / "home"), *args])
        assert ran.exit_code == 0, ran.stderr
        return [json.loads(x) for x in ran.stdout.splitlines() if x.startswith("{")]

    run("init")
    run("add", str(base / "case"), "--case", "veskaro")
    return run


def _prop(demo, counts: str, low: float | None, high: float | None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    found = demo("propositions", "--case", "veskaro", "--counts", counts, "--json")
    hits = [p for p in found if (p["low"], p["high"]) == (low, high)]
    assert hits, [p["label"] for p in found]
    return max(hits, key=lambda p: len(p["source_ids"]))


def _contradictions(demo, kind: str) -> list[str]:  # type: ignore[no-untyped-def]
    found = demo("contradictions", "--case", "veskaro", "--kind", kind, "--json")
    return [c["reason"] for c in found]


def test_477_has_one_origin_behind_three_outlets(demo) -> None:  # type: ignore[no-untyped-def]
    p = _prop(demo, "killed", 477, 477)
    assert len(p["source_ids"]) >= 3
    assert len(p["origins"]) == 1
    assert any(w in p["origins"][0]["name"].casefold() for w in ("cleric", "orun"))
    trace = demo("trace", p["id"], "--case", "veskaro", "--json")[0]
    publishers = set(trace["names"].values())
    assert any("Ulthara Today" in x for x in publishers)
    assert any("Senneth Ledger" in x for x in publishers)


def test_the_earliest_official_figure_is_the_ministers(demo) -> None:  # type: ignore[no-untyped-def]
    killed = demo("figures", "--case", "veskaro", "--counts", "killed", "--json")
    veskaro = [p for p in killed if (p["date"] or "") >= "2023"]
    first = veskaro[0]
    assert (first["date"], first["low"]) == ("2023-03-14", 100)
    assert first["claimant"] == "Corvin Hastra" and first["side"] == "Tarrova"
    wounded = demo("figures", "--case", "veskaro", "--counts", "wounded", "--json")
    assert any(p["low"] == 250 and p["date"] == "2023-03-14" for p in wounded)


def test_1000_killed_is_hedged_and_the_mayors_fled_was_retold_as_killed(demo) -> None:  # type: ignore[no-untyped-def]
    killed = demo("figures", "--case", "veskaro", "--counts", "killed", "--json")
    assert any(p["low"] == 1000 and p["stance"] == "hedged" for p in killed)
    relabels = _contradictions(demo, "relabel")
    assert any("Anika Brelloc" in r and "fled reappears as killed" in r for r in relabels)


def test_70_bodies_seen_against_7_found(demo) -> None:  # type: ignore[no-untyped-def]
    conflicts = _contradictions(demo, "conflict")
    assert "70 and 7 dead_bodies_seen cannot both be true" in conflicts  # earlier first
    bodies = demo("figures", "--case", "veskaro", "--counts", "dead_bodies_seen", "--json")
    assert bodies and all(p["counted"] for p in bodies)


def test_denial_and_counter_figure(demo) -> None:  # type: ignore[no-untyped-def]
    denials = _contradictions(demo, "denial")
    assert any("477 killed" in r for r in denials)
    assert any("100 killed" in r for r in denials)  # the movement calls the 100 "false"
    at_most = _prop(demo, "killed", None, 120)
    assert any(o["side"] == "Tarrova" for o in at_most["origins"])


def test_a_revision_not_a_contradiction(demo) -> None:  # type: ignore[no-untyped-def]
    revisions = _contradictions(demo, "revision")
    assert any("150 and later 180" in r and "Ulthara Freedom Movement" in r for r in revisions)
    conflicts = _contradictions(demo, "conflict")
    assert not any("150 and 180 killed" in r for r in conflicts)


def test_unconfirmed_300_has_no_known_origin(demo) -> None:  # type: ignore[no-untyped-def]
    p = _prop(demo, "killed", 300, 300)
    assert [o["name"] for o in p["origins"]] == ["Verrin Gazette"]  # only the paper itself
    killed = demo("figures", "--case", "veskaro", "--counts", "killed", "--json")
    assert {x["stance"] for x in killed if x["low"] == 300} == {"hedged"}
    assert p["grade"]["credibility"] >= 4


def test_the_figures_grew_over_time_and_the_earthquake_is_another_event(demo) -> None:  # type: ignore[no-untyped-def]
    killed = demo("figures", "--case", "veskaro", "--counts", "killed", "--json")
    firsts = [(p["date"], p["low"] or p["high"]) for p in killed if p["first_of_value"]]
    order = [v for _, v in firsts]
    for earlier, later in ((100, 150), (150, 477), (477, 180), (180, 600)):
        assert order.index(earlier) < order.index(later), firsts
    events = {p["event"] for p in killed}
    quake = [p for p in killed if p["low"] == 23]
    assert len(events) == 2 and quake and quake[0]["date"].startswith("2011")
    conflicts = _contradictions(demo, "conflict")
    assert not any(r.startswith("23 and") or " and 23 " in r for r in conflicts)


def test_citations_show_the_copy_the_links_and_the_credit(demo) -> None:  # type: ignore[no-untyped-def]
    found = demo("citations", "--case", "veskaro", "--json")
    edges = {(c["citing_label"], c["how"], c["cited_label"]) for c in found}
    ledger, wire = "The Senneth Ledger (2023-03-16)", "Northern Wire (2023-03-16)"
    assert (ledger, "reuse", wire) in edges
    assert (ledger, "explicit", wire) in edges  # the "(Northern Wire) —" dateline
    mayor = "Northern Wire (2023-03-17)"
    assert ("The Pellavar Evening Post (2023-03-18)", "link", mayor) in edges
    assert not any(c.get("cycle") for c in found)
