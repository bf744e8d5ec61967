"""Who is asking, and what they may do with a case.

A request is authenticated by an API token (`Authorization: Bearer …`, for scripts) or
by the session cookie the login sets (for the browser). A request that changes
something on the strength of the cookie must also carry the session's CSRF token (the
`X-CSRF-Token` header, or the form's `csrf` field): a token-authenticated script has no
cookie to be tricked with. Cases are visible to their members only: to anyone else a
case does not exist (404), so its name leaks nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request

from claimgraph.errors import Forbidden, NotFound, Unauthenticated
from claimgraph.services import (
    Account,
    Ledger,
    LoginLimiter,
    Permission,
    Role,
    check_csrf,
    role_for,
    session_info,
    token_user,
)

T = TypeVar("T")
SESSION_COOKIE = "cg_session"
CSRF_HEADER = "X-CSRF-Token"
_SAFE = frozenset(("GET", "HEAD", "OPTIONS"))


class Memo:
    """Results that are pure functions of a stored analysis (a figures page of a case of
    10^6 claims), kept for the process by a key that names the analysis they came from;
    least recently used out first. A kept page part is a few hundred kilobytes at most
    (drawings and tables are capped), so 256 of them stay well under 100 MB."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._pending: dict[tuple[Any, ...], threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The kept result, or `make()`'s; twenty first views at once compute it once
        (the others wait for it), and a failed `make` is not kept."""
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    found: T = self._items[key]
                    return found
                waiting = self._pending.get(key)
                if waiting is None:
                    self._pending[key] = threading.Event()
                    break
            waiting.wait()
        try:
            made = make()
            with self._lock:
                self._items[key] = made
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
            return made
        finally:
            with self._lock:
                self._pending.pop(key).set()


@dataclass(slots=True)
class AppState:
    """What every request shares: the ledger (one engine, loaded models), the login
    limiter and the upload cap."""

    ledger: Ledger
    limiter: LoginLimiter = field(init=False)
    max_upload_bytes: int = 50 * 1024 * 1024
    secure_cookies: bool = False  # set behind HTTPS; loopback demos run plain HTTP
    memo: Memo = field(default_factory=Memo)

    def __post_init__(self) -> None:
        self.limiter = LoginLimiter(self.ledger)  # counts in the store, shared by workers


@dataclass(frozen=True, slots=True)
class Principal:
    account: Account
    via: str  # "session" | "token"
    session: str | None = None  # the raw session token, for the CSRF check
    csrf: str | None = None  # the session's CSRF token, for the forms of a page

    @property
    def name(self) -> str:
        return self.account.name


@dataclass(frozen=True, slots=True)
class CaseAccess:
    """A member's access to one case, with a ledger that writes in their name."""

    case: str
    role: Role
    principal: Principal
    ledger: Ledger


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.cg
    return state


def find_principal(request: Request) -> Principal | None:
    ledger = app_state(request).ledger
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        account = token_user(ledger, token.strip())
        if account is None:
            raise Unauthenticated("unknown or revoked API token")
        return Principal(account, "token")
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        info = session_info(ledger, raw)
        if info is not None:
            return Principal(info.user, "session", raw, info.csrf_token)
    return None


def principal(request: Request) -> Principal:
    found = find_principal(request)
    if found is None:
        raise Unauthenticated("log in, or send an API token as 'Authorization: Bearer …'")
    return found


async def require_csrf(request: Request, who: Principal) -> None:
    """Unsafe methods with a session cookie need the session's CSRF token."""
    if request.method in _SAFE or who.via != "session" or who.session is None:
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf")
        given = value if isinstance(value, str) else ""
    if not check_csrf(app_state(request).ledger, who.session, given):
        raise Forbidden("missing or wrong CSRF token", subject="csrf")


def case_access(request: Request, case: str, who: Principal, *, write: bool) -> CaseAccess:
    ledger = app_state(request).ledger
    role = role_for(ledger, who.account, case)
    if role is None or not Permission.can_read(role):
        raise NotFound("no such case", subject=case)
    if write and not Permission.can_write(role):
        raise Forbidden(f"a {role.value} of this case cannot change it", subject=case)
    return CaseAccess(case, role, who, ledger.as_user(who.name))


CasePath = Annotated[str, Path(min_length=1, max_length=80, description="Case name")]
Who = Annotated[Principal, Depends(principal)]


def reader(request: Request, case: CasePath, who: Who) -> CaseAccess:
    return case_access(request, case, who, write=False)


async def writer(request: Request, case: CasePath, who: Who) -> CaseAccess:
    await require_csrf(request, who)
    return case_access(request, case, who, write=True)


Read = Annotated[CaseAccess, Depends(reader)]
Write = Annotated[CaseAccess, Depends(writer)]
