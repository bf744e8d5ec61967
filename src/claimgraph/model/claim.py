"""Actors, claims and quantities: who claimed which figure, through whom, how firmly."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    OUTLET = "outlet"
    GOVERNMENT_BODY = "government_body"
    MILITARY_UNIT = "military_unit"
    GROUP = "group"  # collective or anonymous: "refugees", "a local stringer"


class Reliability(StrEnum):
    """Admiralty reliability of an actor; F = cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Stance(StrEnum):
    ASSERTED = "asserted"
    HEDGED = "hedged"
    DISPUTED = "disputed"
    DENIED = "denied"
    NEGATED = "negated"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    RANGE = "range"


class Counts(StrEnum):
    KILLED = "killed"
    WOUNDED = "wounded"
    DEAD_BODIES_SEEN = "dead_bodies_seen"
    FLED = "fled"
    POPULATION = "population"
    MISSING = "missing"
    DETAINED = "detained"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    role: str | None = None
    affiliation: str | None = None  # the side, as the text states it
    aliases: tuple[str, ...] = ()
    reliability: Reliability = Reliability.F


@dataclass(frozen=True, slots=True)
class Quantity:
    low: float | None
    high: float | None
    qualifier: Qualifier
    counts: Counts
    subject: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ChainLink:
    name: str
    cue: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One occurrence of an assertion in one Source, at an exact character span."""

    id: str
    source_id: str
    kind: str  # "quantity" | "statement"
    span: tuple[int, int]
    sentence: str
    stance: Stance
    claimant: Actor | None = None
    chain: tuple[ChainLink, ...] = ()
    quantity: Quantity | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Proposition:
    id: str
    label: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """An edge Source -> Source: explicit (the text names the outlet) or inferred (reuse)."""

    citing: str
    cited: str
    how: str  # "explicit" | "reuse"
    evidence: str


@dataclass(frozen=True, slots=True)
class Review:
    """A person's decision on a machine-made record, kept beside it, never over it."""

    id: str
    target: str
    decision: str  # "accept" | "edit" | "reject"
    who: str
    note: str = ""
