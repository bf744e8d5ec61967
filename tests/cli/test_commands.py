"""The command line, end to end in-process: every command, JSON Lines, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from claimgraph.model import sha256_hex


def _docs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "statement.txt").write_text(
        "Statement of the river authority, 3 March.\nThe levee held overnight.\n", "utf-8"
    )
    (folder / "article.html").write_text(
        "<html lang='en'><head><title>Levee holds</title>"
        "<meta name='author' content='Tova Lind'>"
        "<meta property='og:site_name' content='Valley Courier'>"
        "<meta property='article:published_time' content='2024-03-04'></head><body>"
        "<article><h1>Levee holds</h1><p>The levee at the lower crossing held through the "
        "night, the river authority said in a statement on Tuesday morning.</p>"
        "<p>Engineers will inspect the embankment again on Friday, officials added.</p>"
        "</article></body></html>",
        "utf-8",
    )
    return folder


def _records(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_init_add_list_show_text(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _docs(tmp_path / "docs")
    assert cli("init").code == 0
    ran = cli("add", str(folder), "--case", "levee", "--json")
    assert ran.code == 0, ran.stderr
    added = _records(ran.stdout)
    assert [r["status"] for r in added] == ["added", "added"]
    assert "2 added, 0 known, 0 failed" in ran.stderr

    listed = _records(cli("sources", "--case", "levee", "--json").stdout)
    assert {r["title"] for r in listed} == {
        "Levee holds",
        "Statement of the river authority, 3 March.",
    }
    html = next(r for r in listed if r["media_type"] == "text/html")
    assert html["publisher"] == "Valley Courier"
    assert html["published"].startswith("2024-03-04")

    shown = _records(cli("show", html["id"][:8], "--json").stdout)[0]
    assert shown["authors"] == ["Tova Lind"]
    assert shown["cases"] == ["levee"]
    assert shown["captures"][0]["method"] == "file"

    stored = cli("text", html["id"]).stdout
    from_file = cli("text", str(folder / "article.html")).stdout
    assert stored == from_file
    assert "The levee at the lower crossing held" in stored

    cases = _records(cli("cases", "--json").stdout)
    assert cases == [
        {
            "name": "levee",
            "sources": 2,
            "created_at": cases[0]["created_at"],
            "created_by": "tester",
        }
    ]


def test_adding_the_same_bytes_twice(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _docs(tmp_path / "docs")
    cli("add", str(folder / "statement.txt"))
    ran = cli("add", str(folder / "statement.txt"), "--json")
    (rec,) = _records(ran.stdout)
    assert rec["status"] == "known"
    assert rec["source_id"] == sha256_hex((folder / "statement.txt").read_bytes())
    shown = _records(cli("show", rec["source_id"], "--json").stdout)[0]
    assert len(shown["captures"]) == 2
    assert len(_records(cli("sources", "--json").stdout)) == 1


def test_verify_export_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("add", str(_docs(tmp_path / "docs")), "--case", "levee")
    ok = cli("verify", "--json")
    assert ok.code == 0
    assert _records(ok.stdout)[0]["ok"] is True
    dump = tmp_path / "export.jsonl"
    assert cli("export", "--output", str(dump)).code == 0
    other = tmp_path / "other"
    ran = cli("import", str(dump), home_dir=other)
    assert ran.code == 0, ran.stderr
    assert cli("export", home_dir=other).stdout == dump.read_text("utf-8")


def test_verify_fails_loudly_on_a_flipped_byte(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (rec,) = _records(cli("add", str(_docs(tmp_path / "d") / "statement.txt"), "--json").stdout)
    sid = rec["source_id"]
    blob = home / "blobs" / sid[:2] / sid[2:4] / sid
    data = bytearray(blob.read_bytes())
    data[0] ^= 0x20
    blob.chmod(0o644)
    blob.write_bytes(bytes(data))
    ran = cli("verify")
    assert ran.code == 1
    assert f"source {sid}: blob content hashes to" in ran.stderr


def test_errors_are_one_line_without_traceback(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("init")
    for args, expected in [
        (("show", "abcdef12"), "abcdef12: no such source"),
        (("show", "xyz"), "xyz: a source id is 6 to 64 hex digits"),
        (("sources", "--case", "nope"), "nope: no such case"),
        (("import", str(tmp_path / "missing.jsonl")), "missing.jsonl: no such file"),
        (("add", str(tmp_path / "missing.txt")), "missing.txt: no such file or folder"),
    ]:
        ran = cli(*args)
        assert ran.code == 1, args
        lines = [line for line in ran.stderr.splitlines() if line.strip()]
        assert any(expected in line for line in lines), (args, ran.stderr)
        assert "Traceback" not in ran.stderr


def test_commands_on_a_missing_store_say_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ran = cli("sources", home_dir=tmp_path / "nothing-here")
    assert ran.code == 1
    assert "run `claimgraph init` first" in ran.stderr


def test_output_is_json_lines_when_piped(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("add", str(_docs(tmp_path / "docs")), "--case", "levee")
    piped = cli("sources")  # the test runner's stdout is not a terminal
    assert [json.loads(line)["cases"] for line in piped.stdout.splitlines()] == [["levee"]] * 2


def test_kind_is_recorded_and_version_printed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _docs(tmp_path / "docs")
    (rec,) = _records(
        cli("add", str(folder / "statement.txt"), "--kind", "official_statement", "--json").stdout
    )
    assert (
        _records(cli("show", rec["source_id"], "--json").stdout)[0]["kind"] == "official_statement"
    )
    bad = cli("add", str(folder / "article.html"), "--kind", "rumour")
    assert bad.code == 2 and "rumour" in bad.stderr
    from claimgraph import __version__

    assert cli("version").stdout.strip() == __version__
