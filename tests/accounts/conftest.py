"""A ledger holding two cases and three users, on a clock the tests move by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounts_support import PASSWORD, Clock

from claimgraph.services import Ledger, add_inputs, add_user


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def people(ledger: Ledger, clock: Clock, tmp_path: Path) -> Ledger:
    """Cases `floods` and `fires`; users alice and bob, and carol the site admin."""
    ledger.clock = clock
    for case in ("floods", "fires"):
        doc = tmp_path / f"{case}.txt"
        doc.write_text(f"A statement about the {case}.\n", encoding="utf-8")
        added = add_inputs(ledger, [str(doc)], case=case, extract=False)
        assert [o.status for o in added] == ["added"]
    add_user(ledger, "alice", PASSWORD)
    add_user(ledger, "bob", PASSWORD + "!")
    add_user(ledger, "carol", PASSWORD + "?", admin=True)
    return ledger
