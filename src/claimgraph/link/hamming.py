"""Hamming-distance search over 256-bit perceptual hashes (PDQ).

Three backends give the same answers: faiss-cpu's IndexBinaryFlat range search; a
numpy scan (bitwise_count over the hashes as four 64-bit words, all queries in one
pass); and "mih" (the default), which probes multi-index hashing tables (link.mih)
where their cost model expects fewer nanoseconds than that scan (from a few thousand
hashes, at radii up to about 40-50 bits) and scans elsewhere. None is approximate: no
match is ever missed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from claimgraph.link.mih import WORDS, Hits, MultiIndex, split, within

SAME_IMAGE = 31  # PDQ's authors: <= 31 bits of 256 is the same image
NEEDS_REVIEW = 63  # 32-63: a person should look; above: different images
MIN_QUALITY = 50  # below this PDQ quality a hash is too flat to be evidence
BITS = 256
_BACKENDS = ("auto", "faiss", "numpy", "mih")
_BLOCK = 1 << 16  # queries x rows per numpy pass: the xor/popcount temporaries stay in cache
_GROUP = 16  # queries scanned together
_SCAN_NS = 0.5  # a word of a code against a query, on one core (benchmarks/image_query.py)
_MIN_PROBED = 1 << 12  # fewer codes than this: a scan takes microseconds, no tables


def codes(hashes: Sequence[str]) -> NDArray[np.uint8]:
    """Hashes of 64 hex characters as an (n, 32) byte array."""
    out = np.empty((len(hashes), BITS // 8), dtype=np.uint8)
    for row, value in enumerate(hashes):
        if len(value) != BITS // 4:
            raise ValueError(f"a PDQ hash has {BITS // 4} hex characters, not {len(value)}")
        out[row] = np.frombuffer(bytes.fromhex(value), dtype=np.uint8)
    return out


def distance(first: str, second: str) -> int:
    """Hamming distance between two hashes."""
    pair = codes([first, second]).view(np.uint64)
    return int(np.bitwise_count(pair[0] ^ pair[1]).sum())


class HashIndex:
    """Keys and their 256-bit hashes; a key may repeat (several variants of one image).

    Hashes may be added to named parts (say, one per kind of variant), so that a search
    can skip the parts a query hash has no use for: the same answers, fewer rows read."""

    def __init__(self, backend: str = "auto") -> None:
        if backend not in _BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, not {backend!r}")
        if backend == "faiss" and importlib.util.find_spec("faiss") is None:
            raise ValueError("backend 'faiss' needs faiss-cpu, which is not installed")
        self.backend = "mih" if backend == "auto" else backend
        self._parts: dict[str, _Part] = {}

    def __len__(self) -> int:
        return sum(len(part.keys) for part in self._parts.values())

    @property
    def parts(self) -> tuple[str, ...]:
        """Names of the parts, in the order of their first hash."""
        return tuple(self._parts)

    def add(self, keys: Sequence[str], hashes: Sequence[str], *, part: str = "") -> None:
        if len(keys) != len(hashes):
            raise ValueError(f"{len(keys)} keys for {len(hashes)} hashes")
        batch = codes(hashes)
        self._parts.setdefault(part, _Part(self.backend)).add(keys, batch)

    def search(
        self,
        hashes: Sequence[str],
        max_distance: int,
        *,
        parts: Sequence[Collection[str] | None] | None = None,
    ) -> list[list[tuple[str, int]]]:
        """Per query: (key, distance) within max_distance, best first, one entry per key
        (its smallest distance); ties in key order. `parts`, one per query: the parts
        to search for it (None: all)."""
        queries = codes(hashes)
        if parts is not None and len(parts) != len(queries):
            raise ValueError(f"{len(parts)} sets of parts for {len(queries)} hashes")
        limit = max(-1, min(int(max_distance), BITS))
        best: list[dict[str, int]] = [{} for _ in hashes]
        for name, part in self._parts.items():
            wanted = [i for i in range(len(queries)) if parts is None or _wants(parts[i], name)]
            if not wanted:
                continue
            for query, (rows, dists) in zip(wanted, part.hits(queries[wanted], limit), strict=True):
                found = best[query]
                for row, dist in zip(rows.tolist(), dists.tolist(), strict=True):
                    key = part.keys[row]
                    if dist < found.get(key, BITS + 1):
                        found[key] = int(dist)
        return [sorted(found.items(), key=lambda item: (item[1], item[0])) for found in best]


def _wants(parts: Collection[str] | None, name: str) -> bool:
    return parts is None or name in parts


class _Part:
    """The keys and hashes of one part, searched by one backend."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.keys: list[str] = []
        self._batches: list[NDArray[np.uint8]] = []  # added, joined on the next search
        self._words: NDArray[np.uint64] | None = None
        self._mih: MultiIndex | None = None
        self._faiss: Any = _faiss_index() if backend == "faiss" else None

    def add(self, keys: Sequence[str], batch: NDArray[np.uint8]) -> None:
        self.keys.extend(keys)
        if self._faiss is not None:
            self._faiss.add(batch)
        else:
            self._batches.append(batch)

    def hits(self, queries: NDArray[np.uint8], limit: int) -> list[Hits]:
        if self._faiss is not None:
            # faiss keeps distances strictly below the radius
            lims, dists, rows = self._faiss.range_search(queries, limit + 1)
            bounds = list(zip(lims[:-1].tolist(), lims[1:].tolist(), strict=True))
            return [(rows[start:stop], dists[start:stop]) for start, stop in bounds]
        stored = self._stored()
        words, multi = queries.view(np.uint64), self._mih
        cost = multi.cost(limit) if multi is not None else None
        scan_cost = len(self.keys) * _lead_words(limit) * _SCAN_NS
        if multi is not None and cost is not None and cost < scan_cost:
            return multi.search(words, limit)
        return scan(stored, words, limit)

    def _stored(self) -> NDArray[np.uint64]:
        """The codes as (4, n) words, with what was added since the last search; one
        copy kept."""
        if self._batches or self._words is None:
            held = [] if self._words is None else [self._words.T.copy().view(np.uint8)]
            joined = np.concatenate([*held, *self._batches])
            self._words = np.ascontiguousarray(joined.view(np.uint64).T)  # one word a row
            self._batches = []
            probe = self.backend == "mih" and len(self.keys) >= _MIN_PROBED
            self._mih = MultiIndex(self._words) if probe else None
        return self._words


