"""Web sessions and API tokens, on SQLite and (when a URL is given) PostgreSQL: they work
until ended, revoked or expired, and only their hashes are ever stored or exported."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from accounts_support import PASSWORD, Clock

from claimgraph.errors import InvalidInput, NotFound, Refused
from claimgraph.model import sha256_hex
from claimgraph.services import (
    Ledger,
    check_csrf,
    create_api_token,
    create_session,
    disable_user,
    end_session,
    export_lines,
    list_api_tokens,
    revoke_api_token,
    session_info,
    session_user,
    token_user,
)


def test_a_session_lasts_until_it_expires(people: Ledger, clock: Clock) -> None:
    raw, csrf = create_session(people, "alice", timedelta(minutes=30))
    info = session_info(people, raw)
    assert info is not None and info.user.name == "alice" and info.csrf_token == csrf
    clock.advance(minutes=29, seconds=59)
    user = session_user(people, raw)
    assert user is not None and user.name == "alice"
    clock.advance(seconds=1)
    assert session_user(people, raw) is None
    assert check_csrf(people, raw, csrf) is False


def test_a_session_ends_when_asked(people: Ledger) -> None:
    raw, _ = create_session(people, "bob")
    other, _ = create_session(people, "bob")
    end_session(people, raw)
    end_session(people, raw)  # twice is harmless
    end_session(people, "never-issued")
    assert session_user(people, raw) is None
    user = session_user(people, other)
    assert user is not None and user.name == "bob"


def test_unknown_tokens_find_nobody(people: Ledger) -> None:
    raw, _ = create_session(people, "alice")
    for wrong in ("", raw[:-1], raw + "x", sha256_hex(raw.encode())):
        assert session_user(people, wrong) is None
        assert token_user(people, wrong) is None


def test_csrf_tokens_belong_to_their_session(people: Ledger) -> None:
    raw_a, csrf_a = create_session(people, "alice")
    raw_b, csrf_b = create_session(people, "bob")
    assert check_csrf(people, raw_a, csrf_a) and check_csrf(people, raw_b, csrf_b)
    assert not check_csrf(people, raw_a, csrf_b)
    assert not check_csrf(people, raw_a, "")
    assert not check_csrf(people, raw_a, "ünicode")
    assert csrf_a != csrf_b and raw_a != raw_b


def test_sessions_need_an_existing_user_and_a_positive_lifetime(people: Ledger) -> None:
    with pytest.raises(NotFound):
        create_session(people, "nobody")
    with pytest.raises(InvalidInput):
        create_session(people, "alice", timedelta(0))


def test_api_tokens_work_until_revoked(people: Ledger, clock: Clock) -> None:
    raw = create_api_token(people, "alice", "  nightly import ")
    clock.advance(seconds=1)  # tokens are listed oldest first
    other = create_api_token(people, "alice", "laptop")
    user = token_user(people, raw)
    assert user is not None and user.name == "alice"
    listed = list_api_tokens(people, "alice")
    assert [t.label for t in listed] == ["nightly import", "laptop"]
    assert listed[0].id == sha256_hex(raw.encode())
    with pytest.raises(InvalidInput, match="8"):
        revoke_api_token(people, "alice", listed[0].id[:7])
    with pytest.raises(NotFound):  # a token is revoked only through its own user
        revoke_api_token(people, "bob", listed[0].id)
    revoked = revoke_api_token(people, "alice", listed[0].id[:8].upper())
    assert revoked.revoked_at is not None
    assert token_user(people, raw) is None
    assert token_user(people, other) is not None
    assert revoke_api_token(people, "alice", listed[0].id).revoked_at == revoked.revoked_at


def test_tokens_need_a_label_and_an_active_user(people: Ledger) -> None:
    for label in ("", "   ", "x" * 201, "line\nbreak"):
        with pytest.raises(InvalidInput, match="label"):
            create_api_token(people, "alice", label)
    with pytest.raises(NotFound):
        create_api_token(people, "nobody", "label")
    raw = create_api_token(people, "bob", "before")
    disable_user(people, "bob")
    assert token_user(people, raw) is None
    with pytest.raises(Refused):
        create_api_token(people, "bob", "after")


def test_only_hashes_are_stored_and_nothing_secret_is_exported(people: Ledger) -> None:
    session, csrf = create_session(people, "alice")
    token = create_api_token(people, "alice", "ci")
    revoke_api_token(people, "alice", sha256_hex(token.encode()))
    stored = [
        *people.store.table_rows("web_sessions"),
        *people.store.table_rows("api_tokens"),
    ]
    assert {r["id"] for r in stored} == {sha256_hex(session.encode()), sha256_hex(token.encode())}
    assert session not in str(stored) and token not in str(stored)

    exported = "\n".join(export_lines(people))
    tables = {json.loads(line).get("table") for line in exported.splitlines()}
    assert "audit_log" in tables and "cases" in tables
    assert not tables & {"users", "memberships", "web_sessions", "api_tokens"}
    secrets_ = (PASSWORD, "$argon2", session, csrf, token, sha256_hex(token.encode()))
    for secret in secrets_:
        assert secret not in exported
    audit = repr(list(people.store.audit_entries()))
    assert [e.action for e in people.store.audit_entries()][-2:] == ["token.create", "token.revoke"]
    for secret in secrets_:
        assert secret not in audit
