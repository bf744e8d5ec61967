"""fetch_url against real listeners on 127.0.0.1: SSRF refusals, redirects, caps, time."""

from __future__ import annotations

import gzip
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC
from ipaddress import IPv4Address

import pytest
from capture_listener import Listener

from claimgraph.capture.fetch import Fetched, fetch_url
from claimgraph.capture.netguard import IPAddress, Policy
from claimgraph.errors import InvalidInput, Refused, Unavailable
from claimgraph.settings import Limits

Serve = Callable[..., Listener]
MB = 1024 * 1024
LIMITS = Limits(fetch_timeout_s=5, max_source_bytes=MB, max_decompressed_bytes=MB)
LOOPBACK = IPv4Address("127.0.0.1")


def http(
    status: str = "200 OK", headers: tuple[tuple[str, str], ...] = (), body: bytes = b""
) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers)]
    if not any(k.lower() in ("content-length", "transfer-encoding") for k, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join([*lines, "Connection: close", "", ""])).encode("latin-1") + body


def allow(*ports: int) -> Policy:
    """A test policy: 127.0.0.1 on the given ports only."""

    def policy(ip: IPAddress, port: int) -> bool:
        return ip == LOOPBACK and port in ports

    return policy


def fixed_resolver(calls: list[tuple[str, int]], *answers: list[str]) -> Callable[..., list[str]]:
    """Answers in turn, one list per call, recording each call."""

    def resolve(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return answers[min(len(calls), len(answers)) - 1]

    return resolve


# --- SSRF: every spelling of "this machine" is refused before any connection --------

SPELLINGS = [
    "http://127.0.0.1:{port}/",
    "http://127.1:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://017700000001:{port}/",
    "http://127.0.0.1.:{port}/",
    "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[::]:{port}/",
    "http://localhost:{port}/",
    "http://LOCALHOST.:{port}/",
    "http://app.localhost:{port}/",
    "http://0.0.0.0:{port}/",
    "http://0:{port}/",
    "https://127.0.0.1:{port}/",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_loopback_spellings_are_refused_without_connecting(serve: Serve, spelling: str) -> None:
    listener = serve(http(body=b"secret"))
    url = spelling.format(port=listener.port)
    with pytest.raises(Refused) as caught:
        fetch_url(url, LIMITS)
    assert caught.value.subject == url
    assert "not public" in caught.value.message
    assert listener.seen() == 0


@pytest.mark.parametrize("spelling", SPELLINGS[:6])
def test_ipv4_spellings_are_named_as_127_0_0_1(serve: Serve, spelling: str) -> None:
    url = spelling.format(port=serve(b"").port)
    with pytest.raises(Refused, match=r"address 127\.0\.0\.1 is not public"):
        fetch_url(url, LIMITS)


def test_name_resolving_to_loopback_is_refused(serve: Serve) -> None:
    listener = serve(http(body=b"secret"))
    calls: list[tuple[str, int]] = []
    resolver = fixed_resolver(calls, ["93.184.216.34", "127.0.0.1"])
    with pytest.raises(Refused, match=r"127\.0\.0\.1"):
        fetch_url(f"http://mixed.test:{listener.port}/", LIMITS, resolver=resolver)
    assert listener.seen() == 0


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)"],
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(Refused, match="scheme not allowed"):
        fetch_url(url, LIMITS, resolver=_no_resolving)


def test_credentials_in_url_are_refused() -> None:
    with pytest.raises(Refused, match="credentials"):
        fetch_url("http://user:pw@example.com/", LIMITS, resolver=_no_resolving)


@pytest.mark.parametrize(
    "url", ["http://exa mple.com/", "http://example.com:99999/", "http://[::1/", "http://a%00b/"]
)
def test_invalid_url_is_invalid_input(url: str) -> None:
    with pytest.raises(InvalidInput):
        fetch_url(url, LIMITS, resolver=_no_resolving)


def _no_resolving(host: str, port: int) -> list[str]:
    raise AssertionError(f"resolver called for {host}:{port}")


# --- successful fetches through a permissive test policy -------------------------


def test_fetch_returns_status_headers_body_and_address(serve: Serve) -> None:
    headers = (("Content-Type", "text/html; charset=utf-8"), ("X-Test", "a"), ("X-Test", "b"))
    listener = serve(http(headers=headers, body=b"<p>hello</p>"))
    url = f"http://127.0.0.1:{listener.port}/page?q=1#frag"
    fetched = fetch_url(url, LIMITS, policy=allow(listener.port), user_agent="tester/1")
    assert isinstance(fetched, Fetched)
    assert (fetched.url, fetched.final_url, fetched.redirects) == (url, url, ())
    assert fetched.status == 200
    assert fetched.body == b"<p>hello</p>"
    assert fetched.address == "127.0.0.1"
    assert [v for k, v in fetched.headers if k == "X-Test"] == ["a", "b"]
    assert ("Content-Type", "text/html; charset=utf-8") in fetched.headers
    assert fetched.fetched_at.tzinfo is UTC
    request = listener.requests[0]
    assert request.startswith(b"GET /page?q=1 HTTP/1.1\r\n")
    assert f"Host: 127.0.0.1:{listener.port}\r\n".encode() in request
    assert b"User-Agent: tester/1\r\n" in request


def test_name_is_resolved_once_and_sent_as_host(serve: Serve) -> None:
    listener = serve(http(body=b"ok"))
    calls: list[tuple[str, int]] = []
    url = f"http://good.test:{listener.port}/"
    fetched = fetch_url(
        url, LIMITS, policy=allow(listener.port), resolver=fixed_resolver(calls, ["127.0.0.1"])
    )
    assert fetched.body == b"ok"
    assert fetched.address == "127.0.0.1"
    assert calls == [("good.test", listener.port)]
    assert f"Host: good.test:{listener.port}\r\n".encode() in listener.requests[0]


def test_http_error_status_is_returned_not_raised(serve: Serve) -> None:
    listener = serve(http("404 Not Found", body=b"gone"))
    fetched = fetch_url(f"http://127.0.0.1:{listener.port}/", LIMITS, policy=allow(listener.port))
    assert (fetched.status, fetched.body) == (404, b"gone")


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some send
    ],
)
def test_content_encoding_is_removed(
    serve: Serve, coding: str, compress: Callable[..., bytes]
) -> None:
    body = b"<p>" + b"words " * 1000 + b"</p>"
    listener = serve(http(headers=(("Content-Encoding", coding),), body=compress(body)))
    fetched = fetch_url(f"http://127.0.0.1:{listener.port}/", LIMITS, policy=allow(listener.port))
    assert fetched.body == body


