"""Ingest benchmark: generate N article-like HTML files (~5 KB each), add them to a fresh
store, print documents per second and peak memory. SQLite always; PostgreSQL too when
--postgres URL is given.

    .venv/bin/python benchmarks/ingest.py --n 10000 [--postgres postgresql://…]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

from claimgraph.services import add_inputs, open_ledger
from claimgraph.settings import Settings

WORDS = [
    "river",
    "crossing",
    "council",
    "statement",
    "witnesses",
    "convoy",
    "market",
    "bridge",
    "officials",
    "night",
    "report",
    "figure",
    "inquiry",
    "district",
    "shelter",
    "road",
    "station",
    "morning",
    "clinic",
    "volunteers",
    "families",
    "harbour",
    "ministry",
    "commander",
    "village",
    "survey",
    "investigators",
    "archive",
    "evening",
]


def article(i: int, rng: random.Random) -> str:
    paragraphs = []
    while sum(len(p) for p in paragraphs) < 4600:
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 60))]
        paragraphs.append(f"<p>{' '.join(words).capitalize()}, the desk reported {i}.</p>")
    day = 1 + i % 28
    return (
        f"<html lang='en'><head><title>Bulletin {i}</title>"
        f"<meta name='author' content='Desk {i % 50}'>"
        f"<meta property='og:site_name' content='Outlet {i % 12}'>"
        f"<meta property='article:published_time' content='2031-02-{day:02d}'></head>"
        f"<body><article><h1>Bulletin {i}</h1>{''.join(paragraphs)}"
        f"<a href='https://outlet{i % 12}.example/{i}'>more</a></article></body></html>"
    )


def generate(folder: Path, n: int) -> int:
    rng = random.Random(7)
    total = 0
    for i in range(n):
        body = article(i, rng)
        (folder / f"a{i:06d}.html").write_text(body, "utf-8")
        total += len(body)
    return total


def run(label: str, folder: Path, home: Path, url: str | None, extract: bool) -> None:
    settings = Settings(home=home, database_url=url, user="bench")
    with open_ledger(settings, create=True) as ledger:
        if extract:
            ledger.nlp()  # load the model before the clock starts
        start = time.perf_counter()
        outcomes = list(add_inputs(ledger, [str(folder)], case="bench", extract=extract))
        elapsed = time.perf_counter() - start
    ok = sum(o.status == "added" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:10} {ok:6d} added {failed:3d} failed  {elapsed:7.1f} s  "
        f"{ok / elapsed:7.1f} docs/s  peak RSS {peak_mib:6.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL (an empty database)")
    parser.add_argument("--extract", action="store_true", help="also extract claims (spaCy)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        size = generate(folder, args.n)
        print(f"generated {args.n} documents, mean {size / args.n / 1024:.1f} KiB")
        run("sqlite", folder, Path(tmp) / "home-sqlite", None, args.extract)
        if args.postgres:
            run("postgresql", folder, Path(tmp) / "home-pg", args.postgres, args.extract)


if __name__ == "__main__":
    main()
