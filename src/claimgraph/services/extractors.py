"""Choosing the extraction backend: the rule pipeline (default) or a language model."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimgraph.capture.llm_client import chat_poster
from claimgraph.errors import InvalidInput
from claimgraph.extract import EXTRACTOR, Meta, extract_many
from claimgraph.extract.llm import extract_claims_llm, provenance
from claimgraph.model import Claim
from claimgraph.settings import Settings

BACKENDS = ("rules", "llm")


@dataclass(frozen=True, slots=True)
class Extractor:
    """`run_many([(text, Meta)])` -> claims per text; `name` is stored with the claims."""

    name: str
    run_many: Callable[[list[tuple[str, Meta]]], list[list[Claim]]]

    def run(self, text: str, sid: str, published: str | None, publisher: str | None) -> list[Claim]:
        return self.run_many([(text, Meta(sid, published, publisher))])[0]


def make_extractor(settings: Settings, backend: str, nlp: Callable[[], Any]) -> Extractor:
    if backend == "rules":
        language = nlp()

        def rules(items: list[tuple[str, Meta]]) -> list[list[Claim]]:
            # Worker processes pay off only for a batch of documents.
            workers = min(2, os.cpu_count() or 1) if len(items) >= 8 else 1
            return extract_many(items, language, n_process=workers)

        return Extractor(EXTRACTOR, rules)
    if backend == "llm":
        if not settings.llm_url or not settings.llm_model:
            raise InvalidInput(
                "set CLAIMGRAPH_LLM_URL and CLAIMGRAPH_LLM_MODEL to use the llm backend",
                subject="--backend llm",
            )
        post, model = chat_poster(settings.llm_url, settings.llm_key), settings.llm_model

        def llm(items: list[tuple[str, Meta]]) -> list[list[Claim]]:
            return [extract_claims_llm(t, post, model, source_id=m.source_id) for t, m in items]

        return Extractor(provenance(model), llm)
    raise InvalidInput(f"unknown backend; choose one of {', '.join(BACKENDS)}", subject=backend)
