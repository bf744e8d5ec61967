"""Figure series kept with the analysis: each series's size, the points its chart draws and
its summary, so that a figures page of a case of 10^6 claims reads hundreds of rows, not
every figure.

Revision ID: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figure_series",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("event", sa.String(40), primary_key=True),
        sa.Column("counts", sa.String(30), primary_key=True),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("drawn", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("figure_series")
