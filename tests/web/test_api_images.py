"""Images through the API, on the demo case: the re-used photo's earliest appearance, the
alert, matching an upload, an image's bytes; and another case's appearances stay hidden
from those who are not its members."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import DEMO_CASE, assert_error, demo_site, walk
from fastapi.testclient import TestClient
from PIL import Image
from web_helpers import Site

from claimgraph.services.imagesearch import archive_import
from claimgraph.web import create_app

BASE = f"/api/v1/cases/{DEMO_CASE}"
MARKET = "ut-veskaro-market.jpg"  # the 2011 earthquake photo, shown in 2023 as the attack
SECRET = "Beta Team Private Archive"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = demo_site(tmp_path_factory.mktemp("api-images"))
    yield made
    made.ledger.close()


@pytest.fixture(scope="module")
def ed(site: Site) -> TestClient:
    return site.token("ed")


def _photo(site: Site) -> Path:
    return site.home.parent / "demo" / "images" / MARKET


def _copy(site: Site) -> bytes:
    """A further copy of the market photo: smaller, re-compressed, never stored."""
    out = io.BytesIO()
    with Image.open(_photo(site)) as im:
        im.resize((400, 296)).save(out, "JPEG", quality=50)
    return out.getvalue()


def _reused(images: list[dict[str, Any]]) -> dict[str, Any]:
    """The photo as Ulthara Today showed it in 2023."""
    return next(i for i in images if any("ulthara-today" in (a["url"] or "")
                                         for a in i["appearances"]))  # fmt: skip


def test_images_with_earliest_appearance_paged(ed: TestClient) -> None:
    images = walk(ed, f"{BASE}/images", 1)
    assert len(images) == 3
    reused = _reused(images)
    first = reused["first_seen"]
    assert isinstance(first, dict)
    assert (first["date"], first["where"]) == ("2011-06-08", "The Tolvek Courier")
    assert "earthquake" in first["caption"]
    assert [c["verdict"] for c in reused["copies"]] == ["same image"]


def test_alert_shows_both_captions(ed: TestClient) -> None:
    alerts = walk(ed, f"{BASE}/images/alerts", 1)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert["later"]["caption"] == "The market square in Veskaro after Tuesday's attack."
    assert "earthquake" in alert["earlier"]["caption"]
    assert alert["reason"] == "first shown 4300 days earlier with another caption"


def test_match_an_upload(site: Site, ed: TestClient) -> None:
    ran = ed.post(f"{BASE}/images/match", files={"file": ("x.jpg", _copy(site), "image/jpeg")})
    assert ran.status_code == 200, ran.text
    body = ran.json()
    assert body["matches"] and all(m["verdict"] == "same image" for m in body["matches"])
    assert {m["first_seen"]["date"] for m in body["matches"]} == {"2011-06-08"}
    assert all(m["distance"] is not None for m in body["matches"])
    nothing = ed.post(
        f"{BASE}/images/match", files={"file": ("x.txt", b"not an image", "text/plain")}
    )
    assert_error(nothing, 422)
    assert_error(ed.post(f"{BASE}/images/match"), 422, "invalid_request")
    upload = {"file": ("x.jpg", _copy(site), "image/jpeg")}
    viewer = site.token("vi").post(f"{BASE}/images/match", files=upload)
    assert_error(viewer, 403, "forbidden")


def test_match_upload_is_capped(site: Site) -> None:
    app = create_app(site.ledger)
    app.state.cg.max_upload_bytes = 1000
    client = TestClient(app, base_url="http://127.0.0.1")
    client.headers.update(site.token("ed").headers)
    big = client.post(f"{BASE}/images/match", files={"file": ("x.jpg", _copy(site), "image/jpeg")})
    assert_error(big, 422, "refused")


def test_image_bytes_for_img_tags(site: Site, ed: TestClient) -> None:
    images = ed.get(f"{BASE}/images").json()["items"]
    sha = images[0]["sha256"]
    got = ed.get(f"{BASE}/images/{sha}/file")
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-security-policy"].startswith("default-src 'none'")
    assert "content-disposition" not in got.headers
    assert got.content[:2] == b"\xff\xd8"
    assert_error(ed.get(f"{BASE}/images/{'0' * 64}/file"), 404, "not_found")
    assert_error(ed.get(f"{BASE}/images/not-a-hash/file"), 422, "invalid_request")
    source = next(s for s in ed.get(f"{BASE}/sources").json()["items"]
                  if s["media_type"] == "text/html")  # fmt: skip
    assert_error(ed.get(f"{BASE}/images/{source['id']}/file"), 404)  # a page is no image


def test_an_svg_is_only_a_download(site: Site) -> None:
    ed = site.token("ed")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    added = ed.post("/api/v1/cases/alpha/sources", files={"file": ("x.svg", svg, "image/svg+xml")})
    assert added.status_code == 201, added.text
    sha = added.json()["source_id"]
    assert sha in {i["sha256"] for i in ed.get("/api/v1/cases/alpha/images").json()["items"]}
    got = ed.get(f"/api/v1/cases/alpha/images/{sha}/file")
    assert got.status_code == 200, got.text
    assert got.headers["content-type"] == "application/octet-stream"
    assert got.headers["content-disposition"] == f'attachment; filename="{sha}.bin"'
    assert got.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert got.content == svg
    assert_error(ed.get(f"{BASE}/images/{sha}/file"), 404)  # not an image of the demo case


def test_another_cases_appearances_stay_hidden(site: Site, ed: TestClient) -> None:
    """A member of "beta" files the photo in beta's archive, dated long before; members
    of the demo case who are not members of beta see nothing of it; a site admin (who
    may read every case) sees it as the earliest appearance."""
    copy = site.home.parent / "beta-copy.jpg"
    copy.write_bytes(_copy(site))
    bo = site.ledger.as_user("bo")
    done = list(archive_import(bo, [str(copy)], source_name=SECRET, date="1999-02-03",
                               case="beta"))  # fmt: skip
    assert [o.status for o in done] == ["added"]
    root = site.token("root")
    for client, visible in ((ed, False), (site.token("al"), False), (root, True)):
        images = client.get(f"{BASE}/images").json()
        alerts = client.get(f"{BASE}/images/alerts").json()
        assert (SECRET in str(images)) is visible and (SECRET in str(alerts)) is visible
        first = _reused(images["items"])["first_seen"]
        assert first["date"] == ("1999-02-03" if visible else "2011-06-08")
    for name, visible in (("ed", False), ("root", True)):  # the pages obey the same rule
        pages = site.session(name)
        for path in (f"/cases/{DEMO_CASE}/images", f"/cases/{DEMO_CASE}/report"):
            shown = pages.get(path)
            assert shown.status_code == 200 and (SECRET in shown.text) is visible, path
    matched = ed.post(f"{BASE}/images/match", files={"file": ("x.jpg", _copy(site), "image/jpeg")})
    assert matched.status_code == 200 and matched.json()["matches"]
    assert SECRET not in matched.text and "1999-02-03" not in matched.text
