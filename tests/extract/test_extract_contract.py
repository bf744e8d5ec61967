"""`claimgraph extract` meets the contract of DESIGN.md on the demo case, and `add`
stores the same claims for `claims` to list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "demo" / "case"
KEYS = {"kind", "sentence", "span", "quantity", "claimant", "chain", "stance", "date"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    subprocess.run([sys.executable, str(ROOT / "demo" / "generate.py"), str(out)], check=True)
    return out


def _extract(cli, path: Path) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    ran = cli("extract", str(path))
    assert ran.code == 0, ran.stderr
    return [json.loads(line) for line in ran.stdout.splitlines()]


def _figures(records: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [r for r in records if r["kind"] == "quantity"]


def _all(records, value: float, counts: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    found = [
        r
        for r in _figures(records)
        if counts == r["quantity"]["counts"]
        and value in (r["quantity"]["low"], r["quantity"]["high"])
    ]
    assert found, f"no {counts} {value} in {[r['quantity'] for r in _figures(records)]}"
    return found


def _find(records, value: float, counts: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return _all(records, value, counts)[0]


def test_every_record_has_the_contract_shape(cli, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(demo_dir.glob("*.html")) + sorted(demo_dir.glob("*.txt")):
        text = cli("text", str(path)).stdout
        for r in _extract(cli, path):
            assert set(r) == KEYS
            assert r["kind"] in ("quantity", "statement")
            start, end = r["span"]
            assert 0 <= start < end <= len(text)
            assert text[start:end] in r["sentence"] or r["sentence"] in text[start:end]
            if r["kind"] == "quantity":
                q = r["quantity"]
                assert set(q) == {"low", "high", "qualifier", "counts", "subject", "text"}
                assert q["text"] in r["sentence"]
                _check_bounds(q)
            assert r["stance"] in ("asserted", "hedged", "disputed", "denied", "negated")
            for link in r["chain"]:
                assert set(link) == {"name", "cue"}


def _check_bounds(q: dict) -> None:  # type: ignore[type-arg]
    lo, hi, kind = q["low"], q["high"], q["qualifier"]
    if kind in ("exact", "approx"):
        assert lo is not None and hi is not None and lo <= hi
    elif kind == "at_least":
        assert lo is not None and hi is None
    elif kind in ("at_most", "up_to"):
        assert lo is None and hi is not None
    else:
        assert kind == "range" and lo is not None and hi is not None and lo < hi


def test_the_demo_figures_come_out_attributed(cli, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    day1 = _extract(cli, demo_dir / "day01-northern-wire-minister.html")
    claimants = {(r["claimant"] or {}).get("name") for r in _all(day1, 100, "killed")}
    assert any("Hastra" in (name or "") for name in claimants), claimants
    assert _find(day1, 250, "wounded")

    wire = _extract(cli, demo_dir / "day03-northern-wire-477.html")
    origins = json.dumps([r["claimant"] for r in _all(wire, 477, "killed")])
    assert "cleric" in origins.lower() or "Orun" in origins, origins

    mayor = _extract(cli, demo_dir / "day04-northern-wire-mayor-fled.html")
    fled = _find(mayor, 1000, "fled")
    assert fled["quantity"]["qualifier"] == "up_to"
    assert fled["quantity"]["low"] is None

    chronicle = _extract(cli, demo_dir / "day04-altamere-chronicle-dispatch.html")
    assert _find(chronicle, 1000, "killed")["stance"] == "hedged"

    trucks = _extract(cli, demo_dir / "day05-verrin-gazette-trucks.html")
    assert _find(trucks, 70, "dead_bodies_seen")

    ministry = _extract(cli, demo_dir / "day06-ministry-interior-denial.txt")
    assert _find(ministry, 477, "killed")["stance"] == "disputed"
    ceiling = _find(ministry, 120, "killed")["quantity"]
    assert (ceiling["qualifier"], ceiling["low"], ceiling["high"]) == ("at_most", None, 120)

    gazette = _extract(cli, demo_dir / "day02-verrin-gazette-unconfirmed.html")
    assert _find(gazette, 300, "killed")["stance"] == "hedged"
    dozens = _find(gazette, 24, "wounded")["quantity"]
    assert (dozens["qualifier"], dozens["low"], dozens["high"]) == ("approx", 24, 99)

    inquiry = _extract(cli, demo_dir / "inquiry-day183-summary-report.pdf")
    about = _find(inquiry, 600, "killed")["quantity"]
    assert about["qualifier"] == "approx"


def test_the_demo_provenance_comes_out_through_the_cli(cli, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # The wire's own stringer is a link; the wire itself, the document, is not.
    wire = _extract(cli, demo_dir / "day03-northern-wire-477.html")
    told = [r for r in _all(wire, 477, "killed") if "stringer" in r["sentence"]]
    assert told, [r["sentence"] for r in _all(wire, 477, "killed")]
    assert told[0]["claimant"]["name"] == "cleric"
    assert [link["name"] for link in told[0]["chain"]] == ["local stringer"]

    # One death certificate per person: the registrar's count of the dead.
    ledger = _extract(cli, demo_dir / "day38-senneth-ledger-five-weeks.html")
    registered = _find(ledger, 412, "killed")
    assert registered["claimant"]["name"] == "Tomas Vell"


def test_distractors_are_not_figures(cli, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    values = set()
    for path in sorted(demo_dir.glob("day*.html")) + sorted(demo_dir.glob("*.txt")):
        for r in _figures(_extract(cli, path)):
            values.update(v for v in (r["quantity"]["low"], r["quantity"]["high"]) if v)
    for distractor in (366, 2023, 58, 34, 41, 2_000_000, 1400):
        assert distractor not in values, distractor


def test_add_stores_claims_idempotently_and_claims_lists_them(cli, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    target = demo_dir / "day03-northern-wire-477.html"
    assert cli("add", str(target), "--case", "veskaro").code == 0
    first = [
        json.loads(x) for x in cli("claims", "--case", "veskaro", "--json").stdout.splitlines()
    ]
    assert first, "add stored no claims"
    cli("add", str(target), "--case", "veskaro")
    again = [
        json.loads(x) for x in cli("claims", "--case", "veskaro", "--json").stdout.splitlines()
    ]
    assert again == first
    extracted = _extract(cli, target)

    def key(r: dict) -> tuple:  # type: ignore[type-arg]
        return (r["span"], r["kind"], json.dumps(r["quantity"], sort_keys=True))

    stored = [{k: r[k] for k in KEYS} for r in first]
    assert sorted(stored, key=key) == sorted(extracted, key=key)

    def listed(*args: str) -> list[dict]:  # type: ignore[type-arg]
        ran = cli("claims", "--case", "veskaro", "--json", *args)
        return [json.loads(x) for x in ran.stdout.splitlines()]

    killed = listed("--counts", "killed")
    assert killed and all(r["quantity"]["counts"] == "killed" for r in killed)
    assert len(killed) < len(first)
    statements = listed("--kind", "statement")
    assert statements and all(r["quantity"] is None for r in statements)
    orun = listed("--actor", "orun")
    assert orun and all("orun" in r["claimant"]["name"].lower() for r in orun)
    assert listed("--stance", "negated") == [r for r in first if r["stance"] == "negated"]
    assert listed("--source", first[0]["source_id"][:10]) == first
    assert json.loads(cli("verify", "--json").stdout)["ok"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("empty.txt", b""),
        ("nosentences.txt", b"   ...   ;;; --- 12 34 56\n\n\n"),
        ("control.txt", b"Officials said 40 were killed.\x0b\x0c\x1b[31m and 12 wounded"),
        (
            "mixed.txt",
            "Власти заявили, что 40 человек погибли. 官员说有40人死亡。 40 died.".encode(),
        ),
    ],
)
def test_odd_text_gives_a_message_or_an_empty_result(
    cli, tmp_path: Path, name: str, body: bytes
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(body)
    ran = cli("extract", str(path))
    assert "Traceback" not in ran.stderr
    if ran.code:
        assert ran.code == 1 and len(ran.stderr.strip().splitlines()) == 1
    else:
        for line in ran.stdout.splitlines():
            assert set(json.loads(line)) == KEYS


def test_extract_reads_stdin(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("extract", "-", input="At least 30 civilians were killed, the mayor said.\n")
    assert ran.code == 0, ran.stderr
    (record,) = [
        json.loads(x) for x in ran.stdout.splitlines() if json.loads(x)["kind"] == "quantity"
    ]
    assert record["quantity"]["low"] == 30 and record["quantity"]["qualifier"] == "at_least"


def test_a_rule_defect_costs_its_chunk_not_the_document(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.extract import extract_claims, load_nlp, pipeline

    calls = {"n": 0}
    real = pipeline._claims_of

    def flaky(doc, offset, meta, parse_date):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise IndexError("a defect")
        return real(doc, offset, meta, parse_date)

    monkeypatch.setattr(pipeline, "_claims_of", flaky)
    text = (
        ("The mayor said 40 people were killed.\n" * 300)
        + "\n"
        + ("Officials said 12 people were wounded.\n" * 300)
    )
    found = extract_claims(text, load_nlp(), source_id="src")
    assert found and all(c.quantity is not None for c in found if c.kind == "quantity")
    assert "extraction rule failed in src at character 0" in caplog.text
