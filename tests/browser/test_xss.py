"""OWASP-style payloads in what sources carry (titles, text, image captions, claimant
names, URLs) never execute in any page: no dialog opens, no script, handler, frame or
javascript: link of the payload's reaches the DOM, even after every claim's tooltip
has been shown, and each payload reads back as plain text where it is shown.

The CSP alone would block most injected scripts, so the DOM is inspected as well: a
dialog that did not fire proves little if the markup got in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from browser_helpers import Served, Tab, need_playwright, open_tab
from hostile_case import (
    CAPTION,
    CASE,
    IFRAME,
    JS_URL,
    NOTE,
    QUERY_URL,
    SCRIPT,
    SIDE,
    TEXT_PAYLOADS,
    TITLE,
    TITLE_BREAK,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

expect = need_playwright().expect
Tabs = Callable[[str | None], Tab]
CASE_URL = f"/cases/{CASE}"
NAMES = ("Tarn</title><script", 'Omar"><img src', "Haldor'-alert(1)- Vesk")

# Everything in the page that could run, or that only an injection would put there.
_INERT = """() => {
  const bad = [];
  for (const s of document.scripts) {
    const src = s.getAttribute("src") || "";
    if (!src.startsWith("/static/")) bad.push("script " + (src || s.textContent.slice(0, 60)));
  }
  for (const tag of ["iframe", "frame", "object", "embed", "base", "meta[http-equiv]"]) {
    for (const el of document.querySelectorAll(tag)) bad.push(el.outerHTML.slice(0, 80));
  }
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "data-x") {
        bad.push(el.tagName + " " + name + "=" + a.value.slice(0, 60));
      }
      if (urls.includes(name) && /^\\s*(javascript|vbscript|data:text)/i.test(a.value)) {
        bad.push(el.tagName + " " + name + "=" + a.value.slice(0, 60));
      }
    }
  }
  for (const img of document.images) {
    const src = img.getAttribute("src") || "";
    if (!src.startsWith("/") && !src.startsWith("data:image/")) bad.push("img " + src);
  }
  return bad;
}"""


def _assert_inert(tab: Tab, where: str) -> None:
    bad = tab.page.evaluate(_INERT)
    assert not bad, f"{where}: {bad}"
    assert not tab.dialogs, f"{where}: a dialog opened: {tab.dialogs}"
    assert not tab.errors, f"{where}: {tab.errors}"


def _show_every_tooltip(page: Page) -> int:
    """Hover and focus every claim: the tooltips are built from the marks' data."""
    marks = page.locator("mark.claim[tabindex]")
    for i in range(marks.count()):
        marks.nth(i).hover()
        marks.nth(i).focus()
    return marks.count()


def _visit(tab: Tab, path: str, label: str) -> Page:
    page = tab.open(path)
    _show_every_tooltip(page)
    _assert_inert(tab, path)
    tab.shot(label)
    return page


@pytest.fixture(scope="module", autouse=True)
def judged(browser: Browser, served: Served) -> Iterator[None]:
    """Before any page is checked, an editor gives a speaker a hostile side and a
    hostile grade note through the actors page's forms."""
    context, tab = open_tab(browser, served.base_url, "judge", "ed")
    try:
        page = tab.open(f"{CASE_URL}/actors")
        row = page.locator("tr", has_text=NAMES[1])
        row.locator("summary").click()
        row.get_by_label("Side").fill(SIDE)
        row.get_by_role("button", name="Set side").click()
        expect(page.locator("tr", has_text=NAMES[1])).to_contain_text(SIDE)
        row = page.locator("tr", has_text=NAMES[1])
        row.locator("summary").click()
        row.get_by_label("Note").first.fill(NOTE)
        row.get_by_role("button", name="Grade").click()
        expect(page.locator("tr", has_text=NAMES[1])).to_contain_text(NOTE)
        _assert_inert(tab, "actors after judging")
        tab.shot("actors-judged")
    finally:
        context.close()
    yield


