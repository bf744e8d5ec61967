"""Same-scene matches by a learned descriptor: cosine similarity of unit vectors.

Exhaustive (a matrix product), so nothing near is missed; kept apart from the PDQ
matches because it answers a weaker question: the same scene (a re-shoot, a video
frame, a heavy edit), not necessarily the same photo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SAME_SCENE = "same scene"
SCENE_SIMILARITY = 0.75  # SSCD's copy-detection operating point; benchmarks/images.py measures it


@dataclass(frozen=True, slots=True)
class SceneMatch:
    sha256: str
    similarity: float  # cosine, best over the query's variants
    verdict: str = SAME_SCENE


@dataclass(frozen=True, slots=True)
class SceneIndex:
    keys: tuple[str, ...]
    matrix: NDArray[np.float32]  # (n, dim), unit rows

    @classmethod
    def of(cls, items: Iterable[tuple[str, NDArray[np.float32]]]) -> SceneIndex:
        pairs = list(items)
        if not pairs:
            return cls((), np.zeros((0, 0), dtype=np.float32))
        return cls(tuple(k for k, _ in pairs), np.stack([v for _, v in pairs]).astype(np.float32))

    def vector(self, key: str) -> NDArray[np.float32] | None:
        return self.matrix[self.keys.index(key)] if key in self.keys else None

    def match(
        self, queries: NDArray[np.float32], threshold: float = SCENE_SIMILARITY
    ) -> list[SceneMatch]:
        """Keys within `threshold` of any query vector, most similar first."""
        if not self.keys or not len(queries) or queries.shape[-1] != self.matrix.shape[1]:
            return []
        best = (np.atleast_2d(queries) @ self.matrix.T).max(axis=0)
        hits = np.flatnonzero(best >= threshold)
        found = [SceneMatch(self.keys[i], round(float(best[i]), 3)) for i in hits]
        return sorted(found, key=lambda m: (-m.similarity, m.sha256))
