"""Storing and reading the analysis of a case, and the judgements that steer it.

The analysis is derived from the evidence: each run replaces a case's derived rows whole,
in the same transaction that records the run. Judgements are evidence and only appended."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, insert, select

from claimgraph.model import (
    ActorKind,
    CaseAnalysis,
    Citation,
    Contradiction,
    DocRef,
    Edge,
    Entity,
    FigureSeries,
    Grade,
    Judgement,
    Origin,
    PropositionResult,
    Reliability,
    TimelinePoint,
    canonical_json,
)
from claimgraph.store.tables import (
    DERIVED_TABLES,
    actors,
    analyses,
    case_sources,
    citations,
    claims,
    contradictions,
    entities,
    entity_members,
    figure_series,
    judgements,
    metadata,
    propositions,
    sources,
    timeline,
)
from claimgraph.store.tables import proposition_claims as prop_claims

R = TypeVar("R")
_BATCH = 5000
_ID_LENGTH = len("prp_") + 24


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), _BATCH):
        yield rows[i : i + _BATCH]


def replace_analysis(
    conn: Connection, case: str, a: CaseAnalysis, fingerprint: str, at: str, seconds: float
) -> None:
    for name in DERIVED_TABLES:
        t = metadata.tables[name]
        conn.execute(delete(t).where(t.c.case_name == case))
    row = {
        "case_name": case,
        "fingerprint": fingerprint,
        "computed_at": at,
        "seconds": round(seconds, 3),
        "stats": canonical_json(a.stats),
        "events": canonical_json([asdict(e) for e in a.events]),
        "cycles": canonical_json([list(c) for c in a.cycles]),
    }
    conn.execute(insert(analyses).values(**row))
    tables: list[tuple[Any, list[dict[str, Any]]]] = [
        (entities, [_entity_row(case, e) for e in a.entities]),
        (entity_members, [
            {"case_name": case, "actor_id": k, "entity_id": v} for k, v in a.actor_entity.items()
        ]),
        (propositions, [_proposition_row(case, p) for p in a.propositions]),
        (prop_claims, [
            {"case_name": case, "claim_id": c, "proposition_id": p.id}
            for p in a.propositions for c in p.claim_ids
        ]),
        (citations, [{"case_name": case, **_shallow(c)} for c in a.citations]),
        (contradictions, [{"case_name": case, **_shallow(c)} for c in a.contradictions]),
        (timeline, [_point_row(case, p) for p in a.timeline]),
        (figure_series, [series_row(case, s) for s in a.series]),
    ]  # fmt: skip
    for table, rows in tables:
        for chunk in _chunks(rows):
            conn.execute(insert(table), list(chunk))


def _entity_row(case: str, e: Entity) -> dict[str, Any]:
    d = asdict(e)
    for k in ("aliases", "members", "how"):
        d[k] = canonical_json(list(d[k]))
    d["kind"] = e.kind.value
    d["reliability"] = e.reliability.value
    return {"case_name": case, **d}


def _proposition_row(case: str, p: PropositionResult) -> dict[str, Any]:
    detail = {
        "claim_ids": list(p.claim_ids),
        "support_ids": list(p.support_ids),
        "source_ids": list(p.source_ids),
        "origins": [_shallow(o) for o in p.origins],
        "edges": [_shallow(e) for e in p.edges],
    }
    return {
        "case_name": case,
        "id": p.id,
        "label": p.label,
        "kind": p.kind,
        "event": p.event,
        "counts": p.counts,
        "subject": p.subject,
        "low": p.low,
        "high": p.high,
        "qualifier": p.qualifier,
        "n_claims": len(p.claim_ids),
        "n_sources": len(p.source_ids),
        "n_origins": len(p.origins),
        "first_seen": p.first_seen,
        "credibility": p.grade.credibility,
        "reason": p.grade.reason,
        "detail": canonical_json(detail),
    }


def _shallow(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict; `asdict` deep-copies and costs seconds per million."""
    return {f: getattr(obj, f) for f in obj.__dataclass_fields__}


def series_row(case: str, s: FigureSeries) -> dict[str, Any]:
    drawn, summary = canonical_json(list(s.drawn)), canonical_json(s.summary)
    return {"case_name": case, "event": s.event, "counts": s.counts, "total": s.total,
            "drawn": drawn, "summary": summary}  # fmt: skip


def _point_row(case: str, p: TimelinePoint) -> dict[str, Any]:
    d = _shallow(p)
    d["first_of_value"] = int(p.first_of_value)
    d["counted"] = int(p.counted)
    return {"case_name": case, "sort_date": p.date or "~", **d}


