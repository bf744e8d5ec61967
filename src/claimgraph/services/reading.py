"""What the reader of one source shows beside its text: the images the source shows."""

from __future__ import annotations

from claimgraph.services.ledger import Ledger
from claimgraph.store import image_queries as iq
from claimgraph.store.image_queries import AppearanceRow


def source_images(ledger: Ledger, case: str, source_id: str) -> list[AppearanceRow]:
    """Appearances of the case's images in `source_id` (an image source shows itself)."""
    with ledger.store.read() as conn:
        rows = iq.appearances_of(conn, iq.case_image_shas(conn, case))
    return sorted((r for r in rows if r.source_id == source_id), key=lambda r: r.id)
