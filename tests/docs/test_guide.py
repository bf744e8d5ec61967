"""docs/guide.md is run, command by command, against a freshly built demo case."""

from __future__ import annotations

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
