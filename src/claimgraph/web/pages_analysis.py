"""The analysis, as pages: figure timelines per event and counted thing, propositions and
the trace of each back to its independent origins, contradictions, and the speakers
(with forms to grade, merge, split and set sides)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from claimgraph.api.context import CaseAccess, app_state
from claimgraph.errors import InvalidInput
from claimgraph.link.propositions import value_text
from claimgraph.model import Contradiction, PropositionResult, Reliability
from claimgraph.render.charts import timeline_svg
from claimgraph.render.graphs import provenance_svg
from claimgraph.render.trim import trimmed
from claimgraph.services import Ledger
from claimgraph.services import analysis as an
from claimgraph.services.kept import kept_part
from claimgraph.services.reviews import state_key
from claimgraph.store import PropositionFilter
from claimgraph.web.access import PageRead, PageWrite
from claimgraph.web.pages_claims import COUNTS, KINDS
from claimgraph.web.render import fragment, render
from claimgraph.web.views import (
    Evidence,
    Record,
    can_write,
    opt,
    paged,
    paged_query,
)

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
    total: int = 0  # figures in the series (the chart and table may show fewer)
    drawn: int = 0  # figures the chart draws


MAX_ROWS = 100  # rows per series table; the claims page lists them all
MAX_SPEAKERS = 25  # speakers whose figures changed, per series summary; the API lists all
TRACE_ROWS = 50  # claims and origins a trace lists; the API gives them all
MAX_LINKS = 150  # links a provenance drawing holds; beyond, the busiest origins' paths


def figure_series(ledger: Ledger, case: str, counts: str | None = None) -> list[Series]:
    """Per event (in date order) and counted thing: the chart, its table, its summary,
    from the series the analysis kept (the points a chart draws, not every figure)."""
    events = an.meta(ledger, case).get("events", [])
    labels = {e["id"]: e["label"] for e in events}
    order = {e["id"]: i for i, e in enumerate(sorted(events, key=lambda e: e["start"]))}
    found = an.chart_series(ledger, case, counts=counts)
    found.sort(key=lambda sp: (order.get(sp[0].event, len(order)), _rank(sp[0].counts)))
    sides = sorted({p.side for _, points in found for p in points if p.side})
    cited = [p.claim_id for _, points in found for p in points[:MAX_ROWS]]
    evidence = Evidence.of(ledger, case, cited)
    out = []
    for s, points in found:
        label = labels.get(s.event, s.event)
        title = f"{s.counts.replace('_', ' ')} · event {label}"
        rows = [{"point": p, "figure": value_text(p.low, p.high, p.qualifier),
                 "claim": evidence.claims.get(p.claim_id)} for p in points[:MAX_ROWS]]  # fmt: skip
        chart = drawn(timeline_svg(points, title=title, sides=sides))
        out.append(Series(s.event, label, s.counts, chart, rows, _shown(s.summary), s.total,
                          len(points)))  # fmt: skip
    return out


def _shown(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary as a page shows it: the speakers whose figures changed most first, at
    most MAX_SPEAKERS of them (a synthetic case has thousands)."""
    changed = summary.get("by_speaker", {})
    if len(changed) <= MAX_SPEAKERS:
        return summary
    top = sorted(changed.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_SPEAKERS]
    return {**summary, "by_speaker": dict(top), "more_speakers": len(changed) - MAX_SPEAKERS}


def _rank(counts: str) -> int:
    return COUNTS.index(counts) if counts in COUNTS else len(COUNTS)


@router.get("/cases/{case}/figures")
def figures_page(request: Request, access: PageRead, counts: Filter = None) -> Response:
    chosen = opt(counts, COUNTS)

    def build() -> str:
        found = figure_series(access.ledger, access.case, chosen)
        return "".join(fragment(request, "_analysis.html", "series_block", access.case, s)
                       for s in found)  # fmt: skip

    body = kept(request, access, ("figures", chosen), build)
    return render(request, "figures.html", {"who": access.principal, "access": access,
                                            "body": Markup(body), "chosen": chosen,
                                            "counts": COUNTS})  # fmt: skip


