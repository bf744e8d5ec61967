"""Use cases around claims: extract from a file without storing, and list stored claims."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from claimgraph.capture.files import read_capped
from claimgraph.errors import InvalidInput, NotFound
from claimgraph.extract import claim_record
from claimgraph.model import sha256_hex
from claimgraph.parse import parse_bytes
from claimgraph.services.extractors import Extractor
from claimgraph.services.ledger import Ledger
from claimgraph.settings import Settings
from claimgraph.store import ClaimFilter


def extract_file(
    settings: Settings, extractor: Extractor, path: Path | None, data: bytes | None = None
) -> list[dict[str, Any]]:
    """Claims of one document as contract records; `path` None means `data` came on stdin."""
    if path is not None:
        data = read_capped(path, settings.allowed_roots, settings.limits.max_source_bytes)
    if not data:
        raise InvalidInput("empty document", subject=str(path or "stdin"))
    parsed = parse_bytes(data, filename=path.name if path else None, limits=settings.limits)
    if parsed.media_type.startswith("image/"):
        raise InvalidInput("an image has no text to extract claims from", subject=str(path))
    claims = extractor.run(parsed.text, sha256_hex(data), parsed.published, parsed.publisher)
    return [claim_record(c) for c in claims]


def list_claims(ledger: Ledger, f: ClaimFilter) -> list[dict[str, Any]]:
    if f.case is not None and not ledger.store.case_exists(f.case):
        raise NotFound("no such case", subject=f.case)
    if f.source_id is not None:
        f = replace(f, source_id=ledger.store.resolve_source_id(f.source_id))
    out = []
    for claim, context in ledger.store.claims(f):
        out.append({"id": claim.id, "source_id": claim.source_id, **context, **claim_record(claim)})
    return out