def row_entity(r: Any) -> Entity:
    return Entity(
        id=r.id,
        name=r.name,
        kind=ActorKind(r.kind),
        members=tuple(json.loads(r.members)),
        aliases=tuple(json.loads(r.aliases)),
        role=r.role,
        affiliation=r.affiliation,
        side=r.side,
        reliability=Reliability(r.reliability),
        reliability_note=r.reliability_note,
        how=tuple(json.loads(r.how)),
    )


def row_proposition(r: Any) -> PropositionResult:
    d = json.loads(r.detail)
    return PropositionResult(
        id=r.id,
        label=r.label,
        kind=r.kind,
        event=r.event,
        counts=r.counts,
        subject=r.subject,
        low=r.low,
        high=r.high,
        qualifier=r.qualifier,
        claim_ids=tuple(d["claim_ids"]),
        support_ids=tuple(d["support_ids"]),
        source_ids=tuple(d["source_ids"]),
        # By position: thousands per large proposition, read on every first view of it.
        origins=tuple(Origin(o["key"], o["name"], o["side"]) for o in d["origins"]),
        edges=tuple(Edge(e["frm"], e["to"], e["how"]) for e in d["edges"]),
        first_seen=r.first_seen,
        grade=Grade(r.credibility, r.reason),
    )


def _record(cls: type[R], r: Any) -> R:
    """A record whose fields are columns of the row under the same names (read through
    `__match_args__`: `dataclasses.fields` per row cost seconds per 10^5 rows)."""
    return cls(*[getattr(r, name) for name in cls.__match_args__])  # type: ignore[attr-defined]


def row_point(r: Any) -> TimelinePoint:
    return TimelinePoint(
        r.claim_id, r.proposition_id, r.event, r.counts, r.date, r.date_basis, r.low, r.high,
        r.qualifier, r.stance, r.claimant, r.side, r.source_id, r.publisher,
        bool(r.first_of_value), bool(r.counted),
    )  # fmt: skip


def row_contradiction(r: Any) -> Contradiction:
    return _record(Contradiction, r)


def row_citation(r: Any) -> Citation:
    return _record(Citation, r)


def insert_judgement(conn: Connection, case: str, j: Judgement, jid: str) -> None:
    conn.execute(insert(judgements).values(id=jid, case_name=case, **asdict(j)))


def case_judgements(
    conn: Connection, case: str, *, targets: Sequence[str] | None = None
) -> list[Judgement]:
    """The case's judgements in the order they were made (of `targets` only, if given)."""
    q = select(judgements).where(judgements.c.case_name == case)
    q = q.order_by(judgements.c.at, judgements.c.id)
    if targets is None:
        return [_record(Judgement, r) for r in conn.execute(q)]
    out: list[Judgement] = []
    for start in range(0, len(targets), 500):
        part = q.where(judgements.c.target.in_(list(targets[start : start + 500])))
        out += [_record(Judgement, r) for r in conn.execute(part)]
    return sorted(out, key=lambda j: j.at)


def case_docs(conn: Connection, case: str) -> Iterator[tuple[DocRef, str]]:
    q = (
        select(sources)
        .join(case_sources, case_sources.c.source_id == sources.c.id)
        .where(case_sources.c.case_name == case)
        .order_by(sources.c.id)
    )
    for r in conn.execute(q):
        doc = DocRef(
            id=r.id,
            publisher=r.publisher,
            published=r.published,
            url=r.url,
            links=tuple(json.loads(r.links)),
            kind=r.kind,
            title=r.title,
        )
        yield doc, r.text


# Entries that change who may do what, or confirm a claim as it is, never what the
# evidence says: an analysis does not go stale when a member is added or a claim accepted.
NOT_EVIDENCE = ("user.", "member.", "token.", "review.accept")


def read_entities(conn: Connection, case: str, *, ids: Sequence[str] | None = None) -> list[Entity]:
    q = select(entities).where(entities.c.case_name == case).order_by(entities.c.name)
    if ids is None:
        return [row_entity(r) for r in conn.execute(q)]
    out: list[Entity] = []
    for start in range(0, len(ids), 500):
        part = q.where(entities.c.id.in_(list(ids[start : start + 500])))
        out += [row_entity(r) for r in conn.execute(part)]
    return out


def read_propositions(
    conn: Connection, case: str, *, kind: str | None = None, counts: str | None = None
) -> list[PropositionResult]:
    q = select(propositions).where(propositions.c.case_name == case)
    if kind is not None:
        q = q.where(propositions.c.kind == kind)
    if counts is not None:
        q = q.where(propositions.c.counts == counts)
    q = q.order_by(
        propositions.c.kind, propositions.c.counts, propositions.c.n_origins.desc(),
        propositions.c.n_sources.desc(), propositions.c.id,
    )  # fmt: skip
    return [row_proposition(r) for r in conn.execute(q)]


