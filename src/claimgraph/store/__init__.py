"""SQLAlchemy Core tables, SQLite and PostgreSQL engines, migrations, the Store."""

from claimgraph.store.claim_queries import ClaimFilter
from claimgraph.store.engine import make_engine, migrate, normalise_url, schema_is_current
from claimgraph.store.listing_queries import PropositionFilter
from claimgraph.store.store import CaseSummary, SourceSummary, Store, Writer
from claimgraph.store.tables import EVIDENCE_TABLES

__all__ = [
    "EVIDENCE_TABLES",
    "CaseSummary",
    "ClaimFilter",
    "PropositionFilter",
    "SourceSummary",
    "Store",
    "Writer",
    "make_engine",
    "migrate",
    "normalise_url",
    "schema_is_current",
]
