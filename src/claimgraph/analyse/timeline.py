"""Figure timelines: every figure for an event and counted thing, in date order, with who
gave it; the first appearance of each value; each speaker's figures over time; the spread
between sides; and counts someone actually made kept apart from asserted totals."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from claimgraph.analyse.directory import Directory
from claimgraph.link.events import day_of
from claimgraph.link.propositions import Grouped, value_text
from claimgraph.model import Claim, DocRef, FigureSeries, TimelinePoint

# A count someone made (bodies seen, names listed, certificates issued), not a total
# asserted from elsewhere.
_COUNTED = re.compile(
    r"\b(?:counted|names?|named|identified|identify|certificates?|registered|bodies|remains|"
    r"exhumed|buried)\b",
    re.IGNORECASE,
)


def timeline_points(
    groups: Sequence[Grouped],
    claims: Mapping[str, Claim],
    docs: Mapping[str, DocRef],
    directory: Directory,
    claim_date: Mapping[str, tuple[str | None, str]],
) -> list[TimelinePoint]:
    """A figure is placed on the day its source put it about. The date the text gives is
    mostly the day of the deaths ("killed on Tuesday"), which would put a figure first
    published months later on the first day; it is used only for undated sources."""
    points = []
    for g in groups:
        if g.kind != "quantity" or g.event is None or g.counts is None:
            continue
        for cid in g.claim_ids:
            c = claims[cid]
            published = day_of(docs[c.source_id].published) if c.source_id in docs else None
            when = (published, "published") if published else claim_date[cid]
            points.append(_point(g, c, docs, directory, when))
    return _mark_firsts(points)


def _point(
    g: Grouped,
    c: Claim,
    docs: Mapping[str, DocRef],
    directory: Directory,
    when: tuple[str | None, str],
) -> TimelinePoint:
    q = c.quantity
    assert q is not None and g.event is not None
    ent = directory.of_actor(c.claimant.id) if c.claimant else None
    doc = docs.get(c.source_id)
    if ent is None and c.claimant is None and doc is not None:
        node = directory.publisher_node(doc)
        ent = directory.entities.get(node) if node else None
    return TimelinePoint(
        claim_id=c.id,
        proposition_id=g.id,
        event=g.event,
        counts=q.counts.value,
        date=when[0],
        date_basis=when[1],
        low=q.low,
        high=q.high,
        qualifier=q.qualifier.value,
        stance=c.stance.value,
        claimant=ent.name if ent else (c.claimant.name if c.claimant else None),
        side=ent.side if ent else None,
        source_id=c.source_id,
        publisher=doc.publisher if doc else None,
        first_of_value=False,
        counted=q.counts.value == "dead_bodies_seen" or _counted(q.text, c.sentence),
    )


def _counted(figure: str, sentence: str) -> bool:
    """Whether the words around the figure say it was counted ("counted 70 bodies", "477
    names"); only a short window, so "would not give their names" later on does not."""
    at = sentence.find(figure)
    if at < 0:
        return bool(_COUNTED.search(figure))
    return bool(_COUNTED.search(sentence[max(0, at - 40) : at + len(figure) + 25]))


def _mark_firsts(points: list[TimelinePoint]) -> list[TimelinePoint]:
    """Every point dated on the earliest day its value appears is a first appearance:
    two reports of the same day are equally first."""
    points.sort(key=lambda p: (p.event, p.counts, p.date or "9999", p.claim_id))
    first_day: dict[tuple[object, ...], str | None] = {}
    out = []
    for p in points:
        key = (p.event, p.counts, p.low, p.high)
        day = first_day.setdefault(key, p.date)
        out.append(replace(p, first_of_value=p.date == day))
    return out


CHART_POINTS = 400  # points a chart draws: a series of 10^5 figures still draws (and prints) fast


def figure_series(points: Sequence[TimelinePoint]) -> list[FigureSeries]:
    """Per event and counted thing: its size, the points a chart draws, its summary."""
    series: dict[tuple[str, str], list[TimelinePoint]] = defaultdict(list)
    for p in points:
        series[(p.event, p.counts)].append(p)
    return [
        FigureSeries(ev, counts, len(pts), tuple(p.claim_id for p in chart_points(pts)),
                     _summary(ev, counts, pts))
        for (ev, counts), pts in sorted(series.items())
    ]  # fmt: skip


def chart_points(points: Sequence[TimelinePoint], cap: int = CHART_POINTS) -> list[TimelinePoint]:
    """At most `cap` points that keep the story: every first appearance of a value, and
    per day and side the lowest and the highest figure; then evenly spaced."""
    if len(points) <= cap:
        return list(points)
    keep: dict[str, TimelinePoint] = {p.claim_id: p for p in points if p.first_of_value}
    extremes: dict[tuple[str | None, str | None], list[TimelinePoint]] = defaultdict(list)
    for p in points:
        extremes[(p.date, p.side)].append(p)
    for group in extremes.values():
        for p in (min(group, key=_low), max(group, key=_high)):
            keep.setdefault(p.claim_id, p)
    chosen = sorted(keep.values(), key=lambda p: (p.date or "", p.claim_id))
    step = max(1, -(-len(chosen) // cap))
    return chosen[::step][:cap]


def _low(p: TimelinePoint) -> float:
    return p.low if p.low is not None else p.high if p.high is not None else 0.0


def _high(p: TimelinePoint) -> float:
    return p.high if p.high is not None else _low(p)


def series_summary(points: Sequence[TimelinePoint]) -> list[dict[str, Any]]:
    """Per event and counted thing: the values in order of first appearance, each
    speaker's figures over time, and each side's lowest and highest figure."""
    series: dict[tuple[str, str], list[TimelinePoint]] = defaultdict(list)
    for p in points:
        series[(p.event, p.counts)].append(p)
    return [_summary(ev, counts, pts) for (ev, counts), pts in sorted(series.items())]


def _summary(event: str, counts: str, pts: list[TimelinePoint]) -> dict[str, Any]:
    asserted = [p for p in pts if p.stance in ("asserted", "hedged")]
    by_speaker: dict[str, list[str]] = defaultdict(list)
    by_side: dict[str, list[float]] = defaultdict(list)
    firsts: dict[str, dict[str, Any]] = {}
    for p in asserted:
        v = _text(p)
        vague = p.qualifier == "approx" and p.low != p.high  # "dozens": no revision
        said = by_speaker[p.claimant] if p.claimant else None
        if said is not None and not vague and (not said or said[-1] != v):
            said.append(v)
        bound = p.high if p.high is not None else p.low
        if not p.counted and not vague and bound is not None:
            by_side[p.side or "unstated"].append(bound)
        if p.first_of_value:
            first = firsts.setdefault(v, {"value": v, "date": p.date, "by": set()})
            first["by"].add(p.claimant or p.publisher or "unnamed source")
    return {
        "event": event,
        "counts": counts,
        "firsts": [{**f, "by": sorted(f["by"])} for f in firsts.values()],
        "by_speaker": {k: v for k, v in sorted(by_speaker.items()) if len(v) > 1},
        "spread_by_side": {k: [min(v), max(v)] for k, v in sorted(by_side.items())},
        "counted": sorted({_text(p) for p in asserted if p.counted}),
    }


def _text(p: TimelinePoint) -> str:
    return value_text(p.low, p.high, p.qualifier)
