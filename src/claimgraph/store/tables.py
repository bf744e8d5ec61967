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
    text,
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
    # Listings walk sources in date order (undated last) and stop at a page's end.
    Index("ix_sources_order", text("(published IS NULL)"), "published", "id"),
)

case_sources = Table(
    "case_sources",
    metadata,
    Column("case_name", String(80), ForeignKey("cases.name"), primary_key=True),
    Column("source_id", String(64), ForeignKey("sources.id"), primary_key=True),
    Column("added_at", String(40), nullable=False),
    Column("added_by", String(200), nullable=False),
    Index("ix_case_sources_source", "source_id"),  # the cases of a page of sources
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
    "judgements",
    "images",
    "image_hashes",
    "image_appearances",
    "image_descriptors",
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
    Index("ix_actors_name", "name"),  # a page finds the speakers of the claims it shows
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

# A person's judgements on the analysis (merges, grades, moves): evidence, append-only.
judgements = Table(
    "judgements",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("case_name", String(80), ForeignKey("cases.name"), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(80), nullable=False),
    Column("value", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("who", String(200), nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_judgements_case", "case_name", "at"),
    Index("ix_judgements_target", "case_name", "target"),
)

# Derived tables: the stored result of `analyse`, replaced whole for a case on each run.
analyses = Table(
    "analyses",
    metadata,
    Column("case_name", String(80), ForeignKey("cases.name"), primary_key=True),
    Column("fingerprint", String(80), nullable=False),
    Column("computed_at", String(40), nullable=False),
    Column("seconds", Float, nullable=False),
    Column("stats", Text, nullable=False),
    Column("events", Text, nullable=False),
    Column("cycles", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("role", Text),
    Column("affiliation", Text),
    Column("side", Text),
    Column("aliases", Text, nullable=False),
    Column("members", Text, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("reliability_note", Text, nullable=False),
    Column("how", Text, nullable=False),
)

entity_members = Table(
    "entity_members",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("actor_id", String(40), primary_key=True),
    Column("entity_id", String(40), nullable=False),
)

propositions = Table(
    "propositions",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("id", String(40), primary_key=True),
    Column("label", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("event", String(40)),
    Column("counts", String(30)),
    Column("subject", Text),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(20)),
    Column("n_claims", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("n_origins", Integer, nullable=False),
    Column("first_seen", String(40)),
    Column("credibility", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("detail", Text, nullable=False),  # canonical JSON: claim ids, origins, edges
    Index("ix_propositions_counts", "case_name", "kind", "counts"),
    Index("ix_propositions_carried", "case_name", "n_sources", "id"),  # the list, a page at a time
)

proposition_claims = Table(
    "proposition_claims",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("claim_id", String(40), primary_key=True),
    Column("proposition_id", String(40), nullable=False),
)

citations = Table(
    "citations",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("citing", String(64), primary_key=True),
    Column("cited", String(64), primary_key=True),
    Column("how", String(20), primary_key=True),
    Column("evidence", Text, nullable=False),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("claim_a", String(40), nullable=False),
    Column("claim_b", String(40), nullable=False),
    Column("proposition_a", String(40), nullable=False),
    Column("proposition_b", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_contradictions_kind", "case_name", "kind"),
)

timeline = Table(
    "timeline",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("claim_id", String(40), primary_key=True),
    Column("proposition_id", String(40), nullable=False),
    Column("event", String(40), nullable=False),
    Column("counts", String(30), nullable=False),
    Column("date", String(40)),
    Column("date_basis", String(20), nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(20), nullable=False),
    Column("stance", String(20), nullable=False),
    Column("claimant", Text),
    Column("side", Text),
    Column("source_id", String(64), nullable=False),
    Column("publisher", Text),
    Column("first_of_value", Integer, nullable=False),
    Column("counted", Integer, nullable=False),
    # The date, or "~" for undated points (sorts last on both engines, unlike NULL), so
    # that a page of a series is read in index order.
    Column("sort_date", String(40), nullable=False),
    Index("ix_timeline_series", "case_name", "counts", "event", "sort_date", "claim_id"),
)

# Per event and counted thing: its size, the claims its chart draws (JSON list, in date
# order) and its summary (JSON): a page reads these instead of the whole series.
figure_series = Table(
    "figure_series",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("event", String(40), primary_key=True),
    Column("counts", String(30), primary_key=True),
    Column("total", Integer, nullable=False),
    Column("drawn", Text, nullable=False),
    Column("summary", Text, nullable=False),
)

# Per case, the last audit entry that changed its evidence or judgements: what its
# analysis is current against (another case's new source leaves it current).
case_heads = Table(
    "case_heads",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("seq", Integer, nullable=False),
)

# Parts of pages that are the same for every reader (a trace, a figure series), rendered
# once per case and state (analysis and judgements) and shared by every server process;
# a new state replaces them.
kept_views = Table(
    "kept_views",
    metadata,
    Column("case_name", String(80), primary_key=True),
    Column("key", String(64), primary_key=True),  # sha256 of what the part shows
    Column("state", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("made_at", String(40), nullable=False),
)

DERIVED_TABLES = (
    "analyses",
    "entities",
    "entity_members",
    "propositions",
    "proposition_claims",
    "citations",
    "contradictions",
    "timeline",
    "figure_series",
    "kept_views",
)

# Images: perceptual hashes (with the method that made them) and every appearance.
images = Table(
    "images",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(100), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("quality", Integer, nullable=False),
    Column("pdq", String(64), nullable=False),
    Column("method", String(40), nullable=False),
    Column("exif", Text, nullable=False),  # canonical JSON object
)

image_hashes = Table(
    "image_hashes",
    metadata,
    Column("sha256", String(64), ForeignKey("images.sha256"), primary_key=True),
    Column("method", String(40), primary_key=True),
    Column("variant", String(40), primary_key=True),
    Column("hash", String(64), nullable=False),
)

image_appearances = Table(
    "image_appearances",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("source_id", String(64), ForeignKey("sources.id"), nullable=False),
    Column("caption", Text),
    Column("date", String(40)),
    Column("url", Text),
    Column("how", String(20), nullable=False),  # "file" | "embedded" | "archive"
    Column("origin", Text),  # the archive or publication it is credited to, if not the page
    Index("ix_image_appearances_image", "sha256"),
    Index("ix_image_appearances_source", "source_id"),
)

# Learned descriptors (optional: SSCD or another ONNX model the user gives), one vector per
# image and model; the method names the model file's hash so vectors of two models never meet.
image_descriptors = Table(
    "image_descriptors",
    metadata,
    Column("sha256", String(64), ForeignKey("images.sha256"), primary_key=True),
    Column("method", String(80), primary_key=True),
    Column("vector", Text, nullable=False),  # base64 of little-endian float16, unit length
)


# The account tables live beside (store/tables_accounts.py) on the same metadata; imported
# last so that every reader of `metadata` sees them.
from claimgraph.store import tables_accounts  # noqa: E402, F401
