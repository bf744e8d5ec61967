"""`claimgraph user …` end to end in-process: one-line errors, the token shown once, and
nothing secret in `claimgraph export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from accounts_support import PASSWORD

from claimgraph.model import sha256_hex


def _records(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _one_line_error(ran, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert ran.code != 0
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], ran.stderr
    assert "Traceback" not in ran.stderr + ran.stdout


@pytest.fixture
def store(cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A store with case `floods` and user alice."""
    doc = tmp_path / "a.txt"
    doc.write_text("The harbour office said the levee held.\n", encoding="utf-8")
    assert cli("init").code == 0
    assert cli("add", str(doc), "--case", "floods", "--no-extract").code == 0
    ran = cli("user", "add", "alice", "--password-stdin", input=PASSWORD + "\n")
    assert ran.code == 0, ran.stderr
    return cli


def test_add_grant_list_revoke(store) -> None:  # type: ignore[no-untyped-def]
    cli = store
    ran = cli("user", "add", "root", "--admin", "--password-stdin", "--json", input=PASSWORD)
    assert ran.code == 0, ran.stderr
    assert _records(ran.stdout) == [
        {
            "name": "root",
            "is_admin": True,
            "created_at": _records(ran.stdout)[0]["created_at"],
            "disabled_at": None,
        }
    ]
    ran = cli("user", "grant", "alice", "--case", "floods", "--role", "editor")
    assert ran.code == 0 and "alice is editor of case floods" in ran.stdout, ran.stderr
    listed = {r["name"]: r for r in _records(cli("user", "list", "--json").stdout)}
    assert listed["alice"]["roles"] == {"floods": "editor"} and not listed["alice"]["is_admin"]
    assert listed["root"]["roles"] == {} and listed["root"]["is_admin"]
    assert "password_hash" not in json.dumps(listed)
    assert cli("user", "revoke", "alice", "--case", "floods").code == 0
    listed = {r["name"]: r for r in _records(cli("user", "list", "--json").stdout)}
    assert listed["alice"]["roles"] == {}


def test_the_password_prompt_asks_twice(store) -> None:  # type: ignore[no-untyped-def]
    cli = store
    ran = cli("user", "add", "bob", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert ran.code == 0, ran.stderr
    assert PASSWORD not in ran.stdout  # hidden input is not echoed
    mismatch = cli("user", "add", "carol", input=f"{PASSWORD}\n{PASSWORD}x\n")
    assert mismatch.code != 0
    names = [r["name"] for r in _records(store("user", "list", "--json").stdout)]
    assert names == ["alice", "bob"]


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("user", "add", "alice", "--password-stdin"), PASSWORD, "exists"),
        (("user", "add", "bad name", "--password-stdin"), PASSWORD, "user name"),
        (("user", "add", "dave", "--password-stdin"), "short", "at least 10"),
        (("user", "add", "dave", "--password-stdin"), "", "no password"),
        (("user", "grant", "alice", "--case", "floods", "--role", "owner"), None, "role"),
        (("user", "grant", "alice", "--case", "nope", "--role", "viewer"), None, "no such case"),
        (("user", "grant", "nobody", "--case", "floods", "--role", "viewer"), None, "no such user"),
        (("user", "revoke", "alice", "--case", "floods"), None, "no role"),
        (("user", "token", "nobody", "--label", "x"), None, "no such user"),
        (("user", "token", "alice", "--label", " "), None, "label"),
        (("user", "token-revoke", "alice", "abc"), None, "8"),
        (("user", "token-revoke", "alice", "abcdef0123"), None, "no token"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(store, args, stdin, needle) -> None:  # type: ignore[no-untyped-def]
    _one_line_error(store(*args, input=stdin), needle)


def test_a_store_is_needed(cli) -> None:  # type: ignore[no-untyped-def]
    _one_line_error(cli("user", "list"), "claimgraph init")


def test_a_token_is_printed_once_and_kept_only_hashed(store, home: Path) -> None:  # type: ignore[no-untyped-def]
    cli = store
    ran = cli("user", "token", "alice", "--label", "nightly")
    assert ran.code == 0, ran.stderr
    token = ran.stdout.strip()
    assert len(token) >= 40 and "\n" not in token
    assert "shown this once" in ran.stderr
    listed = _records(cli("user", "tokens", "alice", "--json").stdout)
    assert [(t["label"], t["id"]) for t in listed] == [("nightly", sha256_hex(token.encode()))]
    assert token not in json.dumps(listed)
    assert token.encode() not in (home / "claimgraph.db").read_bytes()

    again = cli("user", "token", "alice", "--label", "ci", "--json")
    made = _records(again.stdout)[0]
    assert made["id"] == sha256_hex(made["token"].encode()) and made["label"] == "ci"
    ran = cli("user", "token-revoke", "alice", made["id"][:10], "--json")
    assert ran.code == 0 and _records(ran.stdout)[0]["revoked_at"], ran.stderr
    states = {t["label"]: t["revoked_at"] for t in _records(cli("user", "tokens", "alice").stdout)}
    assert states["nightly"] is None and states["ci"] is not None


def test_export_and_audit_carry_no_secret(store) -> None:  # type: ignore[no-untyped-def]
    cli = store
    cli("user", "grant", "alice", "--case", "floods", "--role", "viewer")
    token = cli("user", "token", "alice", "--label", "ci").stdout.strip()
    cli("user", "token-revoke", "alice", sha256_hex(token.encode())[:12])
    cli("user", "revoke", "alice", "--case", "floods")
    ran = cli("export")
    assert ran.code == 0, ran.stderr
    rows = [r for r in _records(ran.stdout) if r.get("type") == "row"]
    audit = [r["row"] for r in rows if r["table"] == "audit_log"]
    assert [a["action"] for a in audit][-5:] == [
        "user.add",
        "member.grant",
        "token.create",
        "token.revoke",
        "member.revoke",
    ]
    assert {r["table"] for r in rows}.isdisjoint({"users", "web_sessions", "api_tokens"})
    for secret in (PASSWORD, "argon2", token, sha256_hex(token.encode())):
        assert secret not in ran.stdout
    verified = cli("verify", "--json")
    assert verified.code == 0 and _records(verified.stdout)[0]["ok"]