def scan(words: NDArray[np.uint64], queries: NDArray[np.uint64], limit: int) -> list[Hits]:
    """Per query (queries x 4), the rows of `words` (4 x n) within `limit` bits: an
    exhaustive scan, up to _GROUP queries per pass over the codes."""
    if limit < 0:
        return [(np.empty(0, np.int64), np.empty(0, np.int64)) for _ in queries]
    lead = _lead_words(limit)
    owners, rows, dists = [], [], []
    for first in range(0, len(queries), _GROUP):
        owner, row, dist = _scan_group(words, queries[first : first + _GROUP], limit, lead)
        owners.append(owner + first)
        rows.append(row)
        dists.append(dist)
    found = np.concatenate(owners), np.concatenate(rows), np.concatenate(dists)
    columns = np.ascontiguousarray(queries.T)
    return split(len(queries), *within(words, columns, *found, lead, limit))  # the few left


def _lead_words(limit: int) -> int:
    """Words whose distance alone rules out nearly every random row: a row is kept only
    if those words differ in at most `limit` bits (their mean is 32 a word; keep the
    limit about 4.5 standard deviations below it)."""
    for lead in range(1, WORDS):
        if 32 * lead - limit >= 18 * lead**0.5:
            return lead
    return WORDS


def _scan_group(
    words: NDArray[np.uint64], queries: NDArray[np.uint64], limit: int, lead: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(query, row, distance over the lead words) where that distance is <= limit,
    block by block into preallocated buffers."""
    size, count = words.shape[1], len(queries)
    width = max(1, min(size, _BLOCK // max(count, 1)))
    columns = [queries[:, word : word + 1].copy() for word in range(lead)]  # broadcast
    xor = np.empty((count, width), np.uint64)
    bits = np.empty((count, width), np.uint8)
    total = np.empty((count, width), np.uint8 if lead < WORDS else np.uint16)  # <= 192 | 256
    found: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[Any]]] = []
    for start in range(0, size, width):
        span = min(width, size - start)
        part, ones, sums = xor[:, :span], bits[:, :span], total[:, :span]
        for word in range(lead):
            np.bitwise_xor(words[word, start : start + span], columns[word], out=part)
            if word:
                np.bitwise_count(part, out=ones)
                sums += ones
            else:
                np.bitwise_count(part, out=sums)
        if sums.min() <= limit:  # one reduction; the rare block with a hit is searched
            owner, row = np.nonzero(sums <= limit)
            found.append((owner, row + start, sums[owner, row]))
    owners, rows, dists = zip(*found, strict=True) if found else ((), (), ())
    return _joined(owners), _joined(rows), _joined(dists)


def _joined(parts: Sequence[NDArray[Any]]) -> NDArray[np.int64]:
    return np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)


def _faiss_index() -> Any:
    import faiss  # optional: imported only when chosen

    return faiss.IndexBinaryFlat(BITS)
