"""Use case: add documents (files, folders, URLs, WARC records) to the ledger.

Reading and parsing are pure and happen first; writes are batched, one transaction per
batch, and an outcome is reported only once its batch has committed — so whatever a
caller saw reported as added survives a crash right after."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from claimgraph import __version__
from claimgraph.capture import iter_warc
from claimgraph.capture.files import expand, is_url, is_warc, read_capped
from claimgraph.capture.warc import WarcProblem
from claimgraph.errors import ClaimgraphError, InvalidInput
from claimgraph.extract import Meta
from claimgraph.model import (
    Capture,
    CaptureMethod,
    Claim,
    ImageRef,
    Source,
    SourceKind,
    check_case_name,
    content_id,
)
from claimgraph.model.ids import sha256_hex
from claimgraph.parse import parse_bytes
from claimgraph.parse.imagehash import HashedImage
from claimgraph.services.extractors import Extractor, make_extractor
from claimgraph.services.images import (
    MAX_IMAGES_PER_PAGE,
    Appearance,
    RemoteRefs,
    link_remote_images,
    local_image_paths,
    read_image,
    record_images,
    try_hash,
)
from claimgraph.services.ledger import Ledger
from claimgraph.store import Writer

DEFAULT_CASE = "default"
TOOL = f"claimgraph/{__version__}"


@dataclass(frozen=True, slots=True)
class AddOutcome:
    input: str
    status: str  # "added" (new source), "known" (same bytes seen before), "failed"
    source_id: str | None = None
    capture_id: str | None = None
    title: str | None = None
    media_type: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    label: str
    data: bytes
    source: Source
    capture: Capture
    claims: list[Claim]
    extractor: str
    image: HashedImage | None = None
    appearances: tuple[Appearance, ...] = ()
    children: tuple[_Candidate, ...] = ()  # the images a page shows, stored with it
    refs: tuple[ImageRef, ...] = ()


Item = _Candidate | AddOutcome


def add_inputs(
    ledger: Ledger,
    refs: Sequence[str],
    *,
    case: str = DEFAULT_CASE,
    kind: SourceKind | None = None,
    extract: bool = True,
    backend: str = "rules",
    batch_size: int = 64,
    batch_seconds: float = 1.0,
) -> Iterator[AddOutcome]:
    """Add every document named by `refs`; yield one outcome per document, in order."""
    case = check_case_name(case)
    ledger.blobs.clean_partials()
    batch: list[_Candidate | AddOutcome] = []
    # Images this run stored because a page showed them: named later as inputs of
    # their own, they were still added by this run.
    shown: set[str] = set()
    remote = RemoteRefs([], set())  # what pages show by URL, and images that have one
    started = time.monotonic()
    # Made before anything is read, so a missing model fails at once, not midway.
    extractor = make_extractor(ledger.settings, backend, ledger.nlp) if extract else None
    for item in _candidates(ledger, refs, kind):
        if isinstance(item, _Candidate):
            remote.note(item.source, item.image, item.appearances, item.refs)
        batch.append(item)
        if len(batch) >= batch_size or time.monotonic() - started > batch_seconds:
            yield from _commit(ledger, case, batch, extractor, shown)
            batch, started = [], time.monotonic()
    yield from _commit(ledger, case, batch, extractor, shown)
    link_remote_images(ledger, remote.pages, remote.images)


def add_upload(
    ledger: Ledger, data: bytes, filename: str, *, case: str, extract: bool = True
) -> AddOutcome:
    """A document sent to the web app: added like a file. The name it came with is
    kept as metadata only (sniffing, display); the bytes are stored by their hash."""
    case = check_case_name(case)
    name = "".join(ch for ch in filename.replace("\\", "/").rsplit("/", 1)[-1]
                   if ch.isprintable())[:200] or "upload"  # fmt: skip
    if len(data) > ledger.settings.limits.max_source_bytes:
        return AddOutcome(input=name, status="failed", reason="over the size limit")
    extractor = make_extractor(ledger.settings, "rules", ledger.nlp) if extract else None
    item: Item
    try:
        capture = _capture(ledger, CaptureMethod.UPLOAD, f"upload:{name}")
        item = _candidate(ledger, name, data, capture, None, filename=name)
    except ClaimgraphError as exc:
        item = AddOutcome(input=name, status="failed", reason=exc.message)
    return next(_commit(ledger, case, [item], extractor, set()))


def add_url(ledger: Ledger, url: str, *, case: str) -> AddOutcome:
    """A page named by a person over the web: fetched (through the guard), never read
    from this machine's disk, whatever the string says."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise InvalidInput("a url starts with http:// or https://", subject="url")
    return next(iter(add_inputs(ledger, [url], case=case)))


def _candidates(ledger: Ledger, refs: Sequence[str], kind: SourceKind | None) -> Iterator[Item]:
    for ref in refs:
        try:
            if is_url(ref):
                yield _from_url(ledger, ref, kind)
                continue
            for path in expand(ref, ledger.settings.allowed_roots):
                yield from _from_path(ledger, path, kind)
        except ClaimgraphError as exc:
            yield AddOutcome(input=ref, status="failed", reason=exc.message)


