"""Records of the link and analyse stages: resolved actors, events, propositions with their
origins, citations between sources, contradictions and figure timelines. All derived from
the evidence, so they can be recomputed at any time; a person's judgements on them are
kept as `Judgement` records and fed back in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.model.claim import ActorKind, Citation, Reliability


@dataclass(frozen=True, slots=True)
class DocRef:
    """What the analysis needs to know of a Source (its text travels separately)."""

    id: str
    publisher: str | None = None
    published: str | None = None  # ISO date or datetime as the document gives it
    url: str | None = None
    links: tuple[str, ...] = ()
    kind: str = "unknown"
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """A person's decision that the analysis must respect, in the order it was made.

    action: "actor.merge" (target and value are actor ids), "actor.split" (target actor id
    leaves its group), "actor.grade" (value A–F), "actor.side" (value a side's name),
    "claim.move" (target claim id, value a proposition id or "new"),
    "claim.reject" (target claim id: left out of the analysis), "claim.accept" (a
    reviewer confirmed it), "claim.edit" (value: canonical JSON of corrected fields)."""

    action: str
    target: str
    value: str = ""
    note: str = ""
    who: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """One speaker after resolution: every actor mention that names the same person/body."""

    id: str
    name: str
    kind: ActorKind
    members: tuple[str, ...]  # actor ids of the mentions
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None  # as the text states it
    side: str | None = None  # the affiliation's top level, or what a person set
    reliability: Reliability = Reliability.F
    reliability_note: str = ""
    how: tuple[str, ...] = ()  # why mentions were joined: "same name", "surname" …


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    label: str
    start: str  # ISO date of the earliest claim dated to it
    end: str


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin of a proposition: an entity, or a source asserting it alone."""

    key: str  # entity id, or "source:<id>"
    name: str
    side: str | None


@dataclass(frozen=True, slots=True)
class Edge:
    """One step of a provenance path: source → chain link → … → origin."""

    frm: str
    to: str
    how: str  # "chain", "claimant", "cites", "reuses", "asserts"


@dataclass(frozen=True, slots=True)
class Grade:
    credibility: int  # Admiralty 1–6
    reason: str


@dataclass(frozen=True, slots=True)
class PropositionResult:
    id: str
    label: str
    kind: str  # "quantity" | "statement"
    event: str | None
    counts: str | None
    subject: str | None
    low: float | None
    high: float | None
    qualifier: str | None
    claim_ids: tuple[str, ...]
    support_ids: tuple[str, ...]  # the claims that assert it (not dispute or deny it)
    source_ids: tuple[str, ...]
    origins: tuple[Origin, ...]
    edges: tuple[Edge, ...]
    first_seen: str | None
    grade: Grade

    @property
    def echo_ratio(self) -> float | None:
        return len(self.source_ids) / len(self.origins) if self.origins else None


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    kind: str  # "conflict" | "denial" | "revision" | "relabel"
    claim_a: str
    claim_b: str
    proposition_a: str
    proposition_b: str
    reason: str


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    claim_id: str
    proposition_id: str
    event: str
    counts: str
    date: str | None
    date_basis: str  # "claim" (the date the text gives) | "published"
    low: float | None
    high: float | None
    qualifier: str
    stance: str
    claimant: str | None  # entity name
    side: str | None
    source_id: str
    publisher: str | None
    first_of_value: bool  # the earliest appearance of this value in this series
    counted: bool  # a count someone made (bodies seen, names listed), not an asserted total


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """One event and counted thing: how many figures it holds, the ones a chart draws
    (every first appearance of a value, per day and side the lowest and highest), and its
    summary (firsts, each speaker's figures over time, spread by side, counts made)."""

    event: str
    counts: str
    total: int
    drawn: tuple[str, ...]  # claim ids, in date order
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseAnalysis:
    entities: tuple[Entity, ...]
    actor_entity: dict[str, str]  # actor id → entity id
    events: tuple[Event, ...]
    propositions: tuple[PropositionResult, ...]
    citations: tuple[Citation, ...]
    cycles: tuple[tuple[str, ...], ...]  # circular reporting: source ids in cycle order
    contradictions: tuple[Contradiction, ...]
    timeline: tuple[TimelinePoint, ...]
    stats: dict[str, int] = field(default_factory=dict)
    series: tuple[FigureSeries, ...] = ()
