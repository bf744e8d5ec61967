"""Adding by URL: the capture records the HTTP exchange. The test's own listener on
127.0.0.1 is reachable only because the test hands the ledger a policy that allows it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address, IPv6Address

import pytest

from claimgraph.capture.fetch import fetch_url
from claimgraph.services import Ledger, add_inputs, source_detail

PAGE = (
    b"<html lang='en'><head><title>Harbour closed</title>"
    b"<meta property='og:site_name' content='Coast Bulletin'></head><body><article>"
    b"<p>The harbour master closed the port on Monday after the storm, the council said.</p>"
    b"<p>Ferries will resume on Wednesday if the swell drops, a spokesman added.</p>"
    b"</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("X-Desk", "coast")
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _only(port: int):  # type: ignore[no-untyped-def]
    def policy(ip: IPv4Address | IPv6Address, p: int) -> bool:
        return str(ip) == "127.0.0.1" and p == port

    return policy


def test_a_url_becomes_a_source_with_its_http_capture(ledger: Ledger, server: int) -> None:
    ledger.fetch = partial(fetch_url, policy=_only(server))
    url = f"http://127.0.0.1:{server}/story"
    (outcome,) = add_inputs(ledger, [url], case="coast")
    assert outcome.status == "added", outcome.reason
    detail = source_detail(ledger, outcome.source_id)
    assert detail.source.url == url
    assert detail.source.title == "Harbour closed"
    assert "closed the port on Monday" in detail.source.text
    (capture,) = detail.captures
    assert capture.method == "url"
    assert capture.http_status == 200
    headers = {k.lower(): v for k, v in capture.http_headers}
    assert headers["x-desk"] == "coast"
    assert capture.tool_version.startswith("claimgraph/")
    assert ledger.blobs.get(outcome.source_id) == PAGE


def test_http_errors_and_refusals_store_nothing(ledger: Ledger, server: int) -> None:
    ledger.fetch = partial(fetch_url, policy=_only(server))
    (missing,) = add_inputs(ledger, [f"http://127.0.0.1:{server}/gone"], case="coast")
    assert (missing.status, missing.reason) == ("failed", "HTTP status 404")
    ledger.fetch = fetch_url  # the default policy: public addresses only
    (refused,) = add_inputs(ledger, [f"http://127.0.0.1:{server}/story"], case="coast")
    assert refused.status == "failed"
    assert "not public" in (refused.reason or "")
    assert ledger.store.count("sources") == 0
