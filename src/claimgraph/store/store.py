"""The one store interface over SQLite and PostgreSQL. Reads return model records;
writes happen only inside `Store.write()`, one transaction each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from claimgraph.errors import Conflict, InvalidInput, NotFound, Unavailable
from claimgraph.model import AuditEntry, Capture, Claim, Source, chain_entry
from claimgraph.store import claim_queries, rows
from claimgraph.store.claim_queries import ClaimFilter
from claimgraph.store.heads import move_heads
from claimgraph.store.tables import audit_log, captures, case_sources, cases, metadata, sources


@dataclass(frozen=True, slots=True)
class SourceSummary:
    id: str
    media_type: str
    size: int
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    filename: str | None
    cases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    name: str
    created_at: str
    created_by: str
    sources: int


@contextmanager
def db_errors() -> Iterator[None]:
    """Map driver errors once, at the store's edge."""
    try:
        yield
    except IntegrityError as exc:
        raise Conflict(f"the store refused a record: {str(exc.orig).splitlines()[0]}") from exc
    except SQLAlchemyError as exc:
        raise Unavailable(f"database error: {str(exc).splitlines()[0][:300]}") from exc


class Writer:
    """Write access inside one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._last: AuditEntry | None = None
        self._last_loaded = False
        if conn.dialect.name == "postgresql":
            # One writer at a time appends to the audit chain.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")

    def has_row(self, table: str, row_id: str) -> bool:
        """Whether a row with this id exists, in a table keyed by `id` alone."""
        return self.has_key(table, {"id": row_id})

    def has_key(self, table: str, row: dict[str, Any]) -> bool:
        """Whether a row with the primary key of `row` exists (any table)."""
        t = _table(table)
        cond = [c == row[c.name] for c in t.primary_key.columns]
        return self.conn.execute(select(*t.primary_key.columns).where(*cond)).first() is not None

    def insert_source(self, source: Source, at: datetime) -> None:
        self.conn.execute(insert(sources).values(**rows.source_row(source, at)))

    def insert_capture(self, capture: Capture) -> None:
        self.conn.execute(insert(captures).values(**rows.capture_row(capture)))

    def ensure_case(self, name: str, at: datetime, who: str, description: str = "") -> bool:
        if self.conn.execute(select(cases.c.name).where(cases.c.name == name)).first():
            return False
        row = {"name": name, "created_at": rows.iso(at), "created_by": who}
        self.conn.execute(insert(cases).values(description=description, **row))
        return True

    def link_case(self, case: str, source_id: str, at: datetime, who: str) -> bool:
        q = select(case_sources.c.case_name).where(
            case_sources.c.case_name == case, case_sources.c.source_id == source_id
        )
        if self.conn.execute(q).first():
            return False
        row = {"case_name": case, "source_id": source_id, "added_at": rows.iso(at)}
        self.conn.execute(insert(case_sources).values(added_by=who, **row))
        return True

    def append_audit(
        self, at: datetime, who: str, action: str, entity: str, detail: dict[str, Any]
    ) -> AuditEntry:
        if not self._last_loaded:
            q = select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)
            row = self.conn.execute(q).first()
            self._last = rows.row_audit(row) if row else None
            self._last_loaded = True
        entry = chain_entry(self._last, at, who, action, entity, detail)
        self.conn.execute(insert(audit_log).values(**rows.audit_row(entry)))
        move_heads(self.conn, entry)  # in the same transaction as the entry
        self._last = entry
        return entry

    def insert_claims(self, found: list[Claim], extractor: str) -> int:
        return claim_queries.insert_claims(self.conn, found, extractor)

    def insert_rows(self, table: str, batch: list[dict[str, Any]]) -> None:
        """Raw rows, for importing an export into an empty store."""
        if batch:
            self.conn.execute(insert(_table(table)), batch)

    def find_row(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        """The row with the primary key `key`, read inside this transaction."""
        t = _table(table)
        row = self.conn.execute(select(t).where(*_key_match(t, key))).first()
        return dict(row._mapping) if row else None

    def update_row(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> bool:
        """Set `values` on the row with the primary key `key`; whether there was one."""
        t = _table(table)
        done = self.conn.execute(update(t).where(*_key_match(t, key)).values(**values))
        return bool(done.rowcount)

    def delete_row(self, table: str, key: dict[str, Any]) -> bool:
        """Remove the row with the primary key `key` (never evidence); whether there was one."""
        t = _table(table)
        return bool(self.conn.execute(delete(t).where(*_key_match(t, key))).rowcount)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def write(self) -> Iterator[Writer]:
        with db_errors(), self.engine.connect() as plain:
            conn = plain.execution_options(write=True)
            with conn.begin():
                yield Writer(conn)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with db_errors(), self.engine.connect() as conn:
            yield conn

    def resolve_source_id(self, ref: str) -> str:
        ref = ref.strip().lower()
        if len(ref) < 6 or any(c not in "0123456789abcdef" for c in ref):
            raise InvalidInput("a source id is 6 to 64 hex digits", subject=ref)
        with self.read() as conn:
            q = select(sources.c.id).where(sources.c.id.like(ref + "%")).limit(2)
            found = [str(r.id) for r in conn.execute(q)]
        if not found:
            raise NotFound("no such source", subject=ref)
        if len(found) > 1:
            raise InvalidInput("ambiguous id prefix; give more digits", subject=ref)
        return found[0]

    def get_source(self, ref: str) -> Source:
        source_id = self.resolve_source_id(ref)
        with self.read() as conn:
            row = conn.execute(select(sources).where(sources.c.id == source_id)).one()
        return rows.row_source(row)

    def captures_of(self, source_id: str) -> list[Capture]:
        q = select(captures).where(captures.c.source_id == source_id)
        with self.read() as conn:
            found = [rows.row_capture(r) for r in conn.execute(q.order_by(captures.c.captured_at))]
        return found

    def cases_of(self, source_id: str) -> list[str]:
        q = select(case_sources.c.case_name).where(case_sources.c.source_id == source_id)
        with self.read() as conn:
            return sorted(r.case_name for r in conn.execute(q))

    def list_cases(self) -> list[CaseSummary]:
        counts = (
            select(case_sources.c.case_name, func.count().label("n"))
            .group_by(case_sources.c.case_name)
            .subquery()
        )
        q = (
            select(cases, counts.c.n)
            .select_from(cases.outerjoin(counts, counts.c.case_name == cases.c.name))
            .order_by(cases.c.name)
        )
        with self.read() as conn:
            return [
                CaseSummary(r.name, r.created_at, r.created_by, int(r.n or 0))
                for r in conn.execute(q)
            ]

    def case_exists(self, name: str) -> bool:
        with self.read() as conn:
            return (
                conn.execute(select(cases.c.name).where(cases.c.name == name)).first() is not None
            )

    def list_sources(
        self,
        case: str | None = None,
        *,
        offset: int = 0,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[SourceSummary]:
        cols = [sources.c[n] for n in SourceSummary.__slots__ if n != "cases"]
        base = select(*cols)
        if case is not None:  # EXISTS, not a join: the walk goes along the date index
            member = (case_sources.c.case_name == case) & (case_sources.c.source_id == sources.c.id)
            base = base.where(exists().where(member))
        undated = sources.c.published.is_(None)
        if not newest_first:  # NULL dates last on both engines, so listings agree
            q = base.order_by(undated, sources.c.published, sources.c.id)
            q = q.offset(offset) if offset else q
            with self.read() as conn:
                return self._with_cases(conn, list(conn.execute(q.limit(limit))))
        if offset:
            raise ValueError("newest_first lists the first page only")
        # The date index read backwards: the dated sources newest first, then the undated.
        order = (undated.desc(), sources.c.published.desc(), sources.c.id.desc())
        with self.read() as conn:
            found = list(conn.execute(base.where(~undated).order_by(*order).limit(limit)))
            if limit is None or len(found) < limit:
                rest = base.where(undated).order_by(sources.c.id)
                left = None if limit is None else limit - len(found)
                found += list(conn.execute(rest.limit(left)))
            return self._with_cases(conn, found)

    def source_cases(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """The cases each of these sources belongs to (by the source index)."""
        with self.read() as conn:
            return self._memberships(conn, ids)

    @staticmethod
    def _memberships(conn: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
        memberships: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            part = select(case_sources.c.source_id, case_sources.c.case_name).where(
                case_sources.c.source_id.in_(ids[start : start + 500])
            )
            for m in conn.execute(part):
                memberships.setdefault(m.source_id, []).append(m.case_name)
        return memberships

    @classmethod
    def _with_cases(cls, conn: Connection, found: list[Any]) -> list[SourceSummary]:
        memberships = cls._memberships(conn, [r.id for r in found])
        return [
            SourceSummary(**r._mapping, cases=tuple(sorted(memberships.get(r.id, []))))
            for r in found
        ]

    def count_sources(self, case: str) -> int:
        q = select(func.count()).select_from(case_sources).where(case_sources.c.case_name == case)
        with self.read() as conn:
            return int(conn.execute(q).scalar_one())

    def count_claims(self, f: ClaimFilter, cap: int | None = None) -> int:
        with self.read() as conn:
            return claim_queries.count_claims(conn, f, cap)

    def claims(self, f: ClaimFilter) -> list[tuple[Claim, dict[str, Any]]]:
        with self.read() as conn:
            return claim_queries.select_claims(conn, f)

    def blob_refs(self) -> Iterator[tuple[str, int]]:
        """(sha256, size) of every stored source, for verification."""
        with self.read() as conn:
            for r in conn.execute(select(sources.c.id, sources.c.size).order_by(sources.c.id)):
                yield r.id, int(r.size)

    def audit_entries(self) -> Iterator[AuditEntry]:
        with self.read() as conn:
            for r in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
                yield rows.row_audit(r)

    def audit_chunk(self, *, before: int | None = None, limit: int = 500) -> list[AuditEntry]:
        """Up to `limit` entries before sequence number `before`, newest first."""
        q = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
        if before is not None:
            q = q.where(audit_log.c.seq < before)
        with self.read() as conn:
            return [rows.row_audit(r) for r in conn.execute(q)]

    def audited_entities(self) -> set[str]:
        with self.read() as conn:
            return {r.entity for r in conn.execute(select(audit_log.c.entity))}

    def count(self, table: str) -> int:
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(_table(table))).scalar_one())

    def find_row(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        """The row with the primary key `key`, or None."""
        t = _table(table)
        with self.read() as conn:
            row = conn.execute(select(t).where(*_key_match(t, key))).first()
        return dict(row._mapping) if row else None

    def rows_where(self, table: str, **equal: Any) -> list[dict[str, Any]]:
        """Rows whose columns equal the given values, in primary-key order."""
        t = _table(table)
        q = select(t).where(*(t.c[name] == value for name, value in equal.items()))
        with self.read() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(*t.primary_key.columns))]

    def table_rows(self, table: str) -> Iterator[dict[str, Any]]:
        t = _table(table)
        with self.read() as conn:
            for r in conn.execute(select(t).order_by(*t.primary_key.columns)):
                yield dict(r._mapping)


def _key_match(t: Table, key: dict[str, Any]) -> list[ColumnElement[bool]]:
    if set(key) != {c.name for c in t.primary_key.columns}:
        raise InvalidInput("not the primary key of the table", subject=t.name)
    return [c == key[c.name] for c in t.primary_key.columns]


def _table(name: str) -> Table:
    try:
        return metadata.tables[name]
    except KeyError:
        raise InvalidInput("unknown table", subject=name) from None
