"""claimgraph: an evidence ledger for contested events."""

from claimgraph.errors import ClaimgraphError, Conflict, InvalidInput, NotFound, Refused

__version__ = "0.1.0"
__all__ = ["ClaimgraphError", "Conflict", "InvalidInput", "NotFound", "Refused", "__version__"]
