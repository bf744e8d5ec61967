"""The SSRF policy and resolve_checked, without touching the network."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.capture.netguard import (
    IPAddress,
    Resolver,
    parse_ip_literal,
    public_only,
    resolve_checked,
    system_resolver,
)
from claimgraph.errors import InvalidInput, Refused, Unavailable

REFUSED = [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "0.0.0.0",
    "0.1.2.3",
    "255.255.255.255",
    "240.0.0.1",
    "192.0.0.8",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",
    "::",
    "::1",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "ff0e::1",
    "2001:db8::1",
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "64:ff9b:1::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
]
ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700::1111",
    "2a00:1450:4001:81c::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize("text", REFUSED)
def test_non_public_addresses_are_refused(text: str) -> None:
    assert not public_only(ipaddress.ip_address(text), 80)


@pytest.mark.parametrize("text", ALLOWED)
def test_public_addresses_are_allowed(text: str) -> None:
    assert public_only(ipaddress.ip_address(text), 443)


@pytest.mark.parametrize("port", [0, 65536, -1])
def test_impossible_ports_are_refused(port: int) -> None:
    assert not public_only(ipaddress.ip_address("8.8.8.8"), port)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mapped_ipv6_is_judged_as_its_ipv4(value: int) -> None:
    v4 = ipaddress.IPv4Address(value)
    mapped = ipaddress.IPv6Address(f"::ffff:{v4}")
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | value)
    assert public_only(mapped, 80) == public_only(v4, 80) == public_only(nat64, 80)


@given(
    st.sampled_from(["10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]),
    st.integers(min_value=0),
)
def test_every_address_of_a_private_network_is_refused(network: str, n: int) -> None:
    net = ipaddress.IPv4Network(network)
    assert not public_only(net[n % net.num_addresses], 80)


@pytest.mark.parametrize("spelling", ["127.1", "2130706433", "0x7f000001", "017700000001"])
def test_legacy_ipv4_spellings_are_parsed_as_inet_aton_would(spelling: str) -> None:
    assert parse_ip_literal(spelling) == ipaddress.IPv4Address("127.0.0.1")


@pytest.mark.parametrize("text", ["example.com", "cafe.babe", "127.0.0.1 x", "1.2.3.4.5", ""])
def test_names_are_not_literals(text: str) -> None:
    assert parse_ip_literal(text) is None


def never(host: str, port: int) -> list[str]:
    raise AssertionError("resolver must not be called")


def answers(*ips: str) -> tuple[list[tuple[str, int]], Resolver]:
    calls: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return list(ips)

    return calls, resolve


@pytest.mark.parametrize("spelling", ["127.1", "2130706433", "0x7f000001", "017700000001"])
def test_literals_skip_the_resolver_and_are_checked(spelling: str) -> None:
    with pytest.raises(Refused, match=r"address 127\.0\.0\.1 is not public") as caught:
        resolve_checked(spelling, 80, public_only, never, subject="http://x/")
    assert caught.value.subject == "http://x/"


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST.", "a.b.localhost", "ip6-localhost"])
def test_local_names_are_refused_without_resolving(host: str) -> None:
    with pytest.raises(Refused, match="not public"):
        resolve_checked(host, 80, public_only, never)


def test_empty_host_is_refused() -> None:
    with pytest.raises(Refused, match="no host"):
        resolve_checked("", 80, public_only, never)


def test_one_private_answer_refuses_the_whole_name() -> None:
    calls, resolve = answers("8.8.8.8", "10.1.2.3")
    with pytest.raises(Refused, match=r"10\.1\.2\.3"):
        resolve_checked("news.example", 443, public_only, resolve)
    assert calls == [("news.example", 443)]


def test_public_answers_are_returned_once_each_in_order() -> None:
    _, resolve = answers("8.8.8.8", "2606:4700::1111", "8.8.8.8")
    got = resolve_checked("news.example.", 443, public_only, resolve)
    assert got == [ipaddress.ip_address("8.8.8.8"), ipaddress.ip_address("2606:4700::1111")]


def test_scoped_link_local_answer_is_refused() -> None:
    _, resolve = answers("fe80::1%eth0")
    with pytest.raises(Refused):
        resolve_checked("x.example", 80, public_only, resolve)


def test_non_address_answer_is_refused() -> None:
    _, resolve = answers("not-an-ip")
    with pytest.raises(Refused, match="not an address"):
        resolve_checked("x.example", 80, public_only, resolve)


def test_no_answers_is_host_not_found() -> None:
    _, resolve = answers()
    with pytest.raises(InvalidInput, match="host not found"):
        resolve_checked("x.example", 80, public_only, resolve)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), InvalidInput),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), Unavailable),
        (OSError("network down"), Unavailable),
    ],
)
def test_resolver_failures_are_mapped(error: OSError, expected: type[Exception]) -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise error

    with pytest.raises(expected):
        resolve_checked("x.example", 80, public_only, resolve)


def test_policy_decides_with_the_port() -> None:
    def only_8080(ip: IPAddress, port: int) -> bool:
        return port == 8080

    assert resolve_checked("127.0.0.1", 8080, only_8080, never) == [
        ipaddress.ip_address("127.0.0.1")
    ]
    with pytest.raises(Refused):
        resolve_checked("127.0.0.1", 8081, only_8080, never)


def test_system_resolver_returns_strings_for_a_literal() -> None:
    assert system_resolver("127.0.0.1", 80) == ["127.0.0.1"]
