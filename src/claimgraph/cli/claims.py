"""`claimgraph extract` and `claimgraph claims`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli.common import Home, Json, make_out, make_settings
from claimgraph.cli.output import mapped_errors
from claimgraph.errors import InvalidInput
from claimgraph.extract import load_nlp
from claimgraph.services import extract_file, list_claims, make_extractor, open_ledger
from claimgraph.store import ClaimFilter


@mapped_errors
def extract(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A .txt, .html or .pdf file, or - for stdin")],
    backend: Annotated[str, typer.Option("--backend", help="rules (default) or llm")] = "rules",
    home: Home = None,
) -> None:
    """Print the claims in one document as JSON Lines, touching no database."""
    settings = make_settings(ctx, home)
    path = None if source == "-" else Path(source)
    if path is not None and not path.is_file():
        raise InvalidInput("no such file", subject=source)
    data = sys.stdin.buffer.read() if path is None else None
    out = make_out(ctx, True)
    extractor = make_extractor(settings, backend, load_nlp)
    for record in extract_file(settings, extractor, path, data):
        out.record(record)


@mapped_errors
def claims(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source id (prefix)")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="quantity or statement")] = None,
    counts: Annotated[str | None, typer.Option("--counts", help="killed, wounded, fled …")] = None,
    stance: Annotated[str | None, typer.Option("--stance")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Claimant name contains")] = None,
    limit: Annotated[int | None, typer.Option("--limit")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """List stored claims: figures and attributed statements, oldest source first."""
    f = ClaimFilter(case, source, kind, counts, stance, actor, limit)
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = list_claims(ledger, f)
    out = make_out(ctx, json_)
    if out.json:
        for record in found:
            out.record(record)
        return
    rows = [_row(r) for r in found]
    cols = ("published", "publisher", "figure", "counts", "claimant", "via", "stance")
    out.rows(rows, cols, title=f"{len(rows)} claims")


def _row(r: dict) -> dict:  # type: ignore[type-arg]
    q = r["quantity"] or {}
    figure = q.get("text") or (
        r["sentence"][:60] + "…" if len(r["sentence"]) > 60 else r["sentence"]
    )
    return {
        "published": r["published"],
        "publisher": r["publisher"],
        "figure": figure,
        "counts": q.get("counts"),
        "claimant": (r["claimant"] or {}).get("name"),
        "via": " ← ".join(link["name"] for link in r["chain"]),
        "stance": r["stance"],
    }
