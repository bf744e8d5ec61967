"""Claims: a filtered list (kind, actor, stance, counted thing, review state, source)
and the review decision on one claim."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query

from claimgraph.api.context import Read, Write
from claimgraph.api.paging import Cursor, Limit, Page, window
from claimgraph.api.schemas import ClaimOut, ReviewIn, ReviewOut
from claimgraph.services.reviews import review_claim, review_states, reviewed_claims
from claimgraph.store import ClaimFilter

router = APIRouter(tags=["claims"])
Short = Annotated[str | None, Query(max_length=200)]


@router.get("/cases/{case}/claims", response_model=Page[ClaimOut], summary="Claims")
def get_claims(
    access: Read,
    kind: Annotated[str | None, Query(pattern="^(quantity|statement)$")] = None,
    actor: Short = None,
    stance: Annotated[
        str | None, Query(pattern="^(asserted|hedged|disputed|denied|negated)$")
    ] = None,
    counts: Short = None,
    review: Annotated[str | None, Query(pattern="^(unreviewed|accepted|edited|rejected)$")] = None,
    source: Short = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> Any:
    f = ClaimFilter(case=access.case, kind=kind, actor=actor, stance=stance, counts=counts,
                    source_id=source)  # fmt: skip

    def fetch(offset: int, count: int) -> list[dict[str, Any]]:
        return reviewed_claims(access.ledger, replace(f, offset=offset, limit=count), review)

    items, nxt = window(fetch, cursor, limit)
    return Page[ClaimOut](items=[ClaimOut.model_validate(r) for r in items], next=nxt)


@router.post(
    "/cases/{case}/claims/{claim}/review", response_model=ReviewOut,
    summary="Accept, correct (edit) or reject a claim, with a note",
)  # fmt: skip
def post_review(access: Write, claim: str, body: ReviewIn) -> Any:
    review_claim(access.ledger, access.case, claim, body.decision, body.note, body.edit)
    return ReviewOut.model_validate(review_states(access.ledger, access.case)[claim].record())
