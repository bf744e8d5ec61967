"""What the account tests share: a clock moved by hand, and the passwords used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

PASSWORD = "correct horse battery"


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2024, 5, 3, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
