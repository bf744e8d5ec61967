"""SQLAlchemy Core tables: the row form of the model. Timestamps are ISO-8601 UTC text and
JSON is canonical text, so both engines store and return the exact same values."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

cases = Table(
    "cases",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the original bytes
    Column("media_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("authors", Text, nullable=False),  # canonical JSON list
    Column("publisher", Text),
    Column("published", String(40)),
    Column("language", String(20)),
    Column("links", Text, nullable=False),
    Column("image_urls", Text, nullable=False),
    Column("page_offsets", Text, nullable=False),
    Column("encoding", String(40)),
    Column("filename", Text),
    Column("parser", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("first_seen_at", String(40), nullable=False),
)

case_sources = Table(
    "case_sources",
    metadata,
    Column("case_name", String(80), ForeignKey("cases.name"), primary_key=True),
    Column("source_id", String(64), ForeignKey("sources.id"), primary_key=True),
    Column("added_at", String(40), nullable=False),
    Column("added_by", String(200), nullable=False),
)

captures = Table(
    "captures",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(64), ForeignKey("sources.id"), nullable=False),
    Column("method", String(20), nullable=False),
    Column("location", Text, nullable=False),
    Column("captured_at", String(40), nullable=False),
    Column("agent", String(200), nullable=False),
    Column("tool_version", String(100), nullable=False),
    Column("http_status", Integer),
    Column("http_headers", Text, nullable=False),
    Column("warc_record", Text),
    Index("ix_captures_source", "source_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

EVIDENCE_TABLES = (
    "cases",
    "sources",
    "case_sources",
    "captures",
    "actors",
    "claims",
    "audit_log",
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("role", Text),
    Column("affiliation", Text),
    Column("aliases", Text, nullable=False),  # canonical JSON list
    Column("reliability", String(1), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(64), ForeignKey("sources.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("stance", String(20), nullable=False),
    Column("claimant_id", String(40), ForeignKey("actors.id")),
    Column("chain", Text, nullable=False),  # canonical JSON [[name, cue], …]
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(20)),
    Column("counts", String(30)),
    Column("subject", Text),
    Column("quantity_text", Text),
    Column("date", String(40)),
    Column("extractor", String(60), nullable=False),
    Index("ix_claims_source", "source_id"),
    Index("ix_claims_claimant", "claimant_id"),
)
