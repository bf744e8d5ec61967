"""Images: each with its earliest known appearance, copies and same-scene matches, and
the alerts where a photo first shown earlier is presented as something else."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.services import Ledger, sources_in_case
from claimgraph.services.imagesearch import Alert
from claimgraph.services.views import case_alerts, case_images
from claimgraph.store.image_queries import AppearanceRow
from claimgraph.web.access import PageRead
from claimgraph.web.render import render
from claimgraph.web.views import Evidence, web_link

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/images")
def images_page(request: Request, access: PageRead) -> Response:
    images = case_images(access.ledger, access.case)  # appearances the reader may see
    alerts = case_alerts(access.ledger, access.case)
    cited = [cid for report in images for cid, _ in report.claims]
    shown = [a for r in images for a in r.appearances]
    context = {
        "who": access.principal, "access": access, "images": images, "alerts": alerts,
        "in_case": linked(access.ledger, access.case, shown, alerts),
        "claims": Evidence.of(access.ledger, access.case, cited).claims, "web_link": web_link,
    }  # fmt: skip
    return render(request, "images.html", context)


def linked(ledger: Ledger, case: str, shown: Iterable[AppearanceRow],
           alerts: Iterable[Alert]) -> set[str]:  # fmt: skip
    """The sources of these appearances that belong to the case: a page links to them
    (and only names a source of another case)."""
    ids = [a.source_id for a in shown]
    ids += [a.source_id for x in alerts for a in (x.later, x.earlier)]
    return sources_in_case(ledger, case, ids)
