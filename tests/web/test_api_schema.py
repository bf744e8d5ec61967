"""Schemathesis over the app's own OpenAPI document: generated requests to every
operation, as an editor of a small case (by API token), must never cause a server error,
and every answer must match what the document says (status, media type, body, headers).

Bounded so it runs in about a minute: 20 examples an operation, derandomised (the same
examples on every run), no deadline, no example database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import pytest
import schemathesis
from api_helpers import article, noise_png
from hypothesis import HealthCheck, given, settings
from schemathesis import APIOperation, Case
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_helpers import Site, make_site

from claimgraph.errors import Refused
from claimgraph.services import analysis, create_api_token
from claimgraph.settings import Limits
from claimgraph.store import ClaimFilter
from claimgraph.web import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Target:
    site: Site
    token: str
    ids: dict[str, str]


def _offline(url: str, limits: Limits) -> NoReturn:
    """No network from a test: a fetched URL is refused like a private address."""
    raise Refused("no network in this test", subject=url)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    site = make_site(Path(tmp_path_factory.mktemp("schema")) / "home")
    site = Site(replace(site.ledger, fetch=_offline), site.home)
    ed = site.token("ed")
    for name, data in (("a.html", article("alpha")), ("p.png", noise_png(3))):
        ran = ed.post("/api/v1/cases/alpha/sources", files={"file": (name, data)})
        assert ran.status_code == 201, ran.text
    ledger = site.ledger
    claims = [c for c, _ in ledger.store.claims(ClaimFilter(case="alpha"))]
    images = [s.id for s in ledger.store.list_sources("alpha") if s.media_type == "image/png"]
    ids = {"case": "alpha", "source": claims[0].source_id, "claim": claims[0].id,
           "actor": analysis.entities(ledger, "alpha")[0].members[0],
           "ref": analysis.propositions(ledger, "alpha")[0].id, "sha": images[0]}  # fmt: skip
    yield Target(site, create_api_token(ledger, "ed", "schemathesis"), ids)
    ledger.close()


def _operations(target: Target) -> list[APIOperation]:
    app = create_app(target.site.ledger)
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]


def _check(operation: APIOperation, target: Target) -> None:
    """Generated requests to one operation; path parameters are real ids of the case, so
    that answers about things that exist are checked too (ids that do not exist are the
    route tests' and the matrix's business)."""
    names = {p.name for p in operation.path_parameters}
    fixed = {k: v for k, v in target.ids.items() if k in names}
    auth = {"Authorization": f"Bearer {target.token}"}

    @settings(max_examples=20, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(operation.as_strategy(path_parameters=fixed))
    def run(case: Case) -> None:
        case.call_and_validate(headers=auth, checks=CHECKS)

    run()


def test_every_operation_answers_as_documented(target: Target) -> None:
    # The pytest plugin's lazy loader does not run under pytest 9, so each operation is
    # driven here, and every failure is collected before the test fails.
    operations = _operations(target)
    assert len(operations) >= 30
    failed = []
    for operation in operations:
        try:
            _check(operation, target)
        except Exception as exc:
            failed.append(f"{operation.label}: {exc}")
    assert not failed, "\n\n".join(failed)