def _from_path(ledger: Ledger, path: Path, kind: SourceKind | None) -> Iterator[Item]:
    label = str(path)
    try:
        if is_warc(path):
            yield from _from_warc(ledger, path, kind)
            return
        data = read_capped(
            path, ledger.settings.allowed_roots, ledger.settings.limits.max_source_bytes
        )
        capture = _capture(ledger, CaptureMethod.FILE, str(path.resolve()))
        page = _candidate(ledger, label, data, capture, kind, filename=path.name)
        yield _with_local_images(ledger, page, path)
    except ClaimgraphError as exc:
        yield AddOutcome(input=label, status="failed", reason=exc.message)


def _from_url(ledger: Ledger, url: str, kind: SourceKind | None) -> Item:
    fetched = ledger.fetch(url, ledger.settings.limits)
    if fetched.status >= 400:
        return AddOutcome(input=url, status="failed", reason=f"HTTP status {fetched.status}")
    declared = dict((k.lower(), v) for k, v in fetched.headers).get("content-type")
    capture = _capture(
        ledger,
        CaptureMethod.URL,
        url,
        http_status=fetched.status,
        http_headers=fetched.headers,
        warc_record={"final_url": fetched.final_url, "address": fetched.address},
        at=fetched.fetched_at,
    )
    page = _candidate(
        ledger,
        url,
        fetched.body,
        capture,
        kind,
        url=fetched.final_url,
        declared=declared,
    )
    return _with_fetched_images(ledger, page)


def _with_fetched_images(ledger: Ledger, page: _Candidate) -> _Candidate:
    """The images a page fetched from the web shows, fetched the same guarded way."""

    def fetched() -> Iterator[tuple[ImageRef, _Candidate]]:
        for ref in page.refs[:MAX_IMAGES_PER_PAGE]:
            if not ref.url or not ref.url.startswith(("http://", "https://")):
                continue
            try:
                got = ledger.fetch(ref.url, ledger.settings.limits)
                if got.status >= 400:
                    continue
                kind = dict((k.lower(), v) for k, v in got.headers).get("content-type")
                capture = _capture(ledger, CaptureMethod.URL, ref.url, http_status=got.status,
                                   http_headers=got.headers, at=got.fetched_at)  # fmt: skip
                yield ref, _candidate(ledger, ref.url, got.body, capture, None,
                                      url=got.final_url, declared=kind)  # fmt: skip
            except ClaimgraphError:
                continue  # an image that cannot be fetched does not fail its page

    return _showing(page, fetched())


def _from_warc(ledger: Ledger, path: Path, kind: SourceKind | None) -> Iterator[Item]:
    with open(path, "rb") as fh:
        for rec in iter_warc(fh, ledger.settings.limits):
            label = f"{path}#{rec.record_id or rec.offset}"
            if isinstance(rec, WarcProblem):
                yield AddOutcome(input=label, status="failed", reason=rec.reason)
                continue
            record = {
                "file": str(path.resolve()),
                "record_id": rec.record_id,
                "offset": str(rec.offset),
                "target_uri": rec.target_uri,
                "warc_date": rec.warc_date,
            }
            capture = _capture(
                ledger,
                CaptureMethod.WARC,
                f"{path.resolve()}#{rec.record_id}",
                http_status=rec.http_status,
                http_headers=rec.http_headers,
                warc_record=record,
            )
            try:
                yield _candidate(
                    ledger,
                    label,
                    rec.payload,
                    capture,
                    kind,
                    url=rec.target_uri,
                    declared=rec.content_type,
                )
            except ClaimgraphError as exc:
                yield AddOutcome(input=label, status="failed", reason=exc.message)


def _capture(ledger: Ledger, method: CaptureMethod, location: str, **extra: Any) -> Capture:
    at = extra.pop("at", None) or ledger.clock()
    # The id is fixed once the source is known (see _candidate).
    return Capture(
        id="",
        source_id="",
        method=method,
        location=location,
        captured_at=at,
        agent=ledger.user,
        tool_version=TOOL,
        **extra,
    )


def _candidate(
    ledger: Ledger,
    label: str,
    data: bytes,
    capture: Capture,
    kind: SourceKind | None,
    *,
    filename: str | None = None,
    url: str | None = None,
    declared: str | None = None,
) -> _Candidate:
    if not data:
        raise InvalidInput("empty document", subject=label)
    parsed = parse_bytes(
        data,
        filename=filename or url,
        media_type=declared,
        base_url=url,
        limits=ledger.settings.limits,
    )
    digest = sha256_hex(data)
    is_image = parsed.media_type.startswith("image/")
    source = Source(
        id=digest,
        media_type=parsed.media_type,
        size=len(data),
        text=parsed.text,
        parser=parsed.parser,
        kind=kind or (SourceKind.IMAGE if is_image else SourceKind.UNKNOWN),
        title=parsed.title,
        # A page read from a file still says where it lives (canonical link, og:url).
        url=url or parsed.extra.get("url"),
        authors=parsed.authors,
        publisher=parsed.publisher,
        published=parsed.published,
        language=parsed.language,
        links=parsed.links,
        image_urls=parsed.image_urls,
        page_offsets=parsed.page_offsets,
        encoding=parsed.encoding,
        filename=filename,
    )
    cap_id = content_id(
        "cap",
        digest,
        capture.method.value,
        capture.location,
        capture.captured_at.isoformat(),
        capture.agent,
    )
    capture = replace(capture, id=cap_id, source_id=digest)
    image = try_hash(data, ledger.settings.limits, label) if is_image else None
    own = (Appearance(digest, digest, None, None, url, "file"),) if is_image else ()
    return _Candidate(label, data, source, capture, [], "", image, own, (), parsed.image_refs)


