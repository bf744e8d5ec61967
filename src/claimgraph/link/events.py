"""Events: the claims of a case fall into runs of dates; a long silence starts a new event.

A claim's date is the date the text gives for it, else its source's publication date. A
case about one killing that also holds a years-old archive page about an earthquake gets
two events, so the earthquake's toll is never set against the killing's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from claimgraph.model import Claim, DocRef, Event, content_id

DEFAULT_GAP_DAYS = 365


@dataclass(frozen=True, slots=True)
class EventAssignment:
    events: tuple[Event, ...]
    claim_event: dict[str, str]  # claim id → event id
    claim_date: dict[str, tuple[str | None, str]]  # claim id → (ISO date, "claim"|"published")


def day_of(value: str | None) -> str | None:
    """The ISO day of a date or datetime string, or None when it is not one."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def dated(claim: Claim, doc: DocRef | None) -> tuple[str | None, str]:
    own = day_of(claim.date)
    if own is not None:
        return own, "claim"
    return day_of(doc.published if doc else None), "published"


def assign_events(
    claims: Sequence[Claim],
    docs: Mapping[str, DocRef],
    *,
    case: str = "",
    gap_days: int = DEFAULT_GAP_DAYS,
) -> EventAssignment:
    when = {c.id: dated(c, docs.get(c.source_id)) for c in claims}
    days = sorted({d for d, _ in when.values() if d is not None})
    runs: list[list[str]] = []
    for d in days:
        if runs and (date.fromisoformat(d) - date.fromisoformat(runs[-1][-1])).days <= gap_days:
            runs[-1].append(d)
        else:
            runs.append([d])
    events = [
        Event(id=content_id("evt", case, run[0]), label=_label(run), start=run[0], end=run[-1])
        for run in runs
    ]
    event_of_day = {d: e.id for e, run in zip(events, runs, strict=True) for d in run}
    # Undated claims belong to the event most claims belong to: the case's own event.
    size = Counter(event_of_day[d] for d, _ in when.values() if d is not None)
    main = max(events, key=lambda e: (size[e.id], e.start), default=None)
    fallback = main.id if main else content_id("evt", case, "undated")
    if main is None:
        events.append(Event(id=fallback, label="undated", start="", end=""))
    claim_event = {
        cid: event_of_day.get(d, fallback) if d else fallback for cid, (d, _) in when.items()
    }
    return EventAssignment(tuple(events), claim_event, when)


def _label(run: list[str]) -> str:
    return run[0] if run[0] == run[-1] else f"{run[0]} – {run[-1]}"
