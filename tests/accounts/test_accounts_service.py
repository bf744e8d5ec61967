"""Accounts through the services, on SQLite and (when a URL is given) PostgreSQL: users,
passwords, roles per case and the permission rule."""

from __future__ import annotations

import pytest
from accounts_support import PASSWORD
from argon2 import PasswordHasher

from claimgraph.errors import Conflict, InvalidInput, NotFound, Refused
from claimgraph.services import (
    Ledger,
    Permission,
    Role,
    add_user,
    authenticate,
    cases_visible,
    disable_user,
    get_user,
    grant,
    list_members,
    list_users,
    revoke,
    role_of,
    session_user,
    verify,
)
from claimgraph.services.accounts_tokens import create_session


@pytest.mark.parametrize(
    "name", ["", "a" * 81, "with space", "semi;colon", "ünï", "new\nline", "tab\t"]
)
def test_bad_user_names_are_refused(ledger: Ledger, name: str) -> None:
    with pytest.raises(InvalidInput, match="letters, digits"):
        add_user(ledger, name, PASSWORD)
    assert list_users(ledger) == []


def test_names_of_every_allowed_character_and_length_are_taken(people: Ledger) -> None:
    add_user(people, "A.b_c-9", PASSWORD)
    add_user(people, "x" * 80, PASSWORD)
    assert {"A.b_c-9", "x" * 80} <= {a.name for a in list_users(people)}


def test_short_passwords_and_duplicate_names_are_refused(people: Ledger) -> None:
    with pytest.raises(InvalidInput, match="at least 10"):
        add_user(people, "dave", "123456789")
    with pytest.raises(Conflict, match="exists"):
        add_user(people, "alice", "another password")
    assert [a.name for a in list_users(people)] == ["alice", "bob", "carol"]
    assert authenticate(people, "alice", PASSWORD).name == "alice"


def test_authenticate_says_the_same_for_unknown_names_and_wrong_passwords(
    people: Ledger,
) -> None:
    with pytest.raises(Refused) as wrong:
        authenticate(people, "alice", PASSWORD + "x")
    with pytest.raises(Refused) as unknown:
        authenticate(people, "nobody", PASSWORD)
    with pytest.raises(Refused) as invalid:
        authenticate(people, "not a name", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == str(invalid.value)
    account = authenticate(people, "carol", PASSWORD + "?")
    assert account.name == "carol" and account.is_admin and account.active


def test_a_disabled_user_cannot_sign_in_or_keep_a_session(people: Ledger) -> None:
    raw, _csrf = create_session(people, "bob")
    assert session_user(people, raw) is not None
    assert disable_user(people, "bob").disabled_at is not None
    with pytest.raises(Refused, match="disabled"):
        authenticate(people, "bob", PASSWORD + "!")
    assert session_user(people, raw) is None
    assert role_of(people, "bob", "floods") is None
    with pytest.raises(Refused, match="disabled"):
        create_session(people, "bob")


def test_an_old_hash_is_replaced_at_the_next_sign_in(people: Ledger) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with people.store.write() as w:  # a hash made with older, cheaper parameters
        w.update_row("users", {"name": "alice"}, {"password_hash": weak})
    assert authenticate(people, "alice", PASSWORD).name == "alice"
    stored = people.store.find_row("users", {"name": "alice"})
    assert stored is not None and stored["password_hash"] != weak
    assert not PasswordHasher().check_needs_rehash(stored["password_hash"])
    assert authenticate(people, "alice", PASSWORD).name == "alice"


def test_passwords_are_stored_as_argon2id_hashes_only(people: Ledger) -> None:
    row = people.store.find_row("users", {"name": "alice"})
    assert row is not None
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in str(row)


def test_roles_per_case(people: Ledger) -> None:
    grant(people, "floods", "alice", "viewer")
    grant(people, "floods", "bob", Role.EDITOR)
    grant(people, "fires", "bob", "admin")
    assert role_of(people, "alice", "floods") == Role.VIEWER
    assert role_of(people, "alice", "fires") is None
    assert role_of(people, "bob", "fires") == Role.ADMIN
    assert role_of(people, "nobody", "floods") is None
    assert cases_visible(people, "alice") == ["floods"]
    assert cases_visible(people, "bob") == ["fires", "floods"]
    assert cases_visible(people, "nobody") == []
    grant(people, "floods", "alice", "editor")  # a new grant replaces the old role
    assert role_of(people, "alice", "floods") == Role.EDITOR
    assert [(m.user, m.role) for m in list_members(people, "floods")] == [
        ("alice", Role.EDITOR),
        ("bob", Role.EDITOR),
    ]
    assert all(m.granted_by == "tester" for m in list_members(people))
    revoke(people, "floods", "alice")
    assert role_of(people, "alice", "floods") is None
    assert cases_visible(people, "alice") == []
    with pytest.raises(NotFound):
        revoke(people, "floods", "alice")


def test_a_site_admin_is_admin_of_every_existing_case(people: Ledger) -> None:
    assert role_of(people, "carol", "floods") == Role.ADMIN
    assert role_of(people, "carol", "fires") == Role.ADMIN
    assert role_of(people, "carol", "no-such-case") is None
    assert cases_visible(people, "carol") == ["fires", "floods"]
    assert get_user(people, "carol").is_admin


def test_grants_need_a_real_case_user_and_role(people: Ledger) -> None:
    with pytest.raises(NotFound, match="case"):
        grant(people, "no-such-case", "alice", "viewer")
    with pytest.raises(NotFound, match="user"):
        grant(people, "floods", "nobody", "viewer")
    with pytest.raises(InvalidInput, match="viewer, editor or admin"):
        grant(people, "floods", "alice", "owner")
    with pytest.raises(NotFound):
        list_members(people, "no-such-case")
    assert list_members(people) == []


def test_the_permission_rule() -> None:
    table = {
        None: (False, False, False),
        "stranger": (False, False, False),
        Role.VIEWER: (True, False, False),
        Role.EDITOR: (True, True, False),
        Role.ADMIN: (True, True, True),
        "editor": (True, True, False),
    }
    for role, expected in table.items():
        got = (Permission.can_read(role), Permission.can_write(role), Permission.can_manage(role))
        assert got == expected, role


def test_account_changes_are_audited_without_secrets(people: Ledger) -> None:
    grant(people, "floods", "alice", "viewer")
    revoke(people, "floods", "alice")
    entries = [e for e in people.store.audit_entries() if e.action.startswith(("user", "member"))]
    assert [(e.action, e.entity) for e in entries] == [
        ("user.add", "alice"),
        ("user.add", "bob"),
        ("user.add", "carol"),
        ("member.grant", "floods"),
        ("member.revoke", "floods"),
    ]
    assert entries[2].detail == {"admin": True}
    assert entries[3].detail == {"user": "alice", "role": "viewer"}
    text = repr(list(people.store.audit_entries()))
    assert "argon2" not in text and PASSWORD not in text
    assert verify(people).ok
