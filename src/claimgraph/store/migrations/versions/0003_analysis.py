"""Judgements (a person's merges, grades and moves) and the stored result of the
analysis: resolved actors, propositions, citations, contradictions, figure timelines.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("case_name", sa.String(80), sa.ForeignKey("cases.name"), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(80), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_judgements_case", "judgements", ["case_name", "at"])
    op.create_table(
        "analyses",
        sa.Column("case_name", sa.String(80), sa.ForeignKey("cases.name"), primary_key=True),
        sa.Column("fingerprint", sa.String(80), nullable=False),
        sa.Column("computed_at", sa.String(40), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("stats", sa.Text, nullable=False),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("cycles", sa.Text, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("side", sa.Text),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("members", sa.Text, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("reliability_note", sa.Text, nullable=False),
        sa.Column("how", sa.Text, nullable=False),
    )
    op.create_table(
        "entity_members",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("actor_id", sa.String(40), primary_key=True),
        sa.Column("entity_id", sa.String(40), nullable=False),
    )
    op.create_table(
        "propositions",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("event", sa.String(40)),
        sa.Column("counts", sa.String(30)),
        sa.Column("subject", sa.Text),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", sa.String(20)),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("n_origins", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("credibility", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_propositions_counts", "propositions", ["case_name", "kind", "counts"])
    op.create_table(
        "proposition_claims",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("claim_id", sa.String(40), primary_key=True),
        sa.Column("proposition_id", sa.String(40), nullable=False),
    )
    op.create_table(
        "citations",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("citing", sa.String(64), primary_key=True),
        sa.Column("cited", sa.String(64), primary_key=True),
        sa.Column("how", sa.String(20), primary_key=True),
        sa.Column("evidence", sa.Text, nullable=False),
    )
    op.create_table(
        "contradictions",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("claim_a", sa.String(40), nullable=False),
        sa.Column("claim_b", sa.String(40), nullable=False),
        sa.Column("proposition_a", sa.String(40), nullable=False),
        sa.Column("proposition_b", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_contradictions_kind", "contradictions", ["case_name", "kind"])
    op.create_table(
        "timeline",
        sa.Column("case_name", sa.String(80), primary_key=True),
        sa.Column("claim_id", sa.String(40), primary_key=True),
        sa.Column("proposition_id", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("counts", sa.String(30), nullable=False),
        sa.Column("date", sa.String(40)),
        sa.Column("date_basis", sa.String(20), nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", sa.String(20), nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("claimant", sa.Text),
        sa.Column("side", sa.Text),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("first_of_value", sa.Integer, nullable=False),
        sa.Column("counted", sa.Integer, nullable=False),
        sa.Column("sort_date", sa.String(40), nullable=False),
    )
    op.create_index(
        "ix_timeline_series",
        "timeline",
        ["case_name", "counts", "event", "sort_date", "claim_id"],
    )


def downgrade() -> None:
    op.drop_table("timeline")
    op.drop_table("contradictions")
    op.drop_table("citations")
    op.drop_table("proposition_claims")
    op.drop_table("propositions")
    op.drop_table("entity_members")
    op.drop_table("entities")
    op.drop_table("analyses")
    op.drop_table("judgements")