def _with_local_images(ledger: Ledger, page: _Candidate, path: Path) -> _Candidate:
    """The page's images found beside its file, each a source of its own shown by the page."""

    def found() -> Iterator[tuple[ImageRef, _Candidate]]:
        for ref, file in local_image_paths(path, page.refs):
            data = read_image(file, ledger.settings.allowed_roots, ledger.settings.limits)
            if data is None:
                continue
            capture = _capture(ledger, CaptureMethod.FILE, str(file.resolve()))
            try:
                yield ref, _candidate(ledger, str(file), data, capture, None, filename=file.name)
            except ClaimgraphError:
                continue  # not an image we can read: the page still goes in

    return _showing(page, found())


def _showing(page: _Candidate, found: Iterable[tuple[ImageRef, _Candidate]]) -> _Candidate:
    """The page with the images it shows as children, each appearing in the page (with its
    caption and date) rather than on its own. What turns out not to be an image is left."""
    children, shown = [], []
    for ref, child in found:
        if not child.source.media_type.startswith("image/"):
            continue
        children.append(replace(child, appearances=()))
        shown.append(Appearance(child.source.id, page.source.id, ref.caption,
                                page.source.published, ref.url, "embedded"))  # fmt: skip
    return replace(page, children=tuple(children), appearances=(*page.appearances, *shown))


def _commit(
    ledger: Ledger,
    case: str,
    batch: Iterable[Item],
    extractor: Extractor | None,
    shown: set[str],
) -> Iterator[AddOutcome]:
    items = list(batch)
    candidates = _with_claims([c for c in items if isinstance(c, _Candidate)], extractor)
    for c in candidates:  # durable bytes first: a row never points at a missing blob
        for part in (c, *c.children):
            ledger.blobs.put(part.data)
    statuses: list[str] = []
    if candidates:
        at, who = ledger.clock(), ledger.user
        with ledger.store.write() as w:
            if w.ensure_case(case, at, who):
                w.append_audit(at, who, "case.create", case, {"name": case})
            statuses = []
            for c in candidates:
                for child in c.children:
                    if _record(w, child, case, at, who) == "added":
                        shown.add(child.source.id)
                status = _record(w, c, case, at, who)
                statuses.append("added" if c.source.id in shown else status)
    done = iter(zip(candidates, statuses, strict=True))
    for item in items:
        if isinstance(item, AddOutcome):
            yield item
            continue
        c, status = next(done)
        yield AddOutcome(
            input=c.label,
            status=status,
            source_id=c.source.id,
            capture_id=c.capture.id,
            title=c.source.title,
            media_type=c.source.media_type,
        )


def _with_claims(candidates: list[_Candidate], extractor: Extractor | None) -> list[_Candidate]:
    """Extract the batch's claims in one go (spaCy may spread it over worker processes)."""
    todo = [c for c in candidates if c.source.text.strip()]
    if extractor is None or not todo:
        return candidates
    metas = [Meta(c.source.id, c.source.published, c.source.publisher) for c in todo]
    found = extractor.run_many([(c.source.text, m) for c, m in zip(todo, metas, strict=True)])
    claims = {id(c): f for c, f in zip(todo, found, strict=True)}
    return [replace(c, claims=claims.get(id(c), []), extractor=extractor.name) for c in candidates]


def _record(w: Writer, c: _Candidate, case: str, at: datetime, who: str) -> str:
    s = c.source
    status = "known"
    if not w.has_row("sources", s.id):
        w.insert_source(s, at)
        w.append_audit(at, who, "source.add", s.id, {"media_type": s.media_type, "size": s.size})
        status = "added"
    if not w.has_row("captures", c.capture.id):
        w.insert_capture(c.capture)
        detail = {"source": s.id, "how": c.capture.method.value, "location": c.capture.location}
        w.append_audit(at, who, "capture.add", c.capture.id, detail)
    if c.claims and (n := w.insert_claims(c.claims, c.extractor)):
        w.append_audit(at, who, "claims.extract", s.id, {"count": n, "extractor": c.extractor})
    if w.link_case(case, s.id, at, who):
        w.append_audit(at, who, "case.link", s.id, {"case": case})
    record_images(w, c.image, c.appearances, at, who)
    return status
