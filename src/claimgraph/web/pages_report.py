"""The case report: one page that prints well, with every figure series, every
proposition's trace, every contradiction and the image alerts, each line citing its
source (publisher, date) and the characters it stands at."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.services import analysis as an
from claimgraph.services import list_sources
from claimgraph.services.cases import dashboard
from claimgraph.services.views import case_alerts
from claimgraph.web.access import PageRead
from claimgraph.web.pages_analysis import contradiction_rows, figure_series, trace_of
from claimgraph.web.render import render
from claimgraph.web.views import Evidence

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/report")
def report_page(request: Request, access: PageRead) -> Response:
    ledger, case = access.ledger, access.case
    evidence = Evidence.of(ledger, case)
    found = an.propositions(ledger, case)
    found.sort(key=lambda p: (p.kind != "quantity", -len(p.source_ids), p.label))
    context = {
        "who": access.principal, "access": access, "board": dashboard(ledger, case),
        "meta": an.meta(ledger, case, cycles=True),
        "series": figure_series(ledger, case),
        "traces": [trace_of(ledger, case, p, evidence) for p in found],
        "contradictions": contradiction_rows(an.contradictions(ledger, case), evidence),
        "alerts": case_alerts(ledger, case), "in_case": {s.id for s in list_sources(ledger, case)},
    }  # fmt: skip
    return render(request, "report.html", context)
