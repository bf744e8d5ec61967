"""The audit trail as a case's members may see it: the entries about the case itself,
its members, its sources (added, linked, extracted, images shown) and its judgements.
Entries about other cases stay out: nobody reads a case they are not a member of."""

from __future__ import annotations

from claimgraph.model import AuditEntry
from claimgraph.services.ledger import Ledger
from claimgraph.services.queries import list_sources


def case_audit(ledger: Ledger, case: str, *, newest_first: bool = True) -> list[AuditEntry]:
    sources = {s.id for s in list_sources(ledger, case)}
    out = []
    for e in ledger.store.audit_entries():
        detail = e.detail
        about_case = e.entity == case and e.action.startswith(("case.", "member."))
        if (
            about_case
            or detail.get("case") == case
            or (e.action.startswith(("source.", "claims.", "image.")) and e.entity in sources)
            or detail.get("source") in sources
            or detail.get("image") in sources
        ):
            out.append(e)
    return out[::-1] if newest_first else out


def site_audit(ledger: Ledger) -> list[AuditEntry]:
    """Every entry, newest first: for site admins."""
    return list(ledger.store.audit_entries())[::-1]
