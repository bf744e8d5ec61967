"""The JSON shape of a claim that `claimgraph extract` prints (DESIGN.md, "Contracts")."""

from __future__ import annotations

from typing import Any

from claimgraph.model import Claim


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def claim_record(claim: Claim) -> dict[str, Any]:
    q = claim.quantity
    quantity = None
    if q is not None:
        quantity = {
            "low": _number(q.low),
            "high": _number(q.high),
            "qualifier": q.qualifier.value,
            "counts": q.counts.value,
            "subject": q.subject,
            "text": q.text,
        }
    claimant = None
    if claim.claimant is not None:
        c = claim.claimant
        claimant = {"name": c.name, "kind": c.kind.value, "role": c.role}
    return {
        "kind": claim.kind,
        "sentence": claim.sentence,
        "span": list(claim.span),
        "quantity": quantity,
        "claimant": claimant,
        "chain": [{"name": link.name, "cue": link.cue} for link in claim.chain],
        "stance": claim.stance.value,
        "date": claim.date,
    }
