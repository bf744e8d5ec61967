"""The web app: server-rendered pages (Jinja2, SVG drawn on the server) over the same
services as the API, which it serves under /api/v1."""

from claimgraph.web.app import create_app

__all__ = ["create_app"]
