"""Use cases of accounts: the people who may sign in to the web app and the API, their
passwords (argon2id) and their role in each case. A site admin is admin of every case.

Accounts are not evidence: their rows never leave in an export, and the audit log records
who was added or given a role, never a password or a hash of one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from claimgraph.errors import Conflict, InvalidInput, NotFound, Refused
from claimgraph.services.ledger import Ledger
from claimgraph.store import Writer
from claimgraph.store.rows import iso

_NAME = re.compile(r"[A-Za-z0-9._-]{1,80}")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 takes any length; the cap keeps a hostile form bounded
WRONG_LOGIN = "wrong user name or password"
# The hash of a random password nobody knows: checking a name that does not exist costs
# as much as checking one that does, so timing does not tell which names exist.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$NbZg10zsf2dE6zN4NyM4YA"
    "$OfMVfid6pU8wS6k55mUem/+ux/hjTU9lSsGbXSwnnHc"
)


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class Permission:
    """What a role allows, in one place: views ask here and never compare roles."""

    @staticmethod
    def can_read(role: Role | str | None) -> bool:
        return role in (Role.VIEWER, Role.EDITOR, Role.ADMIN)

    @staticmethod
    def can_write(role: Role | str | None) -> bool:
        """Add evidence, record reviews and judgements."""
        return role in (Role.EDITOR, Role.ADMIN)

    @staticmethod
    def can_manage(role: Role | str | None) -> bool:
        """Grant and revoke the roles of others in the case."""
        return role == Role.ADMIN


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    is_admin: bool
    created_at: str
    disabled_at: str | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


@dataclass(frozen=True, slots=True)
class Membership:
    case: str
    user: str
    role: Role
    granted_at: str
    granted_by: str


def check_user_name(name: str) -> str:
    """The name, if it is one a user may have (checked before asking for a password)."""
    if not _NAME.fullmatch(name):
        raise InvalidInput(
            "must be 1 to 80 characters: letters, digits, '.', '_' or '-'", subject="user name"
        )
    return name


def check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidInput("must be viewer, editor or admin", subject="role") from None


def add_user(ledger: Ledger, name: str, password: str, *, admin: bool = False) -> Account:
    check_user_name(name)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"needs at least {MIN_PASSWORD} characters", subject="password")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"may have at most {MAX_PASSWORD} characters", subject="password")
    digest = PasswordHasher().hash(password)  # before the transaction: hashing is slow
    at = ledger.clock()
    row = {
        "name": name,
        "password_hash": digest,
        "is_admin": int(admin),
        "created_at": iso(at),
        "disabled_at": None,
    }
    with ledger.store.write() as w:
        if w.has_key("users", {"name": name}):
            raise Conflict("a user of that name exists", subject=name)
        w.insert_rows("users", [row])
        w.append_audit(at, ledger.user, "user.add", name, {"admin": admin})
    return _account(row)


def disable_user(ledger: Ledger, name: str) -> Account:
    """Stop a user signing in; their sessions and tokens stop working at once."""
    at = ledger.clock()
    with ledger.store.write() as w:
        row = user_row(w, name)
        if row["disabled_at"] is None:
            row["disabled_at"] = iso(at)
            w.update_row("users", {"name": name}, {"disabled_at": row["disabled_at"]})
            w.append_audit(at, ledger.user, "user.disable", name, {})
    return _account(row)


def authenticate(ledger: Ledger, name: str, password: str) -> Account:
    """The account whose password this is; the same refusal for an unknown name as for a
    wrong password. A hash made with older parameters is replaced by a current one."""
    row = ledger.store.find_row("users", {"name": name}) if _NAME.fullmatch(name) else None
    stored = str(row["password_hash"]) if row else _DUMMY_HASH
    hasher = PasswordHasher()
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise Refused(WRONG_LOGIN) from None
    if row is None:  # only a password that matches the dummy hash gets here: nobody's
        raise Refused(WRONG_LOGIN)
    if row["disabled_at"] is not None:
        raise Refused("this account is disabled", subject=name)
    if hasher.check_needs_rehash(stored):
        fresh = hasher.hash(password)
        with ledger.store.write() as w:
            w.update_row("users", {"name": name}, {"password_hash": fresh})
    return _account(row)


def get_user(ledger: Ledger, name: str) -> Account:
    row = ledger.store.find_row("users", {"name": name})
    if row is None:
        raise NotFound("no such user", subject=name)
    return _account(row)


def active_account(ledger: Ledger, name: str) -> Account | None:
    """The account, if it exists and is not disabled."""
    row = ledger.store.find_row("users", {"name": name})
    return _account(row) if row and row["disabled_at"] is None else None


def list_users(ledger: Ledger) -> list[Account]:
    return [_account(r) for r in ledger.store.table_rows("users")]


def grant(ledger: Ledger, case: str, user: str, role: Role | str) -> Membership:
    """Give `user` a role in `case`, replacing the role they had there."""
    checked = check_role(role)
    at, who = ledger.clock(), ledger.user
    key = {"case_name": case, "user_name": user}
    values = {"role": checked.value, "granted_at": iso(at), "granted_by": who}
    with ledger.store.write() as w:
        if w.find_row("cases", {"name": case}) is None:
            raise NotFound("no such case", subject=case)
        user_row(w, user)
        if not w.update_row("memberships", key, values):
            w.insert_rows("memberships", [{**key, **values}])
        w.append_audit(at, who, "member.grant", case, {"user": user, "role": checked.value})
    return Membership(case, user, checked, values["granted_at"], who)


def revoke(ledger: Ledger, case: str, user: str) -> None:
    """Take away `user`'s role in `case` (a site admin keeps seeing every case)."""
    at = ledger.clock()
    with ledger.store.write() as w:
        if not w.delete_row("memberships", {"case_name": case, "user_name": user}):
            raise NotFound(f"has no role in case {case}", subject=user)
        w.append_audit(at, ledger.user, "member.revoke", case, {"user": user})


