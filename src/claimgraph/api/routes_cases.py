"""Cases and their sources: list, create, dashboard, add (upload or URL), read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from claimgraph.api.context import Read, Who, Write, app_state, require_csrf
from claimgraph.api.paging import Cursor, Limit, Page, page_of, window
from claimgraph.api.responses import isolated, read_upload
from claimgraph.api.schemas import (
    AddOut,
    CaseIn,
    CaseOut,
    DashboardOut,
    SourceDetailOut,
    SourceOut,
    TextOut,
)
from claimgraph.errors import Forbidden, InvalidInput
from claimgraph.services import (
    cases_visible,
    list_cases,
    list_sources,
    original_bytes,
    role_of,
)
from claimgraph.services.cases import create_case, dashboard
from claimgraph.services.ingest import add_upload, add_url
from claimgraph.services.queries import SourceDetail, case_source
from claimgraph.store import SourceSummary

router = APIRouter(tags=["cases"])


def source_out(s: SourceSummary) -> SourceOut:
    return SourceOut(id=s.id, media_type=s.media_type, size=s.size, title=s.title,
                     publisher=s.publisher, published=s.published, url=s.url,
                     filename=s.filename)  # fmt: skip


@router.get("/cases", response_model=Page[CaseOut], summary="Cases you are a member of")
def get_cases(request: Request, who: Who, cursor: Cursor = None, limit: Limit = 50) -> Any:
    ledger = app_state(request).ledger
    visible = set(cases_visible(ledger, who.name))
    rows = [CaseOut(name=c.name, created_at=c.created_at, created_by=c.created_by,
                    sources=c.sources, role=str(role_of(ledger, who.name, c.name)))
            for c in list_cases(ledger) if c.name in visible]  # fmt: skip
    items, nxt = page_of(rows, cursor, limit)
    return Page[CaseOut](items=items, next=nxt)


@router.post("/cases", response_model=CaseOut, status_code=201, summary="Create a case")
async def post_case(body: CaseIn, request: Request, who: Who) -> Any:
    await require_csrf(request, who)
    if not who.account.is_admin:
        raise Forbidden("only a site admin creates cases", subject=body.name)
    ledger = app_state(request).ledger.as_user(who.name)
    name = create_case(ledger, body.name, body.description)
    found = next(c for c in list_cases(ledger) if c.name == name)
    return CaseOut(name=found.name, created_at=found.created_at, created_by=found.created_by,
                   sources=found.sources, role="admin")  # fmt: skip


@router.get("/cases/{case}", response_model=DashboardOut, summary="The case dashboard")
def get_case(access: Read) -> Any:
    d = dashboard(access.ledger, access.case)
    return DashboardOut(case=d.case, role=access.role.value, sources=d.sources, claims=d.claims,
                        unreviewed=d.unreviewed, contradictions=d.contradictions,
                        images=d.images, latest=[source_out(s) for s in d.latest])  # fmt: skip


@router.get("/cases/{case}/sources", response_model=Page[SourceOut], summary="Sources")
def get_sources(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    def fetch(offset: int, count: int) -> list[SourceSummary]:
        return list_sources(access.ledger, access.case, offset=offset, limit=count)

    items, nxt = window(fetch, cursor, limit)
    return Page[SourceOut](items=[source_out(s) for s in items], next=nxt)


@router.post(
    "/cases/{case}/sources", response_model=AddOut, status_code=201,
    summary="Add a source: a file (multipart `file`) or a URL (form field `url`)",
)  # fmt: skip
async def post_source(
    access: Write,
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=4000)] = None,
) -> Any:
    if (file is None) == (url is None):
        raise InvalidInput("send either a file or a url", subject="source")
    if file is not None:
        data = await read_upload(request, file)
        outcome = add_upload(access.ledger, data, file.filename or "upload", case=access.case)
    else:
        assert url is not None
        outcome = add_url(access.ledger, url, case=access.case)
    if outcome.status == "failed":
        raise InvalidInput(outcome.reason or "could not add", subject=outcome.input)
    return AddOut(input=outcome.input, status=outcome.status, source_id=outcome.source_id,
                  title=outcome.title, media_type=outcome.media_type)  # fmt: skip


def _in_case(access: Read, ref: str) -> SourceDetail:
    return case_source(access.ledger, access.case, ref)


@router.get("/cases/{case}/sources/{source}", response_model=SourceDetailOut)
def get_source(access: Read, source: str) -> Any:
    d = _in_case(access, source)
    s = d.source
    return SourceDetailOut(
        id=s.id, media_type=s.media_type, size=s.size, title=s.title, publisher=s.publisher,
        published=s.published, url=s.url, filename=s.filename, kind=s.kind.value,
        authors=list(s.authors), language=s.language, parser=s.parser,
        captures=[{"id": c.id, "method": c.method.value, "location": c.location,
                   "captured_at": c.captured_at.isoformat(), "agent": c.agent}
                  for c in d.captures],
        text_length=len(s.text),
    )  # fmt: skip


@router.get("/cases/{case}/sources/{source}/text", response_model=TextOut)
def get_text(access: Read, source: str) -> Any:
    d = _in_case(access, source)
    return TextOut(id=d.source.id, text=d.source.text)


@router.get(
    "/cases/{case}/sources/{source}/original",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
    summary="The preserved original bytes, as an attachment under a strict CSP",
)
def get_original(access: Read, source: str) -> Response:
    d = _in_case(access, source)
    _, data = original_bytes(access.ledger, d.source.id)
    # Never rendered as a page of ours: an attachment, sniffing off, nothing may run.
    return isolated(data, "application/octet-stream", download=f"{d.source.id}.bin")
