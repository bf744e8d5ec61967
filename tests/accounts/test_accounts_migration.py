"""Migration 0006 adds the account tables and takes them away again, on both engines."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import claimgraph.store
from claimgraph.services import Ledger
from claimgraph.store.search_queries import outside_search_index
from claimgraph.store.tables import metadata

ACCOUNT_TABLES = {"users", "memberships", "web_sessions", "api_tokens"}


def _to(ledger: Ledger, revision: str, *, down: bool) -> None:
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(claimgraph.store.__file__).parent / "migrations")
    )
    with ledger.store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_downgrade_and_upgrade_again(ledger: Ledger) -> None:
    engine = ledger.store.engine
    assert set(inspect(engine).get_table_names()) >= ACCOUNT_TABLES
    _to(ledger, "0005", down=True)
    assert not ACCOUNT_TABLES & set(inspect(engine).get_table_names())
    _to(ledger, "head", down=False)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": outside_search_index})
        assert compare_metadata(context, metadata) == []