def role_of(ledger: Ledger, user: str, case: str) -> Role | None:
    """The user's role in the case; None for no role, an unknown or a disabled user."""
    account = active_account(ledger, user)
    return role_for(ledger, account, case) if account is not None else None


def role_for(ledger: Ledger, account: Account, case: str) -> Role | None:
    """The role in the case of an account found active just now (a request's signed-in
    user): one read. A membership names an existing case (a foreign key)."""
    if account.is_admin:
        return Role.ADMIN if ledger.store.case_exists(case) else None
    row = ledger.store.find_row("memberships", {"case_name": case, "user_name": account.name})
    return Role(row["role"]) if row else None


def cases_visible(ledger: Ledger, user: str) -> list[str]:
    """The names of the cases the user may read, sorted."""
    account = active_account(ledger, user)
    if account is None:
        return []
    if account.is_admin:
        return [c.name for c in ledger.store.list_cases()]
    return sorted(m.case for m in list_members(ledger, user=user))


def list_members(
    ledger: Ledger, case: str | None = None, *, user: str | None = None
) -> list[Membership]:
    """Roles given, of one case, of one user, or all of them."""
    if case is not None and not ledger.store.case_exists(case):
        raise NotFound("no such case", subject=case)
    where = {k: v for k, v in (("case_name", case), ("user_name", user)) if v is not None}
    return [
        Membership(
            r["case_name"], r["user_name"], Role(r["role"]), r["granted_at"], r["granted_by"]
        )
        for r in ledger.store.rows_where("memberships", **where)
    ]


def user_row(w: Writer, name: str, *, active: bool = False) -> dict[str, Any]:
    """The user's row inside a transaction; NotFound (or Refused, when `active` is asked
    for and the user is disabled) otherwise."""
    row = w.find_row("users", {"name": name})
    if row is None:
        raise NotFound("no such user", subject=name)
    if active and row["disabled_at"] is not None:
        raise Refused("this account is disabled", subject=name)
    return row


def _account(row: dict[str, Any]) -> Account:
    return Account(row["name"], bool(row["is_admin"]), row["created_at"], row["disabled_at"])
