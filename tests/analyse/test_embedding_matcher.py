"""The optional embedding matcher: statements that say the same thing in other words join
one proposition when an embeddings endpoint is configured (a fake one on 127.0.0.1)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# The fake model puts sentences about shelling on one axis and anything else on another.
DOCS = {
    "a.txt": "EAST DESK — 3 May 2024\n\nThe shells were fired from the ridge, Ada Brun said.\n",
    "b.txt": "WEST DESK — 4 May 2024\n\nArtillery on the hill shelled the town, Ola Vint said.\n",
    "c.txt": "SOUTH DESK — 5 May 2024\n\nThe bridge will reopen next week, Per Lund said.\n",
}


def _vector(text: str) -> list[float]:
    shelling = any(w in text.lower() for w in ("shell", "artillery"))
    return [1.0, 0.05] if shelling else [0.05, 1.0]


@pytest.fixture
def fake_embeddings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict]]:  # type: ignore[type-arg]
    seen: list[dict] = []  # type: ignore[type-arg]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"path": self.path, **body})
            data = [{"index": i, "embedding": _vector(t)} for i, t in enumerate(body["input"])]
            raw = json.dumps({"data": list(reversed(data))}).encode()  # any order
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *_a: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("CLAIMGRAPH_EMBED_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("CLAIMGRAPH_EMBED_MODEL", "fake-embed")
    yield seen
    httpd.shutdown()
    httpd.server_close()


def _statement_groups(cli, tmp_path: Path) -> list[int]:  # type: ignore[no-untyped-def]
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert cli("init").code == 0
    assert cli("add", *(str(tmp_path / n) for n in DOCS), "--case", "c").code == 0
    ran = cli("propositions", "--case", "c", "--kind", "statement", "--json")
    assert ran.code == 0, ran.stderr
    return sorted(len(json.loads(x)["claim_ids"]) for x in ran.stdout.splitlines())


def test_without_an_endpoint_only_wording_joins_statements(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _statement_groups(cli, tmp_path) == [1, 1, 1]


def test_embeddings_join_statements_that_say_the_same(cli, tmp_path: Path, fake_embeddings) -> None:  # type: ignore[no-untyped-def]
    assert _statement_groups(cli, tmp_path) == [1, 2]
    assert fake_embeddings and fake_embeddings[0]["path"] == "/v1/embeddings"
    assert fake_embeddings[0]["model"] == "fake-embed"
    info = json.loads(cli("analyse", "--case", "c", "--json").stdout)
    assert info["stats"]["embedded_statements"] == 3


def test_an_unreachable_endpoint_is_one_clear_line(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMGRAPH_EMBED_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("CLAIMGRAPH_EMBED_MODEL", "m")
    (tmp_path / "a.txt").write_text(DOCS["a.txt"], encoding="utf-8")
    cli("init")
    cli("add", str(tmp_path / "a.txt"), "--case", "c")
    ran = cli("analyse", "--case", "c")
    assert ran.code == 1 and "cannot reach" in ran.stderr
