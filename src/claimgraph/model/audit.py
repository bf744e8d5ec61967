"""The append-only audit log: each entry hashes its content and its predecessor's hash,
so deleting, editing or reordering any entry breaks the chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claimgraph.model.ids import canonical_json, sha256_hex

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    who: str
    action: str  # e.g. "source.add", "capture.add", "case.create"
    entity: str  # id of what changed
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(
    seq: int, at: datetime, who: str, action: str, entity: str, detail: dict[str, Any], prev: str
) -> str:
    body = canonical_json([seq, at.isoformat(), who, action, entity, detail, prev])
    return sha256_hex(body.encode("utf-8"))


def chain_entry(
    prev: AuditEntry | None,
    at: datetime,
    who: str,
    action: str,
    entity: str,
    detail: dict[str, Any],
) -> AuditEntry:
    seq = prev.seq + 1 if prev else 1
    prev_hash = prev.hash if prev else GENESIS
    digest = entry_hash(seq, at, who, action, entity, detail, prev_hash)
    return AuditEntry(seq, at, who, action, entity, detail, prev_hash, digest)


def chain_breaks(entries: list[AuditEntry]) -> list[str]:
    """Every place where the chain does not hold, as one line each (empty when intact)."""
    problems: list[str] = []
    prev_hash, expected_seq = GENESIS, 1
    for e in entries:
        if e.seq != expected_seq:
            problems.append(f"audit entry {e.seq}: expected sequence {expected_seq}")
        if e.prev_hash != prev_hash:
            problems.append(f"audit entry {e.seq}: previous hash does not match entry before it")
        recomputed = entry_hash(e.seq, e.at, e.who, e.action, e.entity, e.detail, e.prev_hash)
        if recomputed != e.hash:
            problems.append(f"audit entry {e.seq}: content does not match its hash (edited)")
        prev_hash, expected_seq = e.hash, e.seq + 1
    return problems
