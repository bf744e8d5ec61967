"""The analysis, as pages: figure timelines per event and counted thing, propositions and
the trace of each back to its independent origins, contradictions, and the speakers
(with forms to grade, merge, split and set sides)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from claimgraph.errors import InvalidInput
from claimgraph.link.propositions import value_text
from claimgraph.model import Contradiction, PropositionResult, Reliability, TimelinePoint
from claimgraph.render.charts import timeline_svg
from claimgraph.render.graphs import provenance_svg
from claimgraph.services import Ledger
from claimgraph.services import analysis as an
from claimgraph.web.access import PageRead, PageWrite
from claimgraph.web.pages_claims import COUNTS, KINDS
from claimgraph.web.render import render
from claimgraph.web.views import Evidence, Record, can_write, opt, paged

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Filter = Annotated[str | None, Query(max_length=200)]


def drawn(svg_text: str) -> Markup:
    """SVG from claimgraph.render, embedded as is: the renderer escapes every text and
    attribute it writes (render/svg.el), so it is markup of ours, not of a source."""
    return Markup(svg_text)


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    event: str
    event_label: str
    counts: str
    chart: Markup
    rows: list[Record]  # each point with its figure text and the claim it cites
    summary: dict[str, Any] | None


def figure_series(ledger: Ledger, case: str, evidence: Evidence,
                  counts: str | None = None) -> list[Series]:  # fmt: skip
    """Per event (in date order) and counted thing: the chart, its table, its summary."""
    events = an.meta(ledger, case).get("events", [])
    labels = {e["id"]: e["label"] for e in events}
    order = {e["id"]: i for i, e in enumerate(sorted(events, key=lambda e: e["start"]))}
    grouped: dict[tuple[str, str], list[TimelinePoint]] = defaultdict(list)
    for point in an.timeline(ledger, case, counts=counts):
        grouped[(point.event, point.counts)].append(point)
    summed = an.figure_summary(ledger, case, counts=counts)
    summaries = {(s["event"], s["counts"]): s for s in summed}
    sides = sorted({p.side for pts in grouped.values() for p in pts if p.side})
    out = []
    for (event, what), points in sorted(grouped.items(), key=lambda kv: (
            order.get(kv[0][0], len(order)), _rank(kv[0][1]))):  # fmt: skip
        title = f"{what.replace('_', ' ')} · event {labels.get(event, event)}"
        rows = [{"point": p, "figure": value_text(p.low, p.high, p.qualifier),
                 "claim": evidence.claims.get(p.claim_id)} for p in points]  # fmt: skip
        chart = drawn(timeline_svg(points, title=title, sides=sides))
        out.append(Series(event, labels.get(event, event), what, chart, rows,
                          summaries.get((event, what))))  # fmt: skip
    return out


def _rank(counts: str) -> int:
    return COUNTS.index(counts) if counts in COUNTS else len(COUNTS)


@router.get("/cases/{case}/figures")
def figures_page(request: Request, access: PageRead, counts: Filter = None) -> Response:
    chosen = opt(counts, COUNTS)
    evidence = Evidence.of(access.ledger, access.case)
    series = figure_series(access.ledger, access.case, evidence, chosen)
    return render(request, "figures.html", {"who": access.principal, "access": access,
                                            "series": series, "chosen": chosen,
                                            "counts": COUNTS})  # fmt: skip


# --- propositions and their trace -------------------------------------------------------------


@router.get("/cases/{case}/propositions")
def propositions_page(
    request: Request, access: PageRead, kind: Filter = None, counts: Filter = None
) -> Response:
    chosen = {"kind": opt(kind, KINDS), "counts": opt(counts, COUNTS)}
    found = an.propositions(access.ledger, access.case, **chosen)
    found.sort(key=lambda p: (-len(p.source_ids), p.label))
    return render(request, "propositions.html", {
        "who": access.principal, "access": access, "page": paged(request, found),
        "total": len(found), "chosen": chosen, "kinds": KINDS, "counts": COUNTS,
    })  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trace:
    p: PropositionResult
    graph: Markup
    origins: list[dict[str, Any]]  # each origin with its speaker's grade
    claims: list[Record]
    disputing: frozenset[str]  # claims that dispute or deny it rather than assert it


def trace_of(ledger: Ledger, case: str, p: PropositionResult, evidence: Evidence) -> Trace:
    names = an.node_names(ledger, case, p)
    by_id = {e.id: e for e in evidence.speakers.by_name.values()}
    origins = []
    for o in p.origins:
        e = by_id.get(o.key)
        origins.append({"origin": o, "grade": e.reliability.value if e else "",
                        "note": e.reliability_note if e else ""})  # fmt: skip
    return Trace(p, drawn(provenance_svg(p, names)), origins, evidence.lines(p.claim_ids),
                 frozenset(p.claim_ids) - frozenset(p.support_ids))  # fmt: skip


@router.get("/cases/{case}/propositions/{ref}")
def trace_page(request: Request, access: PageRead, ref: str) -> Response:
    p = an.proposition(access.ledger, access.case, ref)
    trace = trace_of(access.ledger, access.case, p, Evidence.of(access.ledger, access.case))
    return render(request, "trace.html", {"who": access.principal, "access": access,
                                          "t": trace})  # fmt: skip


# --- contradictions -----------------------------------------------------------------------


def contradiction_rows(found: list[Contradiction], evidence: Evidence) -> list[dict[str, Any]]:
    return [{"c": c, "a": evidence.claims.get(c.claim_a), "b": evidence.claims.get(c.claim_b)}
            for c in found]  # fmt: skip


@router.get("/cases/{case}/contradictions")
def contradictions_page(request: Request, access: PageRead, kind: Filter = None) -> Response:
    chosen = opt(kind, ("conflict", "denial", "revision", "relabel"))
    found = an.contradictions(access.ledger, access.case, kind=chosen)
    rows = contradiction_rows(found, Evidence.of(access.ledger, access.case))
    return render(request, "contradictions.html", {
        "who": access.principal, "access": access, "page": paged(request, rows),
        "total": len(rows), "chosen": chosen,
    })  # fmt: skip


# --- actors -------------------------------------------------------------------------------


@router.get("/cases/{case}/actors")
def actors_page(request: Request, access: PageRead) -> Response:
    found = sorted(an.entities(access.ledger, access.case), key=lambda e: e.name.casefold())
    return render(request, "actors.html", {
        "who": access.principal, "access": access, "page": paged(request, found, 100),
        "everyone": found, "writer": can_write(access), "grades": [r.value for r in Reliability],
    })  # fmt: skip


@router.post("/cases/{case}/actors")
def actors_form(
    access: PageWrite,
    action: Annotated[str, Form(pattern="^(grade|side|merge|split)$")],
    actor: Annotated[str, Form(min_length=1, max_length=200)],
    value: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Record a judgement on a speaker; the next analysis applies it."""
    value = value.strip().upper() if action == "grade" else value.strip()
    if action in ("side", "merge") and not value:
        raise InvalidInput("say which side, or which actor to merge with", subject=action)
    an.judge(access.ledger, access.case, f"actor.{action}", actor, value, note.strip())
    return RedirectResponse(f"/cases/{quote(access.case)}/actors", status_code=303)
