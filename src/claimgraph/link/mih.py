"""Exact multi-index hashing (Norouzi, Punjani and Fleet) over 256-bit codes.

The 256 bits are cut into m disjoint chunks of about log2(n) bits; each chunk has a
table of the rows sorted by that chunk's value (CSR: the rows in that order, and each
value's offset into them). Pigeonhole: if chunk j may differ in t_j bits and the
(t_j + 1) of the probed chunks add up to at least r + 1, then a code within r bits of
the query differs from it in at most t_j bits in some probed chunk. Probing every value
within t_j bits of the query's chunk j in each probed chunk, and counting the full
distance of each row found, therefore misses nothing: the answers are the exhaustive
scan's.

The t_j are planned per radius by a cost model (probes plus rows found). The work grows
steeply with the radius: on random codes, 10^6 of them, radius 31 probes ~1,400 values a
query where radius 63 would probe ~80,000 and read ~8 % of the rows, more than a scan.
`cost` lets the caller choose.
"""

from __future__ import annotations

from itertools import pairwise
from math import comb

import numpy as np
from numpy.typing import NDArray

WORDS = 4  # 64-bit words in a 256-bit code
Hits = tuple[NDArray[np.int64], NDArray[np.int64]]  # (rows, distances) of one query
_Plan = tuple[tuple[tuple[int, int], ...], float]  # ((chunk, bits allowed), ...), ns a query
_Array = NDArray[np.int64]
_Probes = tuple[tuple[tuple[int, int], ...], _Array, _Array, _Array, _Array]
# Rough costs on one core (benchmarks/image_query.py): an offset lookup; a row found
# (its order entry, then its four words, all random reads).
PROBE_NS = 10.0
FOUND_NS = 50.0
_MAX_PROBES = 1 << 17  # values per chunk and query: beyond this a scan always wins


