"""Use case: check that every preserved byte and every audit entry is what it claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.errors import IntegrityFailure
from claimgraph.model import chain_breaks
from claimgraph.services.ledger import Ledger


@dataclass(frozen=True, slots=True)
class VerifyReport:
    blobs_checked: int
    audit_entries: int
    problems: list[str] = field(default_factory=list)
    unreferenced_blobs: int = 0  # complete blobs from an interrupted add; harmless, reused

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ledger: Ledger) -> VerifyReport:
    problems: list[str] = []
    referenced: set[str] = set()
    for sha, size in ledger.store.blob_refs():
        referenced.add(sha)
        try:
            ledger.blobs.check(sha)
        except IntegrityFailure as exc:
            problems.append(f"source {sha}: {exc.message}")
            continue
        actual = ledger.blobs.path(sha).stat().st_size
        if actual != size:
            problems.append(f"source {sha}: blob is {actual} bytes, the record says {size}")
    entries = list(ledger.store.audit_entries())
    problems.extend(chain_breaks(entries))
    audited = {e.entity for e in entries}
    for sha in sorted(referenced - audited):
        problems.append(f"source {sha}: no audit entry records its addition")
    for p in ledger.blobs.partials():
        problems.append(f"blob store: partial file left by an interrupted write: {p.name}")
    unreferenced = sum(1 for name in ledger.blobs.names() if name not in referenced)
    return VerifyReport(len(referenced), len(entries), problems, unreferenced)
