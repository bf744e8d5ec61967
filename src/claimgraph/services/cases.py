"""Cases as a team sees them: creating one (its creator becomes its admin) and the
dashboard's figures."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.errors import Conflict, InvalidInput
from claimgraph.model.case import check_case_name
from claimgraph.services.accounts import Role, grant
from claimgraph.services.analysis import analyse
from claimgraph.services.ledger import Ledger
from claimgraph.store import SourceSummary
from claimgraph.store import analysis_queries as aq
from claimgraph.store import image_queries as iq
from claimgraph.store import listing_queries as lq


@dataclass(frozen=True, slots=True)
class Dashboard:
    case: str
    sources: int
    claims: int
    unreviewed: int
    contradictions: int
    images: int
    latest: tuple[SourceSummary, ...]


def create_case(ledger: Ledger, name: str, description: str = "") -> str:
    """A new case; the person creating it is its admin."""
    name = check_case_name(name)
    if len(description) > 4000:
        raise InvalidInput("a description is at most 4000 characters", subject="description")
    at = ledger.clock()
    with ledger.store.write() as w:
        if not w.ensure_case(name, at, ledger.user, description):
            raise Conflict("a case of that name exists", subject=name)
        w.append_audit(at, ledger.user, "case.create", name, {"description": description})
    grant(ledger, name, ledger.user, Role.ADMIN)
    return name


def dashboard(ledger: Ledger, case: str, *, latest: int = 8) -> Dashboard:
    """Counts a case of 10^6 claims answers as fast as a small one: the totals come with
    the (current) analysis, the reviewed claims from the judgements."""
    stats = analyse(ledger, case).meta.get("stats", {})
    with ledger.store.read() as conn:
        images = iq.count_case_images(conn, case)
        conflicts = lq.count_contradictions(conn, case)
        reviewed = aq.count_reviewed(conn, case)
    claims = int(stats.get("claims", 0))
    return Dashboard(
        case=case,
        sources=int(stats.get("sources", 0)),
        claims=claims,
        unreviewed=max(0, claims - reviewed),
        contradictions=conflicts,
        images=images,
        latest=tuple(ledger.store.list_sources(case, limit=latest, newest_first=True)),
    )
