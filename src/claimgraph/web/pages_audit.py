"""The case's audit trail: every change to its evidence and judgements, newest first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.services.audit import case_audit
from claimgraph.web.access import PageRead
from claimgraph.web.render import render
from claimgraph.web.views import paged

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/audit")
def audit_page(request: Request, access: PageRead) -> Response:
    page = paged(request, case_audit(access.ledger, access.case), 100)
    return render(request, "audit.html", {"who": access.principal, "access": access,
                                          "page": page})  # fmt: skip
