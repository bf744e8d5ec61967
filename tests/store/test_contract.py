"""One contract for every store backend: SQLite always, PostgreSQL when a URL is given
(CI gives one). Everything goes through the services, the store's only writers."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from claimgraph.errors import InvalidInput, NotFound
from claimgraph.model import sha256_hex
from claimgraph.services import (
    Ledger,
    add_inputs,
    export_lines,
    import_lines,
    list_cases,
    list_sources,
    open_ledger,
    source_detail,
    verify,
)
from claimgraph.settings import Settings
from claimgraph.store.search_queries import outside_search_index
from claimgraph.store.tables import metadata


def _write(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_migrations_build_exactly_the_declared_schema(ledger: Ledger) -> None:
    with ledger.store.engine.connect() as conn:
        # The search index's objects belong to migration 0007, not to the metadata.
        context = MigrationContext.configure(conn, opts={"include_name": outside_search_index})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_same_bytes_make_one_source_and_two_captures(ledger: Ledger, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", "Statement of the harbour office.\nNothing else.\n")
    b = _write(tmp_path / "copy" / "b.txt", a.read_text())
    first = list(add_inputs(ledger, [str(a)], case="harbour"))
    second = list(add_inputs(ledger, [str(b)], case="harbour"))
    assert [o.status for o in first] == ["added"]
    assert [o.status for o in second] == ["known"]
    sid = first[0].source_id
    assert sid == second[0].source_id == sha256_hex(a.read_bytes())
    detail = source_detail(ledger, sid[:10])
    assert len(detail.captures) == 2
    assert {c.location for c in detail.captures} == {str(a.resolve()), str(b.resolve())}
    assert all(c.agent == "tester" for c in detail.captures)
    assert ledger.blobs.get(sid) == a.read_bytes()
    assert [s.id for s in list_sources(ledger, "harbour")] == [sid]


def test_cases_hold_their_own_sources(ledger: Ledger, tmp_path: Path) -> None:
    one = _write(tmp_path / "one.txt", "First document about the bridge.\n")
    two = _write(tmp_path / "two.txt", "Second document about the ferry.\n")
    list(add_inputs(ledger, [str(one)], case="bridge"))
    list(add_inputs(ledger, [str(two), str(one)], case="ferry"))
    summary = {c.name: c.sources for c in list_cases(ledger)}
    assert summary == {"bridge": 1, "ferry": 2}
    assert len(list_sources(ledger)) == 2
    with pytest.raises(NotFound):
        list_sources(ledger, "nope")


def test_every_change_is_in_the_audit_chain(ledger: Ledger, tmp_path: Path) -> None:
    doc = _write(tmp_path / "d.txt", "An audited statement.\n")
    (outcome,) = add_inputs(ledger, [str(doc)], case="audit")
    entries = list(ledger.store.audit_entries())
    actions = [e.action for e in entries]
    assert actions == ["case.create", "source.add", "capture.add", "case.link"]
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert all(e.who == "tester" for e in entries)
    assert entries[1].entity == outcome.source_id
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert verify(ledger).ok


@pytest.mark.parametrize(
    ("statements", "expect"),
    [
        (["UPDATE audit_log SET who = 'mallory' WHERE seq = 2"], "entry 2: content does not match"),
        (["DELETE FROM audit_log WHERE seq = 2"], "expected sequence 2"),
        (  # swap two entries through a free number so primary keys stay unique
            [
                "UPDATE audit_log SET seq = 1000 WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = 1000",
            ],
            "previous hash does not match",
        ),
    ],
    ids=["edited", "deleted", "reordered"],
)
def test_verify_catches_a_tampered_audit_log(
    ledger: Ledger, tmp_path: Path, statements: list[str], expect: str
) -> None:
    doc = _write(tmp_path / "d.txt", "Statement to be tampered with.\n")
    list(add_inputs(ledger, [str(doc)], case="t"))
    assert verify(ledger).ok
    with ledger.store.engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql))
    report = verify(ledger)
    assert not report.ok
    assert any(expect in p for p in report.problems), report.problems


def test_verify_names_a_flipped_byte(ledger: Ledger, tmp_path: Path) -> None:
    doc = _write(tmp_path / "d.txt", "Bytes that must not change.\n")
    (outcome,) = add_inputs(ledger, [str(doc)], case="t")
    blob = ledger.blobs.path(outcome.source_id)
    data = bytearray(blob.read_bytes())
    data[3] ^= 0x01
    blob.chmod(0o644)
    blob.write_bytes(bytes(data))
    report = verify(ledger)
    assert not report.ok
    assert report.problems == [
        f"source {outcome.source_id}: blob content hashes to {sha256_hex(bytes(data))}"
    ]


def test_export_import_round_trip_is_exact(
    ledger: Ledger, tmp_path: Path, database_url: str | None
) -> None:
    _write(tmp_path / "in" / "a.txt", "Alpha statement.\n")
    _write(tmp_path / "in" / "b.txt", "Beta statement, with ümlauts and “quotes”.\n")
    list(add_inputs(ledger, [str(tmp_path / "in")], case="round trip"))
    exported = list(export_lines(ledger))
    settings = Settings(home=tmp_path / "other", database_url=None, user="someone")
    with open_ledger(settings, create=True) as other:
        report = import_lines(other, exported)
        assert report.mode == "exact"
        assert list(export_lines(other)) == exported
        assert verify(other).ok


def test_import_into_a_store_with_evidence_merges(ledger: Ledger, tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Alpha statement.\n")
    _write(tmp_path / "b.txt", "Beta statement.\n")
    list(add_inputs(ledger, [str(tmp_path / "a.txt")], case="c"))
    other_settings = Settings(home=tmp_path / "other", user="someone")
    with open_ledger(other_settings, create=True) as other:
        list(add_inputs(other, [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")], case="c"))
        report = import_lines(ledger, list(export_lines(other)))
    assert report.mode == "merge"
    assert len(list_sources(ledger, "c")) == 2
    assert verify(ledger).ok
    again = list(export_lines(ledger))
    import_lines(ledger, again)  # importing twice changes nothing
    assert list(export_lines(ledger)) == again


def test_import_refuses_a_tampered_export(ledger: Ledger, tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Alpha statement.\n")
    list(add_inputs(ledger, [str(tmp_path / "a.txt")], case="c"))
    lines = [line.replace('"who":"tester"', '"who":"mallory"') for line in export_lines(ledger)]
    with open_ledger(Settings(home=tmp_path / "fresh"), create=True) as fresh:
        with pytest.raises(InvalidInput, match="audit chain broken"):
            import_lines(fresh, lines)
        assert fresh.store.count("sources") == 0  # nothing half-written


def test_a_merge_carries_images_their_hashes_and_judgements(ledger: Ledger, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    from claimgraph.services import analysis

    photo = Image.new("RGB", (160, 120), (40, 90, 160))
    ImageDraw.Draw(photo).ellipse((30, 20, 120, 100), fill=(220, 180, 40))
    photo.save(tmp_path / "p.png")
    _write(tmp_path / "a.txt", "Alpha statement.\n")
    _write(tmp_path / "w.txt", "WIRE — 3 May 2024\n\nThe mayor, Ada Brun, said 12 people died.\n")
    list(add_inputs(ledger, [str(tmp_path / "a.txt")], case="c"))
    other_settings = Settings(home=tmp_path / "other", user="someone")
    with open_ledger(other_settings, create=True) as other:
        list(add_inputs(other, [str(tmp_path / "p.png"), str(tmp_path / "w.txt")], case="c"))
        analysis.judge(other, "c", "actor.grade", "Ada Brun", "B", "long record")
        exported = list(export_lines(other))
    import_lines(ledger, exported)
    import_lines(ledger, exported)  # twice: nothing doubles
    counts = {t: ledger.store.count(t) for t in ("images", "image_hashes", "image_appearances")}
    assert counts["images"] == 1 and counts["image_appearances"] == 1
    assert counts["image_hashes"] > 1  # the whole picture and its crops
    brun = next(e for e in analysis.entities(ledger, "c") if e.name == "Ada Brun")
    assert brun.reliability.value == "B"
    assert verify(ledger).ok
