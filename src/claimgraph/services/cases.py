"""Cases as a team sees them: creating one (its creator becomes its admin) and the
dashboard's figures."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.errors import Conflict, InvalidInput
from claimgraph.model.case import check_case_name
from claimgraph.services.accounts import Role, grant
from claimgraph.services.analysis import contradictions
from claimgraph.services.ledger import Ledger
from claimgraph.services.queries import list_sources
from claimgraph.services.reviews import review_states
from claimgraph.store import ClaimFilter, SourceSummary
from claimgraph.store import image_queries as iq


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
    sources = list_sources(ledger, case)
    claims = ledger.store.claims(ClaimFilter(case=case))
    reviews = review_states(ledger, case)
    newest = sorted(sources, key=lambda s: (s.published or "", s.id), reverse=True)
    with ledger.store.read() as conn:
        images = len(iq.case_image_shas(conn, case))
    return Dashboard(
        case=case,
        sources=len(sources),
        claims=len(claims),
        unreviewed=sum(1 for c, _ in claims if c.id not in reviews),
        contradictions=len(contradictions(ledger, case)),
        images=images,
        latest=tuple(newest[:latest]),
    )
