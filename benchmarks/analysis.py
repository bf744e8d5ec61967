"""Analysis benchmark: generate a case of N sources with ten claims each straight into a
fresh store (no parsing or extraction), compute the analysis, then time the queries a user
runs on it: trace one proposition, one page of a figure timeline, one page of
contradictions. Prints the compute time and p50/p95 per query; run it at two sizes to see
how the compute time grows.

    .venv/bin/python benchmarks/analysis.py --sources 10000 [--postgres postgresql://…]
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ingest import WORDS  # the vocabulary of the ingest benchmark

from claimgraph.model import (
    Actor,
    ActorKind,
    ChainLink,
    Claim,
    Counts,
    Qualifier,
    Quantity,
    Source,
    SourceKind,
    Stance,
    content_id,
    sha256_hex,
)
from claimgraph.services import analysis, open_ledger
from claimgraph.settings import Settings
from claimgraph.store import rows

CASE = "bench"
PAGE = 1000


def _actors(rng: random.Random, n: int) -> list[Actor]:
    kinds = (ActorKind.PERSON, ActorKind.GOVERNMENT_BODY, ActorKind.ORGANISATION, ActorKind.GROUP)
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        out.append(Actor(id=content_id("act", kind.value, name.casefold()), name=name, kind=kind))
    return out


def _source(i: int, rng: random.Random, start: date) -> Source:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 70)))
    text = f"Dispatch {i}. {words.capitalize()}."
    published = (start + timedelta(days=rng.randint(0, 200))).isoformat()
    return Source(
        id=sha256_hex(f"bench-{i}".encode()),
        media_type="text/plain",
        size=len(text),
        text=text,
        parser="bench",
        kind=SourceKind.NEWSPAPER,
        publisher=f"Outlet {i % 500}",
        published=published,
    )


def _claim(
    src: Source, j: int, rng: random.Random, people: list[Actor], values: list[int]
) -> Claim:
    by = rng.choice(people) if rng.random() < 0.8 else None
    chain = tuple(
        ChainLink(f"Outlet {rng.randrange(500)}", "citing") for _ in range(rng.randint(0, 2))
    )
    stance = rng.choices(list(Stance), weights=(80, 10, 5, 3, 2))[0]
    if j < 7:
        counts = rng.choice(list(Counts))
        v = rng.choice(values)
        q = Quantity(v, v, Qualifier.EXACT, counts, None, f"{v} {counts.value}")
        sentence = f"{v} people were {counts.value}, {by.name if by else 'it'} said."
        kind = "quantity"
    else:
        q = None
        # Statements draw on a realistic vocabulary: with thirty words every sentence
        # would resemble every other, which no real case does.
        words = (rng.choice(WORDS) if rng.random() < 0.3 else f"w{rng.randrange(20_000)}"
                 for _ in range(12))  # fmt: skip
        sentence = " ".join(words).capitalize() + "."
        kind = "statement"
    return Claim(
        id=content_id("clm", src.id, j), source_id=src.id, kind=kind, span=(j * 10, j * 10 + 9),
        sentence=sentence, stance=stance, claimant=by, chain=chain, quantity=q, date=None,
    )  # fmt: skip


def populate(ledger, n_sources: int, seed: int = 1) -> int:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    people = _actors(rng, max(50, n_sources // 20))
    values = sorted({rng.randint(1, 5000) for _ in range(60)})
    at = datetime(2024, 1, 1, tzinfo=UTC)
    n_claims = 0
    with ledger.store.write() as w:
        w.ensure_case(CASE, at, "bench")
        w.insert_rows("actors", [rows.actor_row(a) for a in people])
    for lo in range(0, n_sources, 2000):
        srcs = [_source(i, rng, date(2023, 3, 1)) for i in range(lo, min(n_sources, lo + 2000))]
        claims = [_claim(s, j, rng, people, values) for s in srcs for j in range(10)]
        with ledger.store.write() as w:
            w.insert_rows("sources", [rows.source_row(s, at) for s in srcs])
            links = [{"case_name": CASE, "source_id": s.id, "added_at": at.isoformat(),
                      "added_by": "bench"} for s in srcs]  # fmt: skip
            w.insert_rows("case_sources", links)
            w.insert_rows("claims", [rows.claim_row(c, "bench") for c in claims])
        n_claims += len(claims)
    return n_claims


def _timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def run(n_sources: int, database_url: str | None, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), database_url=database_url)
        with open_ledger(settings, create=True) as ledger:
            t = time.perf_counter()
            n_claims = populate(ledger, n_sources)
            load = time.perf_counter() - t
            t = time.perf_counter()
            info = analysis.analyse(ledger, CASE, force=True)
            compute = time.perf_counter() - t
            props = analysis.propositions(ledger, CASE, kind="quantity")
            rng = random.Random(3)
            picks = [rng.choice(props).id for _ in range(runs)]
            counts = [c.value for c in Counts]
            label = "PostgreSQL" if database_url else "SQLite"
            print(f"{label}: {n_sources} sources, {n_claims} claims (loaded in {load:.1f} s)")
            print(f"  analysis computed in {compute:.1f} s: {info.meta.get('stats')}")
            it = iter(picks)
            p50, p95 = _timed(lambda: analysis.proposition(ledger, CASE, next(it)), runs)
            print(f"  trace one proposition          p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
            ic = iter(counts * runs)
            p50, p95 = _timed(
                lambda: analysis.timeline(ledger, CASE, counts=next(ic), limit=PAGE), runs
            )
            print(f"  figures, one page of {PAGE}     p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
            p50, p95 = _timed(lambda: analysis.contradictions(ledger, CASE, limit=PAGE), runs)
            print(f"  contradictions, one page       p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sources", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--postgres", help="also run against this (empty) PostgreSQL database")
    args = ap.parse_args()
    print(f"analysis benchmark — {datetime.now(UTC).isoformat(timespec='seconds')}")
    print(f"machine: {platform.platform()}, python {platform.python_version()}")
    run(args.sources, None, args.runs)
    if args.postgres:
        run(args.sources, args.postgres, args.runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
