"""Pure dataclasses and enums of the concepts in DESIGN.md; no I/O."""

from claimgraph.model.audit import AuditEntry, chain_breaks, chain_entry
from claimgraph.model.case import Case, check_case_name
from claimgraph.model.claim import (
    Actor,
    ActorKind,
    ChainLink,
    Citation,
    Claim,
    Counts,
    Proposition,
    Qualifier,
    Quantity,
    Reliability,
    Review,
    Stance,
)
from claimgraph.model.ids import canonical_json, content_id, sha256_hex
from claimgraph.model.image import Hypothesis, Image, ImageAppearance
from claimgraph.model.source import Capture, CaptureMethod, Parsed, Source, SourceKind

__all__ = [
    "Actor",
    "ActorKind",
    "AuditEntry",
    "Capture",
    "CaptureMethod",
    "Case",
    "ChainLink",
    "Citation",
    "Claim",
    "Counts",
    "Hypothesis",
    "Image",
    "ImageAppearance",
    "Parsed",
    "Proposition",
    "Qualifier",
    "Quantity",
    "Reliability",
    "Review",
    "Source",
    "SourceKind",
    "Stance",
    "canonical_json",
    "chain_breaks",
    "chain_entry",
    "check_case_name",
    "content_id",
    "sha256_hex",
]
