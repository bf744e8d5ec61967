"""The audit trail as a case's members may see it: the entries about the case itself,
its members, its sources (added, linked, extracted, images shown) and its judgements.
Entries about other cases stay out: nobody reads a case they are not a member of.

The log is read backwards in chunks, and the sources an entry names are checked against
the case by key: a page of the newest entries of a case of 10^5 sources reads no more of
the log than it needs."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, islice

from claimgraph.model import AuditEntry
from claimgraph.services.ledger import Ledger
from claimgraph.services.queries import sources_in_case

_CHUNK = 500


def case_audit(ledger: Ledger, case: str, *, newest_first: bool = True) -> list[AuditEntry]:
    found = list(_case_entries(ledger, case))
    return found if newest_first else found[::-1]


def case_audit_page(ledger: Ledger, case: str, *, offset: int, limit: int) -> list[AuditEntry]:
    """Entries `offset` to `offset + limit` of the case's trail, newest first."""
    return list(islice(_case_entries(ledger, case), offset, offset + limit))


def _log_chunks(ledger: Ledger) -> Iterator[list[AuditEntry]]:
    """The whole log, newest first, a chunk at a time."""
    before: int | None = None
    while chunk := ledger.store.audit_chunk(before=before, limit=_CHUNK):
        before = chunk[-1].seq
        yield chunk


def _case_entries(ledger: Ledger, case: str) -> Iterator[AuditEntry]:
    for chunk in _log_chunks(ledger):
        named = [i for e in chunk for i in _sources_named(e)]
        in_case = sources_in_case(ledger, case, named) if named else set()
        for e in chunk:
            about_case = e.entity == case and e.action.startswith(("case.", "member."))
            if about_case or e.detail.get("case") == case or in_case & set(_sources_named(e)):
                yield e


def _sources_named(e: AuditEntry) -> list[str]:
    """The sources (or images, stored as sources) an entry is about."""
    ids = [e.entity] if e.action.startswith(("source.", "claims.", "image.")) else []
    ids += [str(v) for k in ("source", "image") if (v := e.detail.get(k))]
    return ids


def site_audit_page(ledger: Ledger, *, offset: int, limit: int) -> list[AuditEntry]:
    """Entries `offset` to `offset + limit` of the whole log, newest first."""
    return list(islice(chain.from_iterable(_log_chunks(ledger)), offset, offset + limit))
