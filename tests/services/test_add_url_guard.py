"""Adding by URL from the web: only http(s) is fetched; a path or another scheme is
refused before anything is read (a person over the web must never reach this disk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import InvalidInput
from claimgraph.services import open_ledger
from claimgraph.services.ingest import add_url
from claimgraph.settings import Settings


@pytest.mark.parametrize("ref", ["/etc/hostname", "file:///etc/hostname", "etc/hostname"])
def test_only_http_urls(tmp_path: Path, ref: str) -> None:
    with open_ledger(Settings(home=tmp_path / "home", user="t"), create=True) as ledger:
        with pytest.raises(InvalidInput, match="http"):
            add_url(ledger, ref, case="c")
        assert ledger.store.count("sources") == 0
