"""Full-text search over sources' title and text, filled for the sources already stored.

SQLite: a contentless FTS5 table (the text is not stored twice) whose rows are numbered
by a table of its own (`sources` has no INTEGER PRIMARY KEY, so its rowid may change on
VACUUM), and which case holds which of those numbers (filtering a search by case on
small integer keys, not 64-digit ids, is what keeps it fast), all kept in step by
triggers: every insert path, imports included, feeds the index. A later migration that
rebuilds `sources` or `case_sources` (batch mode) must create their triggers again.
PostgreSQL: a stored generated tsvector column and a GIN index on it.

Revision ID: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Spelled out, not imported: a migration must mean the same thing forever. The names
# agree with claimgraph.store.search_queries, which reads these objects.
FTS_TABLE, FTS_DOCS, FTS_CASES = "source_search", "source_search_docs", "source_search_cases"
PG_COLUMN, PG_INDEX = "search_vector", "ix_sources_search"
# PostgreSQL refuses a tsvector over 1 MB; the first 300,000 characters always fit,
# whatever the words, so adding a long source never fails for the index's sake. The
# title weighs more than the text; 'simple': no stemming, so highlights are exact.
_PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "to_tsvector('simple'::regconfig, left(text, 300000))"
)

_DOC = f"(SELECT doc FROM {FTS_DOCS} WHERE source_id = {{row}}.id)"
# A contentless table forgets its text, so removing a row means giving it back.
_FORGET = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    f"VALUES ('delete', {_DOC.format(row='old')}, old.title, old.text)"
)
_LEARN = (
    f"INSERT INTO {FTS_TABLE}(rowid, title, text) "
    f"VALUES ({_DOC.format(row='new')}, new.title, new.text)"
)
_TRIGGERS = {
    "source_search_insert": (
        "AFTER INSERT ON sources",
        f"INSERT INTO {FTS_DOCS}(source_id) VALUES (new.id); {_LEARN};",
    ),
    # Sources are never edited; should one be, the index follows.
    "source_search_update": ("AFTER UPDATE OF title, text ON sources", f"{_FORGET}; {_LEARN};"),
    "source_search_delete": (
        "AFTER DELETE ON sources",
        f"{_FORGET}; DELETE FROM {FTS_DOCS} WHERE source_id = old.id;",
    ),
    "source_search_link": (
        "AFTER INSERT ON case_sources",
        f"INSERT OR IGNORE INTO {FTS_CASES}(case_name, doc) "
        f"SELECT new.case_name, doc FROM {FTS_DOCS} WHERE source_id = new.source_id;",
    ),
    "source_search_unlink": (
        "AFTER DELETE ON case_sources",
        f"DELETE FROM {FTS_CASES} WHERE case_name = old.case_name "
        f"AND doc = (SELECT doc FROM {FTS_DOCS} WHERE source_id = old.source_id);",
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE sources ADD COLUMN {PG_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({_PG_VECTOR}) STORED"
        )
        op.execute(f"CREATE INDEX {PG_INDEX} ON sources USING gin ({PG_COLUMN})")
        return
    op.execute(f"CREATE TABLE {FTS_DOCS} (doc INTEGER PRIMARY KEY, source_id TEXT NOT NULL UNIQUE)")
    op.execute(
        f"CREATE TABLE {FTS_CASES} (case_name TEXT NOT NULL, doc INTEGER NOT NULL, "
        "PRIMARY KEY (case_name, doc)) WITHOUT ROWID"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    for name, (when, body) in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    # The sources and links stored before now.
    op.execute(f"INSERT INTO {FTS_DOCS}(source_id) SELECT id FROM sources ORDER BY id")
    op.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, title, text) "
        f"SELECT d.doc, s.title, s.text FROM {FTS_DOCS} d JOIN sources s ON s.id = d.source_id"
    )
    op.execute(
        f"INSERT INTO {FTS_CASES}(case_name, doc) SELECT cs.case_name, d.doc "
        f"FROM case_sources cs JOIN {FTS_DOCS} d ON d.source_id = cs.source_id"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {PG_INDEX}")
        op.execute(f"ALTER TABLE sources DROP COLUMN {PG_COLUMN}")
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    for table in (FTS_TABLE, FTS_CASES, FTS_DOCS):
        op.execute(f"DROP TABLE {table}")
