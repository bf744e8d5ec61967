"""`claimgraph serve`: the web app and REST API on one address."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from claimgraph.cli.common import Home, make_settings
from claimgraph.cli.output import mapped_errors
from claimgraph.errors import InvalidInput
from claimgraph.services import open_ledger

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@mapped_errors
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8000,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Send cookies only over HTTPS (behind TLS)")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes serving requests (one per core)")
    ] = 1,
    home: Home = None,
) -> None:
    """Serve the web app and the REST API (/api/v1, OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    from claimgraph.web import create_app

    if not 0 < port < 65536:
        raise InvalidInput("a port is 1-65535", subject=str(port))
    if not 0 < workers <= 64:
        raise InvalidInput("workers is 1-64", subject=str(workers))
    settings = make_settings(ctx, home)
    ledger = open_ledger(settings)  # made and migrated here, once, before any worker
    if host not in _LOOPBACK and not secure_cookies:
        typer.echo("claimgraph: warning: serving beyond this machine without --secure-cookies;"
                   " put it behind HTTPS", err=True)  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"claimgraph: serving http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    try:
        if workers == 1:
            uvicorn.run(create_app(ledger, secure_cookies=secure_cookies), host=host,
                        port=port, log_level="warning")  # fmt: skip
            return
        # Several processes: each builds the app from the environment (web.app).
        os.environ["CLAIMGRAPH_HOME"] = str(settings.home)
        if settings.database_url:
            os.environ["CLAIMGRAPH_DATABASE_URL"] = settings.database_url
        os.environ["CLAIMGRAPH_SECURE_COOKIES"] = "1" if secure_cookies else "0"
        uvicorn.run("claimgraph.web.app:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, log_level="warning")  # fmt: skip
    finally:
        ledger.close()
