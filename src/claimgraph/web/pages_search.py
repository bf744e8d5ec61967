"""The search page: the case's sources that hold the words of the search box, each with
a snippet of its text, the matched words marked (escaped pieces, never raw markup)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from claimgraph.errors import InvalidInput
from claimgraph.services.search import SearchPage, search
from claimgraph.web.access import PageRead
from claimgraph.web.render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 20


@router.get("/cases/{case}/search")
def search_page(
    request: Request,
    access: PageRead,
    q: Annotated[str, Query(max_length=2000)] = "",
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    found: SearchPage | None = None
    problem = None
    if q.strip():
        try:
            found = search(access.ledger, access.case, q, limit=PER_PAGE, cursor=cursor)
        except InvalidInput as exc:  # a query too long, a forged cursor: say so, keep the box
            problem = exc.message
    base = f"/cases/{quote(access.case, safe='')}/search"
    context = {
        "who": access.principal, "access": access, "q": q, "found": found, "problem": problem,
        "action": base,
        "next_url": f"{base}?{urlencode({'q': q, 'cursor': found.next})}"
        if found and found.next else None,
        "first_url": f"{base}?{urlencode({'q': q})}" if found and found.offset else None,
    }  # fmt: skip
    return render(request, "search.html", context)
