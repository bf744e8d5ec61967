"""Explicit conversion between model records and table rows."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from claimgraph.model import (
    Actor,
    ActorKind,
    AuditEntry,
    Capture,
    CaptureMethod,
    ChainLink,
    Claim,
    Counts,
    Qualifier,
    Quantity,
    Reliability,
    Source,
    SourceKind,
    Stance,
    canonical_json,
)


class Attrs:
    """Attribute access over a plain dict, so the row converters read dicts too."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)


def iso(dt: datetime) -> str:
    return dt.isoformat()


def source_row(s: Source, first_seen_at: datetime) -> dict[str, Any]:
    return {
        "id": s.id,
        "media_type": s.media_type,
        "size": s.size,
        "kind": s.kind.value,
        "title": s.title,
        "url": s.url,
        "authors": canonical_json(list(s.authors)),
        "publisher": s.publisher,
        "published": s.published,
        "language": s.language,
        "links": canonical_json(list(s.links)),
        "image_urls": canonical_json(list(s.image_urls)),
        "page_offsets": canonical_json(list(s.page_offsets)),
        "encoding": s.encoding,
        "filename": s.filename,
        "parser": s.parser,
        "text": s.text,
        "first_seen_at": iso(first_seen_at),
    }


def row_source(r: Any) -> Source:
    return Source(
        id=r.id,
        media_type=r.media_type,
        size=int(r.size),
        text=r.text,
        parser=r.parser,
        kind=SourceKind(r.kind),
        title=r.title,
        url=r.url,
        authors=tuple(json.loads(r.authors)),
        publisher=r.publisher,
        published=r.published,
        language=r.language,
        links=tuple(json.loads(r.links)),
        image_urls=tuple(json.loads(r.image_urls)),
        page_offsets=tuple(json.loads(r.page_offsets)),
        encoding=r.encoding,
        filename=r.filename,
    )


def capture_row(c: Capture) -> dict[str, Any]:
    return {
        "id": c.id,
        "source_id": c.source_id,
        "method": c.method.value,
        "location": c.location,
        "captured_at": iso(c.captured_at),
        "agent": c.agent,
        "tool_version": c.tool_version,
        "http_status": c.http_status,
        "http_headers": canonical_json([list(h) for h in c.http_headers]),
        "warc_record": canonical_json(c.warc_record) if c.warc_record is not None else None,
    }


def row_capture(r: Any) -> Capture:
    return Capture(
        id=r.id,
        source_id=r.source_id,
        method=CaptureMethod(r.method),
        location=r.location,
        captured_at=datetime.fromisoformat(r.captured_at),
        agent=r.agent,
        tool_version=r.tool_version,
        http_status=r.http_status,
        http_headers=tuple((k, v) for k, v in json.loads(r.http_headers)),
        warc_record=json.loads(r.warc_record) if r.warc_record is not None else None,
    )


def audit_row(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": iso(e.at),
        "who": e.who,
        "action": e.action,
        "entity": e.entity,
        "detail": canonical_json(e.detail),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def row_audit(r: Any) -> AuditEntry:
    return AuditEntry(
        seq=int(r.seq),
        at=datetime.fromisoformat(r.at),
        who=r.who,
        action=r.action,
        entity=r.entity,
        detail=json.loads(r.detail),
        prev_hash=r.prev_hash,
        hash=r.hash,
    )


def actor_row(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind.value,
        "role": a.role,
        "affiliation": a.affiliation,
        "aliases": canonical_json(list(a.aliases)),
        "reliability": a.reliability.value,
    }


def row_actor(r: Any) -> Actor:
    return Actor(
        id=r.id,
        name=r.name,
        kind=ActorKind(r.kind),
        role=r.role,
        affiliation=r.affiliation,
        aliases=tuple(json.loads(r.aliases)),
        reliability=Reliability(r.reliability),
    )


def claim_row(c: Claim, extractor: str) -> dict[str, Any]:
    q = c.quantity
    return {
        "id": c.id,
        "source_id": c.source_id,
        "kind": c.kind,
        "span_start": c.span[0],
        "span_end": c.span[1],
        "sentence": c.sentence,
        "stance": c.stance.value,
        "claimant_id": c.claimant.id if c.claimant else None,
        "chain": canonical_json([[link.name, link.cue] for link in c.chain]),
        "low": q.low if q else None,
        "high": q.high if q else None,
        "qualifier": q.qualifier.value if q else None,
        "counts": q.counts.value if q else None,
        "subject": q.subject if q else None,
        "quantity_text": q.text if q else None,
        "date": c.date,
        "extractor": extractor,
    }


def row_claim(r: Any, claimant: Actor | None) -> Claim:
    quantity = None
    if r.qualifier is not None:
        quantity = Quantity(
            low=r.low,
            high=r.high,
            qualifier=Qualifier(r.qualifier),
            counts=Counts(r.counts),
            subject=r.subject,
            text=r.quantity_text,
        )
    return Claim(
        id=r.id,
        source_id=r.source_id,
        kind=r.kind,
        span=(int(r.span_start), int(r.span_end)),
        sentence=r.sentence,
        stance=Stance(r.stance),
        claimant=claimant,
        chain=tuple(ChainLink(n, c) for n, c in json.loads(r.chain)),
        quantity=quantity,
        date=r.date,
    )
