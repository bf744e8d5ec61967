"""Search through the API and the page: members only, one error shape, pages that never
overlap, and whatever a source holds shown as text (the matched words in <mark>)."""

from __future__ import annotations

import re

import pytest
from web_helpers import Site

from claimgraph.services.ingest import add_upload

HOSTILE_TITLE = "<script>alert('t')</script> Shelling report"
HOSTILE_PAGE = (
    "<html><head><title>&lt;script&gt;alert('t')&lt;/script&gt; Shelling report</title>"
    "</head><body><article><p>Witnesses said the shelling began at dawn, and "
    "&lt;img src=x onerror=alert('x')&gt; killed 9 people near the depot.</p>"
    "</article></body></html>"
)


def _add(site: Site, case: str, name: str, body: str) -> str:
    outcome = add_upload(site.ledger.as_user("root"), body.encode(), name, case=case,
                         extract=False)  # fmt: skip
    assert outcome.source_id is not None, outcome.reason
    return outcome.source_id


@pytest.fixture
def sources(site: Site) -> dict[str, str]:
    made = {f"d{i}": _add(site, "alpha", f"d{i}.txt", f"Day {i}: shelling near the depot.\n")
            for i in range(4)}  # fmt: skip
    made["hostile"] = _add(site, "alpha", "hostile.html", HOSTILE_PAGE)
    made["beta"] = _add(site, "beta", "b.txt", "Beta's own note on the shelling.\n")
    return made


def test_api_finds_the_cases_sources_a_page_at_a_time(site: Site, sources: dict[str, str]) -> None:
    vi = site.session("vi")  # a viewer reads
    seen, cursor = [], None
    for _ in range(5):
        params = {"q": "shelling", "limit": 2} | ({"cursor": cursor} if cursor else {})
        ran = vi.get("/api/v1/cases/alpha/search", params=params)
        assert ran.status_code == 200, ran.text
        body = ran.json()
        seen += [h["source_id"] for h in body["items"]]
        cursor = body["next"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(v for k, v in sources.items() if k != "beta")
    one = vi.get("/api/v1/cases/alpha/search", params={"q": "onerror killed"}).json()["items"]
    (hit,) = one
    assert hit["source_id"] == sources["hostile"] and hit["title"] == HOSTILE_TITLE
    snippet = hit["snippet"]
    assert [snippet["text"][m["start"] : m["end"]] for m in snippet["marks"]] == [
        "onerror", "killed"]  # fmt: skip
    none = vi.get("/api/v1/cases/alpha/search", params={"q": "nothing-like-this"}).json()
    assert none == {"items": [], "next": None}


ERRORS = [
    ({}, "query.q"),
    ({"q": ""}, "query.q"),
    ({"q": "x" * 201}, "query.q"),
    ({"q": "shelling", "cursor": "nope"}, "cursor"),
    ({"q": "a", "limit": 0}, "query.limit"),
]
HOSTILE = ['"', "NEAR(", "a AND", "*", "title:x", "'; DROP TABLE sources; --", "-", "\x00"]


def test_api_errors_take_the_one_shape(site: Site) -> None:
    ed = site.session("ed")
    for params, subject in ERRORS:
        ran = ed.get("/api/v1/cases/alpha/search", params=params)
        assert ran.status_code == 422
        assert set(ran.json()["error"]) == {"status", "code", "message", "subject"}
        assert ran.json()["error"]["subject"] == subject


def test_query_syntax_never_reaches_the_engine(site: Site, sources: dict[str, str]) -> None:
    ed = site.session("ed")
    for q in HOSTILE:
        ran = ed.get("/api/v1/cases/alpha/search", params={"q": q})
        assert ran.status_code == 200, (q, ran.text)
        assert ed.get("/cases/alpha/search", params={"q": q}).status_code == 200


def test_members_only(site: Site, sources: dict[str, str]) -> None:
    hidden = site.session("bo").get("/api/v1/cases/alpha/search", params={"q": "shelling"})
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    beta = site.token("bo").get("/api/v1/cases/beta/search", params={"q": "shelling"}).json()
    assert [h["source_id"] for h in beta["items"]] == [sources["beta"]]
    anon = site.client().get("/api/v1/cases/alpha/search", params={"q": "shelling"})
    assert anon.status_code == 401
    assert site.session("bo").get("/cases/alpha/search?q=shelling").status_code == 404


def test_page_marks_matches_and_escapes_the_source(site: Site, sources: dict[str, str]) -> None:
    page = site.session("ed").get("/cases/alpha/search", params={"q": "killed shelling"})
    assert page.status_code == 200
    html = page.text
    assert f'href="/cases/alpha/sources/{sources["hostile"]}"' in html
    assert "<mark>killed</mark>" in html and "<mark>Shelling</mark>" in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(" in html
    assert not re.search(r"<script>alert|<img src=x", html)
    assert sources["beta"] not in html


def test_page_pages_and_says_what_went_wrong(site: Site, sources: dict[str, str]) -> None:
    ed = site.session("ed")
    none = ed.get("/cases/alpha/search", params={"q": "<b>absent</b>"})
    assert "No source in this case holds" in none.text and "&lt;b&gt;absent" in none.text
    long = ed.get("/cases/alpha/search", params={"q": "x" * 300})
    assert long.status_code == 200 and "at most 200 characters" in long.text
    first = ed.get("/cases/alpha/search", params={"q": "shelling"}).text
    assert first.count('class="hit"') == 5 and "Next page" not in first
    empty = ed.get("/cases/alpha/search").text
    assert 'class="hit"' not in empty and "No source" not in empty


def test_page_next_link(site: Site) -> None:
    for i in range(23):
        _add(site, "alpha", f"n{i}.txt", f"Note {i} on the convoy.\n")
    ed = site.session("ed")
    first = ed.get("/cases/alpha/search", params={"q": "convoy"}).text
    assert first.count('class="hit"') == 20
    link = re.search(r'href="([^"]+)" rel="next"', first)
    assert link is not None
    second = ed.get(link.group(1).replace("&amp;", "&")).text
    assert second.count('class="hit"') == 3 and 'start="21"' in second
