"""The audit trail and the export through the API: a case's members read its own entries
(newest first, page by page), a site admin reads everything, and a case's editors export
the case and nothing of any other."""

from __future__ import annotations

import base64
import json

from api_helpers import MARK, article, assert_error, walk
from web_helpers import Site

from claimgraph.model import sha256_hex

ALPHA, BETA = article("alpha"), article("beta")


def _add(site: Site, user: str, case: str, name: str, data: bytes) -> str:
    ran = site.token(user).post(f"/api/v1/cases/{case}/sources", files={"file": (name, data)})
    assert ran.status_code == 201, ran.text
    sid: str = ran.json()["source_id"]
    return sid


def test_case_audit_newest_first_and_own_case_only(site: Site) -> None:
    alpha = _add(site, "ed", "alpha", "flood.html", ALPHA)
    beta = _add(site, "bo", "beta", "storm.html", BETA)
    ed = site.session("ed")
    claim = ed.get("/api/v1/cases/alpha/claims").json()["items"][0]["id"]
    ed.post(f"/api/v1/cases/alpha/claims/{claim}/review", json={"decision": "accept"})
    entries = walk(ed, "/api/v1/cases/alpha/audit", 2)
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs, reverse=True)
    assert entries[0]["action"] == "review.accept" and entries[0]["who"] == "ed"
    actions = {e["action"] for e in entries}
    assert {"case.create", "member.grant", "source.add", "case.link"} <= actions
    assert any(e["entity"] == alpha for e in entries)
    assert beta not in json.dumps(entries) and "beta" not in {e["entity"] for e in entries}
    assert all(len(e["hash"]) == 64 and len(e["prev_hash"]) == 64 for e in entries)
    viewer = site.token("vi").get("/api/v1/cases/alpha/audit").json()["items"]
    assert viewer == ed.get("/api/v1/cases/alpha/audit").json()["items"]  # members read it
    assert_error(site.token("bo").get("/api/v1/cases/alpha/audit"), 404, "not_found")


def test_site_audit_is_for_site_admins(site: Site) -> None:
    _add(site, "bo", "beta", "storm.html", BETA)
    every = walk(site.token("root"), "/api/v1/audit", 5)
    assert {"alpha", "beta"} <= {e["entity"] for e in every}
    assert [e["seq"] for e in every] == sorted((e["seq"] for e in every), reverse=True)
    assert_error(site.token("al").get("/api/v1/audit"), 403, "forbidden")  # a case admin
    assert_error(site.client().get("/api/v1/audit"), 401, "unauthenticated")
    assert_error(site.token("root").get("/api/v1/audit", params={"cursor": "x"}), 422)


def _records(text: str) -> list[dict[str, object]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_export_holds_the_case_and_nothing_else(site: Site) -> None:
    alpha = _add(site, "ed", "alpha", "flood.html", ALPHA)
    beta = _add(site, "bo", "beta", "storm.html", BETA)
    ran = site.session("ed").get("/api/v1/cases/alpha/export")
    assert ran.status_code == 200, ran.text
    assert ran.headers["content-type"].startswith("application/x-ndjson")
    assert ran.headers["content-disposition"] == 'attachment; filename="alpha.jsonl"'
    records = _records(ran.text)
    assert records[0] == {"type": "header", "format": "claimgraph-case-export", "version": 1,
                          "case": "alpha"}  # fmt: skip
    tables = {r["table"] for r in records if r["type"] == "row"}
    assert {"cases", "sources", "case_sources", "captures", "claims", "audit_log"} <= tables
    blobs = [r for r in records if r["type"] == "blob"]
    assert [b["sha256"] for b in blobs] == [alpha]
    data = base64.b64decode(str(blobs[0]["data"]))
    assert data == ALPHA and sha256_hex(data) == alpha
    assert beta not in ran.text and MARK["beta"] not in ran.text
    assert '"beta"' not in ran.text  # no row, link or audit entry of the other case
    admin = site.token("al").get("/api/v1/cases/alpha/export")
    assert admin.status_code == 200 and _records(admin.text)[1:] == records[1:]


def test_export_is_refused_to_viewers_and_strangers(site: Site) -> None:
    assert_error(site.token("vi").get("/api/v1/cases/alpha/export"), 403, "forbidden")
    assert_error(site.token("bo").get("/api/v1/cases/alpha/export"), 404, "not_found")
    assert_error(site.client().get("/api/v1/cases/alpha/export"), 401, "unauthenticated")
