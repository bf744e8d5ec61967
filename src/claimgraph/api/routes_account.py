"""Signing in and out, and who am I. The session cookie is HttpOnly and SameSite=Lax;
its CSRF token is returned to the page (never readable from the cookie)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from claimgraph.api.context import SESSION_COOKIE, Who, app_state, require_csrf
from claimgraph.api.schemas import Login, Me
from claimgraph.errors import Refused, Unauthenticated
from claimgraph.services import (
    DEFAULT_SESSION_TTL,
    TooManyAttempts,
    create_session,
    end_session,
    session_info,
)

router = APIRouter(tags=["account"])


def start_session(request: Request, response: Response, name: str, password: str) -> Me:
    """Check the password (rate-limited per name and address) and set the cookie."""
    state = app_state(request)
    address = request.client.host if request.client else "unknown"
    try:
        account = state.limiter.login(state.ledger, name, password, address)
    except TooManyAttempts:
        raise
    except Refused as exc:  # a wrong name or password: the same answer for both
        raise Unauthenticated(exc.message) from None
    raw, csrf = create_session(state.ledger, account.name, DEFAULT_SESSION_TTL)
    response.set_cookie(
        SESSION_COOKIE, raw, max_age=int(DEFAULT_SESSION_TTL.total_seconds()), httponly=True,
        samesite="lax", secure=state.secure_cookies, path="/",
    )  # fmt: skip
    return Me(name=account.name, is_admin=account.is_admin, via="session", csrf=csrf)


@router.post("/session", response_model=Me, summary="Sign in (sets the session cookie)")
def login(body: Login, request: Request, response: Response) -> Me:
    return start_session(request, response, body.name, body.password)


@router.delete("/session", status_code=204, summary="Sign out")
async def logout(request: Request, who: Who) -> Response:
    await require_csrf(request, who)
    if who.session:
        end_session(app_state(request).ledger, who.session)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=Me, summary="The signed-in person")
def me(request: Request, who: Who) -> Me:
    csrf = None
    if who.session:
        info = session_info(app_state(request).ledger, who.session)
        csrf = info.csrf_token if info else None
    return Me(name=who.name, is_admin=who.account.is_admin, via=who.via, csrf=csrf)
