"""Shared fixtures: a fresh home per test, the CLI runner, and the store backends."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli.main import app
from claimgraph.services import Ledger, open_ledger
from claimgraph.settings import Settings

PG_URL = os.environ.get("CLAIMGRAPH_TEST_POSTGRES_URL")


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def cli(home: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `claimgraph ARGS` in-process against the test's home."""
    monkeypatch.delenv("CLAIMGRAPH_DATABASE_URL", raising=False)
    monkeypatch.setenv("CLAIMGRAPH_USER", "tester")
    runner = CliRunner()

    def run(*args: str, input: str | None = None, home_dir: Path | None = None) -> Ran:
        result = runner.invoke(app, ["--home", str(home_dir or home), *args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Ran(result.exit_code, result.stdout, result.stderr)

    return run


def _pg_database() -> Iterator[str]:
    import psycopg

    if not PG_URL:
        if os.environ.get("CLAIMGRAPH_REQUIRE_POSTGRES"):
            pytest.fail("CLAIMGRAPH_TEST_POSTGRES_URL is required here but not set")
        pytest.skip("PostgreSQL not available: set CLAIMGRAPH_TEST_POSTGRES_URL")
    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for SQLite inside the home folder, else a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield None
    else:
        yield from _pg_database()


@pytest.fixture
def ledger(home: Path, database_url: str | None) -> Iterator[Ledger]:
    settings = Settings(home=home, database_url=database_url, user="tester")
    with open_ledger(settings, create=True) as opened:
        yield opened
