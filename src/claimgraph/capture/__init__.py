"""Getting documents in: the blob store, files and folders, URLs (SSRF-guarded), WARC."""

from claimgraph.capture.blobs import BlobStore
from claimgraph.capture.fetch import Fetched, fetch_url
from claimgraph.capture.warc import WarcItem, WarcProblem, iter_warc

__all__ = ["BlobStore", "Fetched", "WarcItem", "WarcProblem", "fetch_url", "iter_warc"]
