"""Real-browser tests: Debian's Chromium driven by Playwright against the app served on
a loopback port. Without Chromium (or Playwright) they skip with the reason shown;
under CI (CI=true), which installs Chromium, they fail instead."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from browser_helpers import (
    SHOTS,
    Served,
    Tab,
    build_home,
    chromium_path,
    launch,
    need_playwright,
    open_tab,
    serving,
)

from claimgraph.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    sync_api = need_playwright()
    chromium_path()  # skip (or fail under CI) before anything slow is built
    shutil.rmtree(SHOTS, ignore_errors=True)  # this run's pictures only
    SHOTS.mkdir(parents=True)
    yield from launch(sync_api)


@pytest.fixture(scope="session")
def served(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    ledger, hostile = build_home(tmp_path_factory.mktemp("browser"))
    try:
        with serving(create_app(ledger)) as base_url:
            yield Served(base_url, ledger, hostile)
    finally:
        ledger.close()


@pytest.fixture
def tab_for(
    browser: Browser, served: Served, request: pytest.FixtureRequest
) -> Iterator[Callable[[str | None], Tab]]:
    """`tab_for("ed")`: a fresh browser context signed in as ed through the form."""
    contexts: list[BrowserContext] = []

    def make(user: str | None) -> Tab:
        context, tab = open_tab(browser, served.base_url, request.node.name, user)
        contexts.append(context)
        return tab

    yield make
    for context in contexts:
        context.close()
