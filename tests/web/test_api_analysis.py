"""The analysis through the API, on the demo case: actors and their judgements,
propositions and traces, figures and charts, contradictions, citations; every list
walked page by page, every error in the one shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from api_helpers import DEMO_CASE, assert_error, demo_site, walk
from fastapi.testclient import TestClient
from web_helpers import Site

BASE = f"/api/v1/cases/{DEMO_CASE}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = demo_site(tmp_path_factory.mktemp("api-analysis"))
    yield made
    made.ledger.close()


@pytest.fixture(scope="module")
def ed(site: Site) -> TestClient:
    return site.token("ed")


def test_analysis_meta_names_the_events(ed: TestClient) -> None:
    meta = ed.get(f"{BASE}/analysis").json()
    assert meta["case"] == DEMO_CASE and meta["stats"]["sources"] == 19
    assert {e["start"][:4] for e in meta["events"]} == {"2011", "2023"}


def test_actors_with_aliases_grades_and_pages(ed: TestClient) -> None:
    actors = walk(ed, f"{BASE}/actors", 7)
    minister = next(a for a in actors if a["name"] == "Corvin Hastra")
    assert minister["aliases"] == ["Interior minister"] and minister["side"] == "Tarrova"
    assert len(minister["members"]) == 2 and minister["grade"] in "ABCDEF"
    assert minister["how"] == ["role: Interior minister"]


def test_propositions_filtered_and_paged(ed: TestClient) -> None:
    killed = walk(ed, f"{BASE}/propositions", 4, counts="killed")
    assert killed and {p["counts"] for p in killed} == {"killed"}
    toll = next(p for p in killed if p["label"] == "killed (people): 477")
    assert (toll["independent_origins"], len(toll["source_ids"])) == (1, 4)
    assert toll["echo_ratio"] == 4.0 and 1 <= toll["credibility"] <= 6
    statements = walk(ed, f"{BASE}/propositions", 25, kind="statement")
    assert statements and {p["kind"] for p in statements} == {"statement"}
    bad = ed.get(f"{BASE}/propositions", params={"kind": "rumour"})
    assert_error(bad, 422, "invalid_request")


def test_one_proposition_with_its_trace(ed: TestClient) -> None:
    by_label = ed.get(f"{BASE}/propositions/{quote('killed (people): 477')}")
    assert by_label.status_code == 200, by_label.text
    trace = by_label.json()
    by_prefix = ed.get(f"{BASE}/propositions/{trace['id'][:10]}").json()
    assert by_prefix == trace
    assert trace["independent_origins"] == len(trace["origins"]) == 1
    assert trace["edges"] and trace["paths"]
    assert all(e["frm"] in trace["names"] or e["frm"].startswith("name:") for e in trace["edges"])
    origin = trace["origins"][0]
    assert trace["names"][origin["key"]] == origin["name"]
    svg = ed.get(f"{BASE}/propositions/{trace['id']}/trace.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-security-policy"] == "default-src 'none'"
    assert svg.text.startswith("<svg") and origin["name"] in svg.text
    assert_error(ed.get(f"{BASE}/propositions/prp_nothing"), 404, "not_found")
    assert_error(ed.get(f"{BASE}/propositions/prp_/trace.svg"), 422, "invalid_input")


def test_figures_by_series_event_and_page(ed: TestClient) -> None:
    killed = walk(ed, f"{BASE}/figures", 6, counts="killed")
    assert killed and {f["counts"] for f in killed} == {"killed"}
    assert {"477", "about 600"} <= {f["figure"] for f in killed}
    first = next(f for f in killed if f["figure"] == "477" and f["first_of_value"])
    assert first["date"] == "2023-03-16" and first["claimant"]
    in_2011 = walk(ed, f"{BASE}/figures", 2, event="2011-06-08")
    assert in_2011 and {f["event"] for f in in_2011} != {f["event"] for f in killed}
    assert_error(ed.get(f"{BASE}/figures", params={"event": "1999-01-01"}), 404, "not_found")
    summary = walk(ed, f"{BASE}/figures/summary", 1)
    series = next(s for s in summary if s["counts"] == "killed" and s["event_label"] != s["event"])
    assert series["firsts"][0]["value"] == "100" and series["spread_by_side"]


def test_figure_chart_is_our_svg(ed: TestClient) -> None:
    chart = ed.get(f"{BASE}/figures/chart.svg", params={"counts": "killed"})
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert chart.text.startswith("<svg") and f"{DEMO_CASE}: killed" in chart.text
    assert "<script" not in chart.text and "Corvin Hastra" in chart.text  # tooltips
    empty = ed.get(f"{BASE}/figures/chart.svg", params={"counts": "nothing"})
    assert empty.status_code == 200 and empty.text.startswith("<svg")
    too_long = ed.get(f"{BASE}/figures/chart.svg", params={"counts": "x" * 41})
    assert_error(too_long, 422, "invalid_request")


def test_contradictions_and_citations(ed: TestClient) -> None:
    every = walk(ed, f"{BASE}/contradictions", 10)
    assert {"conflict", "denial"} <= {c["kind"] for c in every}
    denials = walk(ed, f"{BASE}/contradictions", 1, kind="denial")
    assert denials == [c for c in every if c["kind"] == "denial"]
    assert_error(ed.get(f"{BASE}/contradictions", params={"kind": "lie"}), 422)
    cites = walk(ed, f"{BASE}/citations", 3)
    assert any(c["how"] == "explicit" and "Senneth Ledger" in c["cited_label"] for c in cites)


def test_a_bad_cursor_is_a_422(ed: TestClient) -> None:
    for path in ("actors", "propositions", "figures", "contradictions", "citations"):
        bad = ed.get(f"{BASE}/{path}", params={"cursor": "not-ours"})
        assert assert_error(bad, 422, "invalid_input")["subject"] == "cursor"


def _actor(client: TestClient, name: str) -> dict[str, Any]:
    found = client.get(f"{BASE}/actors", params={"limit": 500}).json()["items"]
    return next(a for a in found if a["name"] == name)


def test_grade_and_side_an_actor(site: Site, ed: TestClient) -> None:
    done = ed.post(f"{BASE}/actors/Edrin Malvek/grade", json={"grade": "B", "note": "record"})
    assert done.status_code == 201, done.text
    assert done.json()["action"] == "actor.grade" and done.json()["who"] == "ed"
    graded = _actor(ed, "Edrin Malvek")
    assert (graded["grade"], graded["grade_note"]) == ("B", "record")
    side = ed.post(f"{BASE}/actors/{graded['id']}/side", json={"side": "Neutral", "note": ""})
    assert side.status_code == 201, side.text
    assert _actor(ed, "Edrin Malvek")["side"] == "Neutral"
    assert_error(ed.post(f"{BASE}/actors/Edrin Malvek/grade", json={"grade": "Z"}), 422)
    assert_error(ed.post(f"{BASE}/actors/Nobody At All/grade", json={"grade": "A"}), 404)
    viewer = site.token("vi").post(f"{BASE}/actors/Edrin Malvek/grade", json={"grade": "A"})
    assert_error(viewer, 403, "forbidden")


def test_merge_then_split(ed: TestClient) -> None:
    mayor, cleric = _actor(ed, "Anika Brelloc"), _actor(ed, "Cleric")
    merged = ed.post(f"{BASE}/actors/{mayor['id']}/merge",
                     json={"into": cleric["id"], "note": "same person"})  # fmt: skip
    assert merged.status_code == 201, merged.text
    after = ed.get(f"{BASE}/actors", params={"limit": 500}).json()["items"]
    both = [a for a in after if set(mayor["members"]) <= set(a["members"])]
    assert len(both) == 1 and set(cleric["members"]) <= set(both[0]["members"])
    member = mayor["members"][0]
    split = ed.post(f"{BASE}/actors/{member}/split", json={"note": "not the same"})
    assert split.status_code == 201, split.text
    again = ed.get(f"{BASE}/actors", params={"limit": 500}).json()["items"]
    assert not any(member in a["members"] and set(cleric["members"]) <= set(a["members"])
                   for a in again)  # fmt: skip
    assert_error(ed.post(f"{BASE}/actors/{member}/merge", json={"into": ""}), 422)


def test_move_a_claim_to_a_proposition_of_its_own(ed: TestClient) -> None:
    toll = ed.get(f"{BASE}/propositions/{quote('killed (people): 477')}").json()
    claim = toll["claim_ids"][0]
    moved = ed.post(f"{BASE}/propositions/claims/{claim}/move", json={"to": "new", "note": "x"})
    assert moved.status_code == 201, moved.text
    assert (moved.json()["target"], moved.json()["value"]) == (claim, "new")
    props = ed.get(f"{BASE}/propositions", params={"limit": 500}).json()["items"]
    assert [p["claim_ids"] for p in props if claim in p["claim_ids"]] == [[claim]]
    gone = ed.post(f"{BASE}/propositions/claims/clm_missing/move", json={"to": "new"})
    assert_error(gone, 404, "not_found")
    assert_error(ed.post(f"{BASE}/propositions/claims/{claim}/move", json={}), 422)