# --- redirects: every hop is resolved and checked again --------------------------


def redirect_to(location: str, status: str = "302 Found") -> bytes:
    return http(status, headers=(("Location", location),))


def test_redirect_to_unchecked_address_is_refused_before_connecting(serve: Serve) -> None:
    target = serve(http(body=b"internal"))
    hop_url = f"http://127.0.0.1:{target.port}/admin"
    start = serve(redirect_to(hop_url))
    with pytest.raises(Refused) as caught:
        fetch_url(f"http://127.0.0.1:{start.port}/", LIMITS, policy=allow(start.port))
    assert caught.value.subject == hop_url
    assert start.seen() == 1
    assert target.seen() == 0


def test_relative_redirect_is_followed(serve: Serve) -> None:
    def reply(request: bytes) -> list[bytes | None]:
        if request.startswith(b"GET /final "):
            return [http(body=b"arrived")]
        return [redirect_to("/final", "301 Moved Permanently")]

    listener = serve(reply)
    base = f"http://127.0.0.1:{listener.port}"
    fetched = fetch_url(f"{base}/start", LIMITS, policy=allow(listener.port))
    assert fetched.body == b"arrived"
    assert fetched.final_url == f"{base}/final"
    assert fetched.redirects == (f"{base}/final",)


def test_rebinding_answer_is_not_used_within_a_hop_and_checked_on_the_next(serve: Serve) -> None:
    # First answer passes the policy; any later one would point at a private address.
    def reply(request: bytes) -> list[bytes | None]:
        if request.startswith(b"GET /again "):
            return [http(body=b"should not be reached")]
        return [redirect_to("/again")]

    listener = serve(reply)
    calls: list[tuple[str, int]] = []
    resolver = fixed_resolver(calls, ["127.0.0.1"], ["10.0.0.1"])
    with pytest.raises(Refused, match=r"address 10\.0\.0\.1 is not public"):
        fetch_url(
            f"http://good.test:{listener.port}/",
            LIMITS,
            policy=allow(listener.port),
            resolver=resolver,
        )
    assert calls == [("good.test", listener.port)] * 2  # once per hop, never more
    assert listener.seen() == 1


