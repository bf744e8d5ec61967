"""A page added by URL brings the images it shows, fetched the same guarded way; an image
the guard refuses or the server lacks does not fail the page."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address, IPv6Address

import pytest
from PIL import Image, ImageDraw

from claimgraph.capture.fetch import fetch_url
from claimgraph.services import Ledger, add_inputs, imagesearch

PAGE = (
    b"<html><head><title>Storm</title><meta property='og:site_name' content='Coast Post'>"
    b"<meta property='article:published_time' content='2024-02-02'></head><body><article>"
    b"<p>The storm tore the roofs off forty houses along the shore on Thursday night.</p>"
    b"<p>Fishermen pulled their boats high up the beach before the worst of the wind.</p>"
    b"<figure><img src='/p.jpg' alt='Roofs torn off along the shore.'></figure>"
    b"<img src='/missing.jpg'><img src='http://10.0.0.1/private.jpg'>"
    b"</article></body></html>"
)


def _jpeg() -> bytes:
    image = Image.new("RGB", (400, 300), (30, 90, 150))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        draw.rectangle((i * 30, 40 + i * 15, i * 30 + 60, 260), fill=(200 - i * 12, 80, i * 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body, kind = {"/story": (PAGE, "text/html"), "/p.jpg": (_jpeg(), "image/jpeg")}.get(
            self.path, (b"", "")
        )
        self.send_response(200 if body else 404)
        if body:
            self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_a_fetched_page_brings_its_images(ledger: Ledger, port: int) -> None:
    def policy(ip: IPv4Address | IPv6Address, p: int) -> bool:
        return str(ip) == "127.0.0.1" and p == port

    ledger.fetch = partial(fetch_url, policy=policy)
    outcomes = list(add_inputs(ledger, [f"http://127.0.0.1:{port}/story"], case="c"))
    assert [o.status for o in outcomes] == ["added"]
    (report,) = imagesearch.list_images(ledger, "c")
    (shown,) = report.appearances
    assert (shown.caption, shown.date, shown.where) == (
        "Roofs torn off along the shore.",
        "2024-02-02",
        "Coast Post",
    )
    assert shown.url == f"http://127.0.0.1:{port}/p.jpg"
