"""A real listener on 127.0.0.1 that counts every connection it accepts.

The SSRF tests prove a refusal by the listener having seen nothing, so the server
records connections at accept time, before it reads a byte.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable

# A reply is the bytes to send, or a function of the request giving chunks to send;
# a None chunk means "wait a tick", which is how the tests make a slow server.
Reply = bytes | Callable[[bytes], Iterable[bytes | None]]
TICK_S = 0.05


class Listener:
    def __init__(self, reply: Reply, tls: ssl.SSLContext | None = None) -> None:
        self._reply = reply
        self._tls = tls
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))  # loopback only, ephemeral port
        self._sock.listen(16)
        self._sock.settimeout(TICK_S)
        self.port: int = self._sock.getsockname()[1]
        self.connections: list[tuple[str, int]] = []
        self.requests: list[bytes] = []
        self._threads: list[threading.Thread] = []
        self._spawn(self._accept_loop)

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(peer)
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
            request = _read_request(conn)
            self.requests.append(request)
            chunks = [self._reply] if isinstance(self._reply, bytes) else self._reply(request)
            for chunk in chunks:
                if self._stop.is_set():
                    break
                if chunk is None:
                    self._stop.wait(TICK_S)
                else:
                    conn.sendall(chunk)
        except (OSError, ssl.SSLError):
            pass  # the client hung up or refused to go on: expected in these tests
        finally:
            conn.close()

    def seen(self) -> int:
        """Connections accepted so far, after giving a late one time to arrive."""
        time.sleep(2 * TICK_S)
        return len(self.connections)

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._sock.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data
