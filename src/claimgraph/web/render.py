"""Rendering pages: one Jinja2 environment per app (autoescaping on: everything that
came from a source is escaped), and the context every page gets (who, CSRF token)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from claimgraph.api.context import Principal, find_principal
from claimgraph.errors import ClaimgraphError

_TEMPLATES = Path(__file__).parent / "templates"


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(_TEMPLATES))
    env = templates.env
    env.autoescape = True  # every template, whatever its name
    env.filters["short"] = lambda value, n=12: str(value or "")[:n]
    env.filters["figure"] = _figure
    return templates


def _figure(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return f"{int(number):,}" if number.is_integer() else f"{number:,.1f}"


def page_context(who: Principal | None) -> dict[str, Any]:
    return {"me": who, "csrf": who.csrf if who is not None else None}


def fragment(request: Request, template: str, macro: str, *args: Any) -> Markup:
    """A macro of a template rendered on its own: a part of a page that is the same for
    every reader, kept rendered (the page around it is rendered per request)."""
    templates: Jinja2Templates = request.app.state.templates
    made: Markup = getattr(templates.env.get_template(template).module, macro)(*args)
    return made


def render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    who = context.get("who")
    if who is None and "me" not in context:
        try:
            who = find_principal(request)
        except ClaimgraphError:
            who = None
    templates: Jinja2Templates = request.app.state.templates
    full = {**page_context(who), **context}
    response: HTMLResponse = templates.TemplateResponse(request, name, full, status_code=status)
    return response
