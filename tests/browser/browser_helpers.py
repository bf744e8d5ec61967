"""The browser tests' world: a home holding the demo case and a hostile case, the app
served by uvicorn on a loopback port, Chromium launched from Debian's package (never
one Playwright downloads), and tabs signed in through the login form."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from hostile_case import CASE as HOSTILE
from hostile_case import write_hostile_case

from claimgraph.services import Ledger, add_inputs, add_user, grant, open_ledger
from claimgraph.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"
DEMO = "veskaro"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WAIT_MS = 15_000


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip with the reason shown; under CI, where Chromium is installed, fail instead."""
    if in_ci():
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def need_playwright() -> ModuleType:
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (pip install playwright)")
        raise
    sync_api.expect.set_options(timeout=WAIT_MS)  # a busy 2-core runner is slow to paint
    return sync_api


def chromium_path() -> str:
    found = shutil.which("chromium")
    if found is None:
        unavailable("no Chromium on PATH: install Debian's `chromium` package")
        raise AssertionError("unreachable")
    return found


@dataclass
class Served:
    base_url: str
    ledger: Ledger
    hostile_folder: Path


def build_home(work: Path) -> tuple[Ledger, Path]:
    """The demo case as `make demo` builds it, the hostile case beside it, and users:
    root (site admin), ed (editor of both), vi (viewer of the demo case)."""
    demo = work / "demo"
    subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), str(demo)], check=True)
    hostile = write_hostile_case(work / "hostile")
    ledger = open_ledger(Settings(home=work / "home", user="setup"), create=True)
    for folder, case in ((demo, DEMO), (hostile, HOSTILE)):
        failed = [o for o in add_inputs(ledger, [str(folder)], case=case) if o.status == "failed"]
        assert not failed, failed
    add_user(ledger, "root", PASSWORD, admin=True)
    add_user(ledger, "ed", PASSWORD)
    add_user(ledger, "vi", PASSWORD)
    for case in (DEMO, HOSTILE):
        grant(ledger, case, "ed", "editor")
    grant(ledger, DEMO, "vi", "viewer")
    return ledger, hostile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app on a loopback port, in a thread; stopped when the block ends."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:  # uvicorn says when it listens; poll that flag only
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def launch(sync_api: ModuleType) -> Iterator[Browser]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]+", "-", name).strip("-")


@dataclass
class Tab:
    """A signed-in page that records every dialog, page error and console error, and
    saves numbered screenshots named by test and page."""

    page: Page
    test: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shots: int = 0

    def watch(self) -> None:
        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(msg: ConsoleMessage) -> None:
            where = str(msg.location.get("url", ""))
            if msg.type == "error" and not where.endswith("/favicon.ico"):
                self.errors.append(f"console: {msg.text} ({where})")

        self.page.on("dialog", on_dialog)
        self.page.on("console", on_console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def open(self, path: str) -> Page:
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return self.page

    def shot(self, label: str, *, full: bool = True) -> Path:
        """`full=False` for very long pages (the demo's report): its first screen only."""
        self.shots += 1
        path = SHOTS / f"{_safe(self.test)}--{self.shots:02d}-{_safe(label)}.png"
        self.page.screenshot(path=str(path), full_page=full)
        return path


def sign_in(tab: Tab, name: str) -> None:
    """Through the login form, as a person would."""
    page = tab.open("/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/login" not in page.url, f"sign-in as {name} failed"


def open_tab(
    browser: Browser, base_url: str, test: str, user: str | None
) -> tuple[BrowserContext, Tab]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    tab = Tab(context.new_page(), test)
    tab.watch()
    if user is not None:
        sign_in(tab, user)
    return context, tab
