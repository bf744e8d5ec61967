"""Failed sign-ins in the store (see tables_accounts.login_failures): every server process
reads and counts the same ones."""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, insert, select

from claimgraph.store.tables_accounts import login_failures

_F = login_failures.c


def latest(conn: Connection, name: str, address: str, n: int) -> list[str]:
    """The times of the `n` latest failures of (name, address), oldest first."""
    q = select(_F.at).where((_F.name == name) & (_F.address == address))
    return list(conn.execute(q.order_by(_F.at.desc(), _F.id.desc()).limit(n)).scalars())[::-1]


def add(conn: Connection, name: str, address: str, at: str) -> None:
    conn.execute(insert(login_failures).values(name=name, address=address, at=at))


def clear(conn: Connection, name: str, address: str) -> None:
    conn.execute(delete(login_failures).where((_F.name == name) & (_F.address == address)))


def forget_before(conn: Connection, cutoff: str) -> None:
    conn.execute(delete(login_failures).where(_F.at <= cutoff))


def tracked(conn: Connection) -> int:
    keys = select(_F.name, _F.address).distinct().subquery()
    return int(conn.execute(select(func.count()).select_from(keys)).scalar_one())
