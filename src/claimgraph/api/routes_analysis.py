"""The provenance analysis of a case: actors (grade, merge, split, side), propositions and
their traces, figure timelines and charts, contradictions, citations.

Reads compute the analysis first when the evidence or a judgement changed since the last
run; judgements are append-only and audited, and the next analysis applies them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from claimgraph.api.context import Read, Write
from claimgraph.api.paging import Cursor, Limit, Page
from claimgraph.api.responses import isolated
from claimgraph.api.schemas_analysis import (
    ActorOut,
    AnalysisOut,
    CitationOut,
    ContradictionOut,
    FigureOut,
    GradeIn,
    JudgementOut,
    MergeIn,
    MoveIn,
    NoteIn,
    PropositionOut,
    SeriesOut,
    SideIn,
    TraceOut,
    actor_out,
    contradiction_out,
    figure_out,
    judgement_out,
    paged,
    proposition_out,
    trace_out,
    windowed,
)
from claimgraph.model import Contradiction, PropositionResult
from claimgraph.render.charts import timeline_svg
from claimgraph.render.graphs import provenance_svg, provenance_text
from claimgraph.services import analysis
from claimgraph.store import PropositionFilter

router = APIRouter(tags=["analysis"])
F = TypeVar("F", bound=Callable[..., Any])

Actor = Annotated[str, Path(min_length=1, max_length=200, description="Actor id or name")]
Ref = Annotated[
    str, Path(min_length=1, max_length=200, description="Proposition id (or its start), or label")
]
ClaimId = Annotated[str, Path(min_length=1, max_length=80)]
Kind = Annotated[str | None, Query(pattern="^(quantity|statement)$")]
Counts = Annotated[str | None, Query(min_length=1, max_length=40, description="killed, fled …")]
Event = Annotated[
    str | None, Query(min_length=1, max_length=80, description="Event id (or start) or a date")
]


@dataclass(frozen=True, slots=True)
class SeriesQuery:
    """Which figures: of one event (an id, its start, or a date in it), one counted thing."""

    event: Event = None
    counts: Counts = None


Series = Annotated[SeriesQuery, Depends()]
SVG: dict[int | str, dict[str, Any]] = {200: {"content": {"image/svg+xml": {}}}}


def svg_response(text: str) -> Response:
    """Our own drawing, standalone: nothing in it may load or run anything."""
    return isolated(text, "image/svg+xml", sandbox=False)


@router.get(
    "/cases/{case}/analysis",
    response_model=AnalysisOut,
    summary="When the analysis ran, its counts, events and reporting cycles",
)
def get_analysis(access: Read) -> Any:
    meta = analysis.meta(access.ledger, access.case, cycles=True)
    return AnalysisOut(case=access.case, computed_at=meta.get("computed_at"),
                       seconds=meta.get("seconds"), stats=meta.get("stats", {}),
                       events=meta.get("events", []), cycles=meta.get("cycles", []))  # fmt: skip


@router.get(
    "/cases/{case}/actors",
    response_model=Page[ActorOut],
    summary="Speakers after resolution, with aliases, side and reliability grade",
)
def get_actors(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    return paged(analysis.entities(access.ledger, access.case), cursor, limit, actor_out)


def _judge(access: Write, action: str, target: str, value: str, note: str) -> JudgementOut:
    return judgement_out(analysis.judge(access.ledger, access.case, action, target, value, note))


def _judged(path: str, summary: str) -> Callable[[F], F]:
    """A route that records a judgement: append-only, audited, 201 with the record."""
    return router.post(path, response_model=JudgementOut, status_code=201, summary=summary)


@_judged(
    "/cases/{case}/actors/{actor}/grade",
    "Grade an actor's reliability, A (reliable) to F (cannot be judged)",
)
def post_grade(access: Write, actor: Actor, body: GradeIn) -> Any:
    return _judge(access, "actor.grade", actor, body.grade, body.note)


@_judged(
    "/cases/{case}/actors/{actor}/merge", "Record that the actor and `into` are the same speaker"
)
def post_merge(access: Write, actor: Actor, body: MergeIn) -> Any:
    return _judge(access, "actor.merge", actor, body.into, body.note)


@_judged(
    "/cases/{case}/actors/{actor}/split",
    "Record that an actor mention is not the speaker it was joined to",
)
def post_split(access: Write, actor: Actor, body: NoteIn) -> Any:
    return _judge(access, "actor.split", actor, "", body.note)


@_judged(
    "/cases/{case}/actors/{actor}/side", "Set the side an actor speaks for (colours and spreads)"
)
def post_side(access: Write, actor: Actor, body: SideIn) -> Any:
    return _judge(access, "actor.side", actor, body.side, body.note)


@router.get(
    "/cases/{case}/propositions",
    response_model=Page[PropositionOut],
    summary="Claims grouped by what they assert, with independent origins",
)
def get_propositions(
    access: Read, kind: Kind = None, counts: Counts = None, cursor: Cursor = None, limit: Limit = 50
) -> Any:
    def fetch(offset: int, count: int) -> list[PropositionResult]:
        page = PropositionFilter(kind=kind, counts=counts, offset=offset, limit=count)
        return analysis.proposition_page(access.ledger, access.case, page, order="grouped")

    return windowed(fetch, cursor, limit, proposition_out)


@router.get(
    "/cases/{case}/propositions/{ref}",
    response_model=TraceOut,
    summary="One proposition with its trace: every path from a source to an origin",
)
def get_proposition(access: Read, ref: Ref) -> Any:
    p = analysis.proposition(access.ledger, access.case, ref)
    names = analysis.node_names(access.ledger, access.case, p)
    return trace_out(p, names, provenance_text(p, names).splitlines())


@router.get(
    "/cases/{case}/propositions/{ref}/trace.svg",
    response_class=Response,
    responses=SVG,
    summary="The provenance graph: outlets → intermediaries → origins",
)
def get_trace_svg(access: Read, ref: Ref) -> Response:
    p = analysis.proposition(access.ledger, access.case, ref)
    return svg_response(provenance_svg(p, analysis.node_names(access.ledger, access.case, p)))


@_judged(
    "/cases/{case}/propositions/claims/{claim}/move",
    "Move a claim to another proposition (`to`), or to one of its own ('new')",
)
def post_move(access: Write, claim: ClaimId, body: MoveIn) -> Any:
    return _judge(access, "claim.move", claim, body.to, body.note)


@router.get(
    "/cases/{case}/figures",
    response_model=Page[FigureOut],
    summary="The figure timeline: every figure with date, claimant, side, source",
)
def get_figures(access: Read, series: Series, cursor: Cursor = None, limit: Limit = 50) -> Any:
    found = analysis.timeline(access.ledger, access.case, event=series.event, counts=series.counts)
    return paged(found, cursor, limit, figure_out)


@router.get(
    "/cases/{case}/figures/summary",
    response_model=Page[SeriesOut],
    summary="Per event and counted thing: firsts, revisions, spread by side",
)
def get_figure_summary(
    access: Read, series: Series, cursor: Cursor = None, limit: Limit = 50
) -> Any:
    found = analysis.figure_summary(
        access.ledger, access.case, event=series.event, counts=series.counts
    )
    return paged(found, cursor, limit, SeriesOut.model_validate)


@router.get(
    "/cases/{case}/figures/chart.svg",
    response_class=Response,
    responses=SVG,
    summary="The timeline chart: colour per side, hollow when hedged, tooltips",
)
def get_chart(access: Read, series: Series) -> Response:
    # The points the analysis kept for drawing: a series of 10^5 figures draws a few hundred.
    found = analysis.chart_series(access.ledger, access.case, event=series.event,
                                  counts=series.counts)  # fmt: skip
    points = sorted((p for _, drawn in found for p in drawn), key=lambda p: p.date or "~")
    title = f"{access.case}: {series.counts or 'all figures'}"
    return svg_response(timeline_svg(points, title=title))


@router.get(
    "/cases/{case}/contradictions",
    response_model=Page[ContradictionOut],
    summary="Figures that cannot both be true, denials, revisions, relabels",
)
def get_contradictions(
    access: Read,
    kind: Annotated[str | None, Query(pattern="^(conflict|denial|revision|relabel)$")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Any:
    def fetch(offset: int, count: int) -> list[Contradiction]:
        return analysis.contradiction_page(access.ledger, access.case, kind=kind, offset=offset,
                                           limit=count)  # fmt: skip

    return windowed(fetch, cursor, limit, contradiction_out)


@router.get(
    "/cases/{case}/citations",
    response_model=Page[CitationOut],
    summary="Which sources cite, link to or copy which (cycles: GET analysis)",
)
def get_citations(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    found = analysis.citations(access.ledger, access.case)
    return paged(found, cursor, limit, CitationOut.model_validate)
