"""Extraction: sentences -> attributions (direct, reported, nested) -> quantities,
stances, actors and dates. Pure functions over text and metadata."""

from claimgraph.extract.nlp import MODEL, load_nlp
from claimgraph.extract.pipeline import EXTRACTOR, chunk_text, extract_claims
from claimgraph.extract.wire import claim_record

__all__ = ["EXTRACTOR", "MODEL", "chunk_text", "claim_record", "extract_claims", "load_nlp"]
