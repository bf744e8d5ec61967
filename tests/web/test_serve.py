"""`claimgraph serve` over real HTTP on loopback: the login page, a sign-in through the
API and a bad port refused with one line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimgraph", "--home", str(home), *args],
                          input=stdin, capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback(tmp_path: Path, workers: int) -> None:
    home = tmp_path / "home"
    assert _cli(home, "init").returncode == 0
    made = _cli(home, "user", "add", "desk", "--admin", "--password-stdin",
                stdin="a long enough password\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    port = _free_port()
    env = {**os.environ, "CLAIMGRAPH_HOME": str(home)}
    server = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--port", str(port),
         "--workers", str(workers)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"{base}/login", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "the server did not answer in 60 s"
                time.sleep(0.2)
        assert page.status_code == 200 and "Sign in" in page.text
        with httpx.Client(base_url=base) as client:
            login = {"name": "desk", "password": "a long enough password"}
            ran = client.post("/api/v1/session", json=login)
            assert ran.status_code == 200 and ran.json()["csrf"]
            for _ in range(6):  # whichever process answers knows the session
                assert client.get("/api/v1/me").json()["name"] == "desk"
            assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "claimgraph"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_bad_port_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _cli(home, "init")
    ran = _cli(home, "serve", "--port", "70000")
    assert ran.returncode != 0
    assert ran.stderr.strip().count("\n") == 0 and "1-65535" in ran.stderr
