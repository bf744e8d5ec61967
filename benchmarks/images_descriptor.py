"""The optional learned descriptor (SSCD or another ONNX model) on the image benchmark.

    .venv/bin/python benchmarks/images_descriptor.py --model PATH/sscd.onnx [--workers 2]

Uses the test set `benchmarks/images.py` builds (same photos, 16 edits, distractors;
run that first: it caches the set under /tmp). Prints, per edit and overall, the share
of edited copies matched to their original at the loosest cosine threshold that gives
no false match among all non-matching pairs, for the descriptor alone and for PDQ's
full method or the descriptor (a copy counts when either finds it at its own
zero-false threshold), and the descriptor's speed in images per second per core.
The model is a file the user has; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from claimgraph.link.imagematch import comparable
from claimgraph.link.scenematch import SCENE_SIMILARITY
from claimgraph.parse.descriptor import Describer
from claimgraph.parse.imagehash import decode_pixels
from images import (  # type: ignore[import-not-found]  # the sibling benchmark script
    EDITS,
    LIMITS,
    _hash_archive,
    _hash_query,
    best_distances,
    build_set,
    evaluate,
    photo_roots,
)

_MODEL: list[Describer] = []  # one per worker process, set by _load


def _load(path: str) -> None:
    _MODEL.append(Describer(Path(path)))


def _vectors(data: bytes, mirror: bool) -> np.ndarray:
    pixels = decode_pixels(data, limits=LIMITS)
    shown = [pixels, np.ascontiguousarray(pixels[:, ::-1])] if mirror else [pixels]
    return _MODEL[0].describe(shown)


def _archive_vector(data: bytes) -> np.ndarray:
    return _vectors(data, mirror=False)[0]


def _query_vectors(data: bytes) -> np.ndarray:
    return _vectors(data, mirror=True)


def share_at_zero_false(sim: np.ndarray, owner: np.ndarray) -> tuple[float, np.ndarray]:
    rows = np.arange(len(owner))
    other = sim.copy()
    other[rows, owner] = -1.0
    threshold = float(other.max())  # a match must be strictly above every non-match
    return threshold, sim[rows, owner] > threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="an ONNX descriptor model file")
    parser.add_argument("--photos", action="append", default=[])
    parser.add_argument("--photos-wanted", type=int, default=70)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    built = build_set(photo_roots(args.photos), args.photos_wanted, args.workers)
    photos = [b for _, b in built["photos"]]
    copies = [c for batch in built["edits"] for c in batch]
    archive = photos + built["distractors"]
    owner = np.repeat(np.arange(len(photos)), len(EDITS))
    print(f"model {args.model}; {len(copies)} edited copies against {len(archive)} archived")
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers, initializer=_load, initargs=(args.model,)) as pool:
        a_vec = np.stack(list(pool.map(_archive_vector, archive, chunksize=8)))
        q_vecs = list(pool.map(_query_vectors, copies, chunksize=8))
        a_hash = list(pool.map(_hash_archive, archive, chunksize=8))
        q_hash = list(pool.map(_hash_query, copies, chunksize=8))
    images = len(archive) + 2 * len(copies)
    elapsed = time.perf_counter() - start
    print(f"described and hashed in {elapsed:.0f} s on {args.workers} workers")
    sim = np.stack([(q @ a_vec.T).max(axis=0) for q in q_vecs])
    threshold, hit = share_at_zero_false(sim, owner)
    print(f"\ndescriptor alone: zero-false threshold cosine > {threshold:.3f}; "
          f"overall {hit.mean():.3f}")  # fmt: skip
    rows = np.arange(len(owner))
    other = sim.copy()
    other[rows, owner] = -1.0
    at_default = (sim[rows, owner] >= SCENE_SIMILARITY).mean()
    false_default = int((other >= SCENE_SIMILARITY).sum())
    print(f"  at the default {SCENE_SIMILARITY}: {at_default:.3f} matched, "
          f"{false_default} false pairs")  # fmt: skip
    dist = best_distances(q_hash, a_hash, comparable)
    q_ok = np.array([q.quality >= 50 for q in q_hash])
    a_ok = np.array([a.quality >= 50 for a in a_hash])
    _, pdq_hit = evaluate(dist, owner, q_ok, a_ok)
    both = hit | pdq_hit
    print(f"PDQ full method or descriptor: overall {both.mean():.3f}")
    print(f"  {'edit':24s} descriptor  PDQ-or-descriptor")
    for edit, one, two in zip(
        EDITS,
        hit.reshape(-1, len(EDITS)).mean(0),
        both.reshape(-1, len(EDITS)).mean(0),
        strict=True,
    ):
        print(f"  {edit:24s} {one:.3f}       {two:.3f}")
    _load(args.model)
    sample = archive[:40]
    start = time.process_time()
    for data in sample:
        _archive_vector(data)
    rate = len(sample) / (time.process_time() - start)
    print(f"\ndescriptor speed: {rate:.1f} images/s per core (decode + one inference, CPU time)")
    print(f"({images} descriptor runs in the evaluation)")


if __name__ == "__main__":
    main()
