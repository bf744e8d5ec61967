"""Hamming-distance search over 256-bit perceptual hashes (PDQ).

Two backends give the same answers: faiss-cpu's IndexBinaryFlat range search, and
numpy's bitwise_count over the hashes as four 64-bit words (used where faiss is
absent). Both are exhaustive: no approximate index can miss a match.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

SAME_IMAGE = 31  # PDQ's authors: <= 31 bits of 256 is the same image
NEEDS_REVIEW = 63  # 32-63: a person should look; above: different images
MIN_QUALITY = 50  # below this PDQ quality a hash is too flat to be evidence
BITS = 256
_BACKENDS = ("auto", "faiss", "numpy")
_CHUNK = 1 << 16  # rows per numpy pass: the xor/popcount temporaries stay in cache


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
    """Keys and their 256-bit hashes; a key may repeat (several variants of one image)."""

    def __init__(self, backend: str = "auto") -> None:
        if backend not in _BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, not {backend!r}")
        has_faiss = importlib.util.find_spec("faiss") is not None
        if backend == "faiss" and not has_faiss:
            raise ValueError("backend 'faiss' needs faiss-cpu, which is not installed")
        self.backend = (
            "faiss" if backend == "faiss" or (backend == "auto" and has_faiss) else "numpy"
        )
        self._keys: list[str] = []
        self._parts: list[NDArray[np.uint8]] = []  # numpy: added batches, joined on search
        self._words: NDArray[np.uint64] | None = None
        self._faiss: Any = _faiss_index() if self.backend == "faiss" else None

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, keys: Sequence[str], hashes: Sequence[str]) -> None:
        if len(keys) != len(hashes):
            raise ValueError(f"{len(keys)} keys for {len(hashes)} hashes")
        batch = codes(hashes)
        self._keys.extend(keys)
        if self._faiss is not None:
            self._faiss.add(batch)
        else:
            self._parts.append(batch)

    def search(self, hashes: Sequence[str], max_distance: int) -> list[list[tuple[str, int]]]:
        """Per query: (key, distance) within max_distance, best first, one entry per key
        (its smallest distance); ties in key order."""
        queries = codes(hashes)
        if not self._keys or not len(queries):
            return [[] for _ in hashes]
        limit = max(-1, min(int(max_distance), BITS))
        found = (
            self._faiss_hits(queries, limit) if self._faiss else self._numpy_hits(queries, limit)
        )
        return [self._best_per_key(rows, dists) for rows, dists in found]

    def _numpy_hits(self, queries: NDArray[np.uint8], limit: int) -> list[_Hits]:
        if self._words is None or self._words.shape[1] != len(self._keys):
            joined = np.concatenate(self._parts) if len(self._parts) > 1 else self._parts[0]
            self._parts = [joined]
            self._words = np.ascontiguousarray(joined.view(np.uint64).T)  # (4, n): one word a row
        return [_scan(self._words, query, limit) for query in queries.view(np.uint64)]

    def _faiss_hits(self, queries: NDArray[np.uint8], limit: int) -> list[_Hits]:
        # faiss keeps distances strictly below the radius
        lims, dists, rows = self._faiss.range_search(queries, limit + 1)
        return [
            (rows[lims[i] : lims[i + 1]], dists[lims[i] : lims[i + 1]]) for i in range(len(queries))
        ]

    def _best_per_key(self, rows: NDArray[Any], dists: NDArray[Any]) -> list[tuple[str, int]]:
        best: dict[str, int] = {}
        for row, dist in zip(rows.tolist(), dists.tolist(), strict=True):
            key = self._keys[row]
            if dist < best.get(key, BITS + 1):
                best[key] = int(dist)
        return sorted(best.items(), key=lambda item: (item[1], item[0]))


_Hits = tuple[NDArray[Any], NDArray[Any]]


def _scan(words: NDArray[np.uint64], query: NDArray[np.uint64], limit: int) -> _Hits:
    """Rows of `words` (4 x n) within `limit` bits of `query`, chunk by chunk into
    preallocated buffers: about 6 ms per million hashes on one core."""
    size = min(_CHUNK, words.shape[1])
    xor, count = np.empty(size, np.uint64), np.empty(size, np.uint8)
    first = np.empty(size, np.uint8)  # bits differing in words 0-2: at most 192, fits
    rows, dists = [], []
    for start in range(0, words.shape[1], _CHUNK):
        block = words[:, start : start + _CHUNK]
        width = block.shape[1]
        for word in range(4):
            np.bitwise_xor(block[word], query[word], out=xor[:width])
            np.bitwise_count(xor[:width], out=first[:width] if word == 0 else count[:width])
            if 0 < word < 3:
                first[:width] += count[:width]
        near = np.flatnonzero(first[:width] <= limit)
        total = first[near].astype(np.uint16) + count[near]  # all four words: up to 256
        keep = total <= limit
        rows.append(near[keep] + start)
        dists.append(total[keep])
    return np.concatenate(rows), np.concatenate(dists)


def _faiss_index() -> Any:
    import faiss  # optional: imported only when chosen

    return faiss.IndexBinaryFlat(BITS)
