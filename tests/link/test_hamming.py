"""HashIndex: the faiss, numpy and mih backends give the same answers."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.link.hamming import HashIndex, distance


def flipped(value: str, bits: list[int]) -> str:
    number = int(value, 16)
    for bit in bits:
        number ^= 1 << bit
    return f"{number:064x}"


@pytest.fixture(scope="module")
def planted() -> tuple[list[str], list[str], list[str]]:
    """5,000 random hashes, queries with near neighbours planted at known distances."""
    rng = np.random.default_rng(11)
    hashes = [rng.bytes(32).hex() for _ in range(5000)]
    keys = [f"img{i % 4000}" for i in range(5000)]  # some keys repeat (variants)
    queries = []
    for number, target in enumerate(range(0, 5000, 250)):
        bits = rng.choice(256, size=number * 4, replace=False).tolist()
        queries.append(flipped(hashes[target], bits))
    queries.append(rng.bytes(32).hex())
    return keys, hashes, queries


def test_distance() -> None:
    zero = "0" * 64
    assert distance(zero, zero) == 0
    assert distance(zero, "f" * 64) == 256
    assert distance(zero, flipped(zero, [0, 17, 255])) == 3


@pytest.mark.parametrize("max_distance", [0, 31, 63, 100])
def test_backends_agree(planted: tuple[list[str], list[str], list[str]], max_distance: int) -> None:
    keys, hashes, queries = planted
    answers = {}
    for backend in ("faiss", "numpy", "mih"):
        index = HashIndex(backend)
        index.add(keys[:3000], hashes[:3000])
        index.add(keys[3000:], hashes[3000:])  # added in two batches
        assert len(index) == 5000
        answers[backend] = index.search(queries, max_distance)
    assert answers["faiss"] == answers["numpy"] == answers["mih"]
    for hits in answers["numpy"]:
        assert len({key for key, _ in hits}) == len(hits)  # one entry per key
        assert [d for _, d in hits] == sorted(d for _, d in hits)
        assert all(d <= max_distance for _, d in hits)


def test_planted_neighbours_are_found(planted: tuple[list[str], list[str], list[str]]) -> None:
    keys, hashes, queries = planted
    index = HashIndex("numpy")
    index.add(keys, hashes)
    found = index.search(queries[:8], 31)
    for number, hits in enumerate(found):
        assert hits[0] == (keys[number * 250], number * 4)


def test_repeated_key_keeps_its_smallest_distance() -> None:
    zero = "0" * 64
    index = HashIndex("auto")
    index.add(["a", "a", "b"], [flipped(zero, [1, 2, 3]), flipped(zero, [4]), "f" * 64])
    assert index.search([zero], 256) == [[("a", 1), ("b", 256)]]
    assert index.search([zero], 0) == [[]]


def test_empty_index_and_bad_input() -> None:
    assert HashIndex("numpy").search(["0" * 64], 63) == [[]]
    with pytest.raises(ValueError, match="64 hex characters"):
        HashIndex("numpy").add(["a"], ["abc"])
    with pytest.raises(ValueError, match="backend"):
        HashIndex("annoy")
    assert HashIndex("auto").backend == "mih"
    with pytest.raises(ValueError, match="parts"):
        HashIndex("mih").search(["0" * 64], 3, parts=[])
