"""Helpers of the API tests: the demo case loaded into a web test site, walking every
page of a list, and the one error shape."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from PIL import Image
from web_helpers import Site, make_site

from claimgraph.services import add_inputs, grant

ROOT = Path(__file__).resolve().parents[2]
DEMO_CASE = "veskaro"
MARK = {"alpha": "Quarrymark", "beta": "Harbourmark"}  # a word only that case's text holds


def demo_site(base: Path) -> Site:
    """The web test site (see web_helpers) plus the demo case, where "ed" is an editor,
    "vi" a viewer and "al" an admin; "bo" is a member of "beta" only."""
    folder = base / "demo"
    subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), str(folder)],
                   check=True)  # fmt: skip
    site = make_site(base / "home")
    added = list(add_inputs(site.ledger.as_user("root"), [str(folder)], case=DEMO_CASE))
    assert added and all(o.status == "added" for o in added), added
    for name, role in (("ed", "editor"), ("vi", "viewer"), ("al", "admin")):
        grant(site.ledger, DEMO_CASE, name, role)
    return site


def article(case: str) -> bytes:
    """A small page of "alpha" or "beta": two speakers, two figures, the case's mark."""
    people = {"alpha": ("Ivo Marten", "Lena Brandt"), "beta": ("Oskar Velde", "Runa Castell")}
    a, b = people[case]
    return (f"<html><head><title>Toll rises {MARK[case]}</title></head><body><article>"
            f"<p>The authority said on Monday that at least 41 people were killed in the "
            f"flood, according to its spokesman {a}.</p><p>Mayor {b} said 300 people fled "
            f"the {MARK[case]} district.</p></article></body></html>").encode()  # fmt: skip


def noise_png(seed: int) -> bytes:
    """A PNG of noise: no two seeds give images that match each other."""
    rnd = random.Random(seed)
    im = Image.new("RGB", (96, 64))
    im.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
                for _ in range(96 * 64)])  # fmt: skip
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def walk(client: TestClient, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, page by page, following `next` until it is null; each page
    holds `limit` items but the last, and the pages together are the whole list in order."""
    whole = client.get(path, params={**params, "limit": 500})
    assert whole.status_code == 200, whole.text
    expected = whole.json()["items"]
    assert whole.json()["next"] is None, "the test data fits one page of 500"
    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(len(expected) + 2):
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        seen += body["items"]
        cursor = body["next"]
        if cursor is None:
            break
        assert len(body["items"]) == limit
    assert cursor is None, "the pages ended"
    assert seen == expected, "no item twice, none missing, same order"
    return seen


def assert_error(response: Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape, with the status and (if given) the code expected."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message", "subject"}, error
    assert error["status"] == status and isinstance(error["message"], str)
    if code is not None:
        assert error["code"] == code, error
    return error
