"""Fetch one URL with httpx, connecting only to addresses the SSRF guard has checked.

Each hop (the URL and every redirect) is resolved once through `resolve_checked`; the
request then goes to the checked IP literal, with the original name in the Host header
and, for https, as the TLS server name, so certificates are still verified by name.
"""

from __future__ import annotations

import ipaddress
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from claimgraph.capture.netguard import (
    IPAddress,
    Policy,
    Resolver,
    public_only,
    resolve_checked,
    system_resolver,
)
from claimgraph.errors import InvalidInput, Refused, Unavailable
from claimgraph.settings import Limits

__all__ = ["Fetched", "fetch_url"]

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# httpx percent-encodes what a host may not contain; only DNS names (IDNA-encoded)
# and IP literals go on to the resolver.
_HOST = re.compile(r"[a-z0-9_.-]+|[0-9a-f:.]+(%25[a-z0-9]+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: tuple[tuple[str, str], ...]  # final response headers, in order
    body: bytes  # Content-Encoding removed, capped
    fetched_at: datetime  # UTC, when the final response arrived
    redirects: tuple[str, ...]
    address: str  # the IP actually connected to


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    host: str  # IDNA-encoded, as sent in SNI and to the resolver
    port: int


class _Deadline:
    """One wall-clock budget for the whole fetch, redirects included."""

    def __init__(self, seconds: float, subject: str) -> None:
        self.seconds = seconds
        self.subject = subject
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self._end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> Unavailable:
        return Unavailable(f"timed out after {self.seconds:g} s", subject=self.subject)


def fetch_url(
    url: str,
    limits: Limits,
    *,
    policy: Policy = public_only,
    resolver: Resolver = system_resolver,
    user_agent: str = "claimgraph/0.1",
) -> Fetched:
    """Fetch url, following at most limits.fetch_max_redirects redirects.

    Raises Refused (scheme, credentials, private address, too large, too many
    redirects), Unavailable (network failure, timeout) or InvalidInput (bad URL,
    unknown host). An HTTP error status is returned, not raised.
    """
    deadline = _Deadline(limits.fetch_timeout_s, url)
    hop = _Hop(url, limits, deadline, policy, resolver, user_agent)
    current = url
    redirects: list[str] = []
    while True:
        outcome = hop.fetch(current, tuple(redirects))
        if isinstance(outcome, Fetched):
            return outcome
        if len(redirects) >= limits.fetch_max_redirects:
            raise Refused(f"more than {limits.fetch_max_redirects} redirects", subject=url)
        current = outcome
        redirects.append(current)


@dataclass(frozen=True, slots=True)
class _Hop:
    """What every hop of one fetch shares."""

    url: str
    limits: Limits
    deadline: _Deadline
    policy: Policy
    resolver: Resolver
    user_agent: str

    def fetch(self, current: str, redirects: tuple[str, ...]) -> Fetched | str:
        """The final response, or the absolute URL a redirect points to."""
        target = _parse_target(current)
        self.deadline.left()
        addresses = resolve_checked(
            target.host, target.port, self.policy, self.resolver, subject=current
        )
        with _send(target, addresses, self.deadline, self.user_agent) as (response, address):
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_STATUSES and location:
                return _join(target.url, location, current)
            body = _read_body(response, self.limits, self.deadline, current)
            return Fetched(
                url=self.url,
                final_url=current,
                status=response.status_code,
                headers=_raw_headers(response),
                body=body,
                fetched_at=datetime.now(UTC),
                redirects=redirects,
                address=str(address),
            )


def _raw_headers(response: httpx.Response) -> tuple[tuple[str, str], ...]:
    # As received, names in their original case: this is evidence, not a lookup table.
    return tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw)


