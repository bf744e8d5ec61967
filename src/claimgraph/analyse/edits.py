"""A reviewer's corrections ("claim.edit" judgements) applied to the claims before the
analysis reads them. The stored claim is never changed: the correction is evidence of
its own, and the analysis of the corrected claim is what the case shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from claimgraph.model import Actor, ActorKind, Claim, Counts, Judgement, Stance, content_id


def apply_edits(claims: Sequence[Claim], judgements: Sequence[Judgement]) -> list[Claim]:
    """Each claim with its latest correction applied (a later accept or reject after an
    edit leaves the edit standing: it judges the claim as corrected)."""
    latest: dict[str, dict[str, Any]] = {}
    for j in judgements:  # in the order they were made
        if j.action == "claim.edit" and j.value:
            latest[j.target] = json.loads(j.value)
    if not latest:
        return list(claims)
    return [_edited(c, latest[c.id]) if c.id in latest else c for c in claims]


def _edited(claim: Claim, edit: dict[str, Any]) -> Claim:
    out = claim
    if isinstance(edit.get("stance"), str) and edit["stance"] in {s.value for s in Stance}:
        out = replace(out, stance=Stance(edit["stance"]))
    if isinstance(edit.get("date"), str):
        out = replace(out, date=edit["date"] or None)
    if isinstance(edit.get("claimant"), str) and edit["claimant"].strip():
        name = edit["claimant"].strip()
        kind = out.claimant.kind if out.claimant else ActorKind.PERSON
        out = replace(out, claimant=Actor(
            id=content_id("act", kind.value, name.casefold()), name=name, kind=kind))  # fmt: skip
    q = out.quantity
    if q is not None:
        counts = edit.get("counts")
        q = replace(
            q,
            low=_number(edit, "low", q.low),
            high=_number(edit, "high", q.high),
            counts=Counts(counts) if counts in {c.value for c in Counts} else q.counts,
        )
        out = replace(out, quantity=q)
    return out


def _number(edit: dict[str, Any], key: str, default: float | None) -> float | None:
    value = edit.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return default
