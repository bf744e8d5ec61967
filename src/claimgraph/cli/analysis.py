"""`claimgraph analyse`, `actors`, `propositions`, `trace`, `figures`, `contradictions`,
`citations`: the provenance analysis of a case from the command line."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from claimgraph.cli.common import Home, Json, make_out, make_settings
from claimgraph.cli.output import mapped_errors
from claimgraph.errors import InvalidInput
from claimgraph.link.propositions import value_text
from claimgraph.model import Entity, PropositionResult
from claimgraph.render.charts import timeline_svg
from claimgraph.render.graphs import provenance_svg, provenance_text
from claimgraph.services import analysis
from claimgraph.services.ledger import open_ledger

Case = Annotated[str, typer.Option("--case", help="The case to analyse")]
Note = Annotated[str, typer.Option("--note", help="Why (kept with the judgement)")]

actors_app = typer.Typer(help="Resolved speakers of a case; merge, split, grade, set sides.")
propositions_app = typer.Typer(help="Claims grouped by what they assert; move a claim.")


@mapped_errors
def analyse(
    ctx: typer.Context,
    case: Case,
    force: Annotated[bool, typer.Option("--force", help="Recompute even if current")] = False,
    home: Home = None,
    json_: Json = False,
) -> None:
    """Compute the case's analysis (other commands do this when the evidence changed)."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        info = analysis.analyse(ledger, case, force=force)
        meta = analysis.meta(ledger, case, cycles=True)
    out = make_out(ctx, json_)
    record = {"case": case, "computed": info.computed, **meta}
    if out.json:
        out.record(record)
        return
    stats = ", ".join(f"{v} {k}" for k, v in record.get("stats", {}).items())
    out.console.print(f"{case}: {stats} ({record.get('seconds', 0)} s)")
    for e in record.get("events", []):
        out.console.print(f"  event {e['id']}: {e['label']}")
    for cycle in record.get("cycles", []):
        out.console.print(f"  circular reporting among {len(cycle)} sources: {', '.join(cycle)}")


def _listing(ctx: typer.Context, case: str | None, command: str) -> bool:
    """Whether a group's own listing runs (no subcommand given); it needs a case."""
    if ctx.invoked_subcommand is not None:
        return False
    if case is None:
        raise InvalidInput("which case? give --case", subject=command)
    return True


def _entity_record(e: Entity) -> dict[str, Any]:
    d = asdict(e)
    d["kind"], d["reliability"] = e.kind.value, e.reliability.value
    return d


