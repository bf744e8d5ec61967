"""English month and weekday names, shared by the parsers that read dates in text."""

from __future__ import annotations

from types import MappingProxyType

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december")  # fmt: skip
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
              "sunday")  # fmt: skip

# Full names and the usual abbreviations ("mar", "sept"), lower case, to month numbers.
MONTHS = MappingProxyType(
    {
        **{m: i + 1 for i, m in enumerate(_MONTH_NAMES)},
        **{m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)},
        "sept": 9,
    }
)
# Weekday names to date.weekday() numbers (Monday = 0).
WEEKDAYS = MappingProxyType({d: i for i, d in enumerate(_DAY_NAMES)})


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("March", "Mar.", "Sept"), else None."""
    return MONTHS.get(word.lower().rstrip("."))
