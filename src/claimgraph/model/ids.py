"""Content-hash ids: the same content always gives the same id."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: the form every hash is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def content_id(prefix: str, *parts: Any) -> str:
    """A short typed id over the canonical JSON of `parts` (e.g. ``cap_3f9a…``)."""
    digest = sha256_hex(canonical_json(list(parts)).encode("utf-8"))
    return f"{prefix}_{digest[:24]}"
