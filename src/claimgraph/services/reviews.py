"""Review of extracted claims: a person accepts, corrects or rejects each one, with a
note. Decisions are judgements (append-only, audited); the latest one per claim is its
state, and a rejected claim is left out of the next analysis."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from claimgraph.errors import InvalidInput
from claimgraph.model import Judgement, canonical_json
from claimgraph.services.analysis import analyse, judge
from claimgraph.services.claims import list_claims
from claimgraph.services.ledger import Ledger
from claimgraph.store import ClaimFilter, heads
from claimgraph.store import analysis_queries as aq

DECISIONS = {"accept": "claim.accept", "edit": "claim.edit", "reject": "claim.reject"}
STATES = ("unreviewed", "accepted", "edited", "rejected")
_STATE_OF = {"claim.accept": "accepted", "claim.edit": "edited", "claim.reject": "rejected"}
EDITABLE = ("stance", "low", "high", "counts", "claimant", "date")
_STANCES = ("asserted", "hedged", "disputed", "denied", "negated")


@dataclass(frozen=True, slots=True)
class Review:
    state: str
    note: str = ""
    who: str | None = None
    at: str | None = None
    edit: dict[str, Any] | None = None

    def record(self) -> dict[str, Any]:
        return {"state": self.state, "note": self.note, "who": self.who, "at": self.at,
                "edit": self.edit}  # fmt: skip


def review_claim(
    ledger: Ledger,
    case: str,
    claim_id: str,
    decision: str,
    note: str = "",
    edit: dict[str, Any] | None = None,
) -> Judgement:
    """Record a decision on one claim of the case."""
    if decision not in DECISIONS:
        raise InvalidInput(f"a decision is one of {', '.join(DECISIONS)}", subject=decision)
    value = ""
    if decision == "edit":
        value = canonical_json(_checked_edit(edit or {}))
    elif edit:
        raise InvalidInput("corrected fields go with the decision 'edit'", subject=decision)
    if len(note) > 4000:
        raise InvalidInput("a note is at most 4000 characters", subject="note")
    return judge(ledger, case, DECISIONS[decision], claim_id, value, note)


def _checked_edit(edit: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(edit) - set(EDITABLE))
    if unknown or not edit:
        raise InvalidInput(f"an edit corrects some of {', '.join(EDITABLE)}",
                           subject=", ".join(unknown) or "edit")  # fmt: skip
    if "stance" in edit and edit["stance"] not in _STANCES:
        raise InvalidInput(f"stance is one of {', '.join(_STANCES)}", subject=str(edit["stance"]))
    for key in ("low", "high"):
        value = edit.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or value < 0):  # fmt: skip
            raise InvalidInput("a figure is a number, 0 or more", subject=key)
    for key in ("counts", "claimant", "date"):
        value = edit.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 200):
            raise InvalidInput("a short text", subject=key)
    return edit


def review_states(
    ledger: Ledger, case: str, claim_ids: Sequence[str] | None = None
) -> dict[str, Review]:
    """The latest decision on each reviewed claim of the case (or of `claim_ids`)."""
    with ledger.store.read() as conn:
        found = aq.case_judgements(conn, case, targets=claim_ids)
    out: dict[str, Review] = {}
    for j in found:  # in the order they were made: the last one stands
        state = _STATE_OF.get(j.action)
        if state is not None:
            edit = json.loads(j.value) if j.action == "claim.edit" and j.value else None
            out[j.target] = Review(state, j.note, j.who, j.at, edit)
    return out


def reviewed_claims(
    ledger: Ledger, f: ClaimFilter, state: str | None = None
) -> list[dict[str, Any]]:
    """Claims of a case (as `list_claims`, paged by f.offset/f.limit in the database)
    with their review; `state` keeps one review state."""
    if f.case is None:
        raise InvalidInput("review states belong to a case", subject="case")
    if state is not None and state not in STATES:
        raise InvalidInput(f"a review state is one of {', '.join(STATES)}", subject=state)
    found = list_claims(ledger, replace(f, review=state))
    reviews = review_states(ledger, f.case, [c["id"] for c in found])
    return [{**c, "review": reviews.get(c["id"], Review("unreviewed")).record()} for c in found]


def count_claims(
    ledger: Ledger, f: ClaimFilter, state: str | None = None, *, cap: int | None = None
) -> int:
    """How many claims the filter and state keep (at most cap + 1 when capped)."""
    if state is not None and state not in STATES:
        raise InvalidInput(f"a review state is one of {', '.join(STATES)}", subject=state)
    return ledger.store.count_claims(replace(f, review=state), cap)


def state_key(ledger: Ledger, case: str) -> tuple[str, int]:
    """What a view of the case depends on: the current analysis and the judgements since
    (a view kept under this key is current while the key is)."""
    made = str(analyse(ledger, case).meta.get("computed_at"))
    with ledger.store.read() as conn:
        return made, aq.count_judgements(conn, case)


def listing_key(ledger: Ledger, case: str) -> tuple[int, int]:
    """What a count of the case's claims depends on: the case's evidence (the last change
    to it) and its judgements (a count kept under this key is current)."""
    with ledger.store.read() as conn:
        return heads.case_head(conn, case), aq.count_judgements(conn, case)
