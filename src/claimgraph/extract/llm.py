"""The optional extraction backend: a language model behind an OpenAI-compatible endpoint.

The model proposes claims as JSON under a schema; every claim is validated and anchored
to a real span of the text (its `quote` must occur there), and whatever cannot be
anchored is dropped. The rule pipeline stays the default and the source of spans."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from claimgraph.errors import InvalidInput
from claimgraph.extract.pipeline import actor_of
from claimgraph.extract.types import Speaker
from claimgraph.model import (
    ActorKind,
    ChainLink,
    Claim,
    Counts,
    Qualifier,
    Quantity,
    Stance,
    content_id,
    sha256_hex,
)

PROMPT = """You extract attributed claims from news text about contested events.
Return JSON only, matching the schema. For every casualty or other figure (killed,
wounded, dead_bodies_seen, fled, population, missing, detained, other) and every
attributed statement, give: quote (an exact, verbatim substring of the text containing
the figure or statement), kind, quantity (low, high, qualifier, counts, subject, text),
claimant (the innermost speaker, null if the text itself asserts it), chain (the
intermediaries between the document and the claimant, outermost first) and stance
(asserted, hedged, disputed, denied, negated). Do not include years, ages, dates,
times, unit numbers, money or distances."""

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["claims"],
    "properties": {
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["quote", "kind", "stance"],
                "properties": {
                    "quote": {"type": "string"},
                    "kind": {"enum": ["quantity", "statement"]},
                    "quantity": {"type": ["object", "null"]},
                    "claimant": {"type": ["object", "null"]},
                    "chain": {"type": "array"},
                    "stance": {"enum": [s.value for s in Stance]},
                },
            },
        }
    },
}

Complete = Callable[[dict[str, Any]], dict[str, Any]]


def llm_request(text: str, model: str) -> dict[str, Any]:
    """The chat-completions request body sent to the endpoint."""
    return {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": text},
        ],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "claims", "schema": SCHEMA, "strict": False},
        },
    }


def provenance(model: str) -> str:
    """What the stored claims record as their extractor: model and prompt version."""
    return f"llm/{model}/prompt-{sha256_hex(PROMPT.encode())[:12]}"


def extract_claims_llm(
    text: str, complete: Complete, model: str, *, source_id: str = ""
) -> list[Claim]:
    answer = complete(llm_request(text, model))
    try:
        content = answer["choices"][0]["message"]["content"]
        proposed = json.loads(content)["claims"]
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise InvalidInput(f"the model's answer is not the JSON asked for ({exc})") from None
    if not isinstance(proposed, list):
        raise InvalidInput("the model's answer has no list of claims")
    claims = [_anchor(text, p, source_id) for p in proposed if isinstance(p, dict)]
    return sorted((c for c in claims if c is not None), key=lambda c: c.span)


def _anchor(text: str, p: dict[str, Any], source_id: str) -> Claim | None:
    found = _locate(text, str(p.get("quote") or ""))
    if found is None:
        return None  # a claim the text does not contain is not evidence
    start, end = found
    s_start, s_end = _sentence_around(text, start, end)
    try:
        quantity = _quantity(p.get("quantity")) if p.get("kind") == "quantity" else None
        if p.get("kind") == "quantity" and quantity is None:
            return None
        stance = Stance(p.get("stance", "asserted"))
    except (ValueError, TypeError, KeyError):
        return None
    kind = "quantity" if quantity else "statement"
    return Claim(
        id=content_id("clm", source_id, kind, (s_start, s_end), start, p.get("quote")),
        source_id=source_id,
        kind=kind,
        span=(s_start, s_end),
        sentence=text[s_start:s_end],
        stance=stance,
        claimant=actor_of(_speaker(p.get("claimant"))),
        chain=tuple(_links(p.get("chain"))),
        quantity=quantity,
    )


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    quote = quote.strip()
    if len(quote) < 3:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    # Models often normalise whitespace and quote marks; allow exactly that, nothing more.
    pieces = [re.escape(w) for w in quote.split()]
    pattern = r"\s+".join(pieces).replace("\\'", "['’]").replace('\\"', '["“”]')
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    s_start = 0 if left < 0 else left + (1 if text[left] == "\n" else 2)
    rights = [i for i in (text.find(p, end) for p in (". ", "? ", "! ", "\n")) if i >= 0]
    s_end = min(rights) + 1 if rights else len(text)
    if s_end > 0 and text[s_end - 1] == "\n":
        s_end -= 1
    return s_start, max(s_end, end)


def _quantity(q: Any) -> Quantity | None:
    if not isinstance(q, dict):
        return None
    low, high = _num(q.get("low")), _num(q.get("high"))
    if low is None and high is None:
        return None
    return Quantity(
        low=low,
        high=high,
        qualifier=Qualifier(q.get("qualifier", "exact")),
        counts=Counts(q.get("counts", "other")),
        subject=q.get("subject") or None,
        text=str(q.get("text") or ""),
    )


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return float(v)
    return None


def _speaker(c: Any) -> Speaker | None:
    if isinstance(c, str) and c.strip():
        return Speaker(c.strip(), ActorKind.PERSON)
    if not isinstance(c, dict) or not str(c.get("name") or "").strip():
        return None
    try:
        kind = ActorKind(c.get("kind") or "person")
    except ValueError:
        kind = ActorKind.GROUP
    return Speaker(str(c["name"]).strip(), kind, c.get("role") or None)


def _links(chain: Any) -> list[ChainLink]:
    links = []
    for link in chain if isinstance(chain, list) else []:
        if isinstance(link, dict) and link.get("name"):
            links.append(ChainLink(str(link["name"]), str(link.get("cue") or "reported")))
        elif isinstance(link, str) and link.strip():
            links.append(ChainLink(link.strip(), "reported"))
    return links
