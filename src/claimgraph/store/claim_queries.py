"""Reading and writing claims and actors (the Store and Writer delegate here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Join, Select, exists, func, insert, select
from sqlalchemy.ext.compiler import compiles

from claimgraph.model import Actor, Claim
from claimgraph.store import rows
from claimgraph.store.tables import actors, case_sources, claims, judgements, sources


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    case: str | None = None
    source_id: str | None = None
    kind: str | None = None
    counts: str | None = None
    stance: str | None = None
    actor: str | None = None  # claimant name, case-insensitive substring
    limit: int | None = None
    offset: int = 0
    # Review state ("unreviewed" | "accepted" | "edited" | "rejected"): the latest of a
    # person's claim.accept / claim.edit / claim.reject judgements in the case.
    review: str | None = None
    ids: tuple[str, ...] | None = None  # only these claims (at most a few hundred)


REVIEW_ACTIONS = {"accepted": "claim.accept", "edited": "claim.edit", "rejected": "claim.reject"}


def insert_claims(conn: Connection, found: list[Claim], extractor: str) -> int:
    """Insert claims (and their claimants) not stored yet; return how many were new."""
    if not found:
        return 0
    ids = [c.id for c in found]
    have = {r.id for r in conn.execute(select(claims.c.id).where(claims.c.id.in_(ids)))}
    fresh = [c for c in found if c.id not in have]
    people = {c.claimant.id: c.claimant for c in fresh if c.claimant is not None}
    if people:
        q = select(actors.c.id).where(actors.c.id.in_(list(people)))
        known = {r.id for r in conn.execute(q)}
        new_actors = [rows.actor_row(a) for k, a in people.items() if k not in known]
        if new_actors:
            conn.execute(insert(actors), new_actors)
    if fresh:
        conn.execute(insert(claims), [rows.claim_row(c, extractor) for c in fresh])
    return len(fresh)


class _InOrder(Join):
    """sources, then claims: a page of claims in date order walks the date index and
    stops at the page's end. SQLite would otherwise scan every claim and sort; CROSS
    JOIN is how it is told the order (it never reorders one). Elsewhere a plain JOIN."""

    inherit_cache = True


@compiles(_InOrder, "sqlite")
def _sqlite_in_order(join: _InOrder, compiler: Any, **kw: Any) -> str:
    plain: str = compiler.visit_join(join, **kw)
    return plain.replace(" JOIN ", " CROSS JOIN ", 1)  # the left side is one table


def _filtered(q: Select[Any], f: ClaimFilter, *, case_exists: bool = False) -> Select[Any]:
    if f.case is not None and case_exists:
        member = (case_sources.c.case_name == f.case) & (
            case_sources.c.source_id == claims.c.source_id
        )
        q = q.where(exists().where(member))
    elif f.case is not None:
        q = q.join(case_sources, case_sources.c.source_id == claims.c.source_id).where(
            case_sources.c.case_name == f.case
        )
    for column, value in (
        (claims.c.source_id, f.source_id),
        (claims.c.kind, f.kind),
        (claims.c.counts, f.counts),
        (claims.c.stance, f.stance),
    ):
        if value is not None:
            q = q.where(column == value)
    if f.actor:
        q = q.where(actors.c.name.ilike(f"%{f.actor}%"))
    if f.review is not None:
        q = q.where(_in_review_state(f))
    if f.ids is not None:
        q = q.where(claims.c.id.in_(list(f.ids)))
    return q


def _in_review_state(f: ClaimFilter) -> Any:
    """SQL for "the claim's latest review decision is f.review" (or it has none)."""
    if f.case is None or (f.review != "unreviewed" and f.review not in REVIEW_ACTIONS):
        raise ValueError(f"a review state needs a case and one of {list(REVIEW_ACTIONS)}")
    decided = judgements.c.action.in_(list(REVIEW_ACTIONS.values()))
    mine = (judgements.c.case_name == f.case) & (judgements.c.target == claims.c.id)
    if f.review == "unreviewed":
        return ~exists().where(mine & decided)
    later = judgements.alias("later")
    newer = exists().where(
        (later.c.case_name == f.case) & (later.c.target == claims.c.id)
        & later.c.action.in_(list(REVIEW_ACTIONS.values()))
        & ((later.c.at > judgements.c.at)
           | ((later.c.at == judgements.c.at) & (later.c.id > judgements.c.id)))
    )  # fmt: skip
    return exists().where(mine & (judgements.c.action == REVIEW_ACTIONS[f.review]) & ~newer)


def count_claims(conn: Connection, f: ClaimFilter, cap: int | None = None) -> int:
    """How many claims the filter keeps; with `cap`, counting stops past it (a listing
    says "10,000+" rather than counting a million rows on every page)."""
    q = select(claims.c.id).select_from(claims)
    if f.actor:
        q = q.outerjoin(actors, actors.c.id == claims.c.claimant_id)
    q = _filtered(q, f)
    if cap is not None:
        q = q.limit(cap + 1)
    return int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def select_claims(conn: Connection, f: ClaimFilter) -> list[tuple[Claim, dict[str, Any]]]:
    """Claims with a little context (publisher, published, title) for listing."""
    # A whole case is walked in date order; named claims or one source are found by key.
    walk = f.ids is None and f.source_id is None
    pair = (_InOrder if walk else Join)(sources, claims, sources.c.id == claims.c.source_id)
    joined = pair.outerjoin(actors, actors.c.id == claims.c.claimant_id)
    q = select(claims, actors, sources.c.publisher, sources.c.published, sources.c.title)
    q = _filtered(q.select_from(joined), f, case_exists=True)
    order = (sources.c.published.is_(None), sources.c.published, sources.c.id)
    q = q.order_by(*order, claims.c.span_start, claims.c.id)
    if f.limit:
        q = q.limit(f.limit)
    if f.offset:
        q = q.offset(f.offset)
    out = []
    for r in conn.execute(q):
        m = r._mapping
        actor = rows.Attrs({c.name: m[c] for c in actors.c})
        claimant = rows.row_actor(actor) if m[actors.c.id] is not None else None
        context = {"publisher": r.publisher, "published": r.published, "title": r.title}
        context["extractor"] = m[claims.c.extractor]
        claim = rows.row_claim(rows.Attrs({c.name: m[c] for c in claims.c}), claimant)
        out.append((claim, context))
    return out


def actor_by_id(conn: Connection, actor_id: str) -> Actor | None:
    row = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
    return rows.row_actor(row) if row else None
