"""Rendered page parts kept per case and state (see tables.kept_views): read by key, and
written with an upsert, since two server processes may finish the same part at once."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from claimgraph.store.heads import upsert
from claimgraph.store.tables import kept_views


def read_kept(conn: Connection, case: str, key: str, state: str) -> str | None:
    q = select(kept_views.c.body).where(
        (kept_views.c.case_name == case) & (kept_views.c.key == key) & (kept_views.c.state == state)
    )
    found = conn.execute(q).scalar_one_or_none()
    return str(found) if found is not None else None


def keep(conn: Connection, case: str, key: str, state: str, body: str, at: str) -> None:
    """Keep `body` under `key`; parts kept under another state of the case are stale and go."""
    stale = (kept_views.c.case_name == case) & (kept_views.c.state != state)
    conn.execute(delete(kept_views).where(stale))
    row = {"case_name": case, "key": key, "state": state, "body": body, "made_at": at}
    upsert(conn, kept_views, row, ("case_name", "key"))
