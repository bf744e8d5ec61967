"""Guard against server-side request forgery: decide which addresses a fetch may reach.

A fetch resolves the host once, checks every answer with a policy, and then connects
only to a checked address, so a DNS answer that changes between check and connect
(rebinding) cannot steer the connection somewhere private.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable

from claimgraph.errors import InvalidInput, Refused, Unavailable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Policy = Callable[[IPAddress, int], bool]
Resolver = Callable[[str, int], list[str]]

__all__ = [
    "IPAddress",
    "Policy",
    "Resolver",
    "parse_ip_literal",
    "public_only",
    "resolve_checked",
    "system_resolver",
]

# Belt and braces next to `is_global`, whose tables changed between Python patch
# releases; every range here is one no article is ever served from.
_BLOCKED_V4 = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, cloud metadata at 169.254.169.254
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # deprecated 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes 255.255.255.255
    )
)
_BLOCKED_V6 = tuple(
    ipaddress.IPv6Network(n)
    for n in (
        "::/128",
        "::1/128",
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, Teredo, benchmarking
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation (RFC 9637)
        "5f00::/16",  # SRv6 segment identifiers
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # deprecated site-local
        "ff00::/8",  # multicast
    )
)
_V4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
# inet_aton also takes "127.1", "2130706433", "0x7f000001" and "017700000001", and
# ignores anything after a space; only strings made of these characters count.
_LEGACY_V4 = re.compile(r"[0-9a-fA-FxX.]+")
# getaddrinfo codes that mean "no such name", as opposed to "resolver unreachable".
_NOT_FOUND = frozenset(
    code
    for code in (
        getattr(socket, "EAI_NONAME", None),
        getattr(socket, "EAI_NODATA", None),
        getattr(socket, "EAI_ADDRFAMILY", None),
    )
    if code is not None
)


def public_only(ip: IPAddress, port: int) -> bool:
    """The default policy: only globally routable unicast addresses, on a valid port."""
    return 0 < port < 65536 and _is_public(ip)


def _is_public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv4Address):
        return ip.is_global and not any(ip in net for net in _BLOCKED_V4)
    embedded = _embedded_v4(ip)
    if embedded is not None:
        # The packet goes to the IPv4 address inside, so that is what is judged.
        return _is_public(embedded)
    return ip.is_global and not any(ip in net for net in _BLOCKED_V6)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: mapped, compatible, 6to4, NAT64."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _V4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host, in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes by itself, in any spelling a resolver accepts."""
    text = host.strip("[]").replace("%25", "%")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if _LEGACY_V4.fullmatch(text):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def resolve_checked(
    host: str,
    port: int,
    policy: Policy,
    resolver: Resolver,
    *,
    subject: str | None = None,
) -> list[IPAddress]:
    """Resolve host once and return its addresses, refusing if any one is not allowed.

    Refusing on any bad answer (not only the first) means a name that mixes a public
    and a private address cannot win by being retried until the private one is used.
    """
    who = subject or host
    name = host.lower().rstrip(".")  # "localhost." is localhost
    if not name:
        raise Refused("no host in URL", subject=who)
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        raise Refused(f"host {name} is not public", subject=who)
    literal = parse_ip_literal(name)
    addresses = [literal] if literal is not None else _resolve(name, port, resolver, who)
    for ip in addresses:
        if not policy(ip, port):
            raise Refused(f"address {ip} is not public", subject=who)
    return addresses


def _resolve(name: str, port: int, resolver: Resolver, who: str) -> list[IPAddress]:
    try:
        answers = resolver(name, port)
    except socket.gaierror as exc:
        if exc.errno in _NOT_FOUND:
            raise InvalidInput("host not found", subject=who) from exc
        raise Unavailable(f"could not resolve host: {exc.strerror or exc}", subject=who) from exc
    except (OSError, UnicodeError) as exc:
        raise Unavailable(f"could not resolve host: {exc}", subject=who) from exc
    addresses: list[IPAddress] = []
    for answer in answers:
        ip = parse_ip_literal(answer)
        if ip is None:
            raise Refused(f"resolver answered {answer!r}, not an address", subject=who)
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise InvalidInput("host not found", subject=who)
    return addresses
