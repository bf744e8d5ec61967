"""The sign-in limiter on a clock moved by hand: five failures of one (name, address) in
five minutes lock that pair out for the rest of the window, right password or not. The
counts are in the store (both engines), where every server process shares them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from accounts_support import PASSWORD, Clock

from claimgraph.errors import Refused
from claimgraph.services import Ledger, LoginLimiter, TooManyAttempts

HERE = "203.0.113.7"
Make = Callable[..., LoginLimiter]


@pytest.fixture
def make(ledger: Ledger) -> Make:
    def build(clock: Clock, **limits: Any) -> LoginLimiter:
        return LoginLimiter(ledger, clock=clock, **limits)

    return build


def _fail(limiter: LoginLimiter, times: int, name: str = "alice", address: str = HERE) -> None:
    for _ in range(times):
        limiter.check(name, address)
        limiter.failed(name, address)


def test_five_failures_lock_out_for_the_rest_of_the_window(make: Make, clock: Clock) -> None:
    limiter = make(clock)
    _fail(limiter, 4)
    limiter.check("alice", HERE)  # four failures: still allowed
    clock.advance(seconds=60)
    _fail(limiter, 1)  # the fifth, a minute after the first
    with pytest.raises(TooManyAttempts) as locked:
        limiter.check("alice", HERE)
    assert locked.value.retry_after == 240
    assert "try again in 240 s" in str(locked.value)
    assert isinstance(locked.value, Refused)
    clock.advance(seconds=239)
    with pytest.raises(TooManyAttempts) as still:
        limiter.check("alice", HERE)
    assert still.value.retry_after == 1
    clock.advance(seconds=1)  # five minutes after the first failure
    limiter.check("alice", HERE)


def test_the_window_slides_over_old_failures(make: Make, clock: Clock) -> None:
    limiter = make(clock)
    _fail(limiter, 4)
    clock.advance(minutes=5, seconds=1)
    _fail(limiter, 4)  # the first four have left the window
    limiter.check("alice", HERE)
    _fail(limiter, 1)
    with pytest.raises(TooManyAttempts):
        limiter.check("alice", HERE)


def test_other_names_and_addresses_are_not_locked(make: Make, clock: Clock) -> None:
    limiter = make(clock)
    _fail(limiter, 5)
    with pytest.raises(TooManyAttempts):
        limiter.check("alice", HERE)
    limiter.check("alice", "198.51.100.1")
    limiter.check("bob", HERE)


def test_success_resets_the_count(make: Make, clock: Clock) -> None:
    limiter = make(clock)
    _fail(limiter, 4)
    limiter.succeeded("alice", HERE)
    _fail(limiter, 4)
    limiter.check("alice", HERE)


def test_limits_can_be_set(make: Make, clock: Clock) -> None:
    limiter = make(clock, max_failures=2, window=timedelta(seconds=10))
    _fail(limiter, 2)
    with pytest.raises(TooManyAttempts):
        limiter.check("alice", HERE)
    clock.advance(seconds=10)
    limiter.check("alice", HERE)
    with pytest.raises(ValueError):
        make(clock, max_failures=0)


def test_stale_entries_are_swept(make: Make, clock: Clock) -> None:
    limiter = make(clock)
    for i in range(1500):
        limiter.failed(f"user{i}", HERE)
    assert limiter.tracked == 1500
    clock.advance(minutes=5)
    limiter.failed("late", HERE)
    assert limiter.tracked == 1


def test_counts_hold_across_threads(make: Make, clock: Clock) -> None:
    limiter = make(clock, max_failures=50)
    workers = [threading.Thread(target=_fail, args=(limiter, 10)) for _ in range(5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with pytest.raises(TooManyAttempts):
        limiter.check("alice", HERE)


def test_login_refuses_even_the_right_password_when_locked(
    make: Make, people: Ledger, clock: Clock
) -> None:
    limiter = make(clock)
    for _ in range(5):
        with pytest.raises(Refused, match="wrong user name or password"):
            limiter.login(people, "alice", "not the password", HERE)
    with pytest.raises(TooManyAttempts):
        limiter.login(people, "alice", PASSWORD, HERE)
    assert limiter.login(people, "alice", PASSWORD, "198.51.100.1").name == "alice"
    clock.advance(minutes=5)
    assert limiter.login(people, "alice", PASSWORD, HERE).name == "alice"
    for _ in range(4):  # the success above started the count afresh
        with pytest.raises(Refused):
            limiter.login(people, "alice", "not the password", HERE)
    assert limiter.login(people, "alice", PASSWORD, HERE).name == "alice"
