"""Layers import downward only (the import-linter contract in pyproject.toml), and the
code passes the linters we hold it to."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_layers_import_downward_only() -> None:
    ran = _run(str(BIN / "lint-imports"))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Contracts: 1 kept, 0 broken" in ran.stdout


def test_ruff_lint_and_format() -> None:
    targets = [p for p in ("src", "tests", "demo", "benchmarks") if (ROOT / p).exists()]
    lint = _run(str(BIN / "ruff"), "check", *targets)
    assert lint.returncode == 0, lint.stdout
    fmt = _run(str(BIN / "ruff"), "format", "--check", *targets)
    assert fmt.returncode == 0, fmt.stdout


@pytest.mark.slow
def test_mypy_strict() -> None:
    if not shutil.which("mypy", path=str(BIN)):
        pytest.fail("mypy is not installed in the test environment")
    ran = _run(str(BIN / "mypy"))
    assert ran.returncode == 0, ran.stdout
