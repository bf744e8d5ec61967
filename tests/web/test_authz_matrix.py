"""The authorisation matrix: every API route under /api/v1/cases/{case}, taken from the
app itself (a new route is checked without touching this file), for each role — not a
member, viewer, editor, admin — on its own case and on the other one.

- Not a member: 404 in the error shape, naming nothing of the case.
- Viewer: reads its case; every write (POST, PUT, PATCH, DELETE) is a 403 that changes
  nothing (audit entries, judgements and sources counted before and after).
- Editor and admin: read and write their own case.
- A member's answers about its own case hold nothing of the other case, and the other
  case's ids in its own case's URLs are a 404.
And with no credentials, every route under /api/v1 is a 401 but signing in and the
OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from api_helpers import MARK, article, assert_error, noise_png
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from web_helpers import PASSWORD, Site, make_site

from claimgraph.services import add_user, analysis
from claimgraph.store import ClaimFilter

P = "/api/v1/cases/{case}"
OTHER = {"alpha": "beta", "beta": "alpha"}
# (role, user, own case): "nm" is a member of nothing; "bo" mirrors "ed" from beta.
PRINCIPALS = (
    ("non-member", "nm", "alpha"),
    ("viewer", "vi", "alpha"),
    ("editor", "ed", "alpha"),
    ("admin", "al", "alpha"),
    ("editor", "bo", "beta"),
)
EDITOR_READS = {("GET", P + "/export")}  # a bulk copy of the case: not for viewers
PUBLIC = {("POST", "/api/v1/session"), ("GET", "/api/v1/openapi.json"),
          ("GET", "/api/v1/docs"), ("GET", "/api/v1/docs/oauth2-redirect")}  # fmt: skip
QUERY = {"q": "people"}  # required query parameters: a value that finds something


Recipe = Callable[[dict[str, str]], dict[str, Any]]
# A valid body for each write route, so that an editor's write is seen to succeed.
RECIPES: dict[tuple[str, str], Recipe] = {
    ("POST", P + "/sources"): lambda ids: {"files": {"file": ("n.txt", b"A note, 5 hurt.")}},
    ("POST", P + "/claims/{claim}/review"): lambda ids: {"json": {"decision": "accept"}},
    ("POST", P + "/actors/{actor}/grade"): lambda ids: {"json": {"grade": "C"}},
    ("POST", P + "/actors/{actor}/merge"): lambda ids: {"json": {"into": ids["actor2"]}},
    ("POST", P + "/actors/{actor}/split"): lambda ids: {"json": {"note": "matrix"}},
    ("POST", P + "/actors/{actor}/side"): lambda ids: {"json": {"side": "Neutral"}},
    ("POST", P + "/propositions/claims/{claim}/move"): lambda ids: {"json": {"to": "new"}},
    ("POST", P + "/images/match"): lambda ids: {"files": {"file": ("x.png", noise_png(1))}},
}


def _empty(ids: dict[str, str]) -> dict[str, Any]:
    """A write route with no recipe yet gets an empty body: if it needs more, an editor's
    write fails below, and the route wants a recipe in RECIPES."""
    return {"json": {}}


@dataclass(frozen=True, slots=True)
class Op:
    method: str
    path: str


@dataclass
class World:
    site: Site
    app: FastAPI
    clients: dict[str, TestClient]
    ops: list[Op]
    query: dict[Op, dict[str, str]]  # required query parameters of each operation
    ids: dict[tuple[str, tuple[int, ...]], dict[str, str]] = field(default_factory=dict)


def operations(app: FastAPI) -> list[Op]:
    """Every (method, path) the app serves under /api/v1, from its routes."""

    def flat(routes: list[Any]) -> Iterator[Any]:
        for r in routes:
            if hasattr(r, "effective_route_contexts"):  # an included router (FastAPI ≥ 0.13x)
                yield from r.effective_route_contexts()
            elif hasattr(r, "routes") and not hasattr(r, "methods"):
                yield from flat(r.routes)
            else:
                yield r

    found = {Op(m, r.path) for r in flat(app.routes)
             if getattr(r, "path", "").startswith("/api/v1")
             for m in (getattr(r, "methods", None) or ()) if m != "HEAD"}  # fmt: skip
    return sorted(found, key=lambda o: (o.path, o.method))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    site = make_site(tmp_path_factory.mktemp("authz") / "home")
    add_user(site.ledger, "nm", PASSWORD)
    for user, case, seed in (("ed", "alpha", 7), ("bo", "beta", 8)):
        client = site.token(user)
        for name, data in (("a.html", article(case)), ("p.png", noise_png(seed))):
            ran = client.post(f"/api/v1/cases/{case}/sources", files={"file": (name, data)})
            assert ran.status_code == 201, ran.text
    app = site.client().app
    assert isinstance(app, FastAPI)
    ops = operations(app)
    doc = site.client().get("/api/v1/openapi.json").json()
    documented = {Op(m.upper(), p) for p, item in doc["paths"].items() for m in item}
    assert documented <= set(ops), "every documented operation is enumerated"
    query = {
        Op(m.upper(), p): {x["name"]: QUERY.get(x["name"], "x") for x in spec.get("parameters", [])
                           if x["in"] == "query" and x.get("required")}
        for p, item in doc["paths"].items() for m, spec in item.items()
    }  # fmt: skip
    clients = {user: site.token(user) for _, user, _ in PRINCIPALS}
    yield World(site, app, clients, ops, query)
    site.ledger.close()


def ids_of(world: World, case: str) -> dict[str, str]:
    """Real ids of the case for the path parameters, read again after every change (a
    judgement may renumber propositions)."""
    key = (case, counts(world.site))
    if key not in world.ids:
        world.ids[key] = _read_ids(world.site, case)
    return dict(world.ids[key])


def _read_ids(site: Site, case: str) -> dict[str, str]:
    ledger = site.ledger
    claims = [c for c, _ in ledger.store.claims(ClaimFilter(case=case))]
    sources = {c.source_id for c in claims}
    shas = [s.id for s in ledger.store.list_sources(case) if s.media_type == "image/png"]
    actors = [e.members[0] for e in analysis.entities(ledger, case)]
    props = analysis.propositions(ledger, case)
    return {"case": case, "source": sorted(sources)[0], "claim": claims[0].id,
            "actor": actors[0], "actor2": actors[-1], "ref": props[0].id,
            "sha": shas[0]}  # fmt: skip


def secrets_of(world: World, case: str) -> set[str]:
    ids = ids_of(world, case)
    return {MARK[case], *(v for k, v in ids.items() if k != "case")}


def call(world: World, user: str | None, op: Op, ids: dict[str, str]) -> Response:
    client = world.clients[user] if user else world.site.client()
    try:
        url = op.path.format(**ids)
    except KeyError as missing:
        pytest.fail(f"{op}: give ids_of() a value for the path parameter {missing}")
    kwargs: dict[str, Any] = {"params": world.query.get(op, {})}
    if op.method not in ("GET", "HEAD"):
        kwargs |= RECIPES.get((op.method, op.path), _empty)(ids)
    ran: Response = client.request(op.method, url, **kwargs)
    return ran


def counts(site: Site) -> tuple[int, ...]:
    return tuple(site.ledger.store.count(t) for t in ("audit_log", "judgements", "sources"))


def expected(role: str, own: bool, op: Op) -> int | None:
    """The status the role must get, or None for "a success" (2xx)."""
    if role == "non-member" or not own:
        return 404
    write = op.method not in ("GET", "HEAD")
    if role == "viewer" and (write or (op.method, op.path) in EDITOR_READS):
        return 403
    return None


def check(world: World, role: str, user: str, case: str, own: bool, op: Op) -> None:
    site = world.site
    before = counts(site)
    ids = ids_of(world, case)
    ran = call(world, user, op, ids)
    want = expected(role, own, op)
    where = f"{role} {user} on {case}: {op.method} {op.path}"
    if want is None:
        assert 200 <= ran.status_code < 300, f"{where}: {ran.status_code} {ran.text[:300]}"
        leaked = {s for s in secrets_of(world, OTHER[case]) if s in ran.text}
        assert not leaked, f"{where}: the other case's {leaked} in the answer"
        return
    error = assert_error(ran, want)
    assert counts(site) == before, f"{where}: a refused request changed the store"
    if want == 404:
        assert error["subject"] == case, f"{where}: {error}"
        leaked = {s for s in secrets_of(world, case) if s in ran.text}
        assert not leaked, f"{where}: {leaked} of a case the caller cannot see"


def test_role_by_case_by_route(world: World) -> None:
    case_ops = [op for op in world.ops if op.path.startswith(P)]
    assert len(case_ops) >= 30 and any(op.method == "POST" for op in case_ops)
    cells = 0
    for role, user, home in PRINCIPALS:
        for op in case_ops:
            for case in (home, OTHER[home]):
                check(world, role, user, case, case == home and role != "non-member", op)
                cells += 1
    assert cells == len(case_ops) * len(PRINCIPALS) * 2
    print(f"authz matrix: {len(case_ops)} routes × {len(PRINCIPALS)} principals × 2 cases "
          f"= {cells} checks")  # fmt: skip


def test_the_other_cases_ids_in_ones_own_case(world: World) -> None:
    """alpha's members naming beta's source, claim, actor, proposition or image in
    alpha's URLs get a 404 (a viewer's write is refused before anything is looked up)."""
    with_ids = [op for op in world.ops if op.path.startswith(P) and "}" in op.path[len(P) :]]
    assert len(with_ids) >= 10
    site = world.site
    for role, user, home in PRINCIPALS[1:4]:
        for op in with_ids:
            before = counts(site)
            foreign = {**ids_of(world, OTHER[home]), "case": home}
            ran = call(world, user, op, foreign)
            viewer_write = role == "viewer" and op.method != "GET"
            assert_error(ran, 403 if viewer_write else 404)
            assert counts(site) == before
            assert MARK[OTHER[home]] not in ran.text


def test_anonymous_requests_are_refused_everywhere(world: World) -> None:
    ids = ids_of(world, "alpha")
    refused = 0
    for op in world.ops:
        ran = call(world, None, op, ids)
        if (op.method, op.path) in PUBLIC:
            assert ran.status_code != 401, op
            continue
        assert_error(ran, 401, "unauthenticated")
        assert ran.headers["www-authenticate"] == "Bearer"
        refused += 1
    assert refused >= len(world.ops) - len(PUBLIC)
    assert world.site.client().get("/api/v1/openapi.json").status_code == 200


def test_an_editor_cannot_add_the_servers_own_files(world: World) -> None:
    """A "url" that is a path (or a file: URL) would read the server's disk: refused."""
    before = counts(world.site)
    for ref in ("/etc/hostname", "file:///etc/hostname", "../../etc/hostname"):
        ran = world.clients["ed"].post("/api/v1/cases/alpha/sources", data={"url": ref})
        assert_error(ran, 422, "invalid_input")
    assert counts(world.site) == before
