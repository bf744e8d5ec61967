"""Per case, the last change to its evidence (an analysis goes stale with its own case's
changes only); rendered parts of pages kept per case and state, shared by every server process (a
trace of a large proposition is drawn once per analysis, not once per process); actors by
name (a page reads the speakers of the claims it shows, not every speaker of the case);
case memberships by source (the cases of a page of sources, without reading them all);
propositions by how many sources carry them (the propositions list, a page at a time);
failed sign-ins in the database, so every server process counts the same ones.

Revision ID: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept_views",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("made_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "case_heads",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    # Every case starts at the ledger's last change to evidence: analyses current now
    # stay current (their fingerprint names that very entry).
    op.execute(
        "INSERT INTO case_heads (case_name, seq) SELECT name, (SELECT COALESCE(MAX(seq), 0)"
        " FROM audit_log WHERE action NOT LIKE 'user.%' AND action NOT LIKE 'member.%'"
        " AND action NOT LIKE 'token.%' AND action <> 'review.accept') FROM cases"
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(100), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["name", "address", "at"])
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_index("ix_propositions_carried", "propositions", ["case_name", "n_sources", "id"])
    op.create_index("ix_case_sources_source", "case_sources", ["source_id"])


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_index("ix_propositions_carried", "propositions")
    op.drop_table("case_heads")
    op.drop_index("ix_case_sources_source", "case_sources")
    op.drop_index("ix_actors_name", "actors")
    op.drop_table("kept_views")
