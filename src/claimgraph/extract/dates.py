"""The date a claim refers to or was made: a date expression in its sentence, resolved
against the document's publication date ("on Tuesday" means the Tuesday before it)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from spacy.tokens import Span

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
        parsed = parser(ent.text, languages=["en"], settings=settings)
        if parsed is not None:
            return str(parsed.date().isoformat())
    return None


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
