"""Use cases: export everything as JSON Lines, and import such an export.

Import into an empty store reproduces it exactly (same rows, same audit chain), so
export → import → export gives the same bytes. Into a store that already holds evidence,
the import merges: new records are added with audit entries of their own."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import InvalidInput
from claimgraph.model import chain_breaks, sha256_hex
from claimgraph.services.ledger import Ledger
from claimgraph.store import EVIDENCE_TABLES, Writer
from claimgraph.store.rows import Attrs, iso, row_audit

FORMAT = "claimgraph-export"
VERSION = 1


@dataclass(frozen=True, slots=True)
class ImportReport:
    mode: str  # "exact" or "merge"
    rows: dict[str, int]
    blobs: int


def export_lines(ledger: Ledger) -> Iterator[str]:
    yield _dump({"type": "header", "format": FORMAT, "version": VERSION})
    for table in EVIDENCE_TABLES:
        for row in ledger.store.table_rows(table):
            yield _dump({"type": "row", "table": table, "row": row})
            if table == "sources":
                data = ledger.blobs.get(row["id"])
                yield _dump({"type": "blob", "sha256": row["id"], "data": _b64(data)})


def import_lines(ledger: Ledger, lines: Iterable[str]) -> ImportReport:
    tables, blobs = _read(lines)
    for _sha, data in blobs.items():  # bytes first; unreferenced blobs are harmless
        ledger.blobs.put(data)
    missing = {r["id"] for r in tables["sources"]} - set(blobs)
    if missing:
        raise InvalidInput(f"export lacks the bytes of {len(missing)} source(s)", subject="import")
    exact = ledger.store.count("audit_log") == 0 and ledger.store.count("sources") == 0
    with ledger.store.write() as w:
        if exact:
            problems = chain_breaks([row_audit(Attrs(r)) for r in tables["audit_log"]])
            if problems:
                raise InvalidInput(f"audit chain broken: {problems[0]}", subject="import")
            for table in EVIDENCE_TABLES:
                w.insert_rows(table, tables[table])
        else:
            _merge(ledger, w, tables)
    counts = {t: len(tables[t]) for t in EVIDENCE_TABLES}
    return ImportReport("exact" if exact else "merge", counts, len(blobs))


def _merge(ledger: Ledger, w: Writer, tables: dict[str, list[dict[str, Any]]]) -> None:
    at, who = ledger.clock(), ledger.user
    for row in tables["cases"]:
        if w.ensure_case(row["name"], at, who, row["description"]):
            w.append_audit(at, who, "case.create", row["name"], {"imported": True})
    for row in tables["sources"]:
        if not w.has_row("sources", row["id"]):
            w.insert_rows("sources", [{**row, "first_seen_at": iso(at)}])
            w.append_audit(at, who, "source.add", row["id"], {"imported": True})
    for row in tables["captures"]:
        if not w.has_row("captures", row["id"]):
            w.insert_rows("captures", [row])
            w.append_audit(at, who, "capture.add", row["id"], {"imported": True})
    # Every other evidence table merges row by row, by its key.
    special = {"cases", "sources", "captures", "case_sources", "audit_log"}
    keyed = [t for t in EVIDENCE_TABLES if t not in special]
    for table in keyed:
        fresh = [r for r in tables[table] if not w.has_key(table, r)]
        w.insert_rows(table, fresh)
        if fresh:
            w.append_audit(at, who, f"{table}.import", table, {"count": len(fresh)})
    for row in tables["case_sources"]:
        if w.link_case(row["case_name"], row["source_id"], at, who):
            w.append_audit(at, who, "case.link", row["source_id"], {"case": row["case_name"]})


def _read(lines: Iterable[str]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bytes]]:
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in EVIDENCE_TABLES}
    blobs: dict[str, bytes] = {}
    seen_header = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            kind = rec["type"]
            if kind == "header":
                if rec.get("format") != FORMAT or rec.get("version") != VERSION:
                    raise InvalidInput("not a claimgraph export of a known version")
                seen_header = True
            elif not seen_header:
                raise InvalidInput("the first line must be the export header")
            elif kind == "row" and rec["table"] in tables:
                tables[rec["table"]].append(dict(rec["row"]))
            elif kind == "blob":
                data = base64.b64decode(rec["data"], validate=True)
                if sha256_hex(data) != rec["sha256"]:
                    raise InvalidInput("blob bytes do not match their hash")
                blobs[rec["sha256"]] = data
            else:
                raise InvalidInput(f"unknown record {kind!r}")
        except InvalidInput as exc:
            raise InvalidInput(exc.message, subject=f"import line {n}") from None
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise InvalidInput(f"malformed record ({exc})", subject=f"import line {n}") from None
    if not seen_header:
        raise InvalidInput("empty or not a claimgraph export", subject="import")
    return tables, blobs


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
