"""The analysis commands on a small case written here: compute once, read, judge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from defusedxml import ElementTree

DOCS = {
    "a.txt": "HARBOUR WIRE — 3 May 2024\n\nFloods in the river town of Ostrel killed 42 people "
    "on Thursday, Mayor Lena Vost said. The mayor said 300 people had fled to the hills.\n",
    "b.txt": "COASTAL HERALD — 4 May 2024\n\nThe regional health office said on Friday that 17 "
    "people had died in the Ostrel floods. Mayor Lena Vost said 42 people were killed.\n",
    "c.txt": "VALLEY POST — 5 May 2024\n\nThe Red Lantern Society counted 42 dead in Ostrel, "
    "its director Ana Brisk said. Officials denied that 90 people had died.\n",
}


@pytest.fixture
def case(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert cli("init").code == 0
    ran = cli("add", *(str(tmp_path / n) for n in DOCS), "--case", "floods")
    assert ran.code == 0, ran.stderr
    return "floods"


def _lines(ran) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    assert ran.code == 0, ran.stderr
    return [json.loads(x) for x in ran.stdout.splitlines()]


def _props(cli) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    found = _lines(cli("propositions", "--case", "floods", "--kind", "quantity", "--json"))
    return {p["label"]: p for p in found}


def _kinds(cli) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(c["kind"] for c in _lines(cli("contradictions", "--case", "floods", "--json")))


def test_analyse_once_then_reuse_until_the_evidence_changes(cli, case: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = _lines(cli("analyse", "--case", case, "--json"))[0]
    assert first["computed"] and first["stats"]["sources"] == 3
    assert not _lines(cli("analyse", "--case", case, "--json"))[0]["computed"]
    (tmp_path / "d.txt").write_text("NEW — 6 May 2024\n\nOfficials said 50 people died.\n")
    assert cli("add", str(tmp_path / "d.txt"), "--case", case).code == 0
    again = _lines(cli("analyse", "--case", case, "--json"))[0]
    assert again["computed"] and again["stats"]["sources"] == 4


def test_one_speaker_in_two_outlets_is_one_origin_and_traces(
    cli, case: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    p = _props(cli)["killed (people): 42"]
    assert len(p["source_ids"]) == 2 and [o["name"] for o in p["origins"]] == ["Lena Vost"]
    assert p["echo_ratio"] == 2.0 and p["grade"]["credibility"] == 3
    svg = tmp_path / "trace.svg"
    ran = cli("trace", p["id"][:12], "--case", case, "--svg", str(svg))
    assert ran.code == 0, ran.stderr
    assert "2 sources, 1 independent origin" in ran.stdout
    assert "echo ratio 2.0; credibility 3: possibly true" in ran.stdout
    assert "Lena Vost" in ran.stdout
    assert ElementTree.fromstring(svg.read_text()).tag.endswith("svg")
    denied = _props(cli)["killed (people): 90"]
    assert denied["grade"]["credibility"] == 6 and denied["origins"] == []


def test_figures_timeline_and_chart(cli, case: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = tmp_path / "killed.svg"
    points = _lines(
        cli("figures", "--case", case, "--counts", "killed", "--chart", str(chart), "--json")
    )
    assert {p["low"] for p in points} == {42, 17, 90}
    firsts = [p for p in points if p["low"] == 42 and p["first_of_value"]]
    assert len(firsts) == 1 and firsts[0]["date"] == "2024-05-03"  # published, not "Thursday"
    assert [p["date"] for p in points] == sorted(p["date"] for p in points)
    root = ElementTree.fromstring(chart.read_text())
    assert root.tag.endswith("svg")
    assert _lines(cli("figures", "--case", case, "--event", "2024-05-02", "--json"))
    ran = cli("figures", "--case", case, "--event", "1999-01-01")
    assert ran.code == 1 and "no such event" in ran.stderr


def test_merging_two_speakers_turns_a_conflict_into_a_revision(cli, case: str) -> None:  # type: ignore[no-untyped-def]
    assert _kinds(cli) == ["conflict"]
    merge = ("actors", "merge", "--case", case, "Lena Vost", "regional health office")
    assert cli(*merge, "--note", "same press office").code == 0
    assert _kinds(cli) == ["revision"]
    assert cli("actors", "split", "--case", case, "regional health office").code == 0
    assert _kinds(cli) == ["conflict"]
    assert json.loads(cli("verify", "--json").stdout)["ok"]


def test_grades_sides_and_moves_are_recorded_judgements(cli, case: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("actors", "grade", "--case", case, "Lena Vost", "b", "--note", "record").code == 0
    assert cli("actors", "side", "--case", case, "Lena Vost", "town council").code == 0
    vost = next(
        a for a in _lines(cli("actors", "--case", case, "--json")) if a["name"] == "Lena Vost"
    )
    assert (vost["reliability"], vost["reliability_note"], vost["side"]) == (
        "B",
        "record",
        "town council",
    )
    assert _props(cli)["killed (people): 42"]["grade"]["credibility"] == 2
    props = _props(cli)
    seventeen = props["killed (people): 17"]["claim_ids"][0]
    target = props["killed (people): 42"]["id"]
    assert cli("propositions", "move", "--case", case, seventeen, target).code == 0
    assert seventeen in _props(cli)["killed (people): 42"]["claim_ids"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("analyse", "--case", "nope"), "no such case"),
        (("actors", "grade", "--case", "floods", "Lena Vost", "Z"), "one letter, A to F"),
        (("actors", "merge", "--case", "floods", "Nobody Here", "Lena Vost"), "no such actor"),
        (("propositions", "move", "--case", "floods", "clm_nope", "new"), "no such claim"),
        (("trace", "prp_nope", "--case", "floods"), "no such proposition"),
        (("actors",), "give --case"),
    ],
)
def test_bad_input_gets_one_line_and_exit_1(cli, case: str, args, message: str) -> None:  # type: ignore[no-untyped-def]
    ran = cli(*args)
    assert ran.code == 1
    assert message in ran.stderr and len(ran.stderr.strip().splitlines()) == 1


def test_figure_summary_per_series(cli, case: str) -> None:  # type: ignore[no-untyped-def]
    series = _lines(cli("figures", "--case", case, "--counts", "killed", "--summary", "--json"))
    assert len(series) == 1
    firsts = {f["value"]: f for f in series[0]["firsts"]}
    assert set(firsts) == {"42", "17"}  # the denied 90 is no appearance of a figure
    assert firsts["42"]["by"] == ["Lena Vost"] and firsts["42"]["date"] == "2024-05-03"
    assert series[0]["spread_by_side"] == {"unstated": [17.0, 42.0]}
    text = cli("figures", "--case", case, "--summary").stdout
    assert "first appearances: 42 (2024-05-03: Lena Vost)" in text
