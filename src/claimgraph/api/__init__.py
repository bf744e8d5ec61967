"""The REST API under /api/v1: a thin layer over the services, JSON in and out, one
error shape, cursor pagination on every list."""

from claimgraph.api.context import SESSION_COOKIE, AppState, Principal
from claimgraph.api.errors import install_error_handlers
from claimgraph.api.routes import api_router

__all__ = ["SESSION_COOKIE", "AppState", "Principal", "api_router", "install_error_handlers"]
