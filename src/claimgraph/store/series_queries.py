"""Figure series kept with the analysis: each series's summary and the points its chart
draws, read by key (a page of a series of 10^5 figures reads a few hundred rows)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, select

from claimgraph.model import FigureSeries, TimelinePoint
from claimgraph.store.analysis_queries import row_point
from claimgraph.store.tables import figure_series, timeline

_IN_CHUNK = 500


def read_series(
    conn: Connection, case: str, *, event: str | None = None, counts: str | None = None
) -> list[FigureSeries]:
    q = select(figure_series).where(figure_series.c.case_name == case)
    if event is not None:
        q = q.where(figure_series.c.event == event)
    if counts is not None:
        q = q.where(figure_series.c.counts == counts)
    q = q.order_by(figure_series.c.event, figure_series.c.counts)
    return [FigureSeries(r.event, r.counts, r.total, tuple(json.loads(r.drawn)),
                         json.loads(r.summary)) for r in conn.execute(q)]  # fmt: skip


def read_points(conn: Connection, case: str, claim_ids: Sequence[str]) -> list[TimelinePoint]:
    """The timeline points of these claims, in the order given."""
    found: dict[str, TimelinePoint] = {}
    base = select(timeline).where(timeline.c.case_name == case)
    for start in range(0, len(claim_ids), _IN_CHUNK):
        part = list(claim_ids[start : start + _IN_CHUNK])
        found.update((r.claim_id, row_point(r)) for r in conn.execute(base.where(
            timeline.c.claim_id.in_(part))))  # fmt: skip
    return [found[i] for i in claim_ids if i in found]
