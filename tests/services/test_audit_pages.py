"""A case's audit trail read a page at a time, backwards through the log in chunks: the
pages, put together, are the whole trail, newest first, with nothing of another case,
across chunk boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimgraph.model import Source, SourceKind, sha256_hex
from claimgraph.services import Ledger
from claimgraph.services.audit import case_audit, case_audit_page, site_audit_page
from claimgraph.store import rows


def test_pages_put_together_are_the_trail(ledger: Ledger) -> None:
    at = datetime(2024, 1, 1, tzinfo=UTC)
    mine: list[int] = []
    with ledger.store.write() as w:
        for case in ("a", "b"):
            w.ensure_case(case, at, "tester")
        for i in range(1300):
            text = f"Source {i}."
            s = Source(id=sha256_hex(text.encode()), media_type="text/plain", size=len(text),
                       text=text, parser="test", kind=SourceKind.NEWSPAPER)  # fmt: skip
            case = "a" if i % 3 else "b"
            w.insert_rows("sources", [rows.source_row(s, at)])
            link = {"case_name": case, "source_id": s.id, "added_at": at.isoformat()}
            w.insert_rows("case_sources", [{**link, "added_by": "t"}])
            # Entries that name a source only (no case in their detail)
            e = w.append_audit(at + timedelta(seconds=i), "t", "claims.extract", s.id, {})
            if case == "a":
                mine.append(e.seq)
            if i % 97 == 0:  # and some about the case itself, or about the other one
                e = w.append_audit(at, "t", "member.grant", "a", {"user": f"u{i}"})
                mine.append(e.seq)
                w.append_audit(at, "t", "member.grant", "b", {"user": f"u{i}"})
    whole = case_audit(ledger, "a")
    assert [e.seq for e in whole] == sorted(mine, reverse=True)
    walked = []
    for offset in range(0, len(whole) + 70, 70):
        walked += case_audit_page(ledger, "a", offset=offset, limit=70)
    assert walked == whole
    assert [e.seq for e in case_audit(ledger, "a", newest_first=False)] == sorted(mine)
    everything = site_audit_page(ledger, offset=0, limit=10_000)
    assert [e.seq for e in everything] == sorted((e.seq for e in everything), reverse=True)
    assert site_audit_page(ledger, offset=600, limit=5) == everything[600:605]
