"""What came from a source is shown as text, never as markup: hostile titles, text,
actor names, sides and URLs are escaped on every page and inside the SVG we draw; the
reader's marks nest whatever the spans; forms need the session's CSRF token."""

from __future__ import annotations

import re
from typing import Any

from defusedxml import ElementTree
from web_helpers import PASSWORD, Site

from claimgraph.model import Edge, Grade, Origin, PropositionResult, TimelinePoint
from claimgraph.render.charts import timeline_svg
from claimgraph.render.graphs import provenance_svg
from claimgraph.services import analysis as an
from claimgraph.web.views import reader_pieces, web_link

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"</text><script>alert(1)</script>{IMG}"
TEXT = (
    f"{SCRIPT} {IMG} headline\n\n"
    f"Colonel {SCRIPT} Smith said on Tuesday that 40 people were killed in the attack. "
    f"According to {IMG} News, the minister Jon {IMG} Doe claimed 300 people were killed.\n"
)
NS = "{http://www.w3.org/2000/svg}"


def _no_markup_from_source(html: str) -> None:
    assert SCRIPT not in html and "<img src=x" not in html and "onerror=alert(1)>" not in html
    assert html.count("<script") == 1  # our own app.js


def _upload(site: Site) -> str:
    """Added through the page's form, as a browser does: cookie plus the csrf field."""
    client = site.client()
    client.post("/login", data={"name": "ed", "password": PASSWORD, "next": "/"})
    page = client.get("/cases/alpha/sources").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]  # type: ignore[index]
    blob = {"file": ("hostile.txt", TEXT.encode(), "text/plain")}
    refused = client.post("/cases/alpha/sources", files=blob)
    assert refused.status_code == 403  # no token, no change
    ran = client.post("/cases/alpha/sources", files=blob, data={"csrf": csrf},
                      follow_redirects=False)  # fmt: skip
    assert ran.status_code == 303, ran.text
    return str(ran.headers["location"])


def test_hostile_source_is_shown_as_text(site: Site) -> None:
    reader = _upload(site)
    ed = site.session("ed")
    html = ed.get(reader).text
    _no_markup_from_source(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x" in html
    assert html.count('<mark class="claim') >= 2
    for path in ("/sources", "/claims", "/review", "/figures", "/propositions", "/actors",
                 "/contradictions", "/report", "/audit"):  # fmt: skip
        page = ed.get(f"/cases/alpha{path}")
        assert page.status_code == 200, path
        _no_markup_from_source(page.text)


def test_hostile_side_and_actor_names_escaped(site: Site) -> None:
    _upload(site)
    ed = site.session("ed")
    speaker = next(e for e in an.entities(site.ledger, "alpha") if "Smith" in e.name)
    form = {"action": "side", "actor": speaker.id, "value": HOSTILE}
    ran = ed.post("/cases/alpha/actors", data=form, follow_redirects=False)
    assert ran.status_code == 303
    for path in ("/actors", "/figures", "/report", "/claims"):
        page = ed.get(f"/cases/alpha{path}").text
        _no_markup_from_source(page)
    assert "&lt;/text&gt;&lt;script&gt;" in ed.get("/cases/alpha/figures").text


def test_upload_form_needs_one_thing(site: Site) -> None:
    ed = site.session("ed")
    assert ed.post("/cases/alpha/sources", data={"url": ""}).status_code == 422
    local = ed.post("/cases/alpha/sources", data={"url": "/etc/passwd"})
    assert local.status_code == 422 and "http" in local.text  # never a path on the server
    page = ed.get("/cases/alpha/sources").text
    assert 'enctype="multipart/form-data"' in page and "Add a source" in page


def test_svg_escapes_hostile_names() -> None:
    point = TimelinePoint(
        claim_id="c1", proposition_id="p1", event="e1", counts="killed", date="2023-03-14",
        date_basis="claim", low=40.0, high=40.0, qualifier="exact", stance="hedged",
        claimant=HOSTILE, side=HOSTILE, source_id="s1", publisher=HOSTILE,
        first_of_value=True, counted=False,
    )  # fmt: skip
    chart = timeline_svg([point], title=HOSTILE)
    prop = PropositionResult(
        id="p1", label=HOSTILE, kind="quantity", event="e1", counts="killed", subject=None,
        low=40.0, high=40.0, qualifier="exact", claim_ids=("c1",), support_ids=("c1",),
        source_ids=("s1",), origins=(Origin("ent:x", HOSTILE, HOSTILE),),
        edges=(Edge("source:s1", "ent:x", HOSTILE),), first_seen=None,
        grade=Grade(3, "possibly true"),
    )  # fmt: skip
    graph = provenance_svg(prop, {"source:s1": HOSTILE, "ent:x": HOSTILE})
    for drawn in (chart, graph):
        assert "<script" not in drawn and "<img" not in drawn
        root = ElementTree.fromstring(drawn)  # well-formed: nothing broke out of a <text>
        tags = {el.tag.removeprefix(NS) for el in root.iter()}
        assert not tags & {"script", "img", "foreignObject"}
        texts = " ".join(el.text or "" for el in root.iter())
        assert "</text><script>alert(1)</script>" in texts  # shown, as text


def _nested(pieces: list[Any]) -> list[str]:
    """Check the marks nest, and return the claims each primary mark opened, in order."""
    depth, opened = 0, []
    for p in pieces:
        if p.kind == "open":
            depth += 1
            if not p.cont:
                opened.append(p.claim["id"])
        elif p.kind == "close":
            depth -= 1
            assert depth >= 0
    assert depth == 0
    return opened


def test_reader_marks_nest_whatever_the_spans() -> None:
    text = "0123456789abcdefghij"
    claims = [
        {"id": "outer", "span": [0, 10]},
        {"id": "cross", "span": [5, 15]},  # crosses the end of "outer"
        {"id": "same", "span": [5, 15]},  # the same span again: one anchor only
        {"id": "inner", "span": [6, 8]},
        {"id": "beyond", "span": [18, 99]},  # clipped to the text
        {"id": "empty", "span": [4, 4]},  # nothing to mark
    ]
    pieces = reader_pieces(text, claims)
    assert sorted(_nested(pieces)) == ["beyond", "cross", "inner", "outer", "same"]
    assert "".join(p.text for p in pieces) == text
    anchors = [p.anchor for p in pieces if p.anchor]
    assert len(anchors) == len(set(anchors)) and "span-5-15" in anchors
    assert any(p.cont for p in pieces), "the crossing claim continues after the close"


def test_only_web_addresses_become_links() -> None:
    assert web_link("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                'https://x.org/"onmouseover=alert(1)', " https://x.org", None, ""):  # fmt: skip
        assert web_link(bad) is None
