"""Actors and claims (with their quantities) extracted from sources.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source_id", sa.String(64), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("claimant_id", sa.String(40), sa.ForeignKey("actors.id")),
        sa.Column("chain", sa.Text, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", sa.String(20)),
        sa.Column("counts", sa.String(30)),
        sa.Column("subject", sa.Text),
        sa.Column("quantity_text", sa.Text),
        sa.Column("date", sa.String(40)),
        sa.Column("extractor", sa.String(60), nullable=False),
    )
    op.create_index("ix_claims_source", "claims", ["source_id"])
    op.create_index("ix_claims_claimant", "claims", ["claimant_id"])


def downgrade() -> None:
    op.drop_table("claims")
    op.drop_table("actors")
