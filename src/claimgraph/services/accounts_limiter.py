"""Slowing down password guessing: failed sign-ins are counted per (user name, client
address), and after too many in the window further tries are refused, right password or
not, until the window has passed. The web app keeps the counts in the store, so every
server process sees the same."""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from claimgraph.errors import Refused
from claimgraph.services.accounts import Account, authenticate
from claimgraph.services.ledger import Ledger, utc_now
from claimgraph.store import limiter_queries as lq


class TooManyAttempts(Refused):
    """Refused for now; `retry_after` says in how many seconds to try again (an HTTP view
    answers 429 with a Retry-After header)."""

    def __init__(self, retry_after: int, *, subject: str | None = None) -> None:
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s", subject=subject)
        self.retry_after = retry_after


Key = tuple[str, str]  # (user name, client address)


class FailureBook(Protocol):
    """Where a limiter keeps failed sign-ins."""

    def latest(self, key: Key, n: int) -> list[datetime]: ...  # oldest first
    def add(self, key: Key, at: datetime) -> None: ...
    def clear(self, key: Key) -> None: ...
    def forget_before(self, cutoff: datetime) -> None: ...
    def tracked(self) -> int: ...


class MemoryBook:
    """One process's counts (a limiter of its own, or tests); at most `keep` per key."""

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._failures: dict[Key, deque[datetime]] = {}

    def latest(self, key: Key, n: int) -> list[datetime]:
        return list(self._failures.get(key, ()))[-n:]

    def add(self, key: Key, at: datetime) -> None:
        self._failures.setdefault(key, deque(maxlen=self._keep)).append(at)

    def clear(self, key: Key) -> None:
        self._failures.pop(key, None)

    def forget_before(self, cutoff: datetime) -> None:
        stale = [k for k, times in self._failures.items() if times[-1] <= cutoff]
        for key in stale:
            del self._failures[key]

    def tracked(self) -> int:
        return len(self._failures)


class StoredBook:
    """Counts in the store: every server process (`serve --workers N`) sees the same."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    def latest(self, key: Key, n: int) -> list[datetime]:
        with self._ledger.store.read() as conn:
            return [datetime.fromisoformat(at) for at in lq.latest(conn, *key, n)]

    def add(self, key: Key, at: datetime) -> None:
        with self._ledger.store.write() as w:
            lq.add(w.conn, *key, at.isoformat())

    def clear(self, key: Key) -> None:
        with self._ledger.store.write() as w:
            lq.clear(w.conn, *key)

    def forget_before(self, cutoff: datetime) -> None:
        with self._ledger.store.write() as w:
            lq.forget_before(w.conn, cutoff.isoformat())

    def tracked(self) -> int:
        with self._ledger.store.read() as conn:
            return lq.tracked(conn)


class LoginLimiter:
    """Counts failed sign-ins in a book (in memory by default; `StoredBook` shares them
    between processes); safe across threads. Counts are kept for the window only, so
    what is kept stays bounded by the guessing rate."""

    def __init__(
        self,
        clock: Callable[[], datetime] = utc_now,
        *,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=5),
        book: FailureBook | None = None,
    ) -> None:
        if max_failures < 1 or window <= timedelta(0):
            raise ValueError("a limiter needs max_failures >= 1 and a positive window")
        self._clock = clock
        self._max = max_failures
        self._window = window
        self._book: FailureBook = book or MemoryBook(max_failures)
        self._swept: datetime | None = None
        self._lock = threading.Lock()

    @property
    def tracked(self) -> int:
        """How many (name, address) pairs have failures on record."""
        with self._lock:
            return self._book.tracked()

    def check(self, name: str, address: str) -> None:
        """Raise TooManyAttempts while (name, address) is locked out."""
        with self._lock:
            wait = self._wait(self._book.latest((name, address), self._max), self._clock())
        if wait:
            raise TooManyAttempts(wait, subject=name)

    def failed(self, name: str, address: str) -> None:
        with self._lock:
            now = self._clock()
            # Sweep once a window: at most two windows' worth of keys are kept.
            if self._swept is None or now - self._swept >= self._window:
                self._book.forget_before(now - self._window)
                self._swept = now
            self._book.add((name, address), now)

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._book.clear((name, address))

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