@actors_app.callback(invoke_without_command=True)
@mapped_errors
def actors(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """List the case's speakers after resolution, with aliases, side and grade."""
    if not _listing(ctx, case, "actors"):
        return
    assert case is not None
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = analysis.entities(ledger, case)
    out = make_out(ctx, json_)
    rows = [_entity_record(e) for e in found]
    if not out.json:
        for r in rows:
            r["aliases"] = "; ".join(r["aliases"])
    cols = ("id", "name", "kind", "role", "side", "reliability", "aliases")
    out.rows(rows, cols, title=f"{len(rows)} actors")


def _judge(ctx: typer.Context, case: str, action: str, target: str, value: str, note: str,
           home: str | None, json_: bool) -> None:  # fmt: skip
    with open_ledger(make_settings(ctx, home)) as ledger:
        j = analysis.judge(ledger, case, action, target, value, note)
    out = make_out(ctx, json_)
    if out.json:
        out.record(asdict(j))
    else:
        out.console.print(f"recorded {j.action} on {j.target} {j.value}".rstrip())


@actors_app.command("merge")
@mapped_errors
def merge(ctx: typer.Context, case: Case, actor: str, other: str, note: Note = "",
          home: Home = None, json_: Json = False) -> None:  # fmt: skip
    """Record that two actors (ids or names) are the same speaker."""
    _judge(ctx, case, "actor.merge", actor, other, note, home, json_)


@actors_app.command("split")
@mapped_errors
def split(ctx: typer.Context, case: Case, actor: str, note: Note = "",
          home: Home = None, json_: Json = False) -> None:  # fmt: skip
    """Record that an actor mention is not the speaker it was joined to."""
    _judge(ctx, case, "actor.split", actor, "", note, home, json_)


@actors_app.command("grade")
@mapped_errors
def grade(ctx: typer.Context, case: Case, actor: str, reliability: str, note: Note = "",
          home: Home = None, json_: Json = False) -> None:  # fmt: skip
    """Set an actor's reliability, A (reliable) to F (cannot be judged), with a note."""
    _judge(ctx, case, "actor.grade", actor, reliability.upper(), note, home, json_)


@actors_app.command("side")
@mapped_errors
def side(ctx: typer.Context, case: Case, actor: str, side_name: str, note: Note = "",
         home: Home = None, json_: Json = False) -> None:  # fmt: skip
    """Set the side an actor speaks for (used for colours and spreads)."""
    _judge(ctx, case, "actor.side", actor, side_name, note, home, json_)


def _prop_record(p: PropositionResult) -> dict[str, Any]:
    d = asdict(p)
    d["echo_ratio"] = round(p.echo_ratio, 2) if p.echo_ratio is not None else None
    return d


@propositions_app.callback(invoke_without_command=True)
@mapped_errors
def propositions(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="quantity or statement")] = None,
    counts: Annotated[str | None, typer.Option("--counts")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """List propositions with their sources, independent origins and credibility."""
    if not _listing(ctx, case, "propositions"):
        return
    assert case is not None
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = analysis.propositions(ledger, case, kind=kind, counts=counts)
    out = make_out(ctx, json_)
    if out.json:
        for p in found:
            out.record(_prop_record(p))
        return
    rows = [
        {"id": p.id, "label": p.label, "sources": len(p.source_ids), "origins": len(p.origins),
         "credibility": p.grade.credibility, "first seen": p.first_seen,
         "origin names": "; ".join(o.name for o in p.origins)}
        for p in found
    ]  # fmt: skip
    cols = ("id", "label", "sources", "origins", "credibility", "first seen", "origin names")
    out.rows(rows, cols, title=f"{len(rows)} propositions")


@propositions_app.command("move")
@mapped_errors
def move(ctx: typer.Context, case: Case, claim: str,
         to: Annotated[str, typer.Argument(help="A proposition id, or 'new'")],
         note: Note = "", home: Home = None, json_: Json = False) -> None:  # fmt: skip
    """Move a claim to another proposition (or to one of its own)."""
    _judge(ctx, case, "claim.move", claim, to, note, home, json_)


@mapped_errors
def trace(
    ctx: typer.Context,
    proposition: Annotated[
        str, typer.Argument(help="A proposition id (or its start), or its label")
    ],
    case: Case,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also draw the graph here")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """Show how a proposition travelled: every source back to its independent origins
    (as text, like `claimgraph text`; JSON with --json)."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        p = analysis.proposition(ledger, case, proposition)
        names = analysis.node_names(ledger, case, p)
    if svg is not None:
        _write(svg, provenance_svg(p, names))
    out = make_out(ctx, json_, text=True)
    if out.json:
        out.record({**_prop_record(p), "names": names})
        return
    # Plain lines, never wrapped: paths are long and are read by people and by grep alike.
    typer.echo(provenance_text(p, names))
    echo = f"echo ratio {p.echo_ratio:.1f}; " if p.echo_ratio else ""
    typer.echo(f"{echo}credibility {p.grade.credibility}: {p.grade.reason}")


@mapped_errors
def figures(
    ctx: typer.Context,
    case: Case,
    event: Annotated[str | None, typer.Option("--event", help="Event id or a date in it")] = None,
    counts: Annotated[str | None, typer.Option("--counts", help="killed, wounded, fled …")] = None,
    chart: Annotated[Path | None, typer.Option("--chart", help="Draw an SVG chart here")] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Per series: firsts, revisions, spread by side")
    ] = False,
    home: Home = None,
    json_: Json = False,
) -> None:
    """The figure timeline: every figure with its date, claimant, side and source."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        if summary:
            _print_summary(ctx, json_, analysis.figure_summary(ledger, case, event=event,
                                                                counts=counts))  # fmt: skip
            return
        points = analysis.timeline(ledger, case, event=event, counts=counts)
    if chart is not None:
        title = f"{case}: {counts or 'all figures'}"
        _write(chart, timeline_svg(points, title=title))
    out = make_out(ctx, json_)
    if out.json:
        for pt in points:
            out.record(asdict(pt))
        return
    rows = [
        {**asdict(pt), "figure": value_text(pt.low, pt.high, pt.qualifier),
         "first": "first" if pt.first_of_value else "", "counted": "counted" if pt.counted else ""}
        for pt in points
    ]  # fmt: skip
    cols = ("date", "counts", "figure", "stance", "claimant", "side", "publisher", "first",
            "counted")  # fmt: skip
    out.rows(rows, cols, title=f"{len(rows)} figures")


def _print_summary(ctx: typer.Context, json_: bool, series: list[dict[str, Any]]) -> None:
    out = make_out(ctx, json_, text=True)
    if out.json:
        for record in series:
            out.record(record)
        return
    for r in series:
        typer.echo(f"{r['counts']} — event {r['event_label']}")
        firsts = "; ".join(f"{f['value']} ({f['date']}: {', '.join(f['by'])})"
                           for f in r["firsts"])  # fmt: skip
        typer.echo(f"  first appearances: {firsts}")
        for who, values in r["by_speaker"].items():
            typer.echo(f"  {who}: {' → '.join(values)}")
        for side, (low, high) in r["spread_by_side"].items():
            typer.echo(f"  side {side}: {low:,.0f} to {high:,.0f}")
        if r["counted"]:
            typer.echo(f"  counted: {', '.join(r['counted'])}")


@mapped_errors
def contradictions(
    ctx: typer.Context,
    case: Case,
    kind: Annotated[str | None, typer.Option("--kind", help="conflict, denial or revision")] = None,
    home: Home = None,
    json_: Json = False,
) -> None:
    """Figures that cannot both be true, denials, and one speaker's revisions."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = analysis.contradictions(ledger, case, kind=kind)
    rows = [asdict(c) for c in found]
    make_out(ctx, json_).rows(
        rows, ("kind", "reason", "claim_a", "claim_b"), title="contradictions"
    )


@mapped_errors
def citations(ctx: typer.Context, case: Case, home: Home = None, json_: Json = False) -> None:
    """Which sources cite, link to or copy which; circular reporting is named."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = analysis.citations(ledger, case)
        cycles = analysis.meta(ledger, case, cycles=True).get("cycles", [])
    out = make_out(ctx, json_)
    out.rows(found, ("citing_label", "how", "cited_label", "evidence"), title="citations")
    for cycle in cycles:
        line = {"cycle": cycle, "note": f"circular reporting among {len(cycle)} sources"}
        if out.json:
            out.record(line)
        else:
            out.errors.print(line["note"] + ": " + ", ".join(cycle))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot write the file: {exc.strerror}", subject=str(path)) from exc
