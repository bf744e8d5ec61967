"""Posting to an OpenAI-compatible endpoint the user configured (CLAIMGRAPH_LLM_URL for
chat completions, CLAIMGRAPH_EMBED_URL for embeddings: a local llama.cpp, vLLM or Ollama
server, usually)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from claimgraph.errors import InvalidInput, Unavailable


def chat_poster(
    base_url: str, api_key: str | None, timeout_s: float = 300.0
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return json_poster(base_url, "/chat/completions", api_key, timeout_s)


def embedder(
    base_url: str, model: str, api_key: str | None, timeout_s: float = 300.0
) -> Callable[[list[str]], list[list[float]]]:
    """Texts → vectors from an OpenAI-compatible /embeddings endpoint, in input order."""
    post = json_poster(base_url, "/embeddings", api_key, timeout_s)

    def embed(texts: list[str]) -> list[list[float]]:
        data = post({"model": model, "input": texts}).get("data")
        try:
            rows = sorted(data, key=lambda d: int(d["index"]))  # type: ignore[arg-type]
            vectors = [[float(x) for x in d["embedding"]] for d in rows]
        except (TypeError, KeyError, ValueError):
            raise InvalidInput(
                "the embedding answer has no usable vectors", subject=base_url
            ) from None
        if len(vectors) != len(texts):
            raise InvalidInput(
                "the embedding answer has the wrong number of vectors", subject=base_url
            )
        return vectors

    return embed


def json_poster(
    base_url: str, suffix: str, api_key: str | None, timeout_s: float = 300.0
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    url = base_url.rstrip("/")
    if not url.endswith(suffix):
        url += suffix
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def post(body: dict[str, Any]) -> dict[str, Any]:
        try:
            with httpx.Client(timeout=timeout_s, trust_env=False) as client:
                response = client.post(url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise Unavailable(f"cannot reach the model endpoint: {exc}", subject=url) from exc
        if response.status_code >= 400:
            raise Unavailable(
                f"the model endpoint answered HTTP {response.status_code}", subject=url
            )
        try:
            answer = response.json()
        except ValueError:
            raise InvalidInput("the model endpoint's answer is not JSON", subject=url) from None
        if not isinstance(answer, dict):
            raise InvalidInput("the model endpoint's answer is not a JSON object", subject=url)
        return answer

    return post
