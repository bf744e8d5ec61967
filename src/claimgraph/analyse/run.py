"""The whole analysis of a case as one pure function: records in, records out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimgraph.analyse.contradictions import find_contradictions
from claimgraph.analyse.directory import Directory
from claimgraph.analyse.edits import apply_edits
from claimgraph.analyse.grades import grade_all
from claimgraph.analyse.independence import citations_by_source, trace
from claimgraph.analyse.timeline import figure_series, timeline_points
from claimgraph.link.actors import resolve_actors
from claimgraph.link.affiliations import affiliations
from claimgraph.link.citations import find_citations
from claimgraph.link.events import DEFAULT_GAP_DAYS, assign_events
from claimgraph.link.propositions import group_claims
from claimgraph.model import (
    Actor,
    CaseAnalysis,
    Claim,
    DocRef,
    Judgement,
    PropositionResult,
)


def analyse_case(
    case: str,
    claims: Sequence[Claim],
    docs: Sequence[DocRef],
    texts: Mapping[str, str],
    judgements: Sequence[Judgement] = (),
    *,
    gap_days: int = DEFAULT_GAP_DAYS,
    vectors: Mapping[str, Sequence[float]] | None = None,
) -> CaseAnalysis:
    """`vectors` are optional sentence embeddings of statement claims (by claim id)."""
    claims = apply_edits(claims, judgements)
    doc_by_id = {d.id: d for d in docs}
    mentions: dict[str, Actor] = {}
    for c in claims:  # one actor per id; keep a mention that knows the speaker's role
        a = c.claimant
        if a is not None and (a.id not in mentions or (a.role and not mentions[a.id].role)):
            mentions[a.id] = a
    publishers = sorted({d.publisher for d in docs if d.publisher})
    stated = affiliations(claims)
    mentions = {k: replace(a, affiliation=stated.get(k)) for k, a in mentions.items()}
    resolution = resolve_actors(_sorted(mentions), publishers, judgements, case=case)
    directory = Directory(resolution.entities, resolution.actor_entity, docs)
    entities = tuple(directory.with_sides(set(resolution.judged_sides)))
    events = assign_events(claims, doc_by_id, case=case, gap_days=gap_days)
    groups = group_claims(claims, events.claim_event, judgements, case=case, vectors=vectors)
    cited = find_citations(docs, texts, claims)
    by_claim = {c.id: c for c in claims}
    day = {cid: d for cid, (d, _) in events.claim_date.items()}
    cites = citations_by_source(cited.citations)
    traced = [trace(g, by_claim, doc_by_id, directory, cites, day) for g in groups]
    publisher = {d.id: d.publisher or d.title for d in docs}
    contradictions = find_contradictions(traced, by_claim, day, publisher)
    grades = grade_all(traced, contradictions, by_claim, directory.entities)
    results = tuple(
        PropositionResult(
            id=t.group.id,
            label=t.group.label,
            kind=t.group.kind,
            event=t.group.event,
            counts=t.group.counts,
            subject=t.group.subject,
            low=t.group.low,
            high=t.group.high,
            qualifier=t.group.qualifier,
            claim_ids=t.group.claim_ids,
            support_ids=t.support_ids,
            source_ids=t.source_ids,
            origins=t.origins,
            edges=t.edges,
            first_seen=t.first_seen,
            grade=grades[t.group.id],
        )
        for t in traced
    )
    points = timeline_points(groups, by_claim, doc_by_id, directory, events.claim_date)
    return CaseAnalysis(
        entities=entities,
        actor_entity=resolution.actor_entity,
        events=events.events,
        propositions=results,
        citations=cited.citations,
        cycles=cited.cycles,
        contradictions=tuple(contradictions),
        timeline=tuple(points),
        series=tuple(figure_series(points)),
        stats={
            "claims": len(claims),
            "sources": len(docs),
            "entities": len(entities),
            "propositions": len(results),
            "citations": len(cited.citations),
            "contradictions": len(contradictions),
        },
    )


def _sorted(mentions: Mapping[str, Actor]) -> list[Actor]:
    return [mentions[k] for k in sorted(mentions)]
