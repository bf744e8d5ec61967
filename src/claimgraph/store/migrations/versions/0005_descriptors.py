"""Learned image descriptors: one vector per image and model.

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "image_descriptors",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("images.sha256"), primary_key=True),
        sa.Column("method", sa.String(80), primary_key=True),
        sa.Column("vector", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("image_descriptors")
