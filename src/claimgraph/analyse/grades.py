"""Credibility of a proposition, 1–6, as the Admiralty code defines it, with the reason.

1 confirmed: two or more independent origins, not contradicted by better-supported claims.
2 probably true: one origin, and another origin's figure agrees with it (or the origin is
  graded A/B). 3 possibly true: one origin, nothing against it. 4 doubtful: hedged by
  every source, disputed, or from a source graded D/E. 5 improbable: contradicted by a
  better-supported figure. 6 cannot be judged: nothing asserts it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from claimgraph.analyse.contradictions import comparable, disjoint, is_vague
from claimgraph.analyse.independence import Traced
from claimgraph.model import Claim, Contradiction, Entity, Grade, Reliability, Stance

GOOD = frozenset({Reliability.A, Reliability.B})
POOR = frozenset({Reliability.D, Reliability.E})

_NAMED = 8  # origins a grade's reason names (a figure may have a thousand; the trace lists them)


def grade_all(
    traced: Sequence[Traced],
    contradictions: Sequence[Contradiction],
    claims: Mapping[str, Claim],
    entities: Mapping[str, Entity],
) -> dict[str, Grade]:
    by_id = {t.group.id: t for t in traced}
    against: dict[str, list[Traced]] = defaultdict(list)
    denied: set[str] = set()
    for c in contradictions:
        if c.kind == "conflict":
            against[c.proposition_a].append(by_id[c.proposition_b])
            against[c.proposition_b].append(by_id[c.proposition_a])
        elif c.kind == "denial":
            denied.add(c.proposition_a)
    agree = _agreements(traced)
    return {
        t.group.id: _grade(t, against[t.group.id], t.group.id in denied, agree, claims, entities)
        for t in traced
    }


def _agreements(traced: Sequence[Traced]) -> dict[str, list[Traced]]:
    """Figures from other origins whose ranges overlap (same event, thing and subject).
    Only figures bounded on both sides agree: "at most 120" is consistent with 100 but does
    not confirm it."""
    series: dict[tuple[object, ...], list[Traced]] = defaultdict(list)
    for t in traced:
        bounded = t.group.low is not None and t.group.high is not None
        if t.group.kind == "quantity" and t.origins and bounded:
            series[(t.group.event, t.group.counts)].append(t)
    out: dict[str, list[Traced]] = defaultdict(list)
    for members in series.values():
        for a in members:
            keys = {o.key for o in a.origins}
            for b in members:
                other = {o.key for o in b.origins} - keys
                overlap = comparable(a, b) and not disjoint(a, b)
                if b is not a and other and overlap and not is_vague(b):
                    out[a.group.id].append(b)
    return out


def _grade(
    t: Traced,
    against: list[Traced],
    denied: bool,
    agree: Mapping[str, list[Traced]],
    claims: Mapping[str, Claim],
    entities: Mapping[str, Entity],
) -> Grade:
    n = independent(t)
    if not t.support_ids:
        return Grade(6, "cannot be judged: it appears only where it is disputed or denied")
    better = [b for b in against if independent(b) > n]
    if better:
        top = max(better, key=independent)
        return Grade(5, f"improbable: contradicted by {top.group.label} ({_n(top)} vs {_n(t)})")
    if n >= 2:
        names = ", ".join(o.name for o in t.origins[:_NAMED])
        more = f" and {len(t.origins) - _NAMED} more" if len(t.origins) > _NAMED else ""
        return Grade(1, f"confirmed: {n} independent origins ({names}{more})")
    grades = {entities[o.key].reliability for o in t.origins if o.key in entities}
    if all(claims[i].stance == Stance.HEDGED for i in t.support_ids):
        return Grade(4, "doubtful: every source that carries it hedges it")
    if denied:
        return Grade(4, "doubtful: one origin, and it is disputed or denied")
    if grades & POOR:
        return Grade(4, f"doubtful: its only origin is graded {min(grades & POOR)}")
    if agree.get(t.group.id):
        other = agree[t.group.id][0]
        return Grade(2, f"probably true: agrees with {other.group.label} from another origin")
    if grades & GOOD:
        return Grade(2, f"probably true: its only origin is graded {min(grades & GOOD)}")
    if n == 1:
        return Grade(3, "possibly true: one origin, not contradicted by better-supported claims")
    return Grade(6, "cannot be judged: no origin could be traced")


def independent(t: Traced) -> int:
    """Origins that speak for the same stated side confirm nothing for each other."""
    return len({o.side or o.key for o in t.origins})


def _n(t: Traced) -> str:
    n = independent(t)
    return f"{n} independent origin{'s' if n != 1 else ''}"
