"""Images: each with its earliest known appearance, copies and same-scene matches, and
the alerts where a photo first shown earlier is presented as something else."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.services import list_sources
from claimgraph.services.views import case_alerts, case_images
from claimgraph.web.access import PageRead
from claimgraph.web.render import render
from claimgraph.web.views import Evidence, web_link

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/images")
def images_page(request: Request, access: PageRead) -> Response:
    images = case_images(access.ledger, access.case)  # appearances the reader may see
    cited = [cid for report in images for cid, _ in report.claims]
    context = {
        "who": access.principal, "access": access, "images": images,
        "alerts": case_alerts(access.ledger, access.case),
        "in_case": {s.id for s in list_sources(access.ledger, access.case)},
        "claims": Evidence.of(access.ledger, access.case, cited).claims, "web_link": web_link,
    }  # fmt: skip
    return render(request, "images.html", context)
