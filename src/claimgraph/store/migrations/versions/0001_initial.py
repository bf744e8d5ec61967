"""Cases, sources, captures, case membership and the audit log.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("authors", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("language", sa.String(20)),
        sa.Column("links", sa.Text, nullable=False),
        sa.Column("image_urls", sa.Text, nullable=False),
        sa.Column("page_offsets", sa.Text, nullable=False),
        sa.Column("encoding", sa.String(40)),
        sa.Column("filename", sa.Text),
        sa.Column("parser", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("first_seen_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "case_sources",
        sa.Column("case_name", sa.String(80), sa.ForeignKey("cases.name"), primary_key=True),
        sa.Column("source_id", sa.String(64), sa.ForeignKey("sources.id"), primary_key=True),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "captures",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source_id", sa.String(64), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("captured_at", sa.String(40), nullable=False),
        sa.Column("agent", sa.String(200), nullable=False),
        sa.Column("tool_version", sa.String(100), nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("http_headers", sa.Text, nullable=False),
        sa.Column("warc_record", sa.Text),
    )
    op.create_index("ix_captures_source", "captures", ["source_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )


def downgrade() -> None:
    for name in ("audit_log", "captures", "case_sources", "sources", "cases"):
        op.drop_table(name)
