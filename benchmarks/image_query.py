"""Whole-image query timing: PDQ hashes against 10^5 and 10^6 archived random hashes, on
one core, for each HashIndex backend: faiss (IndexBinaryFlat), numpy (the flat scan)
and mih (multi-index hashing where its cost model expects a gain, else the scan).

A query is one hash, or an image's 9 (8 rotations/mirrors and a crop, as
parse.imagehash.query_hashes makes them), at radius 31 ("same image") and 63 ("needs
review"). Each run plants an archived hash at 0, 31, 32, 63 or 64 bits from one of
the query's hashes, and checks that every backend returns the same answer. The
backends take turns within each run, so that other jobs on a shared machine slow them
alike: compare them as ratios within one run of this script.

    .venv/bin/python benchmarks/image_query.py [--sizes 100000,1000000] [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from datetime import date

import numpy as np

from claimgraph.link.hamming import NEEDS_REVIEW, SAME_IMAGE, HashIndex
from claimgraph.link.imagematch import index_archive, match
from claimgraph.link.mih import MultiIndex
from claimgraph.parse.imagehash import ARCHIVE_CROPS, HashedImage, QueryHashes

BACKENDS = ("faiss", "numpy", "mih")
PLANTED = (0, 31, 32, 63, 64)
IMAGE = 9  # hashes in one image query
TURNS = ("whole", "mirror", "rot90", "rot180", "rot270", "flip", "transpose", "transverse")
QUERY_NAMES = (*TURNS, "top80")  # parse.imagehash.query_variants, without a trim
ARCHIVE_NAMES = ("whole", *(name for name, _ in ARCHIVE_CROPS))  # 14 hashes an image


def one_core() -> None:
    """Pin this process, and faiss's threads, to a single core."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import faiss

    faiss.omp_set_num_threads(1)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            names = [line.split(":", 1)[1].strip() for line in info if "model name" in line]
        model = names[0] if names else model
    except OSError:
        pass
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, load average {load}"


def random_hashes(rng: np.random.Generator, count: int) -> list[str]:
    return [row.tobytes().hex() for row in rng.integers(0, 256, (count, 32), dtype=np.uint8)]


def near(rng: np.random.Generator, value: str, bits: int) -> str:
    number = int(value, 16)
    for bit in rng.choice(256, size=bits, replace=False).tolist():
        number ^= 1 << bit
    return f"{number:064x}"


def queries(rng: np.random.Generator, archived: list[str], runs: int) -> list[list[str]]:
    """Per run, IMAGE random hashes, one of them near an archived hash."""
    out = []
    for run in range(runs):
        image = random_hashes(rng, IMAGE)
        target = archived[int(rng.integers(len(archived)))]
        image[run % IMAGE] = near(rng, target, PLANTED[run % len(PLANTED)])
        out.append(image)
    return out


def percentiles(times: list[float]) -> str:
    p50, p95 = np.percentile(np.array(times) * 1000, [50, 95])
    return f"{p50:7.2f} {p95:7.2f}"


def build(keys: list[str], hashes: list[str]) -> dict[str, HashIndex]:
    indexes = {}
    for backend in BACKENDS:
        start = time.perf_counter()
        index = HashIndex(backend)
        index.add(keys, hashes)
        added = time.perf_counter() - start
        index.search(hashes[:1], SAME_IMAGE)  # mih sorts its tables here
        ready = time.perf_counter() - start
        print(f"  build {backend:5}: add {added:5.2f} s, ready for queries {ready:5.2f} s")
        indexes[backend] = index
    return indexes


def time_queries(indexes: dict[str, HashIndex], images: list[list[str]]) -> bool:
    same = True
    print(f"  {'radius':>6} {'hashes':>6}  " + "  ".join(f"{b:>15}" for b in BACKENDS))
    print(f"  {'':>6} {'':>6}  " + "  ".join(f"{'p50 ms  p95 ms':>15}" for _ in BACKENDS))
    for radius in (SAME_IMAGE, NEEDS_REVIEW):
        for count in (1, IMAGE):
            times: dict[str, list[float]] = {backend: [] for backend in BACKENDS}
            for run, image in enumerate(images):
                probe = image[:count] if count > 1 else [image[run % IMAGE]]
                answers = []
                for turn in range(len(BACKENDS)):
                    backend = BACKENDS[(run + turn) % len(BACKENDS)]
                    start = time.perf_counter()
                    answers.append(indexes[backend].search(probe, radius))
                    times[backend].append(time.perf_counter() - start)
                same = same and all(answer == answers[0] for answer in answers)
            cells = "  ".join(f"{percentiles(times[backend]):>15}" for backend in BACKENDS)
            print(f"  {radius:>6} {count:>6}  {cells}")
    return same


