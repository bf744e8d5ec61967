"""The case's audit trail: every change to its evidence and judgements, newest first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.model import AuditEntry
from claimgraph.services.audit import case_audit_page
from claimgraph.web.access import PageRead
from claimgraph.web.render import render
from claimgraph.web.views import paged_query

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/audit")
def audit_page(request: Request, access: PageRead) -> Response:
    def fetch(offset: int, count: int) -> list[AuditEntry]:
        return case_audit_page(access.ledger, access.case, offset=offset, limit=count)

    page = paged_query(request, fetch, 100)
    return render(request, "audit.html", {"who": access.principal, "access": access,
                                          "page": page})  # fmt: skip
