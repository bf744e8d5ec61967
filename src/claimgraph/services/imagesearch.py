"""Use cases on images: where each image was first seen, what a new image matches, and
which appearances present an older photo as something else (misattribution alerts)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz

from claimgraph.capture.files import read_capped
from claimgraph.errors import InvalidInput, NotFound
from claimgraph.link.events import day_of
from claimgraph.link.hamming import HashIndex
from claimgraph.link.imagematch import ImageMatch, index_archive, match
from claimgraph.link.scenematch import SceneMatch
from claimgraph.model import SourceKind
from claimgraph.parse.imagehash import METHOD, HashedImage, QueryHashes, query_hashes
from claimgraph.services.images import Appearance, record_appearance
from claimgraph.services.ingest import AddOutcome, add_inputs
from claimgraph.services.ledger import Ledger
from claimgraph.services.scenes import query_vectors, scene_index
from claimgraph.store import ClaimFilter
from claimgraph.store import image_queries as iq
from claimgraph.store.image_queries import AppearanceRow

ARCHIVE_CASE = "archive"
CAPTION_DIFFERS = 60  # rapidfuzz token_sort_ratio below this: the captions tell another story
DAYS_APART = 180  # first shown this long before: another event, whatever the caption says


# The sources a reader may see, where a view must hide other cases' appearances (None: all)
@dataclass(frozen=True, slots=True)
class Readable:
    """The sources a reader may see: those of these cases. Rows are checked by the cases
    of their own sources (by key), not against every source of every case."""

    ledger: Ledger
    cases: frozenset[str]

    def keep(self, rows: list[AppearanceRow]) -> list[AppearanceRow]:
        found = self.ledger.store.source_cases(sorted({r.source_id for r in rows}))
        ok = {sid for sid, cases in found.items() if self.cases.intersection(cases)}
        return [r for r in rows if r.source_id in ok]


Seen = Readable | None
M = TypeVar("M", ImageMatch, SceneMatch)


@dataclass(frozen=True, slots=True)
class ImageReport:
    sha256: str
    width: int
    height: int
    quality: int
    exif: dict[str, str]
    appearances: tuple[AppearanceRow, ...]  # of this very file
    earliest: AppearanceRow | None  # of this image or any copy of it
    copies: tuple[ImageMatch, ...]  # other stored images that are the same photo
    claims: tuple[tuple[str, str], ...] = ()  # (claim id, sentence) about a photo it shows
    # With the optional descriptor: other images of the same scene, and their earliest
    # appearance (a re-shoot or a heavy edit: weaker evidence than a copy)
    scenes: tuple[SceneMatch, ...] = ()
    scene_first: AppearanceRow | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    sha256: str
    later: AppearanceRow
    earlier: AppearanceRow
    reason: str


def _archive(ledger: Ledger) -> tuple[HashIndex, dict[str, iq.StoredImage]]:
    with ledger.store.read() as conn:
        variants: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for sha, variant, value in iq.all_hashes(conn, METHOD):
            variants[sha].append((variant, value))
        stored = iq.images_by_sha(conn, sorted(variants))
    hashed = [
        HashedImage(sha256=s.sha256, media_type=s.media_type, width=s.width, height=s.height,
                    quality=s.quality, pdq=s.pdq,
                    variants=tuple(v for v in variants[s.sha256] if v[0] != "whole"),
                    exif=tuple(s.exif.items()), method=s.method)
        for s in stored.values()
    ]  # fmt: skip
    return index_archive(hashed), stored


def _earliest(rows: list[AppearanceRow]) -> AppearanceRow | None:
    dated = [r for r in rows if r.date]
    pool = dated or rows
    return min(pool, key=lambda r: (r.date or "", r.how, r.where)) if pool else None


def _copies(query: QueryHashes, index: HashIndex) -> list[ImageMatch]:
    return [m for m in match(query, index) if m.sha256 != query.sha256]


def list_images(ledger: Ledger, case: str, *, seen: Seen = None) -> list[ImageReport]:
    if not ledger.store.case_exists(case):
        raise NotFound("no such case", subject=case)
    index, stored = _archive(ledger)
    scenes = scene_index(ledger)
    with ledger.store.read() as conn:
        shas = iq.case_image_shas(conn, case)
    out = []
    for sha in shas:
        img = stored.get(sha)
        copies = _copies(_query_of(ledger, sha), index) if img else []
        vector = scenes.vector(sha) if scenes else None
        found = scenes.match(vector[None, :]) if scenes and vector is not None else []
        out.append(_report(ledger, sha, img, copies, found, seen))
    return out


def _query_of(ledger: Ledger, sha: str) -> QueryHashes:
    return query_hashes(ledger.blobs.get(sha), limits=ledger.settings.limits, subject=sha)


def _report(
    ledger: Ledger,
    sha: str,
    img: iq.StoredImage | None,
    copies: list[ImageMatch],
    scenes: Sequence[SceneMatch] = (),
    seen: Seen = None,
) -> ImageReport:
    copies, scenes = _shown(ledger, copies, seen), _shown(ledger, scenes, seen)
    same = [m.sha256 for m in copies if m.verdict == "same image"]
    scenes = [m for m in scenes if m.sha256 != sha and m.sha256 not in same]
    with ledger.store.read() as conn:
        rows = _within(iq.appearances_of(conn, [sha, *same]), seen)
        scene_rows = iq.appearances_of(conn, [m.sha256 for m in scenes]) if scenes else []
        scene_rows = _within(scene_rows, seen)
    own = tuple(sorted((r for r in rows if r.sha256 == sha), key=lambda r: r.date or "~"))
    return ImageReport(
        sha256=sha,
        width=img.width if img else 0,
        height=img.height if img else 0,
        quality=img.quality if img else 0,
        exif=img.exif if img else {},
        appearances=own,
        earliest=_earliest(rows),
        copies=tuple(copies),
        claims=_photo_claims(ledger, own),
        scenes=tuple(scenes),
        scene_first=_earliest(scene_rows),
    )


def _within(rows: list[AppearanceRow], seen: Seen) -> list[AppearanceRow]:
    return rows if seen is None or not rows else seen.keep(rows)


def _shown(ledger: Ledger, found: Sequence[M], seen: Seen) -> list[M]:
    """The matches with an appearance the reader may see (all of them, when seen is None)."""
    if seen is None or not found:
        return list(found)
    with ledger.store.read() as conn:
        rows = _within(iq.appearances_of(conn, [m.sha256 for m in found]), seen)
    ok = {r.sha256 for r in rows}
    return [m for m in found if m.sha256 in ok]


_PHOTO_WORDS = re.compile(
    r"\b(?:photo\w*|pictures?|pictured|images?|footage|video|shown|shows|snapshots?)\b", re.I
)


def _photo_claims(ledger: Ledger, shown: tuple[AppearanceRow, ...]) -> tuple[tuple[str, str], ...]:
    """Claims in the pages that show the image and speak of a photo ("a photo showing …",
    "pictured above"): what the page says the picture is."""
    out: list[tuple[str, str]] = []
    for a in shown:
        if a.how != "embedded":
            continue
        for claim, _ in ledger.store.claims(ClaimFilter(source_id=a.source_id)):
            if _PHOTO_WORDS.search(claim.sentence):
                out.append((claim.id, claim.sentence))
    return tuple(dict.fromkeys(out))


def match_file(
    ledger: Ledger, path: Path
) -> tuple[QueryHashes, list[tuple[ImageMatch | SceneMatch, ImageReport]]]:
    """What a new image (not stored) matches, each match with its earliest appearance:
    copies of the photo (PDQ), then, with the descriptor, other images of the scene."""
    limits = ledger.settings.limits
    data = read_capped(path, ledger.settings.allowed_roots, limits.max_source_bytes)
    return match_data(ledger, data, str(path))


def match_data(
    ledger: Ledger, data: bytes, subject: str, *, seen: Seen = None
) -> tuple[QueryHashes, list[tuple[ImageMatch | SceneMatch, ImageReport]]]:
    """`match_file` for bytes in hand (an upload); `seen` hides other cases' images."""
    query = query_hashes(data, limits=ledger.settings.limits, subject=subject)
    index, stored = _archive(ledger)
    found = _shown(ledger, match(query, index), seen)
    scenes = scene_index(ledger)
    near = scenes.match(query_vectors(ledger, data, subject)) if scenes else []
    near = _shown(ledger, near, seen)
    # Every stored copy the query matches is the same photo: each is reported with the
    # earliest appearance of any of them; same-scene images come with their own.
    same = [m for m in found if m.verdict == "same image"]
    out: list[tuple[ImageMatch | SceneMatch, ImageReport]] = [
        (m, _report(ledger, m.sha256, stored.get(m.sha256), same if m in same else [], near,
                    seen))
        for m in found
    ]  # fmt: skip
    known = {m.sha256 for m in same}  # a copy of the photo says more than "same scene"
    out += [(m, _report(ledger, m.sha256, stored.get(m.sha256), [], (), seen)) for m in near
            if m.sha256 not in known]  # fmt: skip
    return query, out


