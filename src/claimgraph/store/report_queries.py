"""What a case report reads of a large case: the propositions most sources carry (figures
first) and how many there are, without reading the others' detail."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from claimgraph.model import PropositionResult
from claimgraph.store.analysis_queries import row_proposition
from claimgraph.store.tables import propositions


def most_carried(
    conn: Connection, case: str, *, counts: str | None, limit: int
) -> tuple[list[PropositionResult], int]:
    p = propositions.c
    where = p.case_name == case
    if counts is not None:
        where = where & (p.counts == counts)
    total = int(conn.execute(select(func.count()).select_from(propositions).where(where))
                .scalar_one())  # fmt: skip
    # The ids first (a sort over narrow rows), then the detail of those only.
    order = ((p.kind != "quantity"), p.n_sources.desc(), p.label, p.id)
    ids = list(conn.execute(select(p.id).where(where).order_by(*order).limit(limit)).scalars())
    found = {r.id: row_proposition(r) for r in conn.execute(
        select(propositions).where((p.case_name == case) & p.id.in_(ids)))}  # fmt: skip
    return [found[i] for i in ids], total
