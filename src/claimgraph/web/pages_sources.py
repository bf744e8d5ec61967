"""Sources: the list (with a form to add one by upload or URL) and the reader, which shows
a source's text with every claim highlighted and listed under it."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.api.routes_cases import post_source
from claimgraph.services import list_sources
from claimgraph.services.queries import case_source
from claimgraph.services.reading import source_images
from claimgraph.store import ClaimFilter, SourceSummary
from claimgraph.web.access import PageRead, PageWrite
from claimgraph.web.render import render
from claimgraph.web.views import can_write, case_claims, paged_query, reader_pieces, web_link

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/cases/{case}/sources")
def sources_page(request: Request, access: PageRead) -> Response:
    def fetch(offset: int, count: int) -> list[SourceSummary]:
        return list_sources(access.ledger, access.case, offset=offset, limit=count)

    page = paged_query(request, fetch)  # read from the database a page at a time
    return render(request, "sources.html", {"who": access.principal, "access": access,
                                            "page": page, "writer": can_write(access)})  # fmt: skip


@router.post("/cases/{case}/sources")
async def add_source(
    request: Request,
    access: PageWrite,
    file: Annotated[UploadFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=4000)] = None,
) -> Response:
    """Add by upload or URL, as the API does (same cap, same checks), then read it."""
    if file is not None and not file.filename:
        file = None  # the form's file field, left empty
    added = await post_source(access, request, file, (url or "").strip() or None)
    target = f"/cases/{quote(access.case)}/sources/{added.source_id}"
    return RedirectResponse(target, status_code=303)


@router.get("/cases/{case}/sources/{source}")
def reader_page(request: Request, access: PageRead, source: str) -> Response:
    detail = case_source(access.ledger, access.case, source)
    s = detail.source
    claims = case_claims(access, ClaimFilter(case=access.case, source_id=s.id))
    context = {
        "who": access.principal, "access": access, "source": s, "detail": detail,
        "link": web_link(s.url), "claims": claims, "pieces": reader_pieces(s.text, claims),
        "images": source_images(access.ledger, access.case, s.id),
    }  # fmt: skip
    return render(request, "source.html", context)
