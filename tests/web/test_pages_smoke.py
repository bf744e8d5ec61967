"""Pages: sign in through the form, see your cases and a dashboard; a stranger to a
case gets a 404 page; signed out, a page sends you to sign in."""

from __future__ import annotations

from web_helpers import PASSWORD, Site


def test_sign_in_and_dashboard(site: Site) -> None:
    client = site.client()
    away = client.get("/cases/alpha", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/login?next=/cases/alpha"
    wrong = client.post("/login", data={"name": "ed", "password": "nope", "next": "/"})
    assert wrong.status_code == 401 and "wrong user name or password" in wrong.text
    ran = client.post("/login", data={"name": "ed", "password": PASSWORD,
                                      "next": "/cases/alpha"}, follow_redirects=False)  # fmt: skip
    assert ran.status_code == 303 and ran.headers["location"] == "/cases/alpha"
    cookie = ran.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/cases/alpha")
    assert page.status_code == 200 and "<h1>alpha</h1>" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/").text.count("/cases/alpha") >= 1
    assert client.get("/cases/beta").status_code == 404


def test_open_redirect_refused(site: Site) -> None:
    client = site.client()
    form = {"name": "ed", "password": PASSWORD, "next": "//evil.example/"}
    ran = client.post("/login", data=form, follow_redirects=False)
    assert ran.headers["location"] == "/"


def test_sign_out_needs_the_csrf_token(site: Site) -> None:
    client = site.client()
    client.post("/login", data={"name": "ed", "password": PASSWORD, "next": "/"})
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
    page = client.get("/")
    token = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    out = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