class MultiIndex:
    """Exact range search over `words` (WORDS x n: one 64-bit word a row, as the flat
    scan keeps them), held by reference: they must not change while this is in use."""

    def __init__(self, words: NDArray[np.uint64]) -> None:
        self.words = words
        self.size = int(words.shape[1])
        bits = int(np.clip(round(np.log2(max(self.size, 2))), 8, 24))
        count = -(-WORDS * 64 // bits)
        edges = np.linspace(0, WORDS * 64, count + 1).round().astype(int).tolist()
        self.chunks = [(start, stop - start) for start, stop in pairwise(edges)]  # bit, width
        self._plans: dict[int, _Plan | None] = {}  # by limit + 1
        self._probing: dict[int, _Probes | None] = {}  # the plans as arrays, by limit
        self._order: NDArray[np.int32] | None = None  # per chunk, the rows by its value
        self._offsets: NDArray[np.uint32] | None = None  # per chunk and value, where they begin

    @property
    def nbytes(self) -> int:
        """Bytes of the tables, once built (the words themselves not counted)."""
        parts = (self._order, self._offsets)
        return sum(part.nbytes for part in parts if part is not None)

    def cost(self, limit: int) -> float | None:
        """Estimated nanoseconds a query at this radius; None where probing is hopeless."""
        plan = self._cheapest(limit + 1) if limit >= 0 else ((), 0.0)
        return None if plan is None else plan[1]

    def build(self) -> tuple[NDArray[np.int32], NDArray[np.uint32]]:
        """The tables: per chunk, the rows sorted by its value, and where each value's
        rows begin; made by the first search that needs them, if not before."""
        if self._order is not None and self._offsets is not None:
            return self._order, self._offsets
        rows = np.arange(self.size, dtype=np.int64)
        orders, offsets = [], []
        for start, width in self.chunks:
            values = chunk(self.words, start, width)
            keyed = np.sort((values.astype(np.int64) << 32) | rows)  # by value, then row
            orders.append((keyed & 0xFFFFFFFF).astype(np.int32))
            counts = np.bincount(values, minlength=1 << width)
            offsets.append(np.concatenate(([0], np.cumsum(counts))).astype(np.uint32))
        self._order, self._offsets = np.concatenate(orders), np.concatenate(offsets)
        return self._order, self._offsets

    def search(self, queries: NDArray[np.uint64], limit: int) -> list[Hits]:
        """Per query (queries x WORDS), the rows within `limit` bits and their distances,
        by row. Raises ValueError where `cost` is None: scan instead."""
        if limit < 0 or not len(queries):
            empty = np.empty(0, np.int64)
            return [(empty, empty) for _ in queries]
        probes = self._probes(limit)
        if probes is None:
            raise ValueError(f"probing at radius {limit} would cost more than a scan")
        rows, owner = self._found(queries, probes)
        columns = np.ascontiguousarray(queries.T)
        found = within(self.words, columns, owner, rows, np.zeros(len(rows), np.int64), 0, limit)
        return split(len(queries), *found)

    def _probes(self, limit: int) -> _Probes | None:
        """The plan for this radius as arrays, one entry per value to probe: the planned
        chunk it varies (an index into the plan), its bits to flip, where that chunk's
        offsets begin, and where its rows begin in the joined orders."""
        if limit not in self._probing:
            plan = self._cheapest(limit + 1)
            self._probing[limit] = None if plan is None else self._arrays(plan[0])
        return self._probing[limit]

    def _cheapest(self, need: int) -> _Plan | None:
        """(chunk, bits allowed) pairs whose (allowed + 1) add up to `need`, at the least
        estimated cost: a small knapsack over the chunks, a chunk left out allowed."""
        if need not in self._plans:
            self._plans[need] = self._knapsack(need)
        return self._plans[need]

    def _knapsack(self, need: int) -> _Plan | None:
        slots = need + max(width for _, width in self.chunks) + 2  # units a plan may reach
        cost = np.full(slots, np.inf)  # cheapest plan by units, over the chunks so far
        cost[0] = 0.0
        picks = []  # per chunk and units reached: the bits allowed it, -1 if not probed
        for _, width in self.chunks:
            per_value = PROBE_NS + FOUND_NS * self.size / (1 << width)
            best, pick = cost.copy(), np.full(slots, -1)
            values = 0
            for allowed in range(min(width, need - 1) + 1):
                values += comb(width, allowed)
                if values > _MAX_PROBES:
                    break
                option = np.full(slots, np.inf)
                option[allowed + 1 :] = cost[: slots - allowed - 1] + values * per_value
                better = option < best
                best[better], pick[better] = option[better], allowed
            cost = best
            picks.append(pick)
        units = need + int(np.argmin(cost[need:]))
        if not np.isfinite(cost[units]):
            return None
        total, plan = float(cost[units]), []
        for index in range(len(self.chunks) - 1, -1, -1):
            allowed = int(picks[index][units])
            if allowed >= 0:
                plan.append((index, allowed))
                units -= allowed + 1
        return tuple(reversed(plan)), total

    def _arrays(self, plan: tuple[tuple[int, int], ...]) -> _Probes:
        """Every value of each planned chunk's width with at most its allowed bits set
        (the bits to flip in the query's value), with what `_found` needs beside it."""
        offset_base = np.cumsum([0] + [(1 << width) + 1 for _, width in self.chunks])
        planned, masks, offsets, rows = [], [], [], []
        for position, (index, allowed) in enumerate(plan):
            values = np.arange(1 << self.chunks[index][1], dtype=np.int64)
            flips = values[np.bitwise_count(values) <= allowed]
            masks.append(flips)
            planned.append(np.full(len(flips), position, np.int64))
            offsets.append(np.full(len(flips), offset_base[index], np.int64))
            rows.append(np.full(len(flips), index * self.size, np.int64))
        chunks = tuple(self.chunks[index] for index, _ in plan)
        joined = [np.concatenate(part) for part in (planned, masks, offsets, rows)]
        return chunks, joined[0], joined[1], joined[2], joined[3]

    def _found(
        self, queries: NDArray[np.uint64], probes: _Probes
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Rows in the buckets within the allowed bits of each query's chunk values (a
        row may come more than once), and the query each was found for."""
        order, offsets = self.build()
        chunks, planned, masks, offset_base, row_base = probes
        values = np.array(
            [[(number >> start) & ((1 << width) - 1) for start, width in chunks]
             for number in (int.from_bytes(query.tobytes(), "little") for query in queries)],
            dtype=np.int64,
        ).reshape(len(queries), len(chunks))  # fmt: skip
        slot = ((values[:, planned] ^ masks) + offset_base).ravel()
        first = offsets[slot].astype(np.int64)
        lengths = offsets[slot + 1].astype(np.int64) - first
        first = (first.reshape(len(queries), -1) + row_base).ravel()  # orders joined end to end
        full = np.flatnonzero(lengths)
        first, lengths, owner = first[full], lengths[full], full // len(masks)
        ends = np.cumsum(lengths)
        positions = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
        positions += np.repeat(first - (ends - lengths), lengths)
        return order[positions].astype(np.int64), np.repeat(owner, lengths)


def chunk(words: NDArray[np.uint64], start: int, width: int) -> NDArray[np.uint32]:
    """Bits start .. start + width (width <= 32) of each code in `words` (WORDS x n)."""
    word, shift = divmod(start, 64)
    values: NDArray[np.uint64] = words[word] >> np.uint64(shift)
    if shift + width > 64:
        values |= words[word + 1] << np.uint64(64 - shift)
    return (values & np.uint64((1 << width) - 1)).astype(np.uint32)


def within(
    words: NDArray[np.uint64],
    queries: NDArray[np.uint64],
    owner: _Array,
    rows: _Array,
    dists: _Array,
    first: int,
    limit: int,
) -> tuple[_Array, _Array, _Array]:
    """(owner, row, distance) of the pairs within `limit` bits, where `dists` holds what
    words before `first` already count; queries as WORDS x queries. Two words rule out
    nearly all random rows, so the last two are read for the few left."""
    for word in range(first, WORDS):
        dists = dists + np.bitwise_count(words[word][rows] ^ queries[word][owner])
        if word in (1, WORDS - 1):
            near = np.flatnonzero(dists <= limit)
            owner, rows, dists = owner[near], rows[near], dists[near]
    return owner, rows, dists


def split(
    count: int, owner: NDArray[np.int64], rows: NDArray[np.int64], dists: NDArray[np.int64]
) -> list[Hits]:
    """Hits grouped by query (owner 0 .. count - 1), by row, each (query, row) once."""
    key = owner * max(int(rows.max()) + 1 if len(rows) else 1, 1) + rows
    _, first = np.unique(key, return_index=True)  # sorted by query, then row
    owner, rows, dists = owner[first], rows[first], dists[first]
    bounds = np.searchsorted(owner, np.arange(count + 1))
    return [
        (rows[bounds[i] : bounds[i + 1]], dists[bounds[i] : bounds[i + 1]]) for i in range(count)
    ]