def alerts(ledger: Ledger, case: str, *, seen: Seen = None) -> list[Alert]:
    """Appearances in the case of a photo first shown earlier with another caption, or
    long before: the earlier appearance is shown beside it."""
    out = []
    for report in list_images(ledger, case, seen=seen):
        for first, label in ((report.earliest, ""), (report.scene_first, "same scene ")):
            if first is None or not first.date:
                continue
            for later in report.appearances:
                reason = _differs(first, later)
                if reason and later.id != first.id:
                    out.append(Alert(report.sha256, later, first, label + reason))
    return out


def _differs(first: AppearanceRow, later: AppearanceRow) -> str | None:
    if not (later.date and first.date) or later.date[:10] <= first.date[:10]:
        return None
    gap = (date.fromisoformat(later.date[:10]) - date.fromisoformat(first.date[:10])).days
    a, b = first.caption or "", later.caption or ""
    if a and b and fuzz.token_sort_ratio(a, b) < CAPTION_DIFFERS:
        return f"first shown {gap} days earlier with another caption"
    if gap > DAYS_APART:
        return f"first shown {gap} days earlier"
    return None


@dataclass(frozen=True, slots=True)
class ArchiveOutcome:
    input: str
    status: str  # "added" | "known" | "failed"
    sha256: str | None = None
    date: str | None = None
    reason: str | None = None