PAGES = [
    ("dashboard", "", ()),
    ("sources", "/sources", (TITLE,)),
    ("claims", "/claims", (SCRIPT, TITLE_BREAK)),
    ("review", "/review", ()),
    ("figures", "/figures", (SIDE,)),
    ("propositions", "/propositions", ()),
    ("contradictions", "/contradictions", ()),
    ("actors", "/actors", (*NAMES, SIDE, NOTE)),
    ("images", "/images", (CAPTION,)),
    ("audit", "/audit", ()),
    ("report", "/report", (SCRIPT,)),
    ("search-word", "/search?q=alert", (SCRIPT,)),
    ("search-payload", f"/search?q={quote(SCRIPT)}", (SCRIPT,)),
    ("claims-filtered", f"/claims?actor={quote(NAMES[0])}", (NAMES[0],)),
]


@pytest.mark.parametrize(("label", "path", "shown"), PAGES, ids=[p[0] for p in PAGES])
def test_case_pages_stay_inert(
    tab_for: Tabs, label: str, path: str, shown: tuple[str, ...]
) -> None:
    tab = tab_for("ed")  # an editor: review and edit forms are shown too
    page = _visit(tab, CASE_URL + path, label)
    text = page.locator("main").inner_text()
    for payload in shown:
        assert payload in text, f"{label}: {payload!r} not shown as text"


def _source_ids(tab: Tab) -> list[str]:
    body = tab.page.request.get(f"/api/v1/cases/{CASE}/sources?limit=100").json()
    return [s["id"] for s in body["items"] if s["media_type"] != "image/png"]


def test_readers_and_tooltips_stay_inert(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    shown, titled = "", 0
    for n, source in enumerate(_source_ids(tab)):
        page = tab.open(f"{CASE_URL}/sources/{source}")
        assert _show_every_tooltip(page) > 0, source
        tip = page.get_by_role("tooltip")
        expect(tip).to_be_visible()
        _assert_inert(tab, f"reader {source}")
        tab.shot(f"reader-{n}")
        shown += page.locator("main").inner_text() + tip.inner_text()
        if page.locator("main h1").inner_text() == TITLE:
            assert TITLE_BREAK in page.title()  # the document's <title> holds it as text
            titled += 1
    assert titled == 1
    for payload in (*TEXT_PAYLOADS, TITLE, QUERY_URL, "alert(1)</script"):
        assert payload in shown, f"{payload!r} not shown as text in any reader"


def test_source_url_is_text_or_a_plain_link(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    body = tab.page.request.get(f"/api/v1/cases/{CASE}/sources?limit=100").json()
    wire = next(s for s in body["items"] if s["url"] == QUERY_URL)
    page = tab.open(f"{CASE_URL}/sources/{wire['id']}")
    assert QUERY_URL in page.locator("main").inner_text()
    # Shown as text, or as a link to exactly that http(s) address and nothing else.
    for link in page.get_by_role("link", name=QUERY_URL, exact=True).all():
        assert link.get_attribute("href") == QUERY_URL
        assert "noopener" in (link.get_attribute("rel") or "")
    tab.shot("wire-reader")
    _assert_inert(tab, "wire reader")


def test_traces_stay_inert(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    page = tab.open(f"{CASE_URL}/propositions")
    links = page.locator(f'main a[href^="{CASE_URL}/propositions/"]')
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(min(links.count(), 6))]
    assert hrefs, "no propositions listed"
    for n, href in enumerate(hrefs):
        _visit(tab, href, f"trace-{n}")
        expect(page.locator("main svg").first).to_be_visible()


def test_the_check_sees_an_injection(tab_for: Tabs) -> None:
    """A control: markup put into the page by hand is what the check reports."""
    tab = tab_for("ed")
    page = tab.open(CASE_URL)
    planted = f'<img src=x onerror=alert(1)><a href="{JS_URL}">x</a>{IFRAME}'
    page.evaluate("html => document.querySelector('main').insertAdjacentHTML('beforeend', html)",
                  planted)  # fmt: skip
    found = " ".join(page.evaluate(_INERT))
    for sign in ("onerror", "javascript:", "iframe", "img x"):
        assert sign in found, found
