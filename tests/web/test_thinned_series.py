"""A figure series too long to draw is thinned to the points that keep its story: every
first appearance of a value, and per day and side the lowest and highest figure."""

from __future__ import annotations

import random

from claimgraph.analyse.timeline import chart_points as thinned
from claimgraph.model import TimelinePoint


def _point(i: int, day: int, side: str, value: float, first: bool) -> TimelinePoint:
    return TimelinePoint(
        claim_id=f"c{i:05d}", proposition_id="p", event="e", counts="killed",
        date=f"2023-03-{day:02d}", date_basis="published", low=value, high=value,
        qualifier="exact", stance="asserted", claimant=None, side=side, source_id=f"s{i}",
        publisher=None, first_of_value=first, counted=False,
    )  # fmt: skip


def test_long_series_keep_firsts_and_extremes() -> None:
    rng = random.Random(4)
    points = [_point(i, 1 + i % 20, rng.choice("AB"), float(rng.randint(10, 900)), i % 97 == 0)
              for i in range(5000)]  # fmt: skip
    kept = thinned(points, cap=400)
    ids = {p.claim_id for p in kept}
    assert len(kept) <= 400
    assert {p.claim_id for p in points if p.first_of_value} <= ids
    for day in range(1, 21):
        for side in "AB":
            group = [p for p in points if p.date == f"2023-03-{day:02d}" and p.side == side]
            assert min(group, key=lambda p: p.low or 0).low in {p.low for p in kept}
            assert max(group, key=lambda p: p.high or 0).high in {p.high for p in kept}
    short = points[:50]
    assert thinned(short, cap=400) == short