def test_too_many_redirects_are_refused(serve: Serve) -> None:
    listener = serve(redirect_to("/loop"))
    limits = Limits(fetch_timeout_s=5, fetch_max_redirects=2)
    with pytest.raises(Refused, match="more than 2 redirects"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", limits, policy=allow(listener.port))
    assert listener.seen() == 3


# --- size and time caps ----------------------------------------------------------


def test_declared_length_over_cap_is_refused(serve: Serve) -> None:
    listener = serve(http(headers=(("Content-Length", str(2 * MB)),)))
    with pytest.raises(Refused, match=f"larger than {MB} bytes"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", LIMITS, policy=allow(listener.port))


def test_chunked_body_over_cap_is_refused(serve: Serve) -> None:
    def reply(request: bytes) -> Iterator[bytes | None]:
        yield http(headers=(("Transfer-Encoding", "chunked"),))
        chunk = b"x" * 65536
        for _ in range(64):  # 4 MB if the client never stopped
            yield b"%x\r\n%s\r\n" % (len(chunk), chunk)
        yield b"0\r\n\r\n"

    listener = serve(reply)
    with pytest.raises(Refused, match=f"larger than {MB} bytes"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", LIMITS, policy=allow(listener.port))


def test_gzip_bomb_is_refused(serve: Serve) -> None:
    bomb = gzip.compress(bytes(50 * MB), compresslevel=9)  # about 50 KB on the wire
    listener = serve(http(headers=(("Content-Encoding", "gzip"),), body=bomb))
    limits = Limits(fetch_timeout_s=5, max_source_bytes=MB, max_decompressed_bytes=MB // 2)
    with pytest.raises(Refused, match=f"larger than {MB // 2} bytes"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", limits, policy=allow(listener.port))


def test_unsupported_content_encoding_is_refused(serve: Serve) -> None:
    listener = serve(http(headers=(("Content-Encoding", "br"),), body=b"\x0b\x02\x80hi\x03"))
    with pytest.raises(Refused, match="content-encoding"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", LIMITS, policy=allow(listener.port))


def test_slow_body_times_out_within_the_budget(serve: Serve) -> None:
    def reply(request: bytes) -> Iterator[bytes | None]:
        yield http(headers=(("Content-Length", "1000"),))
        for _ in range(1000):
            yield b"x"
            yield None  # one byte per tick: each read succeeds, the whole never ends

    listener = serve(reply)
    limits = Limits(fetch_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(Unavailable, match=r"timed out after 0\.5 s"):
        fetch_url(f"http://127.0.0.1:{listener.port}/", limits, policy=allow(listener.port))
    assert time.monotonic() - started < 2


def test_silent_server_times_out(serve: Serve) -> None:
    listener = serve(lambda request: iter(lambda: None, b"never"))  # waits until shutdown
    started = time.monotonic()
    with pytest.raises(Unavailable, match="timed out"):
        fetch_url(
            f"http://127.0.0.1:{listener.port}/",
            Limits(fetch_timeout_s=0.5),
            policy=allow(listener.port),
        )
    assert time.monotonic() - started < 2


# --- network failures ------------------------------------------------------------


def test_connection_refused_is_unavailable() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Unavailable, match="could not fetch"):
        fetch_url(f"http://127.0.0.1:{port}/", LIMITS, policy=allow(port))


def test_unknown_host_is_invalid_input() -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(InvalidInput, match="host not found"):
        fetch_url("http://no-such-host.test/", LIMITS, resolver=resolver)


def test_tls_uses_the_host_name_not_the_ip(serve: Serve) -> None:
    names: list[str | None] = []
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)  # no certificate: handshake fails
    server_tls.sni_callback = lambda sock, name, ctx: names.append(name)
    listener = serve(http(body=b"never"), tls=server_tls)
    calls: list[tuple[str, int]] = []
    with pytest.raises(Unavailable, match="could not fetch"):
        fetch_url(
            f"https://good.test:{listener.port}/",
            LIMITS,
            policy=allow(listener.port),
            resolver=fixed_resolver(calls, ["127.0.0.1"]),
        )
    assert listener.seen() == 1
    assert names == ["good.test"]