def archive(hashes: list[str]) -> list[HashedImage]:
    """Archived images of len(ARCHIVE_NAMES) random hashes each."""
    size, crops = len(ARCHIVE_NAMES), ARCHIVE_NAMES[1:]
    return [
        HashedImage(sha256=f"{start:064x}", media_type="image/jpeg", width=1, height=1,
                    quality=80, pdq=hashes[start], exif=(),
                    variants=tuple(zip(crops, hashes[start + 1 : start + size], strict=True)))
        for start in range(0, len(hashes) - size + 1, size)
    ]  # fmt: skip


def time_match(images: list[HashedImage], runs: int, rng: np.random.Generator) -> bool:
    """match() of a 9-hash query: per backend, the index as index_archive makes it (a
    part per archive variant, searched only where comparable), and the same hashes in
    one part (every query hash against every archived one, as before the parts)."""
    indexes = {backend: index_archive(images, backend) for backend in BACKENDS}
    whole = HashIndex("faiss")
    for part in indexes["numpy"].parts:  # the same keys, all in one part
        for image in images:
            name = part.split(":", 1)[1]
            value = image.pdq if name == "whole" else dict(image.variants)[name]
            whole.add([f"{image.sha256} {name} {image.quality} {image.method}"], [value])
    indexes["faiss, one part"] = whole
    same = True
    print(f"  match() of a {IMAGE}-hash image, {len(images):,} archived images:")
    for review in (SAME_IMAGE, NEEDS_REVIEW):
        times: dict[str, list[float]] = {name: [] for name in indexes}
        for run in range(runs):
            hashes = random_hashes(rng, IMAGE)
            target = images[int(rng.integers(len(images)))]
            hashes[run % IMAGE] = near(rng, target.pdq, PLANTED[run % len(PLANTED)])
            pairs = tuple(zip(QUERY_NAMES, hashes, strict=True))
            query = QueryHashes(sha256="query", quality=80, hashes=pairs)
            answers = []
            for name, index in indexes.items():
                start = time.perf_counter()
                answers.append(match(query, index, same=min(SAME_IMAGE, review), review=review))
                times[name].append(time.perf_counter() - start)
            same = same and all(answer == answers[0] for answer in answers)
        cells = ", ".join(f"{name} {percentiles(times[name]).split()[0]}" for name in indexes)
        print(f"    radius {review}: p50 ms {cells}")
    return same


def table_bytes(hashes: list[str]) -> float:
    codes = np.frombuffer(bytes.fromhex("".join(hashes)), np.uint8).reshape(-1, 32)
    index = MultiIndex(np.ascontiguousarray(codes.view(np.uint64).T))
    index.build()
    return index.nbytes / len(hashes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    one_core()
    print(f"{date.today()}  {machine()}  (one core, Python {platform.python_version()})")
    rng = np.random.default_rng(2026)
    for size in [int(part) for part in args.sizes.split(",")]:
        hashes = random_hashes(rng, size)
        keys = [f"img{row // 14}" for row in range(size)]  # 14 hashes an archived image
        print(f"{size:,} archived hashes")
        indexes = build(keys, hashes)
        identical = time_queries(indexes, queries(rng, hashes, args.runs))
        del indexes
        identical = time_match(archive(hashes), args.runs, rng) and identical
        print(f"  answers identical across backends: {'yes' if identical else 'NO'}")
        print(f"  mih tables: {table_bytes(hashes):.0f} bytes a hash (+ 32 of the hash)")
    print(f"load average at the end: {machine().rsplit('load average ', 1)[1]}")


if __name__ == "__main__":
    main()
