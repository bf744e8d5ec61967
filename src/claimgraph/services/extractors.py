"""Choosing the extraction backend: the rule pipeline (default) or a language model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimgraph.capture.llm_client import chat_poster
from claimgraph.errors import InvalidInput
from claimgraph.extract import EXTRACTOR, extract_claims
from claimgraph.extract.llm import extract_claims_llm, provenance
from claimgraph.model import Claim
from claimgraph.settings import Settings

BACKENDS = ("rules", "llm")


@dataclass(frozen=True, slots=True)
class Extractor:
    """`run(text, source_id, published, publisher)` -> claims; `name` is stored with them."""

    name: str
    run: Callable[[str, str, str | None, str | None], list[Claim]]


def make_extractor(settings: Settings, backend: str, nlp: Callable[[], Any]) -> Extractor:
    if backend == "rules":
        language = nlp()

        def rules(text: str, sid: str, published: str | None, publisher: str | None) -> list[Claim]:
            return extract_claims(
                text, language, source_id=sid, published=published, publisher=publisher
            )

        return Extractor(EXTRACTOR, rules)
    if backend == "llm":
        if not settings.llm_url or not settings.llm_model:
            raise InvalidInput(
                "set CLAIMGRAPH_LLM_URL and CLAIMGRAPH_LLM_MODEL to use the llm backend",
                subject="--backend llm",
            )
        post, model = chat_poster(settings.llm_url, settings.llm_key), settings.llm_model

        def llm(text: str, sid: str, _published: str | None, _publisher: str | None) -> list[Claim]:
            return extract_claims_llm(text, post, model, source_id=sid)

        return Extractor(provenance(model), llm)
    raise InvalidInput(f"unknown backend; choose one of {', '.join(BACKENDS)}", subject=backend)
