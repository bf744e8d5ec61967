"""Read-only use cases for the web app and API: what a member of one case may see of the
images that cases share, the bytes of a case's image, and the export of one case.

Images and sources are content-addressed and shared across cases, so a photo's earliest
appearance may sit in another team's source. A view shows only appearances in sources of
cases its reader is a member of (`ledger.user`): nobody reads a case they cannot see."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import NotFound
from claimgraph.link.imagematch import ImageMatch
from claimgraph.link.scenematch import SceneMatch
from claimgraph.parse.imagehash import QueryHashes
from claimgraph.services.accounts import cases_visible
from claimgraph.services.audit import case_audit
from claimgraph.services.imagesearch import (
    Alert,
    ImageReport,
    Readable,
    alerts,
    list_images,
    match_data,
)
from claimgraph.services.ledger import Ledger
from claimgraph.services.transfer import VERSION
from claimgraph.store import image_queries as iq

CASE_EXPORT_FORMAT = "claimgraph-case-export"


def visible_sources(ledger: Ledger, case: str) -> Readable:
    """The sources of `case` and of every other case the reader may read."""
    return Readable(ledger, frozenset({case, *cases_visible(ledger, ledger.user)}))


def case_images(ledger: Ledger, case: str) -> list[ImageReport]:
    """The case's images, each with the earliest appearance the reader may see."""
    return list_images(ledger, case, seen=visible_sources(ledger, case))


def case_alerts(ledger: Ledger, case: str) -> list[Alert]:
    return alerts(ledger, case, seen=visible_sources(ledger, case))


def match_upload(
    ledger: Ledger, case: str, data: bytes
) -> tuple[QueryHashes, list[tuple[ImageMatch | SceneMatch, ImageReport]]]:
    """What an uploaded image (not stored) matches among the images the reader may see."""
    return match_data(ledger, data, "upload", seen=visible_sources(ledger, case))


@dataclass(frozen=True, slots=True)
class ImageFile:
    sha256: str
    media_type: str
    data: bytes


def image_file(ledger: Ledger, case: str, sha: str) -> ImageFile:
    """The stored bytes of an image shown in the case (or added to it on its own), with
    the media type it was stored as (an SVG is listed, though never hashed)."""
    with ledger.store.read() as conn:
        found = sha in iq.case_image_shas(conn, case)
        stored = iq.images_by_sha(conn, [sha]).get(sha) if found else None
    source = ledger.store.find_row("sources", {"id": sha}) if found and not stored else None
    media_type = stored.media_type if stored else source["media_type"] if source else None
    if media_type is None:
        raise NotFound("no such image in this case", subject=sha)
    return ImageFile(sha, media_type, ledger.blobs.get(sha))


def case_export_lines(ledger: Ledger, case: str) -> Iterator[str]:
    """One case as JSON Lines, in the records of the whole-ledger export: a header, then
    rows of the case, its sources (each followed by its original bytes as a blob record),
    their captures, claims and claimants, the case's judgements, the images shown in its
    sources with their hashes and appearances, and the audit entries about the case.
    The rows are read before the first line is given (a web stream is iterated in worker
    threads, which must not hold our connections); the bytes are read line by line. The
    audit entries are a part of the hash chain: this is an archive, not a backup."""
    return _lines(ledger, case, _case_rows(ledger, case))


def _lines(ledger: Ledger, case: str, rows: list[tuple[str, dict[str, Any]]]) -> Iterator[str]:
    yield _dump({"type": "header", "format": CASE_EXPORT_FORMAT, "version": VERSION,
                 "case": case})  # fmt: skip
    for table, row in rows:
        yield _dump({"type": "row", "table": table, "row": row})
        if table == "sources":
            data = ledger.blobs.get(row["id"])
            yield _dump({"type": "blob", "sha256": row["id"], "data": _b64(data)})


def _case_rows(ledger: Ledger, case: str) -> list[tuple[str, dict[str, Any]]]:
    store = ledger.store
    found = store.find_row("cases", {"name": case})
    if found is None:
        raise NotFound("no such case", subject=case)
    links = store.rows_where("case_sources", case_name=case)
    ids = [r["source_id"] for r in links]
    out: list[tuple[str, dict[str, Any]]] = [("cases", found)]
    out += [("sources", r) for i in ids if (r := store.find_row("sources", {"id": i}))]
    out += [("case_sources", r) for r in links]
    out += [("captures", r) for i in ids for r in store.rows_where("captures", source_id=i)]
    claims = [r for i in ids for r in store.rows_where("claims", source_id=i)]
    actors = sorted({c["claimant_id"] for c in claims if c["claimant_id"]})
    out += [("actors", r) for a in actors if (r := store.find_row("actors", {"id": a}))]
    out += [("claims", r) for r in claims]
    out += [("judgements", r) for r in store.rows_where("judgements", case_name=case)]
    out += _image_rows(ledger, set(ids))
    seqs = [e.seq for e in case_audit(ledger, case, newest_first=False)]
    out += [("audit_log", r) for s in seqs if (r := store.find_row("audit_log", {"seq": s}))]
    return out


def _image_rows(ledger: Ledger, ids: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The images shown in the case's sources (or that are sources of it), with their
    hashes and descriptors, and their appearances in the case's sources only."""
    store = ledger.store
    seen = [r for i in sorted(ids) for r in store.rows_where("image_appearances", source_id=i)]
    shas = sorted({r["sha256"] for r in seen})
    out: list[tuple[str, dict[str, Any]]] = []
    out += [("images", r) for s in shas if (r := store.find_row("images", {"sha256": s}))]
    for table in ("image_hashes", "image_descriptors"):
        out += [(table, r) for s in shas for r in store.rows_where(table, sha256=s)]
    out += [("image_appearances", r) for r in seen]
    return out


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
