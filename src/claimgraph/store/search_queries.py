"""Full-text search over sources' title and text: SQLite FTS5, PostgreSQL tsvector.

A user's query is untrusted, so it never reaches either engine as query syntax: it is
read here as plain words ("quoted phrases", a trailing * for a prefix and a leading -
to leave out allowed), and each term is sent as a bound parameter, quoted for FTS5 and
through phraseto_tsquery / to_tsquery on PostgreSQL. All terms must match. The index
objects belong to migration 0007, not to the table metadata: on SQLite a contentless
FTS5 table fed by triggers, on PostgreSQL a generated tsvector column with a GIN index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from claimgraph.errors import InvalidInput
from claimgraph.store.tables import sources

MAX_QUERY_CHARS = 200
MAX_TERMS = 16

FTS_TABLE = "source_search"  # SQLite: the FTS5 table (and its shadow tables)
FTS_DOCS = "source_search_docs"  # SQLite: FTS rowid (doc) → source id
FTS_CASES = "source_search_cases"  # SQLite: (case, doc) of every source in a case
PG_COLUMN = "search_vector"  # PostgreSQL: generated column on sources (first 300k chars)
PG_INDEX = "ix_sources_search"
_PG_CONFIG = "'simple'::regconfig"  # no stemming: the page highlights exactly what matched

# A word as both engines' tokenisers see one, near enough: letters and digits, with any
# combining accents; everything else separates words.
WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_CHUNK = re.compile(r'(?<!\S)(-?)(?:"([^"]*)"(\*?)|(\S+))')


@dataclass(frozen=True, slots=True)
class Term:
    """One thing the query asks for: a word, or a phrase of words in a row."""

    raw: str  # as typed (without quotes or star): each engine tokenises it like the text
    words: tuple[str, ...]  # folded, for highlighting
    prefix: bool = False  # the last word may be the start of a longer one
    exclude: bool = False  # `-word`: sources holding it are left out


def fold(word: str) -> str:
    """Case and accents away, as FTS5's unicode61 tokeniser does."""
    if word.isascii():
        return word.lower()
    bare = unicodedata.normalize("NFKD", word)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def parse_query(query: str) -> tuple[Term, ...]:
    """The terms of a user's query; none when it holds no word at all."""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(f"a search is at most {MAX_QUERY_CHARS} characters", subject="q")
    # Control characters (NUL above all: PostgreSQL refuses it) separate words.
    query = "".join(c if c.isprintable() else " " for c in query)
    terms: list[Term] = []
    for m in _CHUNK.finditer(query):
        quoted, star, bare = m.group(2), m.group(3), m.group(4)
        raw = quoted if quoted is not None else bare
        prefix = bool(star) or (bare is not None and bare.endswith("*"))
        words = tuple(fold(w.group()) for w in WORD.finditer(raw))
        term = Term(raw.rstrip("*").strip(), words, prefix, exclude=bool(m.group(1)))
        if words and term not in terms:
            terms.append(term)
    if len(terms) > MAX_TERMS:
        raise InvalidInput(f"a search takes at most {MAX_TERMS} terms", subject="q")
    return tuple(terms)


def wanted(terms: Sequence[Term]) -> list[Term]:
    return [t for t in terms if not t.exclude]


def fts5_query(terms: Sequence[Term]) -> str:
    """FTS5 MATCH text: every term a quoted string, so none of it is syntax."""

    def quoted(t: Term) -> str:
        return '"' + t.raw.replace('"', '""') + '"' + ("*" if t.prefix else "")

    match = "(" + " AND ".join(quoted(t) for t in wanted(terms)) + ")"
    unwanted = [quoted(t) for t in terms if t.exclude]
    return match + (" NOT (" + " OR ".join(unwanted) + ")" if unwanted else "")


def _pg_query(terms: Sequence[Term]) -> tuple[str, str, dict[str, str]]:
    """tsquery expressions (what must match; what ranks: the wanted terms) of bound
    parameters only: the SQL text is ours."""
    calls, params = [], {}
    for i, t in enumerate(terms):
        name = f"t{i}"
        if t.prefix:
            # Words are letters and digits only, so quoting them as lexemes is safe.
            lexemes = [f"'{w.group().lower()}'" for w in WORD.finditer(t.raw)]
            params[name] = " <-> ".join(lexemes) + ":*"
            call = f"to_tsquery({_PG_CONFIG}, :{name})"
        else:
            params[name] = t.raw
            call = f"phraseto_tsquery({_PG_CONFIG}, :{name})"
        calls.append(f"!!{call}" if t.exclude else call)
    ranked = [c for c, t in zip(calls, terms, strict=True) if not t.exclude]
    return " && ".join(calls), " && ".join(ranked), params


def matching_sources(
    conn: Connection, case: str, terms: Sequence[Term], *, limit: int, offset: int
) -> list[tuple[str, float]]:
    """(source id, rank: higher is better) of the case's sources that match every term,
    best first; ties in a fixed order, so pages never overlap."""
    if not wanted(terms):
        return []  # nothing asked for (or only what to leave out)
    page = {"case": case, "limit": limit, "offset": offset}
    if conn.dialect.name == "postgresql":
        match, rank, params = _pg_query(terms)
        sql = text(
            f"WITH q AS (SELECT {match} AS query, {rank} AS ranked) "
            f"SELECT s.id, ts_rank(s.{PG_COLUMN}, q.ranked, 1) AS score "
            "FROM q, sources s JOIN case_sources cs ON cs.source_id = s.id "
            f"WHERE cs.case_name = :case AND s.{PG_COLUMN} @@ q.query "
            "ORDER BY score DESC, s.id LIMIT :limit OFFSET :offset"
        )
        found = conn.execute(sql, {**params, **page})
        return [(r.id, float(r.score)) for r in found]
    # bm25() is lower for better matches; the title column counts five times the text.
    # The page is chosen on integer doc numbers; only its rows are turned into ids.
    sql = text(
        f"SELECT d.source_id AS id, f.score FROM (SELECT {FTS_TABLE}.rowid AS doc, "
        f"bm25({FTS_TABLE}, 5.0, 1.0) AS score FROM {FTS_TABLE} "
        f"JOIN {FTS_CASES} k ON k.doc = {FTS_TABLE}.rowid AND k.case_name = :case "
        f"WHERE {FTS_TABLE} MATCH :match ORDER BY score, doc LIMIT :limit OFFSET :offset) f "
        f"JOIN {FTS_DOCS} d ON d.doc = f.doc ORDER BY f.score, f.doc"
    )
    found = conn.execute(sql, {"match": fts5_query(terms), **page})
    return [(r.id, -float(r.score)) for r in found]


@dataclass(frozen=True, slots=True)
class SearchedSource:
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    filename: str | None
    text: str


def searched_sources(conn: Connection, ids: Sequence[str]) -> dict[str, SearchedSource]:
    """What a hit shows, for the page of ids only (never every match's text)."""
    if not ids:
        return {}
    cols = [sources.c[n] for n in SearchedSource.__slots__]
    q = select(*cols).where(sources.c.id.in_(list(ids)))
    return {r.id: SearchedSource(**r._mapping) for r in conn.execute(q)}


def outside_search_index(name: str | None, type_: str, _parents: object = None) -> bool:
    """For schema comparisons (alembic's include_name): the search index's objects are
    the migration's, not the table metadata's."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    return name not in (PG_COLUMN, PG_INDEX)
