"""The case report: one page that prints well, with the figure series, the traces of the
propositions most sources carry, the contradictions and the image alerts, each line citing
its source (publisher, date) and the characters it stands at. A case of 10^6 claims has
10^5 propositions: the report traces the `traces` most carried (all of a small case) and
can be narrowed to one counted thing; all but the alerts is rendered once per state of
the case."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from claimgraph.services import analysis as an
from claimgraph.services.cases import dashboard
from claimgraph.services.views import case_alerts
from claimgraph.store import PropositionFilter
from claimgraph.web.access import PageRead
from claimgraph.web.pages_analysis import (
    TRACE_ROWS,
    Filter,
    contradiction_rows,
    figure_series,
    kept,
    trace_of,
)
from claimgraph.web.pages_claims import COUNTS
from claimgraph.web.pages_images import linked
from claimgraph.web.render import fragment, render
from claimgraph.web.views import Evidence, opt

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
REPORT_CONTRADICTIONS = 300  # listed in full; the contradictions page pages through all
REPORT_LINKS = 60  # links per provenance drawing: a printed page; the trace page draws more


@router.get("/cases/{case}/report")
def report_page(
    request: Request,
    access: PageRead,
    counts: Filter = None,
    traces: Annotated[int, Query(ge=0, le=500)] = 150,
) -> Response:
    ledger, case, chosen = access.ledger, access.case, opt(counts, COUNTS)

    def build() -> str:
        scope = PropositionFilter(counts=chosen, limit=traces)
        found = an.proposition_page(ledger, case, scope)
        total = an.count_propositions(ledger, case, scope)
        conflicts = an.contradiction_page(ledger, case, limit=REPORT_CONTRADICTIONS)
        cited = [i for p in found for i in p.claim_ids[:TRACE_ROWS]]
        cited += [i for c in conflicts for i in (c.claim_a, c.claim_b)]
        evidence = Evidence.of(ledger, case, cited)
        context = {
            "board": dashboard(ledger, case), "meta": an.meta(ledger, case, cycles=True),
            "series": figure_series(ledger, case, chosen), "chosen": chosen,
            "traces": [trace_of(ledger, case, p, evidence, REPORT_LINKS) for p in found],
            "propositions": total,
            "contradictions": contradiction_rows(conflicts, evidence),
        }  # fmt: skip
        return str(fragment(request, "_report.html", "report", case, context))

    body = kept(request, access, ("report", chosen, traces), build)
    # Image alerts depend on the reader (an earlier appearance in a case they are not a
    # member of stays hidden): drawn per request, not kept.
    alerts = case_alerts(ledger, case)
    return render(request, "report.html", {
        "who": access.principal, "access": access, "body": Markup(body), "chosen": chosen,
        "counts": COUNTS, "alerts": alerts, "in_case": linked(ledger, case, (), alerts),
    })  # fmt: skip
