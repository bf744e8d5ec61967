"""Images through the command line: the demo's re-used photo is found with its earlier
appearance, a new file is matched, an archive is imported, alerts show both captions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner

from claimgraph.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("imgdemo")
    subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), str(base / "case")],
                   check=True)  # fmt: skip
    runner = CliRunner()

    def run(*args: str) -> tuple[int, list[dict[str, Any]], str]:
        ran = runner.invoke(app, ["--home", str(base / "home"), *args])
        rows = [json.loads(x) for x in ran.stdout.splitlines() if x.startswith("{")]
        return ran.exit_code, rows, ran.stdout + ran.stderr

    run("init")
    code, _, said = run("add", str(base / "case"), "--case", "veskaro", "--no-extract")
    assert code == 0, said
    run.base = base  # type: ignore[attr-defined]
    return run


def test_the_reused_photo_is_first_seen_in_2011(demo) -> None:  # type: ignore[no-untyped-def]
    code, rows, said = demo("images", "--case", "veskaro", "--json")
    assert code == 0, said
    assert len(rows) == 3
    reused = next(r for r in rows if any("ulthara-today" in (a["url"] or "")
                                         for a in r["appearances"]))  # fmt: skip
    first = reused["first_seen"]
    assert (first["date"], first["where"]) == ("2011-06-08", "The Tolvek Courier")
    assert "earthquake" in first["caption"]
    assert [c["verdict"] for c in reused["copies"]] == ["same image"]
    trucks = next(r for r in rows if r["exif"].get("datetime_original", "").startswith("2023"))
    assert trucks["first_seen"]["date"] == "2023-03-18" and trucks["copies"] == []


def test_image_match_names_the_earliest_appearance(demo) -> None:  # type: ignore[no-untyped-def]
    photo = demo.base / "case" / "images" / "ut-veskaro-market.jpg"
    with Image.open(photo) as im:  # a further copy: smaller, re-compressed, not stored
        copy = demo.base / "copy.jpg"
        im.resize((400, 296)).save(copy, quality=50)
    code, rows, said = demo("image-match", str(copy), "--json")
    assert code == 0, said
    assert rows and all(r["verdict"] == "same image" for r in rows)
    assert {r["first_seen"]["date"] for r in rows} == {"2011-06-08"}
    code, _, text = demo("image-match", str(copy))
    assert "first seen no later than 2011-06-08 in The Tolvek Courier" in text


def test_alert_shows_both_captions(demo) -> None:  # type: ignore[no-untyped-def]
    code, rows, said = demo("images", "--case", "veskaro", "--alerts", "--json")
    assert code == 0, said
    assert len(rows) == 1
    alert = rows[0]
    assert alert["later"]["caption"] == "The market square in Veskaro after Tuesday's attack."
    assert "earthquake" in alert["earlier"]["caption"]
    assert alert["reason"] == "first shown 4300 days earlier with another caption"


def test_archive_import_with_dates_and_bad_input(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "old"
    folder.mkdir()
    Image.new("RGB", (300, 200), (200, 40, 40)).save(folder / "red.png")
    code, rows, said = demo("archive-import", str(folder), "--source-name", "Old Desk",
                            "--date", "1999-05-01", "--json")  # fmt: skip
    assert code == 0, said
    assert rows[0]["date"] == "1999-05-01" and rows[0]["status"] == "added"
    code, _, said = demo("archive-import", str(folder), "--source-name", "Old Desk")
    assert code == 1 and "give either --date DATE or --date-from-exif" in said
    code, _, said = demo("archive-import", str(folder), "--source-name", "X", "--date", "May")
    assert code == 1 and "not a date" in said
    trucks = demo.base / "case" / "images" / "veskaro-trucks-2023-03-18.jpg"
    code, rows, said = demo("archive-import", str(trucks), "--source-name", "Agency",
                            "--date-from-exif", "--json")  # fmt: skip
    assert code == 0 and rows[0]["date"] == "2023-03-18", said
    svg = tmp_path / "x.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    code, _, said = demo("image-match", str(svg))
    assert code == 1 and len(said.strip().splitlines()) == 1
