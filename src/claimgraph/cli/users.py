"""`claimgraph user …`: the people who may sign in to the web app and the API, their role
in each case, and their API tokens."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import Annotated, Any

import typer

from claimgraph.cli.common import Home, Json, User, make_out, make_settings
from claimgraph.cli.output import mapped_errors
from claimgraph.errors import InvalidInput
from claimgraph.services import (
    add_user,
    check_user_name,
    create_api_token,
    disable_user,
    grant,
    list_api_tokens,
    list_members,
    list_users,
    open_ledger,
    revoke,
    revoke_api_token,
    token_id,
)

users_app = typer.Typer(help="Accounts for the web app and API: add, roles per case, tokens.")

Name = Annotated[str, typer.Argument(help="The user's name")]
Case = Annotated[str, typer.Option("--case", help="The case")]


def _done(ctx: typer.Context, json_: bool, record: dict[str, Any], message: str) -> None:
    """What a change reports: the record as JSON when asked for, else one line."""
    out = make_out(ctx, json_, text=True)
    if out.json:
        out.record(record)
    else:
        out.line(message)


@users_app.command("add")
@mapped_errors
def add(
    ctx: typer.Context,
    name: Name,
    admin: Annotated[bool, typer.Option("--admin", help="Admin of every case")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line")
    ] = False,
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Add a user who may sign in; asks for the password twice, unseen."""
    check_user_name(name)  # before asking for a password in vain
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("no password on stdin", subject="--password-stdin")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        account = add_user(ledger, name, password, admin=admin)
    kind = "admin user" if account.is_admin else "user"
    _done(ctx, json_, asdict(account), f"added {kind} {account.name}")


@users_app.command("grant")
@mapped_errors
def grant_cmd(
    ctx: typer.Context,
    name: Name,
    case: Case,
    role: Annotated[str, typer.Option("--role", help="viewer, editor or admin")],
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Give a user a role in a case (replacing the one they had there)."""
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        m = grant(ledger, case, name, role)
    _done(ctx, json_, asdict(m), f"{m.user} is {m.role.value} of case {m.case}")


@users_app.command("revoke")
@mapped_errors
def revoke_cmd(
    ctx: typer.Context,
    name: Name,
    case: Case,
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Take away a user's role in a case."""
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        revoke(ledger, case, name)
    record = {"user": name, "case": case, "role": None}
    _done(ctx, json_, record, f"{name} has no role in case {case} now")


@users_app.command("list")
@mapped_errors
def list_cmd(ctx: typer.Context, home: Home = None, json_: Json = False) -> None:
    """List users with their roles per case."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        accounts = list_users(ledger)
        roles: dict[str, dict[str, str]] = {}
        for m in list_members(ledger):
            roles.setdefault(m.user, {})[m.case] = m.role.value
    out = make_out(ctx, json_)
    rows = [{**asdict(a), "roles": roles.get(a.name, {})} for a in accounts]
    if not out.json:
        for r in rows:
            r["roles"] = ", ".join(f"{case}: {role}" for case, role in r["roles"].items())
    cols = ("name", "is_admin", "roles", "created_at", "disabled_at")
    out.rows(rows, cols, title=f"{len(rows)} users")


@users_app.command("disable")
@mapped_errors
def disable(
    ctx: typer.Context, name: Name, home: Home = None, user: User = None, json_: Json = False
) -> None:
    """Stop a user signing in; their sessions and API tokens stop working at once."""
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        account = disable_user(ledger, name)
    _done(ctx, json_, asdict(account), f"{account.name} disabled since {account.disabled_at}")


@users_app.command("token")
@mapped_errors
def token(
    ctx: typer.Context,
    name: Name,
    label: Annotated[str, typer.Option("--label", help="What the token is for")],
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Make an API token for a user and print it, this once only."""
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        raw = create_api_token(ledger, name, label)
    out = make_out(ctx, json_, text=True)
    if out.json:
        out.record({"user": name, "label": label.strip(), "id": token_id(raw), "token": raw})
        return
    typer.echo(raw)  # alone on stdout, so that `$(claimgraph user token …)` is the token
    out.error(f"token {token_id(raw)[:12]} for {name}: shown this once, keep it secret")


@users_app.command("tokens")
@mapped_errors
def tokens(ctx: typer.Context, name: Name, home: Home = None, json_: Json = False) -> None:
    """List a user's API tokens (ids and labels; the tokens themselves are not kept)."""
    with open_ledger(make_settings(ctx, home)) as ledger:
        found = list_api_tokens(ledger, name)
    out = make_out(ctx, json_)
    rows = [asdict(t) for t in found]
    if not out.json:
        rows = [{**r, "id": r["id"][:12]} for r in rows]
    out.rows(rows, ("id", "label", "created_at", "revoked_at"), title=f"tokens of {name}")


@users_app.command("token-revoke")
@mapped_errors
def token_revoke(
    ctx: typer.Context,
    name: Name,
    token_id: Annotated[str, typer.Argument(help="The token's id (8 or more digits of it)")],
    home: Home = None,
    user: User = None,
    json_: Json = False,
) -> None:
    """Revoke one of a user's API tokens."""
    with open_ledger(make_settings(ctx, home, user)) as ledger:
        info = revoke_api_token(ledger, name, token_id)
    _done(ctx, json_, asdict(info), f"token {info.id[:12]} of {name} revoked at {info.revoked_at}")
