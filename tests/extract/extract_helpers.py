"""Helpers of the extraction tests (imported by name: the test folders have no packages)."""

from __future__ import annotations

from typing import Any

from claimgraph.extract import extract_claims


def origin(nlp: Any, text: str, value: float, publisher: str | None = None) -> tuple[Any, ...]:
    """(claimant name, chain names) of the one figure with `value` in `text`."""
    found = [
        c
        for c in extract_claims(text, nlp, publisher=publisher)
        if c.quantity is not None and value in (c.quantity.low, c.quantity.high)
    ]
    assert len(found) == 1, [c.quantity for c in extract_claims(text, nlp)]
    claim = found[0]
    name = claim.claimant.name if claim.claimant is not None else None
    return name, tuple(link.name for link in claim.chain)
