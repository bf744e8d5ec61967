"""Images: perceptual hashes with the method that made them, and every appearance.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("quality", sa.Integer, nullable=False),
        sa.Column("pdq", sa.String(64), nullable=False),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("exif", sa.Text, nullable=False),
    )
    op.create_table(
        "image_hashes",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("images.sha256"), primary_key=True),
        sa.Column("method", sa.String(40), primary_key=True),
        sa.Column("variant", sa.String(40), primary_key=True),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "image_appearances",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source_id", sa.String(64), sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("caption", sa.Text),
        sa.Column("date", sa.String(40)),
        sa.Column("url", sa.Text),
        sa.Column("how", sa.String(20), nullable=False),
        sa.Column("origin", sa.Text),
    )
    op.create_index("ix_image_appearances_image", "image_appearances", ["sha256"])
    op.create_index("ix_image_appearances_source", "image_appearances", ["source_id"])


def downgrade() -> None:
    op.drop_table("image_appearances")
    op.drop_table("image_hashes")
    op.drop_table("images")
