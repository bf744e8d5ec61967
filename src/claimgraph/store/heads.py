"""Per case, the last audit entry that changed its evidence or its judgements: an analysis
is current while its case's head is where it was (another team's new source leaves it
current). Every entry goes through `Writer.append_audit`, which moves the heads here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from claimgraph.model import AuditEntry
from claimgraph.store.analysis_queries import META_COLUMNS, NOT_EVIDENCE, meta_of
from claimgraph.store.tables import analyses, case_heads, case_sources, cases


def move_heads(conn: Connection, entry: AuditEntry) -> None:
    """The cases `entry` changes: the one its detail names, the cases of the source it is
    about (a re-extraction changes every case holding the source), every case on import."""
    if entry.action.startswith(NOT_EVIDENCE):
        return
    if entry.action.endswith(".import"):
        touched = set(conn.execute(select(cases.c.name)).scalars())
    else:
        q = select(case_sources.c.case_name).where(case_sources.c.source_id == entry.entity)
        touched = set(conn.execute(q).scalars())
        if named := entry.detail.get("case"):
            touched.add(str(named))
    for case in sorted(touched):
        upsert(conn, case_heads, {"case_name": case, "seq": entry.seq}, ("case_name",))


@dataclass(frozen=True, slots=True)
class CaseState:
    """What a freshness check needs, read at once: the case's head and its analysis."""

    head: int
    fingerprint: str | None  # of the stored analysis; None before the first
    meta: dict[str, Any] | None


def case_state(conn: Connection, case: str) -> CaseState | None:
    """None when there is no such case. One query: every page asks this, more than once."""
    a = analyses.c
    joined = cases.outerjoin(case_heads, case_heads.c.case_name == cases.c.name).outerjoin(
        analyses, a.case_name == cases.c.name
    )
    q = select(case_heads.c.seq, a.fingerprint, *META_COLUMNS).select_from(joined)
    row = conn.execute(q.where(cases.c.name == case)).first()
    if row is None:
        return None
    meta = meta_of(row) if row.fingerprint is not None else None
    return CaseState(int(row.seq or 0), row.fingerprint, meta)


def case_head(conn: Connection, case: str) -> int:
    q = select(case_heads.c.seq).where(case_heads.c.case_name == case)
    return int(conn.execute(q).scalar_one_or_none() or 0)


def upsert(conn: Connection, table: Table, row: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Insert `row`, or update the row with the same `keys` (two writers may race)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    rest = {k: v for k, v in row.items() if k not in keys}
    statement = dialect.insert(table).values(**row)
    conn.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=rest))
