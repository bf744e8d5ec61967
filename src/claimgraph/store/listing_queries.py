"""Pages of a large case's analysis read from the database: propositions (the ids of a
page sorted over narrow rows, then the detail of those only) and contradictions, with
their counts. A case of 10^6 claims has 10^5 propositions and contradictions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from claimgraph.model import Contradiction, PropositionResult
from claimgraph.store.analysis_queries import row_contradiction, row_proposition
from claimgraph.store.tables import contradictions, propositions

_P = propositions.c
# "carried": figures first, then by how many sources carry it (a report); "sources": by
# how many sources carry it, along ix_propositions_carried (the list, a page at a time);
# "grouped": by kind and counted thing, then by origins (the API's order).
_ORDERS: dict[str, tuple[Any, ...]] = {
    "carried": ((_P.kind != "quantity"), _P.n_sources.desc(), _P.label, _P.id),
    "sources": (_P.n_sources.desc(), _P.id.desc()),
    "grouped": (_P.kind, _P.counts, _P.n_origins.desc(), _P.n_sources.desc(), _P.id),
}


@dataclass(frozen=True, slots=True)
class PropositionSummary:
    """A proposition as a list shows it: its counts, not its claims and paths."""

    id: str
    label: str
    kind: str
    n_claims: int
    n_sources: int
    n_origins: int
    credibility: str
    reason: str
    first_seen: str | None


@dataclass(frozen=True, slots=True)
class PropositionFilter:
    """Which propositions a page lists, and which page of them."""

    kind: str | None = None
    counts: str | None = None
    offset: int = 0
    limit: int = 50


def _where(case: str, f: PropositionFilter) -> ColumnElement[bool]:
    where = _P.case_name == case
    if f.kind is not None:
        where = where & (_P.kind == f.kind)
    if f.counts is not None:
        where = where & (_P.counts == f.counts)
    return where


def count_propositions(conn: Connection, case: str, f: PropositionFilter) -> int:
    q = select(func.count()).select_from(propositions).where(_where(case, f))
    return int(conn.execute(q).scalar_one())


def proposition_page(
    conn: Connection, case: str, f: PropositionFilter, order: str = "carried"
) -> list[PropositionResult]:
    q = select(_P.id).where(_where(case, f)).order_by(*_ORDERS[order])
    ids = list(conn.execute(q.offset(f.offset).limit(f.limit)).scalars())
    found = {r.id: row_proposition(r) for r in conn.execute(
        select(propositions).where((_P.case_name == case) & _P.id.in_(ids)))}  # fmt: skip
    return [found[i] for i in ids]


def proposition_summaries(
    conn: Connection, case: str, f: PropositionFilter
) -> list[PropositionSummary]:
    names = PropositionSummary.__match_args__
    q = select(*[_P[n] for n in names]).where(_where(case, f))
    q = q.order_by(*_ORDERS["sources"]).offset(f.offset).limit(f.limit)
    return [PropositionSummary(*row) for row in conn.execute(q)]


def _contradictions_where(case: str, kind: str | None) -> ColumnElement[bool]:
    c = contradictions.c
    return (c.case_name == case) & (c.kind == kind) if kind is not None else c.case_name == case


def contradiction_page(
    conn: Connection,
    case: str,
    *,
    kind: str | None = None,
    offset: int = 0,
    limit: int | None = 50,
) -> list[Contradiction]:
    """In id order; `limit` None: all of them from `offset`."""
    q = select(contradictions).where(_contradictions_where(case, kind))
    q = q.order_by(contradictions.c.id).offset(offset).limit(limit)
    return [row_contradiction(r) for r in conn.execute(q)]


def count_contradictions(conn: Connection, case: str, *, kind: str | None = None) -> int:
    q = select(func.count()).select_from(contradictions)
    return int(conn.execute(q.where(_contradictions_where(case, kind))).scalar_one())
