"""Use cases of staying signed in: web sessions (a cookie token with its CSRF token) and
API tokens. A raw token is handed out once and never stored: the store keeps its SHA-256,
so a copy of the database lets nobody sign in."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from claimgraph.errors import InvalidInput, NotFound
from claimgraph.model import sha256_hex
from claimgraph.services.accounts import Account, active_account, user_row
from claimgraph.services.ledger import Ledger
from claimgraph.store.rows import iso

DEFAULT_SESSION_TTL = timedelta(hours=12)
_MIN_TOKEN_PREFIX = 8


@dataclass(frozen=True, slots=True)
class SessionInfo:
    user: Account
    csrf_token: str
    expires_at: str


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str  # SHA-256 hex of the token: names it, cannot stand in for it
    user: str
    label: str
    created_at: str
    revoked_at: str | None


def token_id(raw: str) -> str:
    return sha256_hex(raw.encode("utf-8"))


def create_session(
    ledger: Ledger, user: str, ttl: timedelta = DEFAULT_SESSION_TTL
) -> tuple[str, str]:
    """A new session for an active user: (session token, CSRF token). Not audited: signing
    in changes no evidence."""
    if ttl <= timedelta(0):
        raise InvalidInput("a session must last a positive time", subject="ttl")
    raw, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    at = ledger.clock()
    row = {
        "id": token_id(raw),
        "user_name": user,
        "csrf_token": csrf,
        "created_at": iso(at),
        "expires_at": iso(at + ttl),
        "revoked_at": None,
    }
    with ledger.store.write() as w:
        user_row(w, user, active=True)
        w.insert_rows("web_sessions", [row])
    return raw, csrf


def session_info(ledger: Ledger, raw: str) -> SessionInfo | None:
    """The live session of this token; None when unknown, ended, expired or its user is
    disabled."""
    row = _live_row(ledger, "web_sessions", raw)
    if row is None or datetime.fromisoformat(row["expires_at"]) <= ledger.clock():
        return None
    account = active_account(ledger, row["user_name"])
    return SessionInfo(account, row["csrf_token"], row["expires_at"]) if account else None


def session_user(ledger: Ledger, raw: str) -> Account | None:
    found = session_info(ledger, raw)
    return found.user if found else None


def check_csrf(ledger: Ledger, raw: str, given: str) -> bool:
    """Whether `given` is the CSRF token of the live session `raw`."""
    found = session_info(ledger, raw)
    return found is not None and hmac.compare_digest(
        found.csrf_token.encode("utf-8"), given.encode("utf-8")
    )


def end_session(ledger: Ledger, raw: str) -> None:
    """Sign out; ending an unknown or ended session is not an error."""
    at = ledger.clock()
    with ledger.store.write() as w:
        key = {"id": token_id(raw)}
        row = w.find_row("web_sessions", key)
        if row is not None and row["revoked_at"] is None:
            w.update_row("web_sessions", key, {"revoked_at": iso(at)})


def create_api_token(ledger: Ledger, user: str, label: str) -> str:
    """A new API token for an active user; the raw token is returned this once only."""
    label = label.strip()
    if not 1 <= len(label) <= 200 or not label.isprintable():
        raise InvalidInput("a label is 1 to 200 printable characters", subject="label")
    raw = secrets.token_urlsafe(32)
    tid, at = token_id(raw), ledger.clock()
    row = {
        "id": tid,
        "user_name": user,
        "label": label,
        "created_at": iso(at),
        "revoked_at": None,
    }
    with ledger.store.write() as w:
        user_row(w, user, active=True)
        w.insert_rows("api_tokens", [row])
        w.append_audit(
            at, ledger.user, "token.create", user, {"label": label, "token_id": tid[:16]}
        )
    return raw


def token_user(ledger: Ledger, raw: str) -> Account | None:
    """The active user an unrevoked API token belongs to, else None."""
    row = _live_row(ledger, "api_tokens", raw)
    return active_account(ledger, row["user_name"]) if row else None


def list_api_tokens(ledger: Ledger, user: str) -> list[TokenInfo]:
    found = ledger.store.rows_where("api_tokens", user_name=user)
    return sorted((_token_info(r) for r in found), key=lambda t: (t.created_at, t.id))


def revoke_api_token(ledger: Ledger, user: str, ref: str) -> TokenInfo:
    """Revoke one of `user`'s tokens, named by its id or the first 8+ digits of it."""
    ref = ref.strip().lower()
    if len(ref) < _MIN_TOKEN_PREFIX:
        raise InvalidInput(f"give at least {_MIN_TOKEN_PREFIX} digits of the id", subject=ref)
    matches = [t for t in list_api_tokens(ledger, user) if t.id.startswith(ref)]
    if not matches:
        raise NotFound(f"no token of {user} has this id", subject=ref)
    if len(matches) > 1:
        raise InvalidInput("more than one token matches; give more of the id", subject=ref)
    at = ledger.clock()
    with ledger.store.write() as w:
        row = w.find_row("api_tokens", {"id": matches[0].id})
        assert row is not None  # tokens are revoked, never deleted
        if row["revoked_at"] is None:
            row["revoked_at"] = iso(at)
            w.update_row("api_tokens", {"id": row["id"]}, {"revoked_at": row["revoked_at"]})
            w.append_audit(at, ledger.user, "token.revoke", user, {"token_id": row["id"][:16]})
    return _token_info(row)


def _live_row(ledger: Ledger, table: str, raw: str) -> dict[str, Any] | None:
    # Looked up by the hash of the token, so the lookup's timing tells nothing of it.
    row = ledger.store.find_row(table, {"id": token_id(raw)}) if raw else None
    return row if row and row["revoked_at"] is None else None


def _token_info(row: dict[str, Any]) -> TokenInfo:
    return TokenInfo(
        row["id"], row["user_name"], row["label"], row["created_at"], row["revoked_at"]
    )
