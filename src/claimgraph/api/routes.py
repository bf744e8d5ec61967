"""All API routes under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from claimgraph.api import routes_account, routes_cases, routes_claims

PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    for part in (routes_account, routes_cases, routes_claims):
        router.include_router(part.router)
    return router
