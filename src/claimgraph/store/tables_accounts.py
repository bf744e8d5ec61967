"""Accounts for the web app and API, on the ledger's metadata: users, memberships of
cases, sessions, API tokens, and failed sign-ins (counted across every server process)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from claimgraph.store.tables import metadata

# Accounts for the web app and API. Not evidence: never in EVIDENCE_TABLES, so an export
# never carries a password hash or a token. Tokens are kept only as their SHA-256.
users = Table(
    "users",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters
    Column("is_admin", Integer, nullable=False),  # 1: admin of every case
    Column("created_at", String(40), nullable=False),
    Column("disabled_at", String(40)),
)

memberships = Table(
    "memberships",
    metadata,
    Column("case_name", String(80), ForeignKey("cases.name"), primary_key=True),
    Column("user_name", String(80), ForeignKey("users.name"), primary_key=True),
    Column("role", String(20), nullable=False),  # admin | editor | viewer
    Column("granted_at", String(40), nullable=False),
    Column("granted_by", String(200), nullable=False),
    Index("ix_memberships_user", "user_name"),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 hex of the session token
    Column("user_name", String(80), ForeignKey("users.name"), nullable=False),
    Column("csrf_token", String(64), nullable=False),  # useless without the session token
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Index("ix_web_sessions_user", "user_name"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 hex of the token
    Column("user_name", String(80), ForeignKey("users.name"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Index("ix_api_tokens_user", "user_name"),
)

# Failed sign-ins per (user name, client address), kept for the limiter's window: every
# server process counts the same failures (`serve --workers N` gives no more tries).
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("address", String(100), nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_login_failures_key", "name", "address", "at"),
)
