"""Near-duplicate images: a query's hashes against an index of archived ones.

The archive side holds each image's whole PDQ and its crop set; the query side its
8 rotations/mirrors, the same fixed crops and a trim of detected frames. Only
pairs that can describe one edit are compared (`comparable`): fewer pairs, fewer
chances for two different photos to meet by accident.

Quality: a query or an archived image with PDQ quality below MIN_QUALITY (flat,
nearly featureless pictures) is never "same image"; its matches within the review
threshold come back as "needs review".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from claimgraph.link.hamming import MIN_QUALITY, NEEDS_REVIEW, SAME_IMAGE, HashIndex

SAME = "same image"
REVIEW = "needs review"
_TURNS = frozenset(
    ("whole", "mirror", "rot90", "rot180", "rot270", "flip", "transpose", "transverse")
)
_SHARED_CROPS = frozenset(("top80",))  # fixed crops made on both sides: compared like for like
_PART = "variant:"  # index_archive's part of each archive variant: "variant:whole" …


class Archived(Protocol):
    """The archive side of an image (parse.imagehash.HashedImage has this shape)."""

    @property
    def sha256(self) -> str: ...
    @property
    def quality(self) -> int: ...
    @property
    def pdq(self) -> str: ...
    @property
    def variants(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def method(self) -> str: ...


class Query(Protocol):
    """The query side of an image (parse.imagehash.QueryHashes has this shape)."""

    @property
    def quality(self) -> int: ...
    @property
    def hashes(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def method(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ImageMatch:
    sha256: str  # the archived image
    distance: int  # best Hamming distance over the variant pairs compared
    verdict: str  # SAME ("same image") or REVIEW ("needs review")
    how: str  # which variants met: "<query variant> ~ <archive variant>"


def comparable(query_variant: str, archive_variant: str) -> bool:
    """Whether a query variant and an archive variant can be two sides of one edit."""
    if query_variant in _SHARED_CROPS or archive_variant in _SHARED_CROPS:
        return query_variant == archive_variant
    if query_variant == "trim":  # a banner or frame cut away: the picture is the whole
        return archive_variant in ("whole", "crop-c10")
    if query_variant in ("whole", "mirror"):
        return True  # the original, or a mirrored copy, cropped by the archive's crop set
    return query_variant in _TURNS and archive_variant == "whole"


def index_archive(images: Iterable[Archived], backend: str = "auto") -> HashIndex:
    """An index over the whole PDQ and the variants of each archived image. Keys are
    "sha256 variant quality method", read back by `match`; each variant has its own part
    of the index ("variant:crop-c10" …), so that `match` searches a query hash only
    among the variants it may be compared with."""
    index = HashIndex(backend)
    parts: dict[str, tuple[list[str], list[str]]] = {}
    for image in images:
        for name, value in (("whole", image.pdq), *image.variants):
            keys, hashes = parts.setdefault(_PART + name, ([], []))
            keys.append(f"{image.sha256} {name} {image.quality} {image.method}")
            hashes.append(value)
    for part, (keys, hashes) in parts.items():
        index.add(keys, hashes, part=part)
    return index


def match(
    query: Query, index: HashIndex, *, same: int = SAME_IMAGE, review: int = NEEDS_REVIEW
) -> list[ImageMatch]:
    """Archived images within `review` bits of the query, best first, one per image.
    Within `same` bits (and both qualities >= MIN_QUALITY) the verdict is "same image"."""
    names = [name for name, _ in query.hashes]
    hashes = [value for _, value in query.hashes]
    routes = [_routes(name, index.parts) for name in names]
    found = index.search(hashes, max(same, review), parts=routes)
    best: dict[str, tuple[int, str, int]] = {}  # sha256: (distance, how, archive quality)
    for name, hits in zip(names, found, strict=True):
        for key, dist in hits:
            sha, variant, quality, method = key.split(" ", 3)
            if method != query.method or not comparable(name, variant):
                continue
            if sha not in best or dist < best[sha][0]:
                best[sha] = (dist, f"{name} ~ {variant}", int(quality))
    matches = [
        ImageMatch(sha, dist, _verdict(dist, min(quality, query.quality), same), how)
        for sha, (dist, how, quality) in best.items()
    ]
    return sorted(matches, key=lambda m: (m.distance, m.sha256))


def _routes(name: str, parts: tuple[str, ...]) -> frozenset[str]:
    """The parts to search for a query variant: those of the archive variants it may be
    compared with (the rest would be dropped below), and any part not made per variant."""
    return frozenset(
        part for part in parts if not part.startswith(_PART) or comparable(name, part[len(_PART) :])
    )


def _verdict(dist: int, quality: int, same: int) -> str:
    return SAME if dist <= same and quality >= MIN_QUALITY else REVIEW
