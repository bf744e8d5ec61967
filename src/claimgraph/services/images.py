"""Images met while adding sources: hashed once, stored with every place they appeared.

An image added on its own is an appearance in itself; an image a page shows is an
appearance in that page, with the page's caption and date. A page read from a file finds
its images beside it (`<img src="images/x.jpg">`), inside the allowed roots and limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from claimgraph.capture.files import read_capped
from claimgraph.errors import ClaimgraphError
from claimgraph.model import ImageRef, Source, canonical_json, content_id
from claimgraph.parse import parse_bytes
from claimgraph.parse.imagehash import HashedImage, hash_image
from claimgraph.services.ledger import Ledger
from claimgraph.settings import Limits
from claimgraph.store import Writer
from claimgraph.store import image_queries as iq

MAX_IMAGES_PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class Appearance:
    sha256: str
    source_id: str
    caption: str | None
    date: str | None
    url: str | None
    how: str  # "file" | "embedded" | "archive"
    origin: str | None = None  # the archive it is credited to ("--source-name")

    @property
    def id(self) -> str:
        parts = (self.sha256, self.source_id, self.caption, self.date, self.how, self.origin)
        return content_id("app", *parts)


def try_hash(data: bytes, limits: Limits, subject: str) -> HashedImage | None:
    """The image's hashes, or None when it is kept but cannot be hashed (an SVG, an
    image the hasher refuses): it is still evidence, just not matched."""
    try:
        return hash_image(data, limits=limits, subject=subject)
    except ClaimgraphError:
        return None


def local_image_paths(page: Path, refs: tuple[ImageRef, ...]) -> list[tuple[ImageRef, Path]]:
    """The files a page read from disk shows, by their relative `src`."""
    out = []
    for ref in refs[:MAX_IMAGES_PER_PAGE]:
        if "://" in ref.src or ref.src.startswith(("/", "//", "data:")):
            continue
        out.append((ref, page.parent / ref.src.split("?")[0].split("#")[0]))
    return out


def read_image(path: Path, roots: tuple[Path, ...], limits: Limits) -> bytes | None:
    try:
        return read_capped(path, roots, limits.max_source_bytes)
    except ClaimgraphError:
        return None  # a missing or refused image does not fail its page


def record_image(w: Writer, image: HashedImage, at: str, who: str) -> bool:
    """Store an image's hashes once; True when it was new."""
    if w.has_key("images", {"sha256": image.sha256}):
        return False
    exif = canonical_json(dict(image.exif))
    row: dict[str, Any] = {
        "sha256": image.sha256, "media_type": image.media_type, "width": image.width,
        "height": image.height, "quality": image.quality, "pdq": image.pdq,
        "method": image.method, "exif": exif,
    }  # fmt: skip
    w.insert_rows("images", [row])
    hashes = [("whole", image.pdq), *image.variants]
    w.insert_rows(
        "image_hashes",
        [{"sha256": image.sha256, "method": image.method, "variant": v, "hash": h}
         for v, h in dict(hashes).items()],
    )  # fmt: skip
    return True


@dataclass(frozen=True, slots=True)
class PageRefs:
    """A page of this run and the images it shows by URL."""

    source_id: str
    published: str | None
    refs: tuple[ImageRef, ...]


@dataclass(slots=True)
class RemoteRefs:
    """What the pages of one run show by URL, and the images of the run that have one."""

    pages: list[PageRefs]
    images: set[str]

    def note(
        self,
        source: Source,
        image: HashedImage | None,
        shown: tuple[Appearance, ...],
        refs: tuple[ImageRef, ...],
    ) -> None:
        if image is not None and source.url:
            self.images.add(source.url)
        found = {a.url for a in shown}
        remote = tuple(r for r in refs if r.url and r.url not in found)
        if remote:
            self.pages.append(PageRefs(source.id, source.published, remote))


def record_images(
    w: Writer, image: HashedImage | None, shown: tuple[Appearance, ...], at: datetime, who: str
) -> None:
    """A candidate's image hashes and appearances, each new one audited."""
    if image is not None and record_image(w, image, at.isoformat(), who):
        w.append_audit(at, who, "image.add", image.sha256,
                       {"quality": image.quality, "method": image.method})  # fmt: skip
    for a in shown:
        if record_appearance(w, a):
            detail = {"image": a.sha256, "source": a.source_id, "how": a.how}
            w.append_audit(at, who, "image.appearance", a.id, detail)


def link_remote_images(ledger: Ledger, pages: list[PageRefs], image_urls: set[str]) -> int:
    """Appearances for images a page shows by URL that the ledger holds as sources of
    their own (from a WARC, or added by URL), whichever came first; idempotent."""
    if not pages and not image_urls:
        return 0  # most runs: nothing shown by URL, no image with a URL
    todo: list[Appearance] = []
    with ledger.store.read() as conn:
        wanted = {r.url for p in pages for r in p.refs if r.url}
        held = iq.image_sources_by_url(conn, sorted(wanted | image_urls))
        for p in pages:
            todo += [Appearance(held[r.url], p.source_id, r.caption, p.published, r.url,
                                "embedded") for r in p.refs if r.url in held]  # fmt: skip
        older = iq.pages_linking(conn, sorted(image_urls & set(held)))
    for page_id, published, url in older:  # pages added before their image: read again
        refs = parse_bytes(ledger.blobs.get(page_id), limits=ledger.settings.limits).image_refs
        caption = next((r.caption for r in refs if r.url == url), None)
        todo.append(Appearance(held[url], page_id, caption, published, url, "embedded"))
    return _record_all(ledger, todo)


def _record_all(ledger: Ledger, todo: list[Appearance]) -> int:
    if not todo:
        return 0
    at, who, added = ledger.clock(), ledger.user, 0
    with ledger.store.write() as w:
        for a in todo:
            if record_appearance(w, a):
                added += 1
                detail = {"image": a.sha256, "source": a.source_id, "how": a.how}
                w.append_audit(at, who, "image.appearance", a.id, detail)
    return added


def record_appearance(w: Writer, a: Appearance) -> bool:
    if w.has_row("image_appearances", a.id):
        return False
    row = {"id": a.id, "sha256": a.sha256, "source_id": a.source_id, "caption": a.caption,
           "date": a.date, "url": a.url, "how": a.how, "origin": a.origin}  # fmt: skip
    w.insert_rows("image_appearances", [row])
    return True
