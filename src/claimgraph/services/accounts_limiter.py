"""Slowing down password guessing: failed sign-ins are counted per (user name, client
address), and after too many in the window further tries are refused, right password or
not, until the window has passed."""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from claimgraph.errors import Refused
from claimgraph.services.accounts import Account, authenticate
from claimgraph.services.ledger import Ledger, utc_now


class TooManyAttempts(Refused):
    """Refused for now; `retry_after` says in how many seconds to try again (an HTTP view
    answers 429 with a Retry-After header)."""

    def __init__(self, retry_after: int, *, subject: str | None = None) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s", subject=subject)
        self.retry_after = retry_after


class LoginLimiter:
    """In-memory counts for one process (the one serving sign-ins); safe across threads.
    Counts are kept for the window only, so memory stays bounded by the guessing rate."""

    def __init__(
        self,
        clock: Callable[[], datetime] = utc_now,
        *,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=5),
    ) -> None:
        if max_failures < 1 or window <= timedelta(0):
            raise ValueError("a limiter needs max_failures >= 1 and a positive window")
        self._clock = clock
        self._max = max_failures
        self._window = window
        # The times of the latest failures of each key, oldest first, at most `max` of them.
        self._failures: dict[tuple[str, str], deque[datetime]] = {}
        self._swept: datetime | None = None
        self._lock = threading.Lock()

    @property
    def tracked(self) -> int:
        """How many (name, address) pairs have failures on record."""
        with self._lock:
            return len(self._failures)

    def check(self, name: str, address: str) -> None:
        """Raise TooManyAttempts while (name, address) is locked out."""
        with self._lock:
            wait = self._wait((name, address), self._clock())
        if wait:
            raise TooManyAttempts(wait, subject=name)

    def failed(self, name: str, address: str) -> None:
        with self._lock:
            now = self._clock()
            # Sweep once a window: memory holds at most two windows' worth of keys.
            if self._swept is None or now - self._swept >= self._window:
                self._forget_before(now - self._window)
                self._swept = now
            times = self._failures.setdefault((name, address), deque(maxlen=self._max))
            times.append(now)

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._failures.pop((name, address), None)

    def login(self, ledger: Ledger, name: str, password: str, address: str) -> Account:
        """authenticate(), counted: refused while locked out, even with the right password."""
        self.check(name, address)
        try:
            account = authenticate(ledger, name, password)
        except Refused:
            self.failed(name, address)
            raise
        self.succeeded(name, address)
        return account

    def _wait(self, key: tuple[str, str], now: datetime) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        times = self._failures.get(key)
        if times is None or len(times) < self._max:
            return 0
        left = (times[0] + self._window - now).total_seconds()
        return max(0, math.ceil(left))

    def _forget_before(self, cutoff: datetime) -> None:
        stale = [k for k, times in self._failures.items() if times[-1] <= cutoff]
        for key in stale:
            del self._failures[key]
