"""Kill an ingest with SIGKILL at random moments: afterwards the store verifies and every
source the command reported as added is there."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.services import open_ledger, verify
from claimgraph.settings import Settings

KILLS = 20


def _folder(root: Path, round_no: int, n: int = 300) -> Path:
    folder = root / f"round{round_no:02d}"
    folder.mkdir(parents=True)
    for i in range(n):
        body = f"Dispatch {round_no}-{i}.\n" + f"Report line {i} of round {round_no}.\n" * 40
        (folder / f"doc{i:03d}.txt").write_text(body, "utf-8")
    return folder


def _first_report_seconds(cmd: list[str], env: dict[str, str]) -> float:
    """How long this machine, as loaded now, takes to report its first added source: the
    kills are timed around it, so a slow start does not leave every run killed too early."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    elapsed = time.monotonic() - started
    proc.kill()
    proc.communicate(timeout=60)
    assert first, "the warm-up run reported nothing"
    return elapsed


@pytest.mark.slow
def test_sigkill_never_loses_reported_sources_or_corrupts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    rng = random.Random(20261125)
    reported: set[str] = set()
    env = {**os.environ, "CLAIMGRAPH_USER": "killer"}
    env.pop("CLAIMGRAPH_DATABASE_URL", None)
    warm = [sys.executable, "-m", "claimgraph", "--home", str(tmp_path / "warm"), "add",
            str(_folder(tmp_path / "warmup", 0)), "--json"]  # fmt: skip
    first = _first_report_seconds(warm, env)
    kills = round_no = 0
    while kills < KILLS and round_no < 3 * KILLS:
        round_no += 1
        folder = _folder(tmp_path / "docs", round_no)
        cmd = [
            sys.executable,
            "-m",
            "claimgraph",
            "--home",
            str(home),
            "add",
            str(folder),
            "--json",
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.3 * first, 2.5 * first))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        out, _ = proc.communicate(timeout=60)
        for line in out.decode("utf-8", "replace").splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # the kill may cut the last line short
            if rec.get("status") == "added":
                reported.add(rec["source_id"])
        if not (home / "claimgraph.db").exists():
            continue
        with open_ledger(Settings(home=home, user="checker")) as ledger:
            report = verify(ledger)
            assert report.ok, (round_no, report.problems)
            stored = {sha for sha, _ in ledger.store.blob_refs()}
        assert reported <= stored, f"round {round_no}: reported sources missing"
    assert kills >= KILLS, f"only {kills} runs were still going when killed"
    assert reported, "no run got far enough to report anything"
