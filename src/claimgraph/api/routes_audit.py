"""The audit trail (a case's, and the whole site's for site admins) and the export of a
case as JSON Lines."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from claimgraph.api.context import Read, Who, app_state
from claimgraph.api.paging import Cursor, Limit, Page
from claimgraph.api.schemas_analysis import AuditOut, audit_out, windowed
from claimgraph.errors import Forbidden
from claimgraph.model import AuditEntry
from claimgraph.services import Permission
from claimgraph.services.audit import case_audit_page, site_audit_page
from claimgraph.services.views import case_export_lines

router = APIRouter(tags=["audit"])
NDJSON = "application/x-ndjson"


@router.get(
    "/cases/{case}/audit",
    response_model=Page[AuditOut],
    summary="Every change to the case, its sources and judgements, newest first",
)
def get_case_audit(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    def fetch(offset: int, count: int) -> list[AuditEntry]:
        return case_audit_page(access.ledger, access.case, offset=offset, limit=count)

    return windowed(fetch, cursor, limit, audit_out)


@router.get(
    "/audit",
    response_model=Page[AuditOut],
    summary="The whole audit log, newest first (site admins)",
)
def get_site_audit(request: Request, who: Who, cursor: Cursor = None, limit: Limit = 50) -> Any:
    if not who.account.is_admin:
        raise Forbidden("only a site admin reads the whole audit log", subject="audit")

    def fetch(offset: int, count: int) -> list[AuditEntry]:
        return site_audit_page(app_state(request).ledger, offset=offset, limit=count)

    return windowed(fetch, cursor, limit, audit_out)


@router.get(
    "/cases/{case}/export",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {}}}},
    summary="The case as JSON Lines (editors and admins of the case)",
    description=(
        "A header line (`format: claimgraph-case-export`), then one record a line: the "
        "case, its sources each followed by its original bytes (base64 `blob` record), "
        "the sources' captures, claims and claimants, the case's judgements, the images "
        "shown in its sources with their hashes and appearances there, and the audit "
        "entries about the case. Nothing of other cases. The audit entries are a part "
        "of the ledger's hash chain: this is an archive of the case, not a backup of the "
        "ledger. A bulk copy of everything, so viewers (who may read it page by page) "
        "cannot download it."
    ),
)
def get_export(access: Read) -> StreamingResponse:
    if not Permission.can_write(access.role):
        raise Forbidden(f"a {access.role.value} of this case cannot export it", subject=access.case)
    lines = case_export_lines(access.ledger, access.case)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", access.case)  # a header is ASCII, unquoted
    disposition = f'attachment; filename="{name}.jsonl"'
    return StreamingResponse(lines, media_type=NDJSON,
                             headers={"Content-Disposition": disposition,
                                      "Cache-Control": "private, no-store"})  # fmt: skip
