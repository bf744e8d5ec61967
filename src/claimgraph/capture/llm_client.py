"""Posting to an OpenAI-compatible chat-completions endpoint the user configured
(CLAIMGRAPH_LLM_URL: a local llama.cpp, vLLM or Ollama server, usually)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from claimgraph.errors import InvalidInput, Unavailable


def chat_poster(
    base_url: str, api_key: str | None, timeout_s: float = 300.0
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    url = base_url.rstrip("/")
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def post(body: dict[str, Any]) -> dict[str, Any]:
        try:
            with httpx.Client(timeout=timeout_s, trust_env=False) as client:
                response = client.post(url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise Unavailable(f"cannot reach the language model: {exc}", subject=url) from exc
        if response.status_code >= 400:
            raise Unavailable(
                f"the language model answered HTTP {response.status_code}", subject=url
            )
        try:
            answer = response.json()
        except ValueError:
            raise InvalidInput("the language model's answer is not JSON", subject=url) from None
        if not isinstance(answer, dict):
            raise InvalidInput("the language model's answer is not a JSON object", subject=url)
        return answer

    return post
