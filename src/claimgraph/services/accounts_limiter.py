"""Slowing down password guessing: failed sign-ins are counted per (user name, client
address), and after too many in the window further tries are refused, right password or
not, until the window has passed."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from claimgraph.errors import Refused
from claimgraph.services.accounts import Account, authenticate
from claimgraph.services.ledger import Ledger
from claimgraph.store import limiter_queries as lq


class TooManyAttempts(Refused):
    """Refused for now; `retry_after` says in how many seconds to try again (an HTTP view
    answers 429 with a Retry-After header)."""

    def __init__(self, retry_after: int, *, subject: str | None = None) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s", subject=subject)
        self.retry_after = retry_after


class LoginLimiter:
    """Counts failed sign-ins in the store, so every server process (`serve --workers N`)
    sees the same; safe across threads. Counts are kept for the window only, so what is
    kept stays bounded by the guessing rate."""

    def __init__(
        self,
        ledger: Ledger,
        *,
        clock: Callable[[], datetime] | None = None,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=5),
    ) -> None:
        if max_failures < 1 or window <= timedelta(0):
            raise ValueError("a limiter needs max_failures >= 1 and a positive window")
        self._ledger = ledger
        self._clock = clock or (lambda: ledger.clock())  # the ledger's, whatever it is set to
        self._max = max_failures
        self._window = window
        self._swept: datetime | None = None
        self._lock = threading.Lock()

    @property
    def tracked(self) -> int:
        """How many (name, address) pairs have failures on record."""
        with self._ledger.store.read() as conn:
            return lq.tracked(conn)

    def check(self, name: str, address: str) -> None:
        """Raise TooManyAttempts while (name, address) is locked out."""
        with self._ledger.store.read() as conn:
            times = lq.latest(conn, name, address, self._max)
        wait = self._wait([datetime.fromisoformat(at) for at in times], self._clock())
        if wait:
            raise TooManyAttempts(wait, subject=name)

    def failed(self, name: str, address: str) -> None:
        now = self._clock()
        with self._lock:  # sweep once a window per process: two windows' worth are kept
            sweep = self._swept is None or now - self._swept >= self._window
            if sweep:
                self._swept = now
        with self._ledger.store.write() as w:
            if sweep:
                lq.forget_before(w.conn, (now - self._window).isoformat())
            lq.add(w.conn, name, address, now.isoformat())

    def succeeded(self, name: str, address: str) -> None:
        with self._ledger.store.write() as w:
            lq.clear(w.conn, name, address)

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

    def _wait(self, times: list[datetime], now: datetime) -> int:
        """Seconds until a key with these latest failures may try again; 0 when it may."""
        if len(times) < self._max:
            return 0
        left = (times[0] + self._window - now).total_seconds()
        return max(0, math.ceil(left))
