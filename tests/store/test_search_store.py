"""Search over source text, on SQLite (FTS5) and PostgreSQL (tsvector) alike: only the
case's sources, every term required, hostile queries harmless, pages that never overlap,
and an index that follows every insert path (add, import, and the migration's back-fill)."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from claimgraph.errors import InvalidInput
from claimgraph.services import Ledger, export_lines, import_lines, open_ledger
from claimgraph.services.ingest import add_upload
from claimgraph.services.search import search
from claimgraph.settings import Settings
from claimgraph.store.engine import _alembic_config
from claimgraph.store.search_queries import outside_search_index
from claimgraph.store.tables import metadata

FLOOD = (
    "<html><head><title>Flood toll rises in Veskaro</title></head><body><article>"
    "<p>The river authority said at least 41 people were killed in the flood, and "
    "the Café Orun was destroyed. Rescuers reported further casualties downstream.</p>"
    "</article></body></html>"
)
BRIDGE = "The bridge at Marten stood. No casualties were reported by the harbour office.\n"
FERRY = "A ferry capsized near Marten; the harbour office counted 12 missing.\n"


def _add(ledger: Ledger, case: str, name: str, body: str) -> str:
    outcome = add_upload(ledger, body.encode(), name, case=case, extract=False)
    assert outcome.source_id is not None, outcome.reason
    return outcome.source_id


def _ids(ledger: Ledger, case: str, query: str) -> set[str]:
    return {h.source_id for h in search(ledger, case, query, limit=50).hits}


@pytest.fixture
def filled(ledger: Ledger) -> dict[str, str]:
    return {
        "flood": _add(ledger, "one", "flood.html", FLOOD),
        "bridge": _add(ledger, "one", "bridge.txt", BRIDGE),
        "ferry": _add(ledger, "two", "ferry.txt", FERRY),
    }


def test_words_phrases_prefixes_and_exclusions(ledger: Ledger, filled: dict[str, str]) -> None:
    flood, bridge = filled["flood"], filled["bridge"]
    assert _ids(ledger, "one", "killed") == {flood}
    assert _ids(ledger, "one", "KILLED River") == {flood}, "every word, any case"
    assert _ids(ledger, "one", "casualties") == {flood, bridge}
    assert _ids(ledger, "one", "casualties -rescuers") == {bridge}
    assert _ids(ledger, "one", '"people were killed"') == {flood}
    assert _ids(ledger, "one", '"killed were people"') == set(), "a phrase keeps its order"
    assert _ids(ledger, "one", "casual*") == {flood, bridge}
    assert _ids(ledger, "one", "toll veskaro") == {flood}, "the title is searched too"
    assert _ids(ledger, "one", "killed bridge") == set()
    if ledger.store.engine.dialect.name == "sqlite":
        assert _ids(ledger, "one", "cafe") == {flood}, "accents ignored by FTS5"


def test_only_the_cases_own_sources(ledger: Ledger, filled: dict[str, str]) -> None:
    assert _ids(ledger, "one", "marten") == {filled["bridge"]}
    assert _ids(ledger, "two", "marten") == {filled["ferry"]}
    assert _ids(ledger, "two", "killed") == set()
    _add(ledger, "two", "bridge.txt", BRIDGE)  # the same bytes, linked to a second case
    assert _ids(ledger, "two", "bridge") == {filled["bridge"]}


def test_hits_carry_snippet_offsets_not_markup(ledger: Ledger, filled: dict[str, str]) -> None:
    (hit,) = search(ledger, "one", "killed toll").hits
    assert hit.title == "Flood toll rises in Veskaro"
    assert [hit.title[s:e] for s, e in hit.title_marks] == ["toll"]
    snip = hit.snippet
    assert [snip.text[s:e] for s, e in snip.marks] == ["killed"]
    source = ledger.store.get_source(hit.source_id)
    assert source.text[snip.start : snip.start + len(snip.text)] == snip.text
    assert "".join(p for p, _ in snip.pieces()) == snip.text
    assert [p for p, marked in snip.pieces() if marked] == ["killed"]


HOSTILE = [
    '"', '""', "'", "*", "-", "--", "(", ")", "NEAR(a b)", "a AND", "OR", "NOT killed",
    "killed OR river", "title:killed", "^killed", "{title}: x", "killed*", "**", "a\x00b",
    "'; DROP TABLE sources; --", "killed & river", "!killed", "killed <-> river", ":*",
    "killed:*", "\\", "%", "_", "\u202e", "😀", "ß", "x" * 200, " ".join(["w"] * 16),
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_plain_words(ledger: Ledger, query: str) -> None:
    _add(ledger, "one", "bridge.txt", BRIDGE)
    page = search(ledger, "one", query)
    assert page.next is None


def test_limits_are_invalid_input(ledger: Ledger) -> None:
    _add(ledger, "one", "bridge.txt", BRIDGE)
    for query in ("x" * 201, " ".join(f"w{i}" for i in range(17))):
        with pytest.raises(InvalidInput):
            search(ledger, "one", query)
    for cursor in ("-1", "abc", "1e3", "99999999", "٣"):
        with pytest.raises(InvalidInput):
            search(ledger, "one", "bridge", cursor=cursor)


def test_pages_cover_every_hit_once(ledger: Ledger) -> None:
    made = {_add(ledger, "one", f"d{i}.txt", f"Report {i}: shelling near the depot.\n")
            for i in range(7)}  # fmt: skip
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = search(ledger, "one", "shelling depot", limit=3, cursor=cursor)
        seen += [h.source_id for h in page.hits]
        cursor = page.next
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)
    assert search(ledger, "one", "nothing-matches-this").hits == []


def test_a_long_source_is_stored_and_found(ledger: Ledger) -> None:
    """A megabyte of distinct words: PostgreSQL indexes its start and stores it all."""
    rng = random.Random(7)
    words = ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(110_000)]
    sid = _add(ledger, "one", "long.txt", "zanzibarite " + " ".join(words) + "\n")
    assert _ids(ledger, "one", "zanzibarite") == {sid}
    assert len(ledger.store.get_source(sid).text) > 1_000_000


def _migrate(ledger: Ledger, revision: str, *, down: bool) -> None:
    with ledger.store.engine.begin() as conn:
        config = _alembic_config(conn)  # the store's own: its scripts, this connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_migration_fills_the_index_for_sources_already_stored(ledger: Ledger) -> None:
    sid = _add(ledger, "one", "bridge.txt", BRIDGE)
    _migrate(ledger, "0006", down=True)  # the source stays; the index (0007) goes
    _migrate(ledger, "head", down=False)
    assert _ids(ledger, "one", "harbour") == {sid}
    later = _add(ledger, "one", "ferry.txt", FERRY)
    assert _ids(ledger, "one", "harbour") == {sid, later}
    with ledger.store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": outside_search_index})
        assert compare_metadata(context, metadata) == []


def test_imported_sources_are_searchable(ledger: Ledger, tmp_path: Path) -> None:
    """An export made elsewhere, imported into this store (either engine), and back."""
    with open_ledger(Settings(home=tmp_path / "elsewhere", user="t"), create=True) as other:
        sid = _add(other, "one", "ferry.txt", FERRY)
        lines = list(export_lines(other))
    assert import_lines(ledger, lines).mode == "exact"
    assert _ids(ledger, "one", "capsized") == {sid}
    with open_ledger(Settings(home=tmp_path / "third", user="t"), create=True) as third:
        import_lines(third, export_lines(ledger))
        assert _ids(third, "one", "capsized") == {sid}


def test_the_index_follows_an_edit_and_a_removal(ledger: Ledger) -> None:
    """Sources are never edited or removed by claimgraph; if a person does it by hand,
    search still tells the truth."""
    sid = _add(ledger, "one", "bridge.txt", BRIDGE)
    with ledger.store.write() as w:
        w.update_row("sources", {"id": sid}, {"title": "Quayside notes", "text": "Tide log."})
    assert _ids(ledger, "one", "quayside tide") == {sid}
    assert _ids(ledger, "one", "harbour") == set()
    with ledger.store.write() as w:
        w.delete_row("case_sources", {"case_name": "one", "source_id": sid})
    assert _ids(ledger, "one", "tide") == set()
    with ledger.store.write() as w:
        w.delete_row("captures", {"id": ledger.store.captures_of(sid)[0].id})
        w.delete_row("sources", {"id": sid})
    again = _add(ledger, "one", "bridge.txt", BRIDGE)
    assert _ids(ledger, "one", "harbour") == {again}
