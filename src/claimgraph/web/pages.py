"""Pages: sign-in, the cases you belong to, and each case's dashboard. Other pages
live in their own modules and are gathered by `router()`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.api.context import (
    SESSION_COOKIE,
    app_state,
    require_csrf,
)
from claimgraph.api.routes_account import start_session
from claimgraph.errors import ClaimgraphError
from claimgraph.services import cases_visible, end_session, list_cases, role_of
from claimgraph.services.cases import dashboard
from claimgraph.services.reviews import state_key
from claimgraph.web import (
    pages_analysis,
    pages_audit,
    pages_claims,
    pages_images,
    pages_report,
    pages_search,
    pages_sources,
)
from claimgraph.web.access import PageRead, PageWho
from claimgraph.web.render import render


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def router() -> APIRouter:
    r = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @r.get("/login")
    def login_page(request: Request, next: str | None = None) -> Response:
        return render(request, "login.html", {"next": _safe_next(next), "me": None, "error": None})

    @r.post("/login")
    def login_form(
        request: Request,
        name: Annotated[str, Form(max_length=80)],
        password: Annotated[str, Form(max_length=1024)],
        next: Annotated[str, Form(max_length=2000)] = "/",
    ) -> Response:
        response = RedirectResponse(_safe_next(next), status_code=303)
        try:
            start_session(request, response, name, password)
        except ClaimgraphError as exc:
            status = 429 if "too many" in exc.message else 401
            context = {"next": _safe_next(next), "me": None, "error": exc.message, "name": name}
            return render(request, "login.html", context, status=status)
        return response

    @r.post("/logout")
    async def logout(request: Request, who: PageWho) -> Response:
        await require_csrf(request, who)
        if who.session:
            end_session(app_state(request).ledger, who.session)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @r.get("/")
    def home(request: Request, who: PageWho) -> Response:
        ledger = app_state(request).ledger
        visible = set(cases_visible(ledger, who.name))
        rows = [(c, role_of(ledger, who.name, c.name)) for c in list_cases(ledger)
                if c.name in visible]  # fmt: skip
        return render(request, "cases.html", {"who": who, "cases": rows})

    @r.get("/cases/{case}")
    def case_page(request: Request, access: PageRead) -> Response:
        key = ("dashboard", access.case, *state_key(access.ledger, access.case))
        board = app_state(request).memo.get(key, lambda: dashboard(access.ledger, access.case))
        return render(request, "dashboard.html", {"who": access.principal, "access": access,
                                                  "board": board})  # fmt: skip

    for part in (pages_sources, pages_claims, pages_analysis, pages_images, pages_audit,
                 pages_report, pages_search):  # fmt: skip
        r.include_router(part.router)
    return r


__all__ = ["router"]
