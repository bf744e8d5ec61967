"""--backend llm against a fake OpenAI-compatible server on 127.0.0.1: the answer is
validated, every claim anchored to a real span, the rest dropped, provenance kept."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TEXT = (
    "Rescuers in the valley town worked through the night.\n"
    "At least 40 people were killed when the dam gave way, the governor said on Monday.\n"
    "Officials  claimed that 300 were missing.\n"
)
ANSWER = {
    "claims": [
        {  # exact quote
            "quote": "At least 40 people were killed",
            "kind": "quantity",
            "quantity": {"low": 40, "high": None, "qualifier": "at_least", "counts": "killed",
                         "subject": "people", "text": "At least 40 people"},
            "claimant": {"name": "governor", "kind": "person", "role": "governor"},
            "chain": [],
            "stance": "asserted",
        },
        {  # whitespace normalised by the model: still anchored
            "quote": "Officials claimed that 300 were missing",
            "kind": "quantity",
            "quantity": {"low": 300, "high": 300, "qualifier": "exact", "counts": "missing",
                         "subject": None, "text": "300"},
            "claimant": {"name": "Officials", "kind": "group"},
            "chain": [],
            "stance": "hedged",
        },
        {  # not in the text: dropped
            "quote": "5,000 people were killed in the capital",
            "kind": "quantity",
            "quantity": {"low": 5000, "high": 5000, "qualifier": "exact", "counts": "killed"},
            "stance": "asserted",
        },
        {  # invalid stance: dropped
            "quote": "Rescuers in the valley town",
            "kind": "statement",
            "stance": "certain",
        },
    ]
}  # fmt: skip


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict]]:  # type: ignore[type-arg]
    seen: list[dict] = []  # type: ignore[type-arg]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
            reply = {"choices": [{"message": {"role": "assistant", "content": json.dumps(ANSWER)}}]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_a: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("CLAIMGRAPH_LLM_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("CLAIMGRAPH_LLM_MODEL", "test-model-7b")
    monkeypatch.setenv("CLAIMGRAPH_LLM_API_KEY", "sekrit")
    yield seen
    httpd.shutdown()
    httpd.server_close()


def test_llm_claims_are_anchored_or_dropped(cli, tmp_path: Path, fake_llm: list[dict]) -> None:  # type: ignore[no-untyped-def,type-arg]
    doc = tmp_path / "dam.txt"
    doc.write_text(TEXT, "utf-8")
    ran = cli("extract", str(doc), "--backend", "llm")
    assert ran.code == 0, ran.stderr
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [r["quantity"]["low"] for r in records] == [40, 300]
    for r in records:
        start, end = r["span"]
        assert TEXT[start:end] == r["sentence"]
    assert records[0]["claimant"]["name"] == "governor"
    assert records[1]["stance"] == "hedged"
    (request,) = fake_llm
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sekrit"
    assert request["model"] == "test-model-7b"
    assert request["response_format"]["type"] == "json_schema"
    assert TEXT in request["messages"][-1]["content"]


def test_add_records_the_model_as_provenance(cli, tmp_path: Path, fake_llm: list[dict]) -> None:  # type: ignore[no-untyped-def,type-arg]
    doc = tmp_path / "dam.txt"
    doc.write_text(TEXT, "utf-8")
    assert cli("add", str(doc), "--backend", "llm", "--case", "dam").code == 0
    stored = [json.loads(x) for x in cli("claims", "--case", "dam", "--json").stdout.splitlines()]
    assert len(stored) == 2
    assert all(r["extractor"].startswith("llm/test-model-7b/prompt-") for r in stored)


def test_llm_backend_without_configuration_says_what_to_set(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CLAIMGRAPH_LLM_URL", raising=False)
    doc = tmp_path / "dam.txt"
    doc.write_text(TEXT, "utf-8")
    ran = cli("extract", str(doc), "--backend", "llm")
    assert ran.code == 1
    assert "CLAIMGRAPH_LLM_URL" in ran.stderr
