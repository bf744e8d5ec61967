"""The date a claim refers to or was made: a date expression in its sentence, resolved
against the document's publication date ("on Tuesday" means the Tuesday before it)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from spacy.tokens import Span

from claimgraph.model.calendar import MONTHS, WEEKDAYS

_YEAR_ONLY = re.compile(r"^\s*(in |since |by )?(1[89]|20)\d\d\s*$", re.IGNORECASE)
_VAGUE = frozenset({"today", "now", "recently", "currently", "the day", "daily", "annually"})


def claim_date(sent: Span, anchor: int, published: str | None, parser: Any) -> str | None:
    """ISO date of the DATE entity nearest the figure's clause, or None.

    `parser` is dateparser's `parse` (passed in so it is imported once, by the caller)."""
    candidates = [e for e in sent.ents if e.label_ == "DATE" and not _skippable(e.text)]
    if not candidates:
        return None
    head = sent.doc[anchor]
    near = sorted(candidates, key=lambda e: abs(e.root.i - head.i))
    base = _base(published)
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    for ent in near:
        quick = quick_date(ent.text, base)
        if quick is not None:
            return quick.isoformat()
        parsed = parser(ent.text, languages=["en"], settings=settings)
        if parsed is not None:
            return str(parsed.date().isoformat())
    return None


def quick_date(text: str, base: datetime | None) -> date | None:
    """The common forms news uses, without dateparser's cost: "14 March 2023",
    "March 16", "on Tuesday", "yesterday". None when unsure (dateparser decides)."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    words = [w for w in words if w not in ("on", "the", "of", "last", "this")]
    today = base.date() if base else None
    if len(words) == 1 and today is not None:
        if words[0] in WEEKDAYS:  # the latest such day on or before publication
            return today - timedelta(days=(today.weekday() - WEEKDAYS[words[0]]) % 7)
        if words[0] == "yesterday":
            return today - timedelta(days=1)
    nums = [int(w) for w in words if w.isdigit()]
    months = [MONTHS[w] for w in words if w in MONTHS]
    if len(months) != 1 or not 1 <= len(nums) <= 2 or len(words) != len(nums) + 1:
        return None
    day = next((n for n in nums if 1 <= n <= 31), None)
    year = next((n for n in nums if n > 1000), today.year if today else None)
    if day is None or year is None:
        return None
    try:
        found = date(year, months[0], day)
    except ValueError:
        return None
    if today is not None and len(nums) == 1 and found > today:
        found = date(year - 1, months[0], day)  # "March 16" written in January
    return found


def _skippable(text: str) -> bool:
    lowered = text.lower().strip()
    return lowered in _VAGUE or bool(_YEAR_ONLY.match(lowered)) or "year-old" in lowered


def _base(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, 12, 0)
