"""Bytes that came from a source (or a drawing of ours) served on their own: nothing in
them may load or run anything, and what is not a picture is a download."""

from __future__ import annotations

from fastapi import Request, UploadFile
from fastapi.responses import Response

from claimgraph.api.context import app_state
from claimgraph.errors import Refused


async def read_upload(request: Request, file: UploadFile) -> bytes:
    """The uploaded bytes, refused past the app's cap (read one byte more to know)."""
    cap = app_state(request).max_upload_bytes
    data = await file.read(cap + 1)
    if len(data) > cap:
        raise Refused(f"upload over {cap} bytes", subject=file.filename or "upload")
    return data


def isolated(
    data: bytes | str,
    media_type: str,
    *,
    download: str | None = None,
    sandbox: bool = True,
    cache: str = "private, no-store",
) -> Response:
    """`download` names the attachment; without it the browser may show it (a picture,
    our SVG) under a CSP that allows nothing."""
    headers = {
        "Content-Security-Policy": "default-src 'none'" + ("; sandbox" if sandbox else ""),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": cache,
    }
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return Response(data, media_type=media_type, headers=headers)
