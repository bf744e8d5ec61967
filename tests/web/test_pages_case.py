"""Every page of a case, on the demo case, as a viewer sees it: the reader highlights
each claim, the figures page draws the 477 killed, the trace counts the independent
origins, the images page names where the re-used photo was first seen. Non-members get
404 everywhere; viewers get no forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from api_helpers import DEMO_CASE, demo_site
from web_helpers import Site

from claimgraph.services import analysis as an
from claimgraph.services.reviews import reviewed_claims
from claimgraph.store import ClaimFilter

CASE = f"/cases/{DEMO_CASE}"
PAGES = ("", "/sources", "/claims", "/review", "/figures", "/propositions",
         "/contradictions", "/actors", "/images", "/audit", "/report")  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = demo_site(tmp_path_factory.mktemp("pages"))
    yield site
    site.ledger.close()


def _source_with_most_claims(site: Site) -> tuple[str, list[dict[str, object]]]:
    claims = reviewed_claims(site.ledger, ClaimFilter(case=DEMO_CASE))
    counts: dict[str, int] = {}
    for c in claims:
        counts[str(c["source_id"])] = counts.get(str(c["source_id"]), 0) + 1
    sid = max(counts, key=lambda s: counts[s])
    return sid, [c for c in claims if c["source_id"] == sid]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_for_a_viewer(demo: Site, path: str) -> None:
    page = demo.session("vi").get(CASE + path)
    assert page.status_code == 200, page.text[:500]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.text.count("<script") == 1  # our own app.js, nothing else
    assert 'method="post" action="/cases' not in page.text, "a viewer is offered no form"


def test_the_reader_highlights_every_claim(demo: Site) -> None:
    sid, claims = _source_with_most_claims(demo)
    page = demo.session("vi").get(f"{CASE}/sources/{sid}").text
    primary = re.findall(r'<mark class="claim (?:quantity|statement)" [^>]*tabindex="0"', page)
    assert len(primary) == len(claims)
    for c in claims:
        start, end = c["span"]  # type: ignore[misc]
        assert f'data-claim="{c["id"]}"' in page
        assert f'href="#span-{start}-{end}"' in page and f'id="span-{start}-{end}"' in page
    assert page.count("<mark") == page.count("</mark>")
    assert f"/api/v1/cases/{DEMO_CASE}/sources/{sid}/original" in page
    assert 'data-claimant="' in page and 'data-grade="' in page and 'data-review="' in page


def test_sources_list_pages(demo: Site) -> None:
    vi = demo.session("vi")
    first = vi.get(f"{CASE}/sources").text
    assert "The Tolvek Courier" in first and "Add a source" not in first
    assert vi.get(f"{CASE}/sources", params={"cursor": "nonsense"}).status_code == 422


def test_figures_chart_and_table(demo: Site) -> None:
    page = demo.session("vi").get(f"{CASE}/figures", params={"counts": "killed"}).text
    assert page.count("<svg") >= 1
    assert re.search(r'<td class="num">477', page)
    assert "Tarrova" in page and "Figures that changed" in page
    assert 'class="mark total stance-hedged' in page  # hollow marks for hedged figures


def test_trace_shows_the_independent_origins(demo: Site) -> None:
    killed = an.propositions(demo.ledger, DEMO_CASE, counts="killed")
    p = max((p for p in killed if p.low == p.high == 477), key=lambda p: len(p.source_ids))
    vi = demo.session("vi")
    listing = vi.get(f"{CASE}/propositions", params={"counts": "killed"}).text
    assert f"{CASE}/propositions/{p.id}" in listing
    page = vi.get(f"{CASE}/propositions/{p.id}").text
    assert f'<strong class="big">{len(p.origins)}</strong>' in page and len(p.origins) == 1
    assert "independent origin behind" in page and "<svg" in page
    assert "Senneth Ledger" in page and f"Credibility <strong>{p.grade.credibility}" in page
    assert page.count('class="cite"') >= len(p.source_ids)
    assert vi.get(f"{CASE}/propositions/prp_nothing").status_code == 404


def test_contradictions_show_both_sides(demo: Site) -> None:
    page = demo.session("vi").get(f"{CASE}/contradictions", params={"kind": "conflict"}).text
    first = page.split('<article class="contradiction')[1].split("</article>")[0]
    assert first.count('class="cite"') == 2 and "cannot both be true" in first


def test_images_first_seen_and_alert(demo: Site) -> None:
    page = demo.session("vi").get(f"{CASE}/images").text
    assert "first seen no later than 2011-06-08 in The Tolvek Courier" in page
    assert "first shown 4300 days earlier with another caption" in page
    assert "The market square in Veskaro after Tuesday&#39;s attack." in page


def test_report_cites_everything(demo: Site) -> None:
    page = demo.session("vi").get(f"{CASE}/report").text
    assert "Case report: veskaro" in page and "@media print" not in page
    assert page.count("<svg") > 10 and "first shown 4300 days earlier" in page
    assert page.count('class="cite"') > 100 and "independent origin" in page


def test_review_queue_accept_and_edit(demo: Site) -> None:
    ed = demo.session("ed")
    queue = ed.get(f"{CASE}/review", params={"i": 3}).text
    assert "<kbd>a</kbd>" in queue and 'id="do-accept"' in queue
    claim = re.search(r'action="/cases/veskaro/review/(clm_\w+)"', queue)[1]  # type: ignore[index]
    done = ed.post(f"{CASE}/review/{claim}", data={"decision": "accept", "note": "seen", "i": 3},
                   follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == f"{CASE}/review?i=3"
    assert claim not in ed.get(done.headers["location"]).text
    unreviewed = reviewed_claims(demo.ledger, ClaimFilter(case=DEMO_CASE), "unreviewed")
    assert claim not in {c["id"] for c in unreviewed}
    accepted = ed.get(f"{CASE}/claims", params={"review": "accepted"}).text
    assert f'id="claim-{claim}"' in accepted and "seen" in accepted
    other = re.search(r'action="/cases/veskaro/review/(clm_\w+)"', ed.get(f"{CASE}/review").text)
    assert other
    form = {"decision": "edit", "stance": "hedged", "claimant": "someone else", "note": "fix"}
    edited = ed.post(f"{CASE}/review/{other[1]}", data=form, follow_redirects=False)
    assert edited.status_code == 303
    assert f'id="claim-{other[1]}"' in ed.get(f"{CASE}/claims", params={"review": "edited"}).text
    same = ed.post(f"{CASE}/review/{other[1]}", data={"decision": "edit"})
    assert same.status_code == 422  # an edit that changes nothing


def test_viewer_reads_but_cannot_change(demo: Site) -> None:
    vi = demo.session("vi")
    queue = vi.get(f"{CASE}/review").text
    assert "cannot review claims" in queue and "do-accept" not in queue
    claim = re.search(r'id="claim-(clm_\w+)"', queue)[1]  # type: ignore[index]
    assert vi.post(f"{CASE}/review/{claim}", data={"decision": "accept"}).status_code == 403
    grade = {"action": "grade", "actor": "Cleric", "value": "B"}
    assert vi.post(f"{CASE}/actors", data=grade).status_code == 403
    blob = {"file": ("x.txt", b"Officials said 3 people died.", "text/plain")}
    assert vi.post(f"{CASE}/sources", files=blob).status_code == 403


@pytest.mark.parametrize("path", [*PAGES, "/propositions/prp_x", "/sources/abc"])
def test_non_members_get_404(demo: Site, path: str) -> None:
    bo = demo.session("bo")
    page = bo.get(CASE + path)
    assert page.status_code == 404 and "not found" in page.text
    assert 'class="case-nav"' not in page.text  # nothing of the case is shown
    assert bo.post(f"{CASE}/review/clm_x", data={"decision": "accept"}).status_code == 404


def test_editor_judges_an_actor(demo: Site) -> None:
    ed = demo.session("ed")
    page = ed.get(f"{CASE}/actors").text
    assert 'name="action" value="grade"' in page and 'list="actor-names"' in page
    cleric = next(e for e in an.entities(demo.ledger, DEMO_CASE) if e.name == "Cleric")
    form = {"action": "grade", "actor": cleric.id, "value": "c", "note": "one source only"}
    ran = ed.post(f"{CASE}/actors", data=form, follow_redirects=False)
    assert ran.status_code == 303
    row = ed.get(f"{CASE}/actors").text.split(f'id="ent-{cleric.id}"')[1].split("</tr>")[0]
    assert "<strong>C</strong>" in row
    # The claims of the speaker carry the grade (their speakers read by name, per page).
    claims = ed.get(f"{CASE}/claims", params={"actor": "Cleric"}).text
    assert claims.count("<td>C</td>") >= 1 and "<td>F</td>" not in claims
    bad = ed.post(f"{CASE}/actors", data={"action": "grade", "actor": cleric.id, "value": "Z"})
    assert bad.status_code == 422
    audit = ed.get(f"{CASE}/audit").text
    assert "judge" in audit and "actor.grade" in audit


def test_claims_filter_and_pages(demo: Site) -> None:
    vi = demo.session("vi")
    first = vi.get(f"{CASE}/claims").text
    nxt = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert nxt, "199 claims take more than one page"
    second = vi.get(nxt[1].replace("&amp;", "&")).text
    ids = set(re.findall(r'<tr id="claim-(clm_\w+)"', first))
    assert ids and ids.isdisjoint(re.findall(r'<tr id="claim-(clm_\w+)"', second))
    hedged = vi.get(f"{CASE}/claims", params={"kind": "quantity", "stance": "hedged",
                                              "actor": "", "counts": "killed"}).text  # fmt: skip
    rows = re.findall(r"<tr id=\"claim-.*?</tr>", hedged, re.S)
    assert rows and all("<td>hedged</td>" in r and "killed" in r for r in rows)
    assert vi.get(f"{CASE}/claims", params={"stance": "bogus"}).status_code == 200


def test_dashboard_counts_the_cases_images(demo: Site) -> None:
    from claimgraph.services.cases import dashboard
    from claimgraph.services.views import case_images

    board = dashboard(demo.ledger, DEMO_CASE)
    assert board.images == len(case_images(demo.ledger, DEMO_CASE)) > 0
    assert f"<strong>{board.images}</strong> images" in demo.session("vi").get(CASE).text
