"""All API routes under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from claimgraph.api import (
    routes_account,
    routes_analysis,
    routes_audit,
    routes_cases,
    routes_claims,
    routes_images,
    routes_search,
)
from claimgraph.api.errors import ERROR_RESPONSES

PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX, responses=ERROR_RESPONSES)
    parts = (routes_account, routes_cases, routes_claims, routes_analysis, routes_images,
             routes_audit, routes_search)  # fmt: skip
    for part in parts:
        router.include_router(part.router)
    return router
