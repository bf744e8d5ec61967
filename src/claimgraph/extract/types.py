"""Intermediate records of the extraction stage. Offsets are character offsets into the
document text (what `claimgraph text` prints), end exclusive."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.model import ActorKind, ChainLink, Counts, Qualifier

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FoundQuantity:
    """One figure found in a sentence, normalised."""

    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    counts: Counts
    subject: str | None
    text: str  # the words as written, e.g. "477 deaths", "up to 1,000 people"
    anchor: int  # index (in the Doc) of the token the figure hangs on, e.g. "killed"


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str  # "Ada Okafor", "local stringer", "officials", "Northern Wire"
    kind: ActorKind
    role: str | None = None  # "mayor", "cleric", "interior minister"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: SOURCE (speaker) — CUE — CONTENT."""

    cue: str  # the cue as written: "said", "according to", "told", "claimed"
    cue_span: Offsets
    source_span: Offsets | None  # None for an unnamed source
    content_span: Offsets
    speaker: Speaker | None
    quoted: bool  # the content is a direct quotation


@dataclass(frozen=True, slots=True)
class Attributed:
    """Who asserts something at a position: the innermost speaker and the chain of
    intermediaries between the document and that speaker, outermost first."""

    claimant: Speaker | None
    chain: tuple[ChainLink, ...]
    cue: str | None
