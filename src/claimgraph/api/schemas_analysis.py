"""Wire bodies of the analysis, image and audit routes (see schemas.py for the rest).

Conversions from the domain records live here too, beside the shapes they fill, so a
route is one call and the same record always looks the same on the wire."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from claimgraph.api.paging import page_of, window
from claimgraph.link.imagematch import ImageMatch
from claimgraph.link.propositions import value_text
from claimgraph.link.scenematch import SceneMatch
from claimgraph.model import AuditEntry, Contradiction, Entity, PropositionResult, TimelinePoint
from claimgraph.model.analysis import Judgement
from claimgraph.services.imagesearch import Alert, ImageReport
from claimgraph.store.image_queries import AppearanceRow

R = TypeVar("R")
Note = Field(default="", max_length=4000, description="Why (kept with the judgement)")
Name = Field(min_length=1, max_length=200)


class ActorOut(BaseModel):
    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    side: str | None = None
    grade: str = Field(description="Reliability, Admiralty A (reliable) to F (cannot judge)")
    grade_note: str = ""
    how: list[str] = Field(description="Why the mentions were joined into one speaker")
    aliases: list[str]
    members: list[str] = Field(description="Ids of the actor mentions of this speaker")


class GradeIn(BaseModel):
    grade: str = Field(pattern="^[A-F]$")
    note: str = Note


class MergeIn(BaseModel):
    into: str = Field(min_length=1, max_length=200, description="The other actor: id or name")
    note: str = Note


class SideIn(BaseModel):
    side: str = Name
    note: str = Note


class NoteIn(BaseModel):
    note: str = Note


class MoveIn(BaseModel):
    to: str = Field(min_length=1, max_length=80, description="A proposition id, or 'new'")
    note: str = Note


class JudgementOut(BaseModel):
    action: str
    target: str
    value: str
    note: str
    who: str
    at: str


class OriginOut(BaseModel):
    key: str
    name: str
    side: str | None = None


class EdgeOut(BaseModel):
    frm: str
    to: str
    how: str


class PropositionOut(BaseModel):
    id: str
    label: str
    kind: str
    event: str | None = None
    counts: str | None = None
    subject: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    claim_ids: list[str]
    support_ids: list[str]
    source_ids: list[str]
    origins: list[OriginOut]
    independent_origins: int
    echo_ratio: float | None = Field(description="Sources per independent origin")
    first_seen: str | None = None
    credibility: int = Field(description="Admiralty 1 (confirmed) to 6 (cannot judge)")
    credibility_reason: str


class TraceOut(PropositionOut):
    edges: list[EdgeOut]
    names: dict[str, str] = Field(description="Readable labels of the graph's nodes")
    paths: list[str] = Field(description="Every path from a source to an origin, as text")


class FigureOut(BaseModel):
    claim_id: str
    proposition_id: str
    event: str
    counts: str
    date: str | None = None
    date_basis: str
    low: float | None = None
    high: float | None = None
    qualifier: str
    figure: str
    stance: str
    claimant: str | None = None
    side: str | None = None
    source_id: str
    publisher: str | None = None
    first_of_value: bool
    counted: bool


class FirstOut(BaseModel):
    value: str
    date: str | None = None
    by: list[str]


class SeriesOut(BaseModel):
    event: str
    event_label: str
    counts: str
    firsts: list[FirstOut]
    by_speaker: dict[str, list[str]]
    spread_by_side: dict[str, list[float]]
    counted: list[str]


class ContradictionOut(BaseModel):
    id: str
    kind: str
    claim_a: str
    claim_b: str
    proposition_a: str
    proposition_b: str
    reason: str


class CitationOut(BaseModel):
    citing: str
    cited: str
    how: str
    evidence: str
    citing_label: str
    cited_label: str


class EventOut(BaseModel):
    id: str
    label: str
    start: str
    end: str


class AnalysisOut(BaseModel):
    case: str
    computed_at: str | None = None
    seconds: float | None = None
    stats: dict[str, int]
    events: list[EventOut]
    cycles: list[list[str]] = Field(description="Circular reporting: source ids in order")


class SeenOut(BaseModel):
    date: str | None = None
    where: str
    caption: str | None = None
    source_id: str
    image: str
    how: str
    url: str | None = None


class CopyOut(BaseModel):
    sha256: str
    distance: int
    verdict: str
    how: str


class SceneOut(BaseModel):
    sha256: str
    similarity: float
    verdict: str


class PhotoClaimOut(BaseModel):
    id: str
    sentence: str


class ImageOut(BaseModel):
    sha256: str
    width: int
    height: int
    quality: int
    exif: dict[str, str]
    first_seen: SeenOut | None = None
    appearances: list[SeenOut]
    copies: list[CopyOut]
    claims: list[PhotoClaimOut]
    scenes: list[SceneOut]
    scene_first_seen: SeenOut | None = None


class MatchOut(ImageOut):
    verdict: str
    distance: int | None = None
    how: str | None = None
    similarity: float | None = None


class MatchesOut(BaseModel):
    sha256: str = Field(description="The uploaded image's hash (it is not stored)")
    quality: int
    matches: list[MatchOut]


class AlertOut(BaseModel):
    image: str
    reason: str
    later: SeenOut
    earlier: SeenOut


class AuditOut(BaseModel):
    seq: int
    at: str
    who: str
    action: str
    entity: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def paged(
    rows: Sequence[R], cursor: str | None, limit: int, convert: Callable[[R], BaseModel]
) -> dict[str, Any]:
    """One page of `rows`, each converted for the wire: the body of a `Page` answer."""
    items, nxt = page_of(rows, cursor, limit)
    return {"items": [convert(r) for r in items], "next": nxt}


def windowed(
    fetch: Callable[[int, int], Sequence[R]],
    cursor: str | None,
    limit: int,
    convert: Callable[[R], BaseModel],
) -> dict[str, Any]:
    """One page read from the database by `fetch(offset, count)`: the body of a `Page`."""
    items, nxt = window(fetch, cursor, limit)
    return {"items": [convert(r) for r in items], "next": nxt}


def actor_out(e: Entity) -> ActorOut:
    return ActorOut(id=e.id, name=e.name, kind=e.kind.value, role=e.role,
                    affiliation=e.affiliation, side=e.side, grade=e.reliability.value,
                    grade_note=e.reliability_note, how=list(e.how), aliases=list(e.aliases),
                    members=list(e.members))  # fmt: skip


def judgement_out(j: Judgement) -> JudgementOut:
    return JudgementOut(action=j.action, target=j.target, value=j.value, note=j.note,
                        who=j.who, at=j.at)  # fmt: skip


def proposition_out(p: PropositionResult) -> PropositionOut:
    return PropositionOut(**_proposition_fields(p))


def trace_out(p: PropositionResult, names: dict[str, str], paths: list[str]) -> TraceOut:
    edges = [EdgeOut(frm=e.frm, to=e.to, how=e.how) for e in p.edges]
    return TraceOut(**_proposition_fields(p), edges=edges, names=names, paths=paths)


def _proposition_fields(p: PropositionResult) -> dict[str, Any]:
    echo = round(p.echo_ratio, 2) if p.echo_ratio is not None else None
    return {
        "id": p.id, "label": p.label, "kind": p.kind, "event": p.event, "counts": p.counts,
        "subject": p.subject, "low": p.low, "high": p.high, "qualifier": p.qualifier,
        "claim_ids": list(p.claim_ids), "support_ids": list(p.support_ids),
        "source_ids": list(p.source_ids),
        "origins": [OriginOut(key=o.key, name=o.name, side=o.side) for o in p.origins],
        "independent_origins": len(p.origins), "echo_ratio": echo,
        "first_seen": p.first_seen, "credibility": p.grade.credibility,
        "credibility_reason": p.grade.reason,
    }  # fmt: skip


def figure_out(p: TimelinePoint) -> FigureOut:
    return FigureOut(
        claim_id=p.claim_id, proposition_id=p.proposition_id, event=p.event, counts=p.counts,
        date=p.date, date_basis=p.date_basis, low=p.low, high=p.high, qualifier=p.qualifier,
        figure=value_text(p.low, p.high, p.qualifier), stance=p.stance, claimant=p.claimant,
        side=p.side, source_id=p.source_id, publisher=p.publisher,
        first_of_value=p.first_of_value, counted=p.counted,
    )  # fmt: skip


def contradiction_out(c: Contradiction) -> ContradictionOut:
    return ContradictionOut(id=c.id, kind=c.kind, claim_a=c.claim_a, claim_b=c.claim_b,
                            proposition_a=c.proposition_a, proposition_b=c.proposition_b,
                            reason=c.reason)  # fmt: skip


def seen_out(a: AppearanceRow | None) -> SeenOut | None:
    if a is None:
        return None
    return SeenOut(date=a.date, where=a.where, caption=a.caption, source_id=a.source_id,
                   image=a.sha256, how=a.how, url=a.url)  # fmt: skip


def _seen(a: AppearanceRow) -> SeenOut:
    out = seen_out(a)
    assert out is not None
    return out


def image_fields(r: ImageReport) -> dict[str, Any]:
    return {
        "sha256": r.sha256, "width": r.width, "height": r.height, "quality": r.quality,
        "exif": r.exif, "first_seen": seen_out(r.earliest),
        "appearances": [_seen(a) for a in r.appearances],
        "copies": [CopyOut(sha256=m.sha256, distance=m.distance, verdict=m.verdict, how=m.how)
                   for m in r.copies],
        "claims": [PhotoClaimOut(id=cid, sentence=s) for cid, s in r.claims],
        "scenes": [SceneOut(sha256=m.sha256, similarity=m.similarity, verdict=m.verdict)
                   for m in r.scenes],
        "scene_first_seen": seen_out(r.scene_first),
    }  # fmt: skip


def image_out(r: ImageReport) -> ImageOut:
    return ImageOut(**image_fields(r))


def match_out(m: ImageMatch | SceneMatch, r: ImageReport) -> MatchOut:
    if isinstance(m, SceneMatch):
        return MatchOut(**image_fields(r), verdict=m.verdict, similarity=m.similarity)
    return MatchOut(**image_fields(r), verdict=m.verdict, distance=m.distance, how=m.how)


def alert_out(a: Alert) -> AlertOut:
    return AlertOut(image=a.sha256, reason=a.reason, later=_seen(a.later),
                    earlier=_seen(a.earlier))  # fmt: skip


def audit_out(e: AuditEntry) -> AuditOut:
    return AuditOut(seq=e.seq, at=e.at.isoformat(), who=e.who, action=e.action,
                    entity=e.entity, detail=e.detail, prev_hash=e.prev_hash,
                    hash=e.hash)  # fmt: skip
