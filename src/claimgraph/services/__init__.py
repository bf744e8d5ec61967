"""Use cases: the only code that writes. Views (CLI, API, web) call these."""

from claimgraph.services.claims import extract_file, list_claims
from claimgraph.services.extractors import BACKENDS, Extractor, make_extractor
from claimgraph.services.ingest import DEFAULT_CASE, AddOutcome, add_inputs
from claimgraph.services.ledger import Ledger, open_ledger
from claimgraph.services.queries import (
    SourceDetail,
    list_cases,
    list_sources,
    original_bytes,
    source_detail,
    text_of_path,
)
from claimgraph.services.transfer import ImportReport, export_lines, import_lines
from claimgraph.services.verify import VerifyReport, verify

__all__ = [
    "BACKENDS",
    "DEFAULT_CASE",
    "AddOutcome",
    "Extractor",
    "ImportReport",
    "Ledger",
    "SourceDetail",
    "VerifyReport",
    "add_inputs",
    "export_lines",
    "extract_file",
    "import_lines",
    "list_cases",
    "list_claims",
    "list_sources",
    "make_extractor",
    "open_ledger",
    "original_bytes",
    "source_detail",
    "text_of_path",
    "verify",
]
