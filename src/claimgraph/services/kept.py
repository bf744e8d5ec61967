"""Parts of pages that are the same for every reader of a case as it stands (a trace, a
figure series): rendered once per state of the case (its analysis and judgements) and kept
in the store, so every server process, and the next start, reads them instead of drawing
them again. Not evidence: never exported, replaced with the analysis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from claimgraph import __version__
from claimgraph.model import canonical_json, sha256_hex
from claimgraph.services.ledger import Ledger
from claimgraph.store import kept_queries as kq


def kept_part(
    ledger: Ledger, case: str, state: Sequence[Any], what: Sequence[Any], make: Callable[[], str]
) -> str:
    """The part `what` names, as kept for `state` (from services.reviews.state_key), or
    `make()`'s, kept for the next reader. Two processes may make it at once: the last
    write stands, and both wrote the same."""
    # Parts drawn by another release of claimgraph are drawn again (templates change).
    key = sha256_hex(canonical_json([__version__, *what]).encode("utf-8"))
    at_state = canonical_json(list(state))
    with ledger.store.read() as conn:
        found = kq.read_kept(conn, case, key, at_state)
    if found is not None:
        return found
    body = make()
    with ledger.store.write() as w:
        kq.keep(w.conn, case, key, at_state, body, ledger.clock().isoformat())
    return body
