"""Same-scene search with the optional learned descriptor: every stored image gets a
vector (computed once per model, on first need), and a query image is compared with
all of them. Without a model nothing here runs and nothing is stored."""

from __future__ import annotations

import numpy as np

from claimgraph.errors import ClaimgraphError
from claimgraph.link.scenematch import SceneIndex
from claimgraph.parse.descriptor import Describer, Vector, decode, encode
from claimgraph.parse.imagehash import decode_pixels
from claimgraph.services.ledger import Ledger
from claimgraph.store import image_queries as iq

_BATCH = 32


def scene_index(ledger: Ledger) -> SceneIndex | None:
    """Vectors of every stored image for the configured model, or None without one."""
    describer = ledger.describer()
    if describer is None:
        return None
    _describe_missing(ledger, describer)
    with ledger.store.read() as conn:
        return SceneIndex.of((sha, decode(v)) for sha, v in iq.descriptors(conn, describer.method))


def query_vectors(ledger: Ledger, data: bytes, subject: str) -> Vector:
    """The query's vectors: the image and its mirror (a flipped copy is the same scene)."""
    describer = ledger.describer()
    if describer is None:
        return np.zeros((0, 0), dtype=np.float32)
    pixels = decode_pixels(data, limits=ledger.settings.limits, subject=subject)
    return describer.describe([pixels, np.ascontiguousarray(pixels[:, ::-1])])


def _describe_missing(ledger: Ledger, describer: Describer) -> None:
    with ledger.store.read() as conn:
        todo = iq.undescribed(conn, describer.method)
    limits = ledger.settings.limits
    for start in range(0, len(todo), _BATCH):
        shas, pixels = [], []
        for sha in todo[start : start + _BATCH]:
            try:
                pixels.append(decode_pixels(ledger.blobs.get(sha), limits=limits, subject=sha))
                shas.append(sha)
            except ClaimgraphError:
                continue  # hashed once, unreadable now: the PDQ side still has it
        vectors = describer.describe(pixels)
        rows = [{"sha256": s, "method": describer.method, "vector": encode(v)}
                for s, v in zip(shas, vectors, strict=True)]  # fmt: skip
        at = ledger.clock()
        with ledger.store.write() as w:
            fresh = [r for r in rows if not w.has_key("image_descriptors", r)]
            w.insert_rows("image_descriptors", fresh)
            if fresh:
                detail = {"count": len(fresh), "method": describer.method}
                w.append_audit(at, ledger.user, "image.describe", describer.method, detail)
