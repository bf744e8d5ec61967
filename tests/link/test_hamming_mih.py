"""Multi-index hashing, the batched scan and index parts: the same answers as an
exhaustive count of every distance, on random codes with near-duplicates planted."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.link import hamming, mih
from claimgraph.link.hamming import HashIndex, scan
from claimgraph.link.imagematch import index_archive, match
from claimgraph.link.mih import MultiIndex
from claimgraph.parse.imagehash import HashedImage, QueryHashes

PLANTED = (0, 31, 32, 63, 64)
LIMITS = (-1, 0, 1, 14, 15, 31, 32, 38, 39, 40, 63, 64, 65, 100, 191, 192, 193, 255, 256)


def flipped(codes: np.ndarray, row: int, bits: int, rng: np.random.Generator) -> np.ndarray:
    """A copy of codes[row] with `bits` bits flipped."""
    out = codes[row].copy()
    for bit in rng.choice(256, size=bits, replace=False).tolist():
        out[bit // 8] ^= 1 << (bit % 8)
    return out


def planted(seed: int, size: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """(size x 32 archived codes, some repeated; count x 32 queries, each near an
    archived code at one of PLANTED distances, the last one random)."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 256, (size, 32), dtype=np.uint8)
    codes[size // 2 :: 7] = codes[0]  # a repeated code
    queries = rng.integers(0, 256, (count, 32), dtype=np.uint8)
    for number in range(count - 1):
        row = int(rng.integers(size))
        queries[number] = flipped(codes, row, PLANTED[number % len(PLANTED)], rng)
    return codes, queries


def words(codes: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(codes.view(np.uint64).T)


def exhaustive(codes: np.ndarray, queries: np.ndarray, limit: int) -> list[list[tuple[int, int]]]:
    bits = np.unpackbits(codes, axis=1)
    out = []
    for query in np.unpackbits(queries, axis=1):
        dists = (bits != query).sum(axis=1)
        rows = np.flatnonzero(dists <= limit)
        out.append([(int(row), int(dists[row])) for row in rows])
    return out


def pairs(hits: list[tuple[np.ndarray, np.ndarray]]) -> list[list[tuple[int, int]]]:
    return [list(zip(rows.tolist(), dists.tolist(), strict=True)) for rows, dists in hits]


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(1, 3000),
    count=st.integers(1, 24),
    limit=st.sampled_from(LIMITS),
)
def test_probing_and_scanning_equal_exhaustive(
    seed: int, size: int, count: int, limit: int
) -> None:
    codes, queries = planted(seed, size, count)
    expected = exhaustive(codes, queries, limit)
    assert pairs(scan(words(codes), queries.view(np.uint64), limit)) == expected
    index = MultiIndex(words(codes))
    assert index.cost(limit) is not None  # small tables: every radius can be probed
    assert pairs(index.search(queries.view(np.uint64), limit)) == expected


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(4096, 6000),
    limit=st.sampled_from(LIMITS),
    probe=st.booleans(),
)
def test_mih_backend_equals_numpy_with_repeated_keys(
    seed: int, size: int, limit: int, probe: bool
) -> None:
    codes, queries = planted(seed, size, 10)
    keys = [f"img{row % (size // 3)}" for row in range(size)]  # three hashes a key
    hashes = [row.tobytes().hex() for row in codes]
    probes = [query.tobytes().hex() for query in queries]
    answers = []
    with pytest.MonkeyPatch.context() as patch:
        if probe:  # a scan priced out: every radius with a plan is probed
            patch.setattr(hamming, "_SCAN_NS", 1e9)
        for backend in ("numpy", "mih"):
            index = HashIndex(backend)
            index.add(keys, hashes)
            answers.append(index.search(probes, limit))
    assert answers[0] == answers[1]


def test_tables_cover_all_bits_in_chunks_of_about_log2_n() -> None:
    for size in (1, 300, 5000, 70_000):
        index = MultiIndex(np.zeros((4, size), np.uint64))
        starts = [start for start, _ in index.chunks]
        assert starts == sorted(starts) and starts[0] == 0
        assert sum(width for _, width in index.chunks) == 256
        assert all(abs(width - np.log2(max(size, 256))) < 1.5 for _, width in index.chunks)


def test_a_plan_too_dear_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mih, "_MAX_PROBES", 10)  # one value a chunk
    codes, queries = planted(1, 5000, 3)
    index = MultiIndex(words(codes))
    assert index.cost(63) is None
    with pytest.raises(ValueError, match="scan"):
        index.search(queries.view(np.uint64), 63)