def _parse_target(url: str) -> _Target:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidInput(f"invalid URL: {exc}", subject=url) from exc
    if parsed.scheme not in ("http", "https"):
        raise Refused(f"scheme not allowed: {parsed.scheme or 'none'}", subject=url)
    if parsed.userinfo:
        raise Refused("credentials in URL not allowed", subject=url)
    host = parsed.raw_host.decode("ascii")
    if not host:
        raise Refused("no host in URL", subject=url)
    if not _HOST.fullmatch(host):
        raise InvalidInput(f"invalid host: {host}", subject=url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not 0 < port < 65536:
        raise InvalidInput(f"invalid port: {port}", subject=url)
    return _Target(url=parsed, host=host, port=port)


def _join(base: httpx.URL, location: str, current: str) -> str:
    try:
        return str(base.join(location))
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise InvalidInput(f"invalid redirect location: {location!r}", subject=current) from exc


@contextmanager
def _send(
    target: _Target, addresses: list[IPAddress], deadline: _Deadline, user_agent: str
) -> Iterator[tuple[httpx.Response, IPAddress]]:
    """Send the request to the first checked address that accepts a connection."""
    failure: Exception = OSError("no address")
    for checked in addresses:
        ip = _dialable(checked)
        # A fresh client per hop: a pooled TLS connection made for one name must
        # not carry a request for another name that happens to share the address.
        client = httpx.Client(follow_redirects=False, trust_env=False, timeout=deadline.left())
        try:
            response = client.send(_request(client, target, ip, user_agent), stream=True)
        except httpx.ConnectError as exc:
            client.close()
            failure = exc
            continue
        except (httpx.TransportError, OSError) as exc:
            client.close()
            raise _network_error(exc, deadline, str(target.url)) from exc
        try:
            yield response, ip
        finally:
            response.close()
            client.close()
        return
    raise _network_error(failure, deadline, str(target.url)) from failure


def _dialable(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # the kernel would reach it over IPv4 anyway
    return ip


def _request(client: httpx.Client, target: _Target, ip: IPAddress, agent: str) -> httpx.Request:
    headers = {
        "Host": target.url.netloc.decode("ascii"),
        "User-Agent": agent,
        "Accept": "*/*",
        # Only what _Decoder can undo with a hard cap on its output.
        "Accept-Encoding": "gzip, deflate",
    }
    extensions: dict[str, str] = {}
    if target.url.scheme == "https":
        # TLS is verified against this name, not against the IP in the request URL.
        extensions["sni_hostname"] = target.host.rstrip(".")
    return client.build_request(
        "GET", target.url.copy_with(host=str(ip)), headers=headers, extensions=extensions
    )


def _network_error(exc: Exception, deadline: _Deadline, subject: str) -> Unavailable:
    if isinstance(exc, httpx.TimeoutException):
        return deadline.expired()
    text = str(exc).strip()
    reason = text.splitlines()[0][:200] if text else type(exc).__name__
    return Unavailable(f"could not fetch: {reason}", subject=subject)


def _read_body(
    response: httpx.Response, limits: Limits, deadline: _Deadline, subject: str
) -> bytes:
    """Stream the body, stopping at the caps and at the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_source_bytes:
        raise Refused(f"response larger than {limits.max_source_bytes} bytes", subject=subject)
    decoder = _Decoder(response.headers.get("content-encoding", ""), limits, subject)
    parts: list[bytes] = []
    received = 0
    try:
        for chunk in _raw_chunks(response, deadline):
            received += len(chunk)
            if received > limits.max_source_bytes:
                raise Refused(
                    f"response larger than {limits.max_source_bytes} bytes", subject=subject
                )
            parts.append(decoder.feed(chunk))
        parts.append(decoder.flush())
    except (httpx.TransportError, OSError) as exc:
        raise _network_error(exc, deadline, subject) from exc
    return b"".join(parts)


def _raw_chunks(response: httpx.Response, deadline: _Deadline) -> Iterator[bytes]:
    # Each read is bounded by the read timeout set when the hop began; checking the
    # deadline between chunks stops a server that trickles bytes to stay under it.
    for chunk in response.iter_raw():  # as read: a chunk_size would wait to fill it
        deadline.left()
        yield chunk


# zlib's wbits per coding; raw deflate is the fallback tried in _Decoder.feed.
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class _Decoder:
    """Undo one gzip or deflate Content-Encoding, never producing more than the cap.

    zlib's max_length bounds each step's output, so a small compressed bomb costs at
    most cap+1 bytes of memory before it is refused.
    """

    def __init__(self, header: str, limits: Limits, subject: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in _WBITS):
            raise Refused(f"unsupported content-encoding: {header}", subject=subject)
        self._coding = codings[0] if codings else None
        self._cap = limits.max_source_bytes
        if self._coding:
            self._cap = min(self._cap, limits.max_decompressed_bytes)
        self._subject = subject
        self._size = 0
        self._started = False
        self._z = zlib.decompressobj(_WBITS[self._coding]) if self._coding else None

    def feed(self, data: bytes) -> bytes:
        if self._z is None:
            return self._count(data)
        if self._z.eof:
            return b""  # trailing bytes after the stream ends are ignored, as httpx does
        try:
            out = self._z.decompress(data, self._cap - self._size + 1)
        except zlib.error as exc:
            if self._coding == "deflate" and not self._started:
                # "deflate" is sent both zlib-wrapped and raw; try raw once.
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                return self.feed(data)
            raise Unavailable(
                f"could not fetch: bad {self._coding} body", subject=self._subject
            ) from exc
        self._started = True
        return self._count(out)

    def flush(self) -> bytes:
        if self._z is None or self._z.eof:
            return b""
        return self._count(self._z.flush())

    def _count(self, out: bytes) -> bytes:
        self._size += len(out)
        if self._size > self._cap:
            raise Refused(f"response larger than {self._cap} bytes", subject=self._subject)
        return out
