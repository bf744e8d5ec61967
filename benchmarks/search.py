"""Search benchmark: fill a fresh SQLite store with N synthetic sources (titles and ~150
words of text drawn, Zipf-weighted, from a fixed made-up vocabulary; seeded) through the
store's insert path (so the FTS5 triggers index them as in real use), then time 50
searches through the search use case (ranking, the page's rows and snippets included)
on one core, and print p50/p95. PostgreSQL too when --postgres URL is given (a server
where the script may create and drop a database of its own).

    .venv/bin/python benchmarks/search.py --n 10000 100000 [--postgres postgresql://…]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import accumulate
from pathlib import Path

from claimgraph.model import Source, sha256_hex
from claimgraph.services import Ledger, open_ledger
from claimgraph.services.search import search
from claimgraph.settings import Settings

CASE = "bench"
VOCABULARY = 5000
SEARCHES = 50
BATCH = 2000


def vocabulary(rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choices("abcdefghiklmnoprstuvy", k=rng.randint(3, 10))))
    return sorted(words)


def sources(n: int, words: list[str], rng: random.Random) -> Iterator[Source]:
    # Zipf: a few words are everywhere, most are rare
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(words))))
    for i in range(n):
        title = " ".join(rng.choices(words, cum_weights=cumulative, k=6)).capitalize()
        body = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(100, 200)))
        text = f"{body.capitalize()}. Report {i}.\n"
        yield Source(id=sha256_hex(f"{title}\n{text}".encode()), media_type="text/plain",
                     size=len(text), text=text, parser="bench", title=title,
                     publisher=f"Outlet {i % 40}",
                     published=f"2024-{1 + i % 12:02d}-01")  # fmt: skip


def fill(ledger: Ledger, n: int, words: list[str], rng: random.Random) -> float:
    started = time.perf_counter()
    at = datetime.now(UTC)
    batch: list[Source] = []

    def commit() -> None:
        with ledger.store.write() as w:
            w.ensure_case(CASE, at, "bench")
            for s in batch:
                w.insert_source(s, at)
                w.link_case(CASE, s.id, at, "bench")
        batch.clear()

    for source in sources(n, words, rng):
        batch.append(source)
        if len(batch) >= BATCH:
            commit()
    commit()
    return time.perf_counter() - started


def queries(words: list[str], rng: random.Random) -> list[str]:
    """Common, middling and rare words; pairs; phrases; prefixes; exclusions."""
    common, middling, rare = words[:50], words[50:1000], words[1000:]
    out = [rng.choice(common) for _ in range(10)] + [rng.choice(middling) for _ in range(10)]
    out += [rng.choice(rare) for _ in range(5)]
    out += [f"{rng.choice(common)} {rng.choice(middling)}" for _ in range(10)]
    out += [f'"{rng.choice(common)} {rng.choice(common)}"' for _ in range(5)]
    out += [rng.choice(middling)[:3] + "*" for _ in range(5)]
    out += [f"{rng.choice(common)} -{rng.choice(common)}" for _ in range(5)]
    return out[:SEARCHES]


@contextmanager
def one_core() -> Iterator[None]:
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, cores)


def measure(ledger: Ledger, asked: list[str]) -> tuple[list[float], int]:
    search(ledger, CASE, asked[0])  # a first query warms the page cache
    times, hits = [], 0
    with one_core():
        for q in asked:
            started = time.perf_counter()
            hits += len(search(ledger, CASE, q, limit=20).hits)
            times.append((time.perf_counter() - started) * 1000)
    return times, hits


@contextmanager
def fresh_database(server: str | None) -> Iterator[str | None]:
    if server is None:
        yield None
        return
    import psycopg

    name = f"cg_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(n: int, server: str | None) -> None:
    rng = random.Random(20261127 + n)
    words = vocabulary(random.Random(1))
    with tempfile.TemporaryDirectory() as tmp, fresh_database(server) as database_url:
        settings = Settings(home=Path(tmp), database_url=database_url, user="bench")
        with open_ledger(settings, create=True) as ledger:
            fill_s = fill(ledger, n, words, rng)
            times, hits = measure(ledger, queries(words, rng))
            size = settings.sqlite_path.stat().st_size >> 20 if server is None else 0
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    backend = "SQLite" if server is None else "PostgreSQL"
    print(f"{backend:10} N={n:>7,}  fill {fill_s:6.1f} s ({n / fill_s:,.0f} sources/s)"
          f"{f', {size} MiB' if size else ''}  searches: p50 {p50:6.1f} ms  "
          f"p95 {p95:6.1f} ms  max {max(times):6.1f} ms  ({hits} hits shown)")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--postgres", help="also run on a database made on this server")
    args = ap.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{SEARCHES} searches of 20 hits each, one core")  # fmt: skip
    for n in args.n:
        run(n, None)
        if args.postgres:
            run(n, args.postgres)


if __name__ == "__main__":
    main()