@pytest.fixture(scope="module")
def large() -> tuple[list[str], list[str], list[str]]:
    """40,000 archived hashes (enough for the mih backend to probe), keys repeating."""
    codes, queries = planted(5, 40_000, 16)
    keys = [f"img{row % 30_000}" for row in range(len(codes))]
    return keys, [row.tobytes().hex() for row in codes], [q.tobytes().hex() for q in queries]


@pytest.mark.parametrize("radius", [0, 10, 31, 32, 63, 64])
def test_backends_agree_where_mih_probes_and_scans(
    large: tuple[list[str], list[str], list[str]], radius: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys, hashes, queries = large
    probed = []
    search = MultiIndex.search
    monkeypatch.setattr(MultiIndex, "search", lambda self, *a: probed.append(1) or search(self, *a))
    answers = {}
    for backend in ("faiss", "numpy", "mih"):
        index = HashIndex(backend)
        index.add(keys[:25_000], hashes[:25_000])
        index.add(keys[25_000:], hashes[25_000:])
        answers[backend] = index.search(queries, radius)
    assert answers["mih"] == answers["numpy"] == answers["faiss"]
    if radius <= 31 or radius >= 63:  # the cost model's choice at this size: probe, or scan
        assert bool(probed) == (radius <= 31)
    for number, hits in enumerate(answers["mih"][:-1]):  # each planted neighbour is found
        assert (PLANTED[number % len(PLANTED)] <= radius) <= bool(hits)


def test_parts_are_searched_as_asked() -> None:
    zero, ones = "0" * 64, "0" * 63 + "7"  # 3 bits apart
    index = HashIndex("mih")
    index.add(["a", "b"], [zero, ones], part="x")
    index.add(["b", "c"], [zero, ones], part="y")
    index.add(["d"], [zero])
    assert index.parts == ("x", "y", "")
    assert len(index) == 5
    everything = [("a", 0), ("b", 0), ("d", 0), ("c", 3)]
    assert index.search([zero], 3) == [everything]
    assert index.search([zero], 3, parts=[None]) == [everything]
    assert index.search([zero, zero, zero], 3, parts=[{"x"}, {"y", ""}, set()]) == [
        [("a", 0), ("b", 3)],
        [("b", 0), ("d", 0), ("c", 3)],
        [],
    ]


def test_match_searches_only_comparable_variants_with_the_same_answers() -> None:
    rng = np.random.default_rng(8)
    names = ("whole", "crop-c10", "crop-sq", "top80")
    codes = rng.integers(0, 256, (3000 * len(names), 32), dtype=np.uint8)
    values = [row.tobytes().hex() for row in codes]
    images = [
        HashedImage(sha256=f"{n:064x}", media_type="image/png", width=1, height=1,
                    quality=40 + n % 30, pdq=values[n * 4], exif=(),
                    variants=tuple(zip(names[1:], values[n * 4 + 1 : n * 4 + 4], strict=True)))
        for n in range(3000)
    ]  # fmt: skip
    routed = index_archive(images, "mih")
    assert sorted(routed.parts) == sorted(f"variant:{name}" for name in names)
    whole = HashIndex("numpy")  # the same keys in one part: every pair compared
    for image in images:
        for name, value in (("whole", image.pdq), *image.variants):
            whole.add([f"{image.sha256} {name} {image.quality} {image.method}"], [value])
    turns = ("whole", "mirror", "rot90", "flip", "top80", "trim")
    for number in range(20):
        hashes = [rng.bytes(32).hex() for _ in turns]
        row = int(rng.integers(len(codes)))
        hashes[number % len(turns)] = flipped(codes, row, PLANTED[number % 5], rng).tobytes().hex()
        hashes[(number + 1) % len(turns)] = values[row]
        query = QueryHashes(sha256="q", quality=60, hashes=tuple(zip(turns, hashes, strict=True)))
        assert match(query, routed) == match(query, whole)


def test_adding_after_a_search_rebuilds_the_tables() -> None:
    codes, queries = planted(9, 12_000, 6)
    hashes = [row.tobytes().hex() for row in codes]
    probes = [query.tobytes().hex() for query in queries]
    keys = [f"k{row}" for row in range(len(hashes))]
    stepwise, at_once = HashIndex("mih"), HashIndex("numpy")
    at_once.add(keys, hashes)
    stepwise.add(keys[:5000], hashes[:5000])
    stepwise.search(probes, 31)  # tables made for the first 5,000
    stepwise.add(keys[5000:], hashes[5000:])
    assert stepwise.search(probes, 31) == at_once.search(probes, 31)
    assert stepwise.search(probes, 63) == at_once.search(probes, 63)
