"""The application: API + pages + static files, security headers on every response."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from claimgraph import __version__
from claimgraph.api import AppState, api_router, install_error_handlers
from claimgraph.api.errors import ErrorInfo
from claimgraph.services import Ledger, open_ledger
from claimgraph.settings import settings_from_env
from claimgraph.web import pages
from claimgraph.web.render import make_templates, render

_STATIC = Path(__file__).parent / "static"
# Our own script and style only; images we draw are inline SVG or data: thumbnails.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for key, value in _HEADERS.items():
            response.headers.setdefault(key, value)  # a stricter one set by a route stays
        return response


def create_app(ledger: Ledger, *, secure_cookies: bool = False) -> FastAPI:
    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="An evidence ledger for contested events: REST API.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI would load third-party script from a CDN
        redoc_url=None,
    )
    app.state.cg = AppState(ledger=ledger, secure_cookies=secure_cookies)
    app.state.templates = make_templates()
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app, _page_error)
    app.include_router(api_router())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    return app


async def _page_error(request: Request, info: ErrorInfo) -> Response:
    if info.status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)
    return render(request, "error.html", {"error": info}, status=info.status)


def app_from_environment() -> FastAPI:
    """The app for one of several worker processes (`claimgraph serve --workers N`):
    each opens the store named by CLAIMGRAPH_* itself. Sessions and tokens live in the
    database, so any worker answers any signed-in request."""
    settings = settings_from_env()
    secure = os.environ.get("CLAIMGRAPH_SECURE_COOKIES") == "1"
    return create_app(open_ledger(settings), secure_cookies=secure)
