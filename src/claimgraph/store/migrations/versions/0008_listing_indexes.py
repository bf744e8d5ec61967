"""Indexes for large cases: sources in date order (a page of claims or sources stops at
its end instead of sorting the case), judgements by their target (review states).

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_sources_order", "sources", [sa.text("(published IS NULL)"), "published", "id"]
    )
    op.create_index("ix_judgements_target", "judgements", ["case_name", "target"])


def downgrade() -> None:
    op.drop_index("ix_judgements_target", "judgements")
    op.drop_index("ix_sources_order", "sources")
