"""Web benchmark: the pages a team opens most, under concurrent clients on loopback.

    .venv/bin/python benchmarks/web.py [--sources 100000] [--clients 20] [--rounds 10]
                                       [--postgres postgresql://… (an empty database)]

Builds (once; cached under /tmp) the analysis benchmark's synthetic case of N sources
with ten claims each, analyses it, adds a user, then serves it with `claimgraph serve`
in its own process and lets C clients (threads, each signed in with its own session)
fetch the dashboard, a claims page, a figures page and a trace page R times each, in a
shuffled order. Two passes: the first after dropping the rendered parts kept for the case
(as after a new analysis: every trace and series is drawn during the run), the second with
a new server reading the parts the first pass kept. Prints p50/p95 per page and pass, and
requests per second.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import httpx
from analysis import CASE, populate  # the analysis benchmark's synthetic case
from sqlalchemy import delete

from claimgraph.services import add_user, analysis, grant, open_ledger
from claimgraph.settings import Settings
from claimgraph.store.tables import kept_views

PASSWORD = "benchmark password"


def build(n_sources: int, database_url: str | None) -> Path:
    engine = "postgres" if database_url else "sqlite"
    home = Path(f"/tmp/claimgraph-bench-web/{n_sources}" + ("-pg" if database_url else ""))
    done = home / "ready"
    if done.exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    started = time.perf_counter()
    settings = Settings(home=home, user="bench", database_url=database_url)
    with open_ledger(settings, create=True) as ledger:
        populate(ledger, n_sources)
        analysis.analyse(ledger, CASE, force=True)
        add_user(ledger, "reader", PASSWORD)
        grant(ledger, CASE, "reader", "viewer")
        some = analysis.propositions(ledger, CASE, kind="quantity")[:50]
        (home / "propositions").write_text("\n".join(p.id for p in some), "utf-8")
    done.write_text("ok", "utf-8")
    print(f"built the case of {n_sources} sources ({engine}) in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    return home


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(home: Path, port: int, database_url: str | None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLAIMGRAPH_HOME": str(home)}
    if database_url:
        env["CLAIMGRAPH_DATABASE_URL"] = database_url
    server = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--port", str(port), "--workers", "2"],
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    sys.exit("the server did not start")


def pages(home: Path) -> dict[str, list[str]]:
    props = (home / "propositions").read_text("utf-8").split()
    return {
        "dashboard": [f"/cases/{CASE}"],
        "claims page": [f"/cases/{CASE}/claims", f"/cases/{CASE}/claims?kind=quantity"],
        "figures page": [
            f"/cases/{CASE}/figures?counts=killed",
            f"/cases/{CASE}/figures?counts=wounded",
        ],
        "trace page": [f"/cases/{CASE}/propositions/{p}" for p in props],
    }


def client(base: str, urls: dict[str, list[str]], rounds: int, seed: int,
           out: dict[str, list[float]], failures: list[str]) -> None:  # fmt: skip
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as http:
        http.post("/api/v1/session", json={"name": "reader", "password": PASSWORD})
        work = [(kind, rng.choice(choices)) for kind, choices in urls.items()] * rounds
        rng.shuffle(work)
        for kind, url in work:
            t = time.perf_counter()
            ran = http.get(url)
            elapsed = (time.perf_counter() - t) * 1000
            if ran.status_code != 200:
                failures.append(f"{url}: {ran.status_code}")
            out.setdefault(kind, []).append(elapsed)


def forget_kept(home: Path, database_url: str | None) -> None:
    """Drop the rendered parts kept for the case: the next pass draws every part anew, as
    the first views after an analysis do."""
    settings = Settings(home=home, user="bench", database_url=database_url)
    with open_ledger(settings) as ledger, ledger.store.write() as w:
        w.conn.execute(delete(kept_views).where(kept_views.c.case_name == CASE))


def run_pass(home: Path, urls: dict[str, list[str]], args: argparse.Namespace) -> None:
    port = free_port()
    server = serve(home, port, args.postgres)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(4):  # both processes started and signed in; no page drawn ahead
            client(base, {"warm": [f"/cases/{CASE}"]}, 1, 0, {}, [])
        times: dict[str, list[float]] = {}
        failures: list[str] = []
        threads = [
            threading.Thread(target=client, args=(base, urls, args.rounds, i, times, failures))
            for i in range(args.clients)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in times.values())
    print(f"  {total} requests in {wall:.1f} s ({total / wall:.1f}/s)")
    for kind, values in times.items():
        values.sort()
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        print(f"  {kind:14s} p50 {statistics.median(values):7.0f} ms   p95 {p95:7.0f} ms"
              f"   ({len(values)} requests)")  # fmt: skip
    if failures:
        print(f"  {len(failures)} failed requests, e.g. {failures[:3]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sources", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--postgres", help="build (once) and serve the case from this database")
    args = ap.parse_args()
    home = build(args.sources, args.postgres)
    urls = pages(home)
    print(f"{date.today()} on {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {'PostgreSQL' if args.postgres else 'SQLite'}; "
          f"{args.sources} sources, "
          f"{args.clients} concurrent clients, serve --workers 2")  # fmt: skip
    forget_kept(home, args.postgres)
    print("first views of this analysis (every trace and figure series drawn in the run):")
    run_pass(home, urls, args)
    print("a new server, the parts drawn in the first pass kept in the store:")
    run_pass(home, urls, args)


if __name__ == "__main__":
    main()