def kept(
    request: Request, access: CaseAccess, what: tuple[Any, ...], build: Callable[[], str]
) -> str:
    """A part of a page the same for every reader of the case as it stands, rendered once
    per state: kept by this process (Memo) and in the store for the others (kept_part)."""
    state = state_key(access.ledger, access.case)
    return app_state(request).memo.get(
        (access.case, *what, *state),
        lambda: kept_part(access.ledger, access.case, state, what, build),
    )


# --- propositions and their trace -------------------------------------------------------------


@router.get("/cases/{case}/propositions")
def propositions_page(
    request: Request, access: PageRead, kind: Filter = None, counts: Filter = None
) -> Response:
    chosen = {"kind": opt(kind, KINDS), "counts": opt(counts, COUNTS)}

    scope = PropositionFilter(kind=chosen["kind"], counts=chosen["counts"])

    def fetch(offset: int, count: int) -> list[Any]:
        page = replace(scope, offset=offset, limit=count)
        return an.proposition_summaries(access.ledger, access.case, page)

    return render(request, "propositions.html", {
        "who": access.principal, "access": access, "page": paged_query(request, fetch),
        "total": an.count_propositions(access.ledger, access.case, scope),
        "chosen": chosen, "kinds": KINDS, "counts": COUNTS,
    })  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trace:
    p: PropositionResult
    graph: Markup
    origins: list[dict[str, Any]]  # each origin with its speaker's grade
    claims: list[Record]
    disputing: frozenset[str]  # claims that dispute or deny it rather than assert it


def trace_of(
    ledger: Ledger, case: str, p: PropositionResult, evidence: Evidence, links: int = MAX_LINKS
) -> Trace:
    part = trimmed(p, links)  # named before drawing: only the nodes drawn are read
    by_id = {
        e.id: e for e in an.entities(ledger, case, ids=[o.key for o in p.origins[:TRACE_ROWS]])
    }
    origins = []
    for o in p.origins[:TRACE_ROWS]:
        e = by_id.get(o.key)
        origins.append({"origin": o, "grade": e.reliability.value if e else "",
                        "note": e.reliability_note if e else ""})  # fmt: skip
    graph = drawn(provenance_svg(p, an.node_names(ledger, case, part), part=part))
    return Trace(p, graph, origins,
                 evidence.lines(p.claim_ids[:TRACE_ROWS]),
                 frozenset(p.claim_ids) - frozenset(p.support_ids))  # fmt: skip


@router.get("/cases/{case}/propositions/{ref}")
def trace_page(request: Request, access: PageRead, ref: str) -> Response:
    def build() -> str:
        p = an.proposition(access.ledger, access.case, ref)
        evidence = Evidence.of(access.ledger, access.case, p.claim_ids[:TRACE_ROWS])
        trace = trace_of(access.ledger, access.case, p, evidence)
        block = fragment(request, "_analysis.html", "trace_block", access.case, trace, "h1")
        return json.dumps([p.label, str(block)])

    # A large trace takes a twentieth of a second to read and draw: drawn once per state.
    label, block = json.loads(kept(request, access, ("trace", ref), build))
    return render(request, "trace.html", {"who": access.principal, "access": access,
                                          "label": label, "block": Markup(block)})  # fmt: skip


# --- contradictions -----------------------------------------------------------------------


def contradiction_rows(found: list[Contradiction], evidence: Evidence) -> list[dict[str, Any]]:
    return [{"c": c, "a": evidence.claims.get(c.claim_a), "b": evidence.claims.get(c.claim_b)}
            for c in found]  # fmt: skip


@router.get("/cases/{case}/contradictions")
def contradictions_page(request: Request, access: PageRead, kind: Filter = None) -> Response:
    chosen = opt(kind, ("conflict", "denial", "revision", "relabel"))

    def fetch(offset: int, count: int) -> list[Contradiction]:
        return an.contradiction_page(access.ledger, access.case, kind=chosen, offset=offset,
                                     limit=count)  # fmt: skip

    page = paged_query(request, fetch)
    ids = [i for c in page.items for i in (c.claim_a, c.claim_b)]
    evidence = Evidence.of(access.ledger, access.case, ids)
    rows = contradiction_rows(page.items, evidence)
    return render(request, "contradictions.html", {
        "who": access.principal, "access": access, "page": replace(page, items=rows),
        "total": an.count_contradictions(access.ledger, access.case, kind=chosen),
        "chosen": chosen,
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
