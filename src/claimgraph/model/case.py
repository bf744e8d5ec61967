"""Cases: one investigation each, the unit of access control."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from claimgraph.errors import InvalidInput

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$")


def check_case_name(name: str) -> str:
    cleaned = name.strip()
    if not _NAME.match(cleaned):
        raise InvalidInput(
            "a case name is 1-80 letters, digits, spaces, dots, dashes or underscores",
            subject=f"case {name!r}",
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    created_at: datetime
    created_by: str
    description: str = ""
