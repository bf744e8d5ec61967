"""Rendered parts of pages kept per case and state, shared by every server process (a
trace of a large proposition is drawn once per analysis, not once per process); actors by
name (a page reads the speakers of the claims it shows, not every speaker of the case);
case memberships by source (the cases of a page of sources, without reading them all).

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
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_index("ix_case_sources_source", "case_sources", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_case_sources_source", "case_sources")
    op.drop_index("ix_actors_name", "actors")
    op.drop_table("kept_views")