def archive_import(
    ledger: Ledger,
    refs: list[str],
    *,
    source_name: str,
    date: str | None = None,
    date_from_exif: bool = False,
    case: str = ARCHIVE_CASE,
) -> Iterator[ArchiveOutcome]:
    """Load an older archive of photos: each image is preserved as a source, and gets an
    appearance credited to `source_name` on `date` (or the date its EXIF gives)."""
    if (date is None) == (not date_from_exif):
        raise InvalidInput("give either --date DATE or --date-from-exif", subject="archive-import")
    if date is not None and day_of(date) is None:
        raise InvalidInput("not a date (YYYY-MM-DD)", subject=date)
    for outcome in add_inputs(ledger, refs, case=case, kind=SourceKind.IMAGE, extract=False):
        if outcome.status == "failed" or outcome.source_id is None:
            yield ArchiveOutcome(outcome.input, "failed", reason=outcome.reason)
            continue
        yield _credit(ledger, outcome, source_name, date, date_from_exif)


def _credit(
    ledger: Ledger, outcome: AddOutcome, name: str, date: str | None, from_exif: bool
) -> ArchiveOutcome:
    sha = outcome.source_id
    assert sha is not None
    with ledger.store.read() as conn:
        stored = iq.images_by_sha(conn, [sha]).get(sha)
    if stored is None:
        return ArchiveOutcome(outcome.input, "failed", sha, reason="not an image we can hash")
    when = date or exif_day(stored.exif.get("datetime_original"))
    if when is None:
        return ArchiveOutcome(outcome.input, "failed", sha, reason="no EXIF capture date")
    appearance = Appearance(sha, sha, None, when, None, "archive", name)
    at = ledger.clock()
    with ledger.store.write() as w:
        if record_appearance(w, appearance):
            detail = {"image": sha, "origin": name, "date": when}
            w.append_audit(at, ledger.user, "image.appearance", appearance.id, detail)
    return ArchiveOutcome(outcome.input, outcome.status, sha, when)


def exif_day(value: str | None) -> str | None:
    """EXIF writes "2011:06:07 14:02:11"; the ISO day, or None if it is not one."""
    if not value or len(value) < 10:
        return None
    return day_of(value[:10].replace(":", "-"))
