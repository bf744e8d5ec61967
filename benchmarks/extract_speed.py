"""Extraction speed: the full claim extraction against spaCy's parse alone, on the same
texts in the same run. Our layers (attribution, figures, stance, dates) should cost no
more than 25 % on top of the parse.

    .venv/bin/python benchmarks/extract_speed.py [--repeat 3]

Texts: the demo case's documents and the figure gold's items (both written here)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.extract import chunk_text, extract_claims, load_nlp
from claimgraph.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), tmp], check=True)
        for path in sorted(Path(tmp).iterdir()):
            if path.suffix in (".html", ".txt", ".pdf"):
                out.append(parse_bytes(path.read_bytes(), filename=path.name).text)
    for name in ("dev", "test"):
        gold = ROOT / "tests" / "gold" / f"figures-{name}.jsonl"
        with gold.open(encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = texts() * args.repeat
    chars = sum(len(t) for t in corpus)
    nlp = load_nlp()
    import dateparser  # imported before timing, as a long-running process would

    extract_claims("Warm-up: 3 people were killed, officials said.", nlp)
    start = time.perf_counter()
    for text in corpus:
        for _ in nlp.pipe(c for _, c in chunk_text(text)):
            pass
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    n_claims = sum(len(extract_claims(t, nlp, date_parser=dateparser.parse)) for t in corpus)
    full_s = time.perf_counter() - start
    print(f"date: {time.strftime('%Y-%m-%d')}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )
    print(f"texts: {len(corpus)}, {chars / 1e6:.2f} M characters, {n_claims} claims")
    print(f"spaCy parse alone: {parse_s:6.2f} s  {chars / parse_s / 1000:7.1f} k chars/s")
    print(f"full extraction:   {full_s:6.2f} s  {chars / full_s / 1000:7.1f} k chars/s")
    print(f"overhead on top of the parse: {100 * (full_s / parse_s - 1):.1f} % (aim <= 25 %)")


if __name__ == "__main__":
    main()
