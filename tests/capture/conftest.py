"""Fixtures for the capture tests: real listeners on 127.0.0.1, closed after each test."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator

import pytest
from capture_listener import Listener, Reply


@pytest.fixture
def serve() -> Iterator[Callable[..., Listener]]:
    """serve(reply, tls=None) -> a started Listener; all are closed after the test."""
    listeners: list[Listener] = []

    def start(reply: Reply, tls: ssl.SSLContext | None = None) -> Listener:
        listener = Listener(reply, tls)
        listeners.append(listener)
        return listener

    yield start
    for listener in listeners:
        listener.close()
