"""The `claimgraph` command: a thin layer over the services."""

from __future__ import annotations

import logging
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from claimgraph import __version__
from claimgraph.cli import analysis as analysis_commands
from claimgraph.cli import claims as claim_commands
from claimgraph.cli import images as image_commands
from claimgraph.cli import users as user_commands
from claimgraph.cli import web as web_commands
from claimgraph.cli.common import Home, Json, User, make_out, make_settings
from claimgraph.cli.output import EXIT_FAILED, EXIT_PARTIAL, mapped_errors, reader_left
from claimgraph.cli.progress import track
from claimgraph.errors import InvalidInput
from claimgraph.model import SourceKind
from claimgraph.services import (
    DEFAULT_CASE,
    export_lines,
    import_lines,
    list_cases,
    list_sources,
    open_ledger,
    source_detail,
    text_of_path,
    verify,
)
from claimgraph.services import add_inputs as add_service
from claimgraph.settings import Settings

app = typer.Typer(
    name="claimgraph",
    help="An evidence ledger for contested events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(ctx: typer.Context, home: Home = None, user: User = None, json_: Json = False) -> None:
    # Parsers log recoverable oddities of the files they read; the CLI reports its own
    # outcome per input, so only errors from libraries reach the terminal.
    logging.basicConfig(level=logging.ERROR, format="claimgraph: %(name)s: %(message)s")
    ctx.obj = {"home": home, "user": user, "json": json_}


@app.command()
@mapped_errors
def init(ctx: typer.Context, home: Home = None, json_: Json = False) -> None:
    """Create the store (database and blob folder) under the home folder."""
    settings = make_settings(ctx, home)
    with open_ledger(settings, create=True):
        pass
    out = make_out(ctx, json_)
    if out.json:
        out.record({"home": str(settings.home), "database": _db_label(settings)})
    else:
        out.line(f"claimgraph store ready in {settings.home} ({_db_label(settings)})")


@app.command()
@mapped_errors
def add(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, WARC files or URLs")],
    case: Annotated[str, typer.Option("--case", help="Case to file them under")] = DEFAULT_CASE,
    kind: Annotated[SourceKind | None, typer.Option("--kind", help="Kind of source")] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Preserve only; extract claims later")
    ] = False,
    backend: Annotated[str, typer.Option("--backend", help="rules (default) or llm")] = "rules",
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Preserve documents: each new one becomes a Source with its original bytes."""
    out = make_out(ctx, json_)
    counts = {"added": 0, "known": 0, "failed": 0}
    with open_ledger(make_settings(ctx, home, user), create=True) as ledger:
        for outcome in track(
            add_service(
                ledger, inputs, case=case, kind=kind, extract=not no_extract, backend=backend
            ),
            out,
        ):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                out.error(f"{outcome.input}: {outcome.reason}")
            if out.json:
                out.record(asdict(outcome))
            elif outcome.status != "failed":
                sid = (outcome.source_id or "")[:12]
                out.line(f"{outcome.status:6} {sid}  {outcome.title or outcome.input}")
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    out.errors.print(f"claimgraph: {summary}", markup=False)
    if counts["failed"]:
        raise typer.Exit(EXIT_PARTIAL if counts["added"] + counts["known"] else EXIT_FAILED)


@app.command()
@mapped_errors
def sources(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """List preserved sources, oldest publication first."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = list_sources(ledger, case)
    out = make_out(ctx, json_)
    rows = [{**asdict(s), "cases": list(s.cases)} for s in found]
    if not out.json:  # people read a short id; machines get the whole hash
        rows = [{**r, "id": r["id"][:12]} for r in rows]
    cols = ("id", "published", "publisher", "title", "media_type", "cases")
    out.rows(rows, cols, title=f"{len(rows)} sources")


@app.command()
@mapped_errors
def show(ctx: typer.Context, source_id: str, home: Home = None, json_: Json = False) -> None:
    """One source: its metadata, cases and every capture."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        detail = source_detail(ledger, source_id)
    record = asdict(detail.source)
    record["text_length"] = len(record.pop("text"))
    record["cases"] = detail.cases
    record["captures"] = [asdict(c) for c in detail.captures]
    out = make_out(ctx, json_)
    if out.json:
        out.record(record)
        return
    for key, value in record.items():
        if key != "captures":
            out.line(f"{key:>13}: {value}")
    for c in detail.captures:
        out.line(
            f"      capture: {c.captured_at.isoformat()} {c.method} by {c.agent}: {c.location}"
        )


@app.command()
@mapped_errors
def text(ctx: typer.Context, ref: str, home: Home = None) -> None:
    """Print the plain text that every span indexes (of a file, or of a stored source)."""
    settings = make_settings(ctx, home)
    path = Path(ref)
    if path.exists():
        body = text_of_path(settings, path)
    else:
        with open_ledger(settings) as ledger:
            body = source_detail(ledger, ref).source.text
    try:
        sys.stdout.write(body)
        if body and not body.endswith("\n") and sys.stdout.isatty():
            sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        reader_left()


@app.command("verify")
@mapped_errors
def verify_cmd(ctx: typer.Context, home: Home = None, json_: Json = False) -> None:
    """Recompute every blob's hash and the audit chain; name whatever does not match."""
    out = make_out(ctx, json_)
    with open_ledger(make_settings(ctx, home)) as ledger:
        report = verify(ledger)
    if out.json:
        out.record({**asdict(report), "ok": report.ok})
    else:
        for p in report.problems:
            out.line(f"MISMATCH {p}")
        state = "OK" if report.ok else f"FAILED: {len(report.problems)} problem(s)"
        out.line(
            f"{state}: {report.blobs_checked} blobs, {report.audit_entries} audit entries checked"
        )
    if not report.ok:
        for p in report.problems:
            out.error(p)
        raise typer.Exit(EXIT_FAILED)


@app.command()
@mapped_errors
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout)")
    ] = None,
    home: Home = None,
) -> None:
    """Write everything (cases, sources with their bytes, captures, audit log) as JSON Lines."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        if output is None:
            for line in export_lines(ledger):
                sys.stdout.write(line + "\n")
            return
        tmp = output.with_name(output.name + ".partial")
        with open(tmp, "w", encoding="utf-8") as fh:
            for line in export_lines(ledger):
                fh.write(line + "\n")
        tmp.replace(output)


@app.command("import")
@mapped_errors
def import_cmd(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="An export file, or - for stdin")],
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Load an export: exactly into an empty store, merged into one that has evidence."""
    if file != "-" and not Path(file).is_file():
        raise InvalidInput("no such file", subject=file)
    with open_ledger(make_settings(ctx, home, user), create=True) as ledger:
        if file == "-":
            report = import_lines(ledger, sys.stdin)
        else:
            with open(file, encoding="utf-8") as fh:
                report = import_lines(ledger, fh)
    out = make_out(ctx, json_)
    if out.json:
        out.record(asdict(report))
    else:
        out.line(f"imported ({report.mode}): {report.rows}, {report.blobs} blobs")


@app.command()
@mapped_errors
def cases(ctx: typer.Context, home: Home = None, json_: Json = False) -> None:
    """List cases with their number of sources."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        rows = [asdict(c) for c in list_cases(ledger)]
    make_out(ctx, json_).rows(rows, ("name", "sources", "created_at", "created_by"), title="cases")


app.command()(claim_commands.extract)
app.command()(claim_commands.claims)
app.command()(analysis_commands.analyse)
app.add_typer(analysis_commands.actors_app, name="actors")
app.add_typer(analysis_commands.propositions_app, name="propositions")
app.command()(analysis_commands.trace)
app.command()(analysis_commands.figures)
app.command()(analysis_commands.contradictions)
app.command()(analysis_commands.citations)
app.command()(image_commands.images)
app.command("image-match")(image_commands.image_match)
app.command("archive-import")(image_commands.archive_import)
app.add_typer(user_commands.users_app, name="user")
app.command()(web_commands.serve)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _db_label(settings: Settings) -> str:
    return "PostgreSQL" if settings.database_url else f"SQLite {settings.sqlite_path}"


def run() -> None:
    app()
