"""Claims: a filterable table, and the review queue, one unreviewed claim at a time with
its sentence in context, to accept, reject or correct (with a note)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.api.context import app_state
from claimgraph.errors import InvalidInput, NotFound
from claimgraph.model import Counts, Stance
from claimgraph.services import Ledger, source_detail
from claimgraph.services.reviews import (
    STATES,
    count_claims,
    listing_key,
    review_claim,
    reviewed_claims,
)
from claimgraph.store import ClaimFilter
from claimgraph.web.access import PageRead, PageWrite
from claimgraph.web.render import render
from claimgraph.web.views import Record, can_write, case_claims, opt, paged_query

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

KINDS = ("quantity", "statement")
STANCES = tuple(s.value for s in Stance)
COUNTS = tuple(c.value for c in Counts)
Field = Annotated[str | None, Query(max_length=200)]
Text = Annotated[str, Form(max_length=200)]
_CONTEXT = 280  # characters of the text shown either side of a claim in the queue
COUNT_CAP = 10_000  # listings count this far, then say "10,000+"


def _total(n: int) -> str:
    return f"{COUNT_CAP:,}+" if n > COUNT_CAP else f"{n:,}"


@router.get("/cases/{case}/claims")
def claims_page(
    request: Request,
    access: PageRead,
    kind: Field = None,
    actor: Field = None,
    stance: Field = None,
    counts: Field = None,
    review: Field = None,
) -> Response:
    chosen = {"kind": opt(kind, KINDS), "actor": opt(actor), "stance": opt(stance, STANCES),
              "counts": opt(counts, COUNTS), "review": opt(review, STATES)}  # fmt: skip
    f = ClaimFilter(case=access.case, kind=chosen["kind"], actor=chosen["actor"],
                    stance=chosen["stance"], counts=chosen["counts"])  # fmt: skip

    def fetch(offset: int, count: int) -> list[Record]:
        window = replace(f, offset=offset, limit=count)
        return case_claims(access, window, chosen["review"])

    context = {
        "who": access.principal, "access": access, "page": paged_query(request, fetch),
        "total": _total(app_state(request).memo.get(
            ("count", f, chosen["review"], *listing_key(access.ledger, access.case)),
            lambda: count_claims(access.ledger, f, chosen["review"], cap=COUNT_CAP))),
        "chosen": chosen,
        "kinds": KINDS, "stances": STANCES, "counts": COUNTS, "states": STATES,
    }  # fmt: skip
    return render(request, "claims.html", context)


def _in_context(claim: Record, text: str) -> dict[str, str]:
    """The claim's span with some of the text around it, cut at spaces."""
    start, end = claim["span"]
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    if start > _CONTEXT:
        before = "…" + before.split(" ", 1)[-1]
    if end + _CONTEXT < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return {"before": before, "span": text[start:end], "after": after}


@router.get("/cases/{case}/review")
def review_page(
    request: Request, access: PageRead, i: Annotated[int, Query(ge=0, le=10**6)] = 0
) -> Response:
    every = ClaimFilter(case=access.case)
    cap = max(COUNT_CAP, i + 1)
    total = count_claims(access.ledger, every, "unreviewed", cap=cap)
    i = min(i, max(total - 1, 0))
    one = case_claims(access, replace(every, offset=i, limit=1), "unreviewed")
    claim = one[0] if one else None
    context: dict[str, Any] = {
        "who": access.principal, "access": access, "total": total, "i": i, "claim": claim,
        "total_text": f"{cap:,}+" if total > cap else f"{total:,}",
        "writer": can_write(access), "stances": STANCES, "counts": COUNTS,
    }  # fmt: skip
    if claim is not None:
        text = source_detail(access.ledger, claim["source_id"]).source.text
        context["shown"] = _in_context(claim, text)
    return render(request, "review.html", context)


@router.post("/cases/{case}/review/{claim}")
def review_form(
    access: PageWrite,
    claim: str,
    decision: Annotated[str, Form(pattern="^(accept|reject|edit)$")],
    note: Annotated[str, Form(max_length=4000)] = "",
    i: Annotated[int, Form(ge=0, le=10**6)] = 0,
    stance: Text = "",
    low: Text = "",
    high: Text = "",
    counts: Text = "",
    claimant: Text = "",
) -> Response:
    """Record the decision, then show the queue at the same place: the next claim."""
    edit = None
    if decision == "edit":
        edit = _changes(_current(access.ledger, access.case, claim),
                        {"stance": stance, "low": low, "high": high, "counts": counts,
                         "claimant": claimant})  # fmt: skip
    review_claim(access.ledger, access.case, claim, decision, note.strip(), edit)
    return RedirectResponse(f"/cases/{quote(access.case)}/review?i={i}", status_code=303)


def _current(ledger: Ledger, case: str, claim: str) -> Record:
    for c in reviewed_claims(ledger, ClaimFilter(case=case, ids=(claim,))):
        return c
    raise NotFound("no such claim in this case", subject=claim)


def _number(value: str, name: str) -> float | int:
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise InvalidInput("a figure is a number", subject=name) from None
    return int(number) if number.is_integer() else number


def _changes(claim: Record, given: dict[str, str]) -> dict[str, Any]:
    """The fields the form changed (a field left as it was is no correction)."""
    q = claim.get("quantity") or {}
    who = (claim.get("claimant") or {}).get("name")
    was = {"stance": claim["stance"], "low": q.get("low"), "high": q.get("high"),
           "counts": q.get("counts"), "claimant": who}  # fmt: skip
    out: dict[str, Any] = {}
    for key, raw in given.items():
        text = raw.strip()
        if not text:
            continue
        value = _number(text, key) if key in ("low", "high") else text
        if value != was[key]:
            out[key] = value
    return out
