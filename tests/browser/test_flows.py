"""The issue's flow in a real browser: sign in through the form, add a source by upload,
read it with its claims highlighted, accept a claim from the review queue with the
keyboard, open a figure timeline and a trace, print-preview the report; a viewer sees
no review forms. Every page visited is screenshotted under test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from browser_helpers import DEMO, SHOTS, Tab, need_playwright

expect = need_playwright().expect
Tabs = Callable[[str | None], Tab]

ARTICLE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>River authority counts the dead at the Veskaro ford</title>
<meta property="og:site_name" content="Kettavi Courier">
<meta property="article:published_time" content="2023-03-16T08:00:00+00:00">
</head><body><article><h1>River authority counts the dead at the Veskaro ford</h1>
<p>At least 41 people were killed when the footbridge over the Vesk collapsed, the river
authority said on Wednesday.</p>
<p>Doctors at the Kettavi clinic said 60 people were wounded, most of them by falling
masonry.</p>
<p>The authority's engineers have closed the ford until the banks can be surveyed.</p>
</article></body></html>
"""
TITLE = "River authority counts the dead at the Veskaro ford"
CASE_URL = f"/cases/{DEMO}"


def _clean(tab: Tab) -> None:
    assert not tab.dialogs, tab.dialogs
    assert not tab.errors, tab.errors


def test_sign_in_through_the_form(tab_for: Tabs) -> None:
    tab = tab_for(None)
    page = tab.open(CASE_URL)
    expect(page).to_have_url(re.compile(r"/login\?next="))  # signed out: sent to sign in
    tab.shot("login")
    page.get_by_label("User name").fill("ed")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong user name or password")
    tab.errors.clear()  # the browser logs that refusal's 401 as a console error
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(f"{CASE_URL}$"))  # back where it was going
    expect(page.locator("h1")).to_have_text(DEMO)
    tab.shot("dashboard")
    page.get_by_role("link", name="claimgraph").click()
    expect(page.get_by_role("link", name=DEMO)).to_be_visible()
    tab.shot("cases")
    _clean(tab)


def test_upload_then_read_with_claims_highlighted(tab_for: Tabs, tmp_path: Path) -> None:
    tab = tab_for("ed")
    page = tab.open(f"{CASE_URL}/sources")
    tab.shot("sources")
    upload = page.locator("form:has(input[type=file])")
    expect(upload).to_be_visible()
    article = tmp_path / "kettavi-courier-ford.html"
    article.write_bytes(ARTICLE)
    upload.locator("input[type=file]").set_input_files(str(article))
    upload.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(TITLE)  # the form leads to the new reader
    marks = page.locator("mark.claim[tabindex]")
    expect(marks.first).to_be_visible()
    assert marks.count() >= 2
    first = marks.filter(has_text="41 people")
    first.first.hover()
    tip = page.get_by_role("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(re.compile("river authority", re.I))
    tab.shot("reader-tooltip")
    page.keyboard.press("Escape")
    marks.filter(has_text="60 people").first.focus()  # the keyboard shows them too
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Doctors")
    original = page.get_by_role("link", name=re.compile("Original"))
    href = original.get_attribute("href") or ""
    assert href.startswith(f"/api/v1/cases/{DEMO}/sources/") and href.endswith("/original")
    answer = page.request.get(href)
    assert answer.ok and answer.body() == ARTICLE
    assert answer.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in answer.headers["content-security-policy"]
    page.get_by_role("link", name="Sources", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    _clean(tab)


def _accepted(tab: Tab) -> set[str]:
    """What the API says was accepted (few: the demo starts with none)."""
    body = tab.page.request.get(f"/api/v1/cases/{DEMO}/claims?review=accepted&limit=200").json()
    return {item["id"] for item in body["items"]}


def _unreviewed(tab: Tab) -> int:
    return int(tab.page.request.get(f"/api/v1/cases/{DEMO}").json()["unreviewed"])


def test_accept_from_the_review_queue_with_the_keyboard(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    page = tab.open(f"{CASE_URL}/review")
    current = page.locator("article.under-review")
    expect(current).to_be_visible()
    tab.shot("review-queue")
    first = (current.get_attribute("id") or "").removeprefix("claim-")
    page.keyboard.press("n")  # next
    expect(current).not_to_have_id(f"claim-{first}")
    claim = (current.get_attribute("id") or "").removeprefix("claim-")
    assert claim and claim not in _accepted(tab)
    tab.shot("review-next")
    before = _unreviewed(tab)
    page.keyboard.press("a")  # accept: the queue moves on and the claim leaves it
    expect(current).not_to_have_id(f"claim-{claim}")
    tab.shot("review-accepted")
    assert claim in _accepted(tab)
    assert _unreviewed(tab) == before - 1
    page = tab.open(f"{CASE_URL}/claims?review=accepted")
    expect(page.locator(f"#claim-{claim}")).to_be_visible()
    tab.shot("claims-accepted")
    _clean(tab)


def test_figure_timeline_and_trace(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    page = tab.open(f"{CASE_URL}/figures?counts=killed")
    chart = page.locator("main svg").first
    expect(chart).to_be_visible()
    points = chart.locator("g.mark")
    assert points.count() > 0
    tip = points.first.locator("title").text_content() or ""
    assert "claimant:" in tip and "publisher:" in tip, tip  # each point's tooltip
    expect(page.locator("main table").first).to_be_visible()
    tab.shot("figures-killed")
    page = tab.open(f"{CASE_URL}/propositions")
    tab.shot("propositions")
    page.get_by_role("link", name=re.compile(r"\b477\b")).first.click()
    expect(page).to_have_url(re.compile(f"{CASE_URL}/propositions/."))
    expect(page.locator("main svg").first).to_be_visible()
    count = re.compile(r"\d+\s+independent\s+origins?\s+behind\s+\d+\s+sources?")
    expect(page.locator("main .origins-count")).to_contain_text(count)
    tab.shot("trace-477")
    _clean(tab)


def test_report_prints(tab_for: Tabs) -> None:
    tab = tab_for("ed")
    page = tab.open(f"{CASE_URL}/report")
    expect(page.locator("main h1")).to_be_visible()
    tab.shot("report-screen", full=False)
    page.emulate_media(media="print")
    expect(page.locator("nav.case-nav")).to_be_hidden()
    expect(page.locator("main")).to_be_visible()
    expect(page.locator("main")).to_contain_text("477")
    tab.shot("report-print", full=False)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    (SHOTS / f"{tab.test}--report.pdf").write_bytes(pdf)
    _clean(tab)


def test_a_viewer_sees_no_review_forms(tab_for: Tabs) -> None:
    tab = tab_for("vi")
    page = tab.open(f"{CASE_URL}/review")
    tab.shot("review-as-viewer")
    expect(page.locator("main form[method=post]")).to_have_count(0)
    decide = page.get_by_role("button", name=re.compile("accept|reject|edit", re.I))
    expect(decide).to_have_count(0)
    page = tab.open(f"{CASE_URL}/sources")
    expect(page.locator("input[type=file]")).to_have_count(0)
    tab.shot("sources-as-viewer")
    page.locator(f'main a[href^="{CASE_URL}/sources/"]').first.click()
    expect(page.locator("mark.claim").first).to_be_visible()
    expect(page.locator("main form[method=post]")).to_have_count(0)
    tab.shot("reader-as-viewer")
    _clean(tab)
