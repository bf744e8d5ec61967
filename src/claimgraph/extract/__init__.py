"""Extraction: sentences -> attributions (direct, reported, nested) -> quantities,
stances, actors and dates. Pure functions over text and metadata."""

from claimgraph.extract.nlp import MODEL, load_nlp
from claimgraph.extract.pipeline import EXTRACTOR, Meta, chunk_text, extract_claims, extract_many
from claimgraph.extract.wire import claim_record

__all__ = [
    "EXTRACTOR",
    "MODEL",
    "Meta",
    "chunk_text",
    "claim_record",
    "extract_claims",
    "extract_many",
    "load_nlp",
]
