"""`claimgraph images`, `image-match` and `archive-import`: where a photo was first seen."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from claimgraph.cli.common import Home, Json, make_out, make_settings
from claimgraph.cli.output import EXIT_FAILED, EXIT_PARTIAL, mapped_errors
from claimgraph.errors import InvalidInput
from claimgraph.link.imagematch import ImageMatch
from claimgraph.link.scenematch import SAME_SCENE, SceneMatch
from claimgraph.services import imagesearch
from claimgraph.services.imagesearch import Alert, ImageReport
from claimgraph.services.ledger import open_ledger
from claimgraph.store.image_queries import AppearanceRow


def _seen(a: AppearanceRow | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"date": a.date, "where": a.where, "caption": a.caption, "source_id": a.source_id,
            "image": a.sha256, "how": a.how, "url": a.url}  # fmt: skip


def _report(r: ImageReport) -> dict[str, Any]:
    return {
        "sha256": r.sha256, "width": r.width, "height": r.height, "quality": r.quality,
        "exif": r.exif, "first_seen": _seen(r.earliest),
        "appearances": [_seen(a) for a in r.appearances],
        "copies": [{"sha256": m.sha256, "distance": m.distance, "verdict": m.verdict,
                    "how": m.how} for m in r.copies],
        "claims": [{"id": cid, "sentence": sentence} for cid, sentence in r.claims],
        "scenes": [{"sha256": m.sha256, "similarity": m.similarity, "verdict": m.verdict}
                   for m in r.scenes],
        "scene_first_seen": _seen(r.scene_first),
    }  # fmt: skip


def _alert(a: Alert) -> dict[str, Any]:
    return {"image": a.sha256, "reason": a.reason, "later": _seen(a.later),
            "earlier": _seen(a.earlier)}  # fmt: skip


@mapped_errors
def images(
    ctx: typer.Context,
    case: Annotated[str, typer.Option("--case")],
    alerts: Annotated[
        bool, typer.Option("--alerts", help="Only appearances of an older photo shown anew")
    ] = False,
    home: Home = None,
    json_: Json = False,
) -> None:
    """The case's images, each with the earliest known appearance of it or any copy."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        if alerts:
            rows = [_alert(a) for a in imagesearch.alerts(ledger, case)]
        else:
            rows = [_report(r) for r in imagesearch.list_images(ledger, case)]
    out = make_out(ctx, json_, text=alerts)  # alerts are a report; the listing is data
    if out.json:
        for row in rows:
            out.record(row)
    elif alerts:
        for a in rows:
            typer.echo(f"{a['later']['where']} ({a['later']['date']}): {a['later']['caption']}")
            typer.echo(f"  {a['reason']}: {a['earlier']['where']} ({a['earlier']['date']}): "
                       f"{a['earlier']['caption']}")  # fmt: skip
    else:
        table = [{"image": r["sha256"][:12], "size": f"{r['width']}x{r['height']}",
                  "quality": r["quality"], "first seen": _line(r["first_seen"]),
                  "copies": len(r["copies"])} for r in rows]  # fmt: skip
        columns: tuple[str, ...] = ("image", "size", "quality", "first seen", "copies")
        if any(r["scenes"] for r in rows):  # only with the optional descriptor
            columns += ("same scene",)
            for t, r in zip(table, rows, strict=True):
                t["same scene"] = _line(r["scene_first_seen"]) if r["scenes"] else ""
        out.rows(table, columns, title="images")


def _line(seen: dict[str, Any] | None) -> str:
    if seen is None:
        return ""
    return f"no later than {seen['date'] or '(undated)'} in {seen['where']}"


@mapped_errors
def image_match(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An image file (not stored)")],
    home: Home = None,
    json_: Json = False,
) -> None:
    """Which stored images a new image matches, each with its earliest appearance (as
    text, like `trace`; JSON Lines with --json)."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        query, found = imagesearch.match_file(ledger, file)
    out = make_out(ctx, json_, text=True)
    rows = [{**_report(r), **_verdict(m)} for m, r in found]
    if out.json:
        for row in rows:
            out.record(row)
        return
    if not rows:
        typer.echo(f"{file}: no stored image matches (quality {query.quality})")
    for row in rows:
        how = (f"similarity {row['similarity']}" if row["verdict"] == SAME_SCENE
               else f"distance {row['distance']}, {row['how']}")  # fmt: skip
        typer.echo(f"{row['verdict']} ({how}): first seen {_line(row['first_seen'])}")
        if row["first_seen"] and row["first_seen"]["caption"]:
            typer.echo(f"  caption then: {row['first_seen']['caption']}")


def _verdict(m: ImageMatch | SceneMatch) -> dict[str, Any]:
    if isinstance(m, SceneMatch):
        return {"verdict": m.verdict, "similarity": m.similarity}
    return {"verdict": m.verdict, "distance": m.distance, "how": m.how}


@mapped_errors
def archive_import(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Folders, image files or WARC files")],
    source_name: Annotated[str, typer.Option("--source-name", help="Whose archive it is")],
    date: Annotated[str | None, typer.Option("--date", help="When it was published")] = None,
    date_from_exif: Annotated[
        bool, typer.Option("--date-from-exif", help="Date each photo by its EXIF capture date")
    ] = False,
    case: Annotated[str, typer.Option("--case")] = imagesearch.ARCHIVE_CASE,
    home: Home = None,
    json_: Json = False,
) -> None:
    """Load an older archive of photos with their dates, to match new images against."""
    if not source_name.strip():
        raise InvalidInput("--source-name must name the archive", subject="archive-import")
    out = make_out(ctx, json_)
    counts = {"added": 0, "known": 0, "failed": 0}
    with open_ledger(make_settings(ctx, home)) as ledger:
        for o in imagesearch.archive_import(ledger, paths, source_name=source_name, date=date,
                                            date_from_exif=date_from_exif, case=case):  # fmt: skip
            counts[o.status] += 1
            if o.status == "failed":
                out.errors.print(f"claimgraph: {o.input}: {o.reason}", markup=False)
            elif out.json:
                out.record({"input": o.input, "status": o.status, "sha256": o.sha256,
                            "date": o.date})  # fmt: skip
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    out.errors.print(f"claimgraph: {summary}", markup=False)
    if counts["failed"]:
        raise typer.Exit(EXIT_PARTIAL if counts["added"] + counts["known"] else EXIT_FAILED)
