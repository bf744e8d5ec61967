"""docs/guide.md is run, command by command, against a freshly built demo case."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"


def _steps() -> list[tuple[str, list[str], int]]:
    """(command, expected output lines, expected exit) from every ```console block."""
    steps: list[tuple[str, list[str], int]] = []
    blocks = re.findall(r"```console\n(.*?)```", GUIDE.read_text("utf-8"), flags=re.S)
    for block in blocks:
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:]
                code = 0
                if m := re.search(r"\s+#\s*exits (\d+)$", command):
                    code, command = int(m.group(1)), command[: m.start()]
                steps.append((command, [], code))
            elif line.strip() and steps:
                steps[-1][1].append(line.strip())
    return steps


def _pages() -> list[tuple[str, list[str]]]:
    """(path, expected text lines) from every ```page block: what the browser shows."""
    pages: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```page\n(.*?)```", GUIDE.read_text("utf-8"), flags=re.S):
        for line in block.splitlines():
            if line.startswith("GET "):
                pages.append((line[4:].strip(), []))
            elif line.strip() and pages:
                pages[-1][1].append(line.strip())
    return pages


def _visible_text(page: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text)


def _check_pages(home: Path, password: str) -> None:
    """Every page the guide shows, fetched signed in as the guide's user."""
    from fastapi.testclient import TestClient

    from claimgraph.services import open_ledger
    from claimgraph.settings import Settings
    from claimgraph.web import create_app

    pages = _pages()
    assert len(pages) >= 6, "the guide lost its pages"
    with open_ledger(Settings(home=home)) as ledger:
        client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
        signed = client.post("/login", data={"name": "demo", "password": password, "next": "/"})
        assert signed.status_code == 200, signed.text[:500]
        for path, expected in pages:
            page = client.get(path)
            assert page.status_code == 200, (path, page.status_code)
            said = _visible_text(page.text)
            for line in expected:
                for piece in filter(None, (p.strip() for p in line.split("…"))):
                    assert piece in said, (path, piece)


@pytest.mark.slow
def test_every_command_of_the_guide_runs_as_written(tmp_path: Path) -> None:
    steps = _steps()
    assert len(steps) >= 15, "the guide lost its commands"
    (tmp_path / "demo").symlink_to(ROOT / "demo")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("CLAIMGRAPH_HOME", None)
    env.pop("CLAIMGRAPH_DATABASE_URL", None)
    for command, expected, code in steps:
        ran = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command}"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ran.returncode == code, (command, ran.returncode, ran.stderr)
        said = ran.stdout + ran.stderr
        for line in expected:
            for piece in filter(None, (p.strip() for p in line.split("…"))):
                assert piece in said, (command, piece, said[:2000])
    password = re.search(r"echo '([^']+)' \| claimgraph user add demo", GUIDE.read_text("utf-8"))
    assert password, "the guide no longer adds the demo user"
    _check_pages(tmp_path / "claimgraph-data", password.group(1))
