"""Read-only use cases the views call (they never reach into the store themselves)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimgraph.capture.files import is_warc, read_capped
from claimgraph.errors import InvalidInput, NotFound
from claimgraph.model import Capture, Source
from claimgraph.parse import parse_bytes
from claimgraph.services.ledger import Ledger
from claimgraph.settings import Settings
from claimgraph.store import CaseSummary, SourceSummary


@dataclass(frozen=True, slots=True)
class SourceDetail:
    source: Source
    captures: list[Capture]
    cases: list[str]


def list_cases(ledger: Ledger) -> list[CaseSummary]:
    return ledger.store.list_cases()


def list_sources(
    ledger: Ledger, case: str | None = None, *, offset: int = 0, limit: int | None = None
) -> list[SourceSummary]:
    if case is not None and not ledger.store.case_exists(case):
        raise NotFound("no such case", subject=case)
    return ledger.store.list_sources(case, offset=offset, limit=limit)


def source_detail(ledger: Ledger, ref: str) -> SourceDetail:
    source = ledger.store.get_source(ref)
    return SourceDetail(
        source, ledger.store.captures_of(source.id), ledger.store.cases_of(source.id)
    )


def case_source(ledger: Ledger, case: str, ref: str) -> SourceDetail:
    """A source of `case` (by id or prefix); one of another case does not exist here."""
    detail = source_detail(ledger, ref)
    if case not in detail.cases:
        raise NotFound("no such source in this case", subject=ref)
    return detail


def sources_in_case(ledger: Ledger, case: str, ids: Iterable[str]) -> set[str]:
    """Which of these sources belong to `case` (a page links those, names the others)."""
    found = ledger.store.source_cases(sorted(set(ids)))
    return {sid for sid, cases in found.items() if case in cases}


def original_bytes(ledger: Ledger, ref: str) -> tuple[Source, bytes]:
    source = ledger.store.get_source(ref)
    return source, ledger.blobs.get(source.id)


def text_of_path(settings: Settings, path: Path) -> str:
    """The text a file would get as a Source: the same parser, so spans agree."""
    if is_warc(path):
        raise InvalidInput(
            "a WARC holds many documents; add it, then ask by source id", subject=str(path)
        )
    data = read_capped(path, settings.allowed_roots, settings.limits.max_source_bytes)
    return parse_bytes(data, filename=path.name, limits=settings.limits).text