def read_proposition(conn: Connection, case: str, ref: str) -> list[PropositionResult]:
    """Propositions whose id starts with `ref` (a short prefix works) or whose label is
    `ref` ("killed (people): 477"), case aside."""
    q = select(propositions).where(propositions.c.case_name == case)
    # A whole id is looked up by the key; only a typed prefix needs LIKE (and a scan).
    cond = (
        propositions.c.id == ref
        if len(ref) >= _ID_LENGTH
        else propositions.c.id.startswith(ref, autoescape=True)
    )
    by_id = q.where(cond).limit(2)
    found = [row_proposition(r) for r in conn.execute(by_id)]
    if not found:
        by_label = q.where(func.lower(propositions.c.label) == ref.casefold()).limit(2)
        found = [row_proposition(r) for r in conn.execute(by_label)]
    return found


def read_timeline(
    conn: Connection,
    case: str,
    *,
    event: str | None = None,
    counts: str | None = None,
    limit: int | None = None,
) -> list[TimelinePoint]:
    q = select(timeline).where(timeline.c.case_name == case)
    if event is not None:
        q = q.where(timeline.c.event == event)
    if counts is not None:
        q = q.where(timeline.c.counts == counts)
    q = q.order_by(timeline.c.counts, timeline.c.event, timeline.c.sort_date, timeline.c.claim_id)
    return [row_point(r) for r in conn.execute(q.limit(limit) if limit else q)]


def count_judgements(conn: Connection, case: str) -> int:
    """How many judgements the case has had: a page kept per analysis also keys on this,
    since an acceptance changes what it shows but not the analysis."""
    q = select(func.count()).select_from(judgements).where(judgements.c.case_name == case)
    return int(conn.execute(q).scalar_one())


def count_reviewed(conn: Connection, case: str) -> int:
    """Claims of the case with at least one review decision (accept, edit, reject)."""
    decided = ("claim.accept", "claim.edit", "claim.reject")
    q = select(func.count(func.distinct(judgements.c.target))).where(
        (judgements.c.case_name == case) & judgements.c.action.in_(decided)
    )
    return int(conn.execute(q).scalar_one())


def read_citations(conn: Connection, case: str) -> list[Citation]:
    q = select(citations).where(citations.c.case_name == case)
    q = q.order_by(citations.c.citing, citations.c.cited, citations.c.how)
    return [row_citation(r) for r in conn.execute(q)]


def read_meta(conn: Connection, case: str, *, cycles: bool = False) -> dict[str, Any] | None:
    """When the analysis ran, its counts and events; its reporting cycles only when asked
    (they can be megabytes, and every freshness check reads the rest)."""
    columns = [*META_COLUMNS, analyses.c.cycles] if cycles else META_COLUMNS
    row = conn.execute(select(*columns).where(analyses.c.case_name == case)).first()
    return meta_of(row, cycles=cycles) if row is not None else None


META_COLUMNS = [analyses.c.computed_at, analyses.c.seconds, analyses.c.stats, analyses.c.events]


def meta_of(row: Any, *, cycles: bool = False) -> dict[str, Any]:
    """The analysis's meta from a row holding META_COLUMNS (and cycles, when asked)."""
    meta = {
        "computed_at": row.computed_at,
        "seconds": row.seconds,
        "stats": json.loads(row.stats),
        "events": json.loads(row.events),
    }
    if cycles:
        meta["cycles"] = json.loads(row.cycles)
    return meta


def source_labels(
    conn: Connection, ids: Sequence[str]
) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Publisher, published date and title of each source, for labelling graph nodes."""
    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    cols = (sources.c.id, sources.c.publisher, sources.c.published, sources.c.title)
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(*cols).where(sources.c.id.in_(list(ids[i : i + 500])))):
            out[r.id] = (r.publisher, r.published, r.title)
    return out


def claim_in_case(conn: Connection, case: str, claim_id: str) -> bool:
    q = (
        select(claims.c.id)
        .join(case_sources, case_sources.c.source_id == claims.c.source_id)
        .where(case_sources.c.case_name == case, claims.c.id == claim_id)
    )
    return conn.execute(q).first() is not None


def actor_named(conn: Connection, ids: Sequence[str], name: str) -> str | None:
    """Which of these actors is called `name` (case-insensitive), if one is."""
    q = select(actors.c.id, actors.c.name).where(actors.c.id.in_(list(ids)))
    hits = sorted(r.id for r in conn.execute(q) if r.name.casefold() == name.casefold())
    return hits[0] if hits else None
