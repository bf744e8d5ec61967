"""No rule favours a party: swap the names of the two parties throughout the demo case and
the analysis comes out as the mirror image of the original."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PARTIES = {"tarrova": "ulthara", "ulthara": "tarrova"}
_NAME = re.compile(r"tarrova|ulthara", re.IGNORECASE)


def swap(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        other = PARTIES[word.casefold()]
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other

    return _NAME.sub(one, text)


def _case(folder: Path, swapped: bool) -> None:
    folder.mkdir()
    for path in sorted((ROOT / "demo" / "case").iterdir()):
        if path.suffix in (".html", ".txt"):
            text = path.read_text(encoding="utf-8")
            (folder / swap(path.name)).write_text(swap(text) if swapped else text, "utf-8")


def _view(cli, home: Path, rename) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The analysis with every id left out and every name passed through `rename`."""

    def rows(*args: str) -> list[dict[str, Any]]:
        ran = cli(*args, "--case", "demo", "--json", home_dir=home)
        assert ran.code == 0, ran.stderr
        return [json.loads(x) for x in ran.stdout.splitlines()]

    def n(value: str | None) -> str | None:
        return rename(value) if value else value

    props = sorted((
        (n(p["label"]), len(p["source_ids"]), sorted(n(o["name"]) for o in p["origins"]),
         sorted(str(n(o["side"])) for o in p["origins"]), p["grade"]["credibility"])
        for p in rows("propositions", "--kind", "quantity")
    ), key=repr)  # fmt: skip
    points = sorted((
        (p["date"], p["counts"], p["low"], p["high"], p["stance"], n(p["claimant"]),
         n(p["side"]), n(p["publisher"]), p["first_of_value"], p["counted"])
        for p in rows("figures")
    ), key=repr)  # fmt: skip
    contradictions = sorted((c["kind"], n(c["reason"])) for c in rows("contradictions"))
    # Speakers by side, not by name: the statistical parser may draw a name's edges a word
    # differently around a different word ("State-run X Radio"), which is not a rule.
    sides = sorted(str(n(a["side"])) for a in rows("actors"))
    return {"propositions": props, "figures": points, "contradictions": contradictions,
            "sides": sides}  # fmt: skip


@pytest.mark.slow
def test_swapping_the_parties_mirrors_the_analysis(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    views = []
    for swapped in (False, True):
        folder, home = tmp_path / f"case-{swapped}", tmp_path / f"home-{swapped}"
        _case(folder, swapped)
        assert cli("init", home_dir=home).code == 0
        assert cli("add", str(folder), "--case", "demo", home_dir=home).code == 0
        views.append(_view(cli, home, swap if swapped else (lambda s: s)))
    original, mirrored = views
    assert original["propositions"], "the demo case gave no propositions"
    assert {"Tarrova", "Ulthara Freedom Movement"} <= set(original["sides"])
    for part in original:
        assert mirrored[part] == original[part], part


def test_the_swap_itself_is_an_involution() -> None:
    text = "TARROVA's army; Ulthara Freedom Movement; the tarrovan side"
    assert swap(text) == "ULTHARA's army; Tarrova Freedom Movement; the ultharan side"
    assert swap(swap(text)) == text
