"""Rendered page parts kept in the store per case and state: made once per state and read
by every later caller (every server process); a new state makes them again, and the
parts of an older state go. Both backends (two processes may write one part at once)."""

from __future__ import annotations

from datetime import UTC, datetime

from claimgraph.services import Ledger
from claimgraph.services.kept import kept_part
from claimgraph.store.tables import kept_views


def _rows(ledger: Ledger) -> list[tuple[str, str]]:
    with ledger.store.read() as conn:
        q = kept_views.select().order_by(kept_views.c.case_name, kept_views.c.key)
        return [(r.case_name, r.body) for r in conn.execute(q)]


def test_made_once_per_state_then_read(ledger: Ledger) -> None:
    with ledger.store.write() as w:
        w.ensure_case("c1", datetime(2024, 1, 1, tzinfo=UTC), "tester")
        w.ensure_case("c2", datetime(2024, 1, 1, tzinfo=UTC), "tester")
    made: list[str] = []

    def make(body: str):  # type: ignore[no-untyped-def]
        return lambda: made.append(body) or body

    assert kept_part(ledger, "c1", ("t1", 0), ("trace", "p1"), make("one")) == "one"
    assert kept_part(ledger, "c1", ("t1", 0), ("trace", "p1"), make("again")) == "one"
    assert kept_part(ledger, "c1", ("t1", 0), ("trace", "p2"), make("two")) == "two"
    assert kept_part(ledger, "c2", ("t9", 3), ("trace", "p1"), make("other case")) == "other case"
    assert made == ["one", "two", "other case"]
    # A judgement or a new analysis: a new state; the part is made again, the old ones go.
    assert kept_part(ledger, "c1", ("t1", 1), ("trace", "p1"), make("three")) == "three"
    assert sorted(_rows(ledger)) == [("c1", "three"), ("c2", "other case")]
    # Two processes that made the same part at once: the second write replaces the first.
    assert kept_part(ledger, "c1", ("t2", 0), ("trace", "p1"), make("four")) == "four"
    from claimgraph.store import kept_queries as kq

    with ledger.store.write() as w:
        for body in ("five", "six"):
            kq.keep(w.conn, "c1", "k", "s", body, "2024-01-02T00:00:00+00:00")
    assert ("c1", "six") in _rows(ledger) and ("c1", "five") not in _rows(ledger)
