"""The date a plain-text statement carries in its heading ("Press statement — 19 March
2023", "Issued: 2023-03-19"): statements, communiqués and testimonies rarely carry
machine-readable metadata, but almost always a date at the top."""

from __future__ import annotations

import re
from datetime import date

from claimgraph.model.calendar import month_number

_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
HEAD_LINES = 4


def heading_date(text: str) -> str | None:
    """ISO date found in the first few non-empty lines, or None."""
    lines = [line for line in text.split("\n") if line.strip()][:HEAD_LINES]
    for line in lines:
        for found in (_iso(line), _dmy(line), _mdy(line)):
            if found is not None:
                return found.isoformat()
    return None


def _month(word: str) -> int:
    return month_number(word) or 0  # the regex admits only month names


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(line: str) -> date | None:
    m = _ISO.search(line)
    return _safe(int(m[1]), int(m[2]), int(m[3])) if m else None


def _dmy(line: str) -> date | None:
    m = _DAY_MONTH_YEAR.search(line)
    return _safe(int(m[3]), _month(m[2]), int(m[1])) if m else None


def _mdy(line: str) -> date | None:
    m = _MONTH_DAY_YEAR.search(line)
    return _safe(int(m[3]), _month(m[1]), int(m[2])) if m else None
