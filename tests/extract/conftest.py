"""Shared by the extraction tests: the English pipeline, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()
