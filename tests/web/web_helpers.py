"""The web tests' site: a fresh ledger with a site admin ("root"), an editor ("ed"), a
viewer ("vi") and an admin ("al") of case "alpha", and a member of case "beta" only
("bo"); clients signed in by session (with the CSRF header) or by API token."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from claimgraph.services import Ledger, add_user, create_api_token, grant, open_ledger
from claimgraph.services.cases import create_case
from claimgraph.settings import Settings
from claimgraph.web import create_app

PASSWORD = "correct horse battery"
USERS = {"root": None, "ed": "editor", "vi": "viewer", "al": "admin", "bo": None}


@dataclass
class Site:
    ledger: Ledger
    home: Path

    def client(self) -> TestClient:
        return TestClient(create_app(self.ledger), base_url="http://127.0.0.1")

    def session(self, name: str) -> TestClient:
        """A client signed in through the API; its CSRF token is sent on every request."""
        client = self.client()
        ran = client.post("/api/v1/session", json={"name": name, "password": PASSWORD})
        assert ran.status_code == 200, ran.text
        client.headers["X-CSRF-Token"] = ran.json()["csrf"]
        return client

    def token(self, name: str) -> TestClient:
        client = self.client()
        raw = create_api_token(self.ledger, name, "tests")
        client.headers["Authorization"] = f"Bearer {raw}"
        return client


def make_site(home: Path) -> Site:
    ledger = open_ledger(Settings(home=home, user="setup"), create=True)
    add_user(ledger, "root", PASSWORD, admin=True)
    for name in ("ed", "vi", "al", "bo"):
        add_user(ledger, name, PASSWORD)
    root = ledger.as_user("root")
    create_case(root, "alpha", "the first case")
    create_case(root, "beta", "another team's case")
    grant(ledger, "alpha", "ed", "editor")
    grant(ledger, "alpha", "vi", "viewer")
    grant(ledger, "alpha", "al", "admin")
    grant(ledger, "beta", "bo", "editor")
    return Site(ledger, home)
