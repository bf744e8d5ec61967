"""Contradictions between figures, explicit denials, and revisions by one speaker.

Two figures for the same event, counted thing and subject contradict each other when
their ranges cannot both be true. When the same speaker gives both, it is a revision and
is shown as one. When one speaker's figure comes back counting something else ("fled"
retold as "killed") it is a relabel. Vague amounts ("dozens") contradict nothing."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from claimgraph.analyse.independence import SUPPORT, Traced
from claimgraph.link.propositions import subject_head, value_text
from claimgraph.model import Claim, Contradiction, content_id

APPROX_SLACK = 0.1  # "about 600" allows 540–660


def interval(low: float | None, high: float | None, qualifier: str | None) -> tuple[float, float]:
    if low is not None and high is not None:
        if qualifier == "approx" and low == high:
            return low * (1 - APPROX_SLACK), high * (1 + APPROX_SLACK)
        return low, high
    if low is not None:
        return low, math.inf
    return 0.0, high if high is not None else math.inf


def is_vague(t: Traced) -> bool:
    g = t.group
    return g.qualifier == "approx" and g.low is not None and g.high is not None and g.low != g.high


def disjoint(a: Traced, b: Traced) -> bool:
    la, ha = interval(a.group.low, a.group.high, a.group.qualifier)
    lb, hb = interval(b.group.low, b.group.high, b.group.qualifier)
    return ha < lb or hb < la


def comparable(a: Traced, b: Traced) -> bool:
    ga, gb = a.group, b.group
    if ga.kind != "quantity" or (ga.event, ga.counts) != (gb.event, gb.counts):
        return False
    ha, hb = subject_head(ga.subject), subject_head(gb.subject)
    return ha is None or hb is None or ha == hb


def find_contradictions(
    traced: Sequence[Traced],
    claims: Mapping[str, Claim],
    claim_day: Mapping[str, str | None],
    publisher: Mapping[str, str | None],
) -> list[Contradiction]:
    """`publisher` names each source's publisher: who disputes, when the text says no one."""
    out = _denials(traced, claims, claim_day, publisher) + _relabels(traced, claim_day)
    series: dict[tuple[str | None, str | None], list[Traced]] = defaultdict(list)
    for t in traced:
        # A population describes a place, and a case spans several places that the
        # figure does not name: two populations are no contradiction.
        if t.group.counts == "population":
            continue
        if t.group.kind == "quantity" and t.support_ids and not is_vague(t):
            series[(t.group.event, t.group.counts)].append(t)
    for members in series.values():
        members.sort(key=lambda t: t.group.id)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if comparable(a, b) and disjoint(a, b):
                    out.append(_conflict_or_revision(a, b, claims, claim_day))
    return sorted(out, key=lambda c: c.id)


def _first(t: Traced) -> str:
    assert t.first_claim is not None  # only figures someone asserts are compared
    return t.first_claim


def _in_order(
    a: Traced, b: Traced, claim_day: Mapping[str, str | None]
) -> tuple[Traced, Traced, str, str]:
    """Earlier first; on the same day the smaller figure first (never by id, so that the
    same texts under other names give the same order)."""
    ca, cb = _first(a), _first(b)

    def key(t: Traced, c: str) -> tuple[str, float, str]:
        bound = t.group.low if t.group.low is not None else t.group.high
        return (
            claim_day.get(c) or "9999",
            bound if bound is not None else 0.0,
            t.group.counts or "",
        )

    return (a, b, ca, cb) if key(a, ca) <= key(b, cb) else (b, a, cb, ca)


def _conflict_or_revision(
    a: Traced, b: Traced, claims: Mapping[str, Claim], claim_day: Mapping[str, str | None]
) -> Contradiction:
    a, b, ca, cb = _in_order(a, b, claim_day)
    shared = {o.key for o in a.origins} & {o.key for o in b.origins}
    va = value_text(a.group.low, a.group.high, a.group.qualifier or "")
    vb = value_text(b.group.low, b.group.high, b.group.qualifier or "")
    if shared:
        who = ", ".join(sorted(o.name for o in a.origins if o.key in shared))
        kind, reason = "revision", f"{who} gave {va} and later {vb} for {a.group.counts}"
    else:
        kind = "conflict"
        reason = f"{va} and {vb} {a.group.counts} cannot both be true"
    return Contradiction(
        id=content_id("ctr", kind, a.group.id, b.group.id),
        kind=kind,
        claim_a=ca,
        claim_b=cb,
        proposition_a=a.group.id,
        proposition_b=b.group.id,
        reason=reason,
    )


def _relabels(traced: Sequence[Traced], claim_day: Mapping[str, str | None]) -> list[Contradiction]:
    """One speaker's figure that reappears counting something else: "up to 1,000 fled"
    retold as "up to 1,000 killed". Vague amounts are left out: they recur by chance."""
    by_value: dict[tuple[object, ...], list[Traced]] = defaultdict(list)
    for t in traced:
        if t.group.kind == "quantity" and t.support_ids and not is_vague(t):
            by_value[(t.group.event, t.group.low, t.group.high)].append(t)
    out = []
    for members in by_value.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared = {o.key for o in a.origins} & {o.key for o in b.origins}
                if a.group.counts != b.group.counts and shared:
                    out.append(_relabel(a, b, shared, claim_day))
    return out


def _relabel(
    a: Traced, b: Traced, shared: set[str], claim_day: Mapping[str, str | None]
) -> Contradiction:
    a, b, ca, cb = _in_order(a, b, claim_day)
    who = ", ".join(sorted(o.name for o in a.origins if o.key in shared))
    value = value_text(a.group.low, a.group.high, a.group.qualifier or "")
    return Contradiction(
        id=content_id("ctr", "relabel", a.group.id, b.group.id),
        kind="relabel",
        claim_a=ca,
        claim_b=cb,
        proposition_a=a.group.id,
        proposition_b=b.group.id,
        reason=f"{who}'s {value} {a.group.counts} reappears as {b.group.counts}",
    )


def _denials(
    traced: Sequence[Traced],
    claims: Mapping[str, Claim],
    claim_day: Mapping[str, str | None],
    publisher: Mapping[str, str | None],
) -> list[Contradiction]:
    """A claim that disputes, denies or negates a figure someone else asserts."""
    out = []
    for t in traced:
        if not t.support_ids:
            continue
        asserted = _first(t)
        for cid in t.group.claim_ids:
            c = claims[cid]
            if c.stance in SUPPORT:
                continue
            who = c.claimant.name if c.claimant else publisher.get(c.source_id) or "the source"
            value = value_text(t.group.low, t.group.high, t.group.qualifier or "")
            out.append(
                Contradiction(
                    id=content_id("ctr", "denial", cid, asserted),
                    kind="denial",
                    claim_a=asserted,
                    claim_b=cid,
                    proposition_a=t.group.id,
                    proposition_b=t.group.id,
                    reason=f"{who}: {c.stance.value} — the figure {value} {t.group.counts}",
                )
            )
    return out
