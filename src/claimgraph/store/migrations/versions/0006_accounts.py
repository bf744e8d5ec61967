"""Accounts: users, roles per case, web sessions and API tokens (not evidence).

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("is_admin", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("disabled_at", sa.String(40)),
    )
    op.create_table(
        "memberships",
        sa.Column("case_name", sa.String(80), sa.ForeignKey("cases.name"), primary_key=True),
        sa.Column("user_name", sa.String(80), sa.ForeignKey("users.name"), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("granted_at", sa.String(40), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_memberships_user", "memberships", ["user_name"])
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(80), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
        sa.Column("revoked_at", sa.String(40)),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_name"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(80), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("revoked_at", sa.String(40)),
    )
    op.create_index("ix_api_tokens_user", "api_tokens", ["user_name"])


def downgrade() -> None:
    for table in ("api_tokens", "web_sessions", "memberships"):
        op.drop_index(f"ix_{table}_user", table)
        op.drop_table(table)
    op.drop_table("users")
