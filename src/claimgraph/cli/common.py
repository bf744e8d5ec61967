"""Options every command shares, and the settings/output they produce."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from claimgraph.cli.output import Out
from claimgraph.settings import Settings, settings_from_env

Home = Annotated[
    str | None,
    typer.Option(
        "--home", help="Folder of this installation [env CLAIMGRAPH_HOME; ./claimgraph-data]"
    ),
]
Json = Annotated[bool, typer.Option("--json", help="JSON Lines (default when not a terminal)")]
User = Annotated[str | None, typer.Option("--user", help="Who is acting [env CLAIMGRAPH_USER]")]


def make_settings(ctx: typer.Context, home: str | None, user: str | None = None) -> Settings:
    parent = ctx.obj or {}
    return settings_from_env(home or parent.get("home"), user or parent.get("user"))


def make_out(ctx: typer.Context, json_: bool, *, text: bool = False) -> Out:
    """`text`: a report for people (a trace, a verdict) stays text through a pipe, like
    `claimgraph text`; JSON only when asked for. Listings are data: JSON when piped."""
    asked = json_ or bool((ctx.obj or {}).get("json"))
    out = Out.create(asked)
    return replace(out, json=asked) if text else out
