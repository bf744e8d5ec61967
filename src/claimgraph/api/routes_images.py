"""Images of a case: each with its earliest known appearance, the misattribution alerts,
matching an uploaded image, and an image's bytes for <img> tags.

Images are shared across cases; every answer shows only appearances in sources of cases
the caller is a member of (services.views)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Request, UploadFile
from fastapi.responses import Response

from claimgraph.api.context import Read, Write
from claimgraph.api.paging import Cursor, Limit, Page
from claimgraph.api.responses import isolated, read_upload
from claimgraph.api.schemas_analysis import (
    AlertOut,
    ImageOut,
    MatchesOut,
    alert_out,
    image_out,
    match_out,
    paged,
)
from claimgraph.services import views

router = APIRouter(tags=["images"])

Sha = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="The image's SHA-256")]
# Only these are shown inline; anything else (SVG above all: it can carry script) is a
# download, never a document of ours.
RASTER = frozenset(("image/png", "image/jpeg", "image/webp", "image/gif"))
IMAGE_TYPES: dict[int | str, dict[str, Any]] = {
    200: {"content": {t: {} for t in (*sorted(RASTER), "application/octet-stream")}}
}


@router.get(
    "/cases/{case}/images",
    response_model=Page[ImageOut],
    summary="Images with their earliest known appearance, copies and same-scene images",
)
def get_images(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    return paged(views.case_images(access.ledger, access.case), cursor, limit, image_out)


@router.get(
    "/cases/{case}/images/alerts",
    response_model=Page[AlertOut],
    summary="Appearances of a photo first shown earlier, elsewhere or with another caption",
)
def get_alerts(access: Read, cursor: Cursor = None, limit: Limit = 50) -> Any:
    return paged(views.case_alerts(access.ledger, access.case), cursor, limit, alert_out)


@router.post(
    "/cases/{case}/images/match",
    response_model=MatchesOut,
    summary="Which stored images an uploaded image (multipart `file`, not stored) matches",
)
async def post_match(access: Write, request: Request, file: Annotated[UploadFile, File()]) -> Any:
    data = await read_upload(request, file)
    query, found = views.match_upload(access.ledger, access.case, data)
    return MatchesOut(sha256=query.sha256, quality=query.quality,
                      matches=[match_out(m, r) for m, r in found])  # fmt: skip


@router.get(
    "/cases/{case}/images/{sha}/file",
    response_class=Response,
    responses=IMAGE_TYPES,
    summary="The image's bytes: PNG, JPEG, WebP and GIF inline, anything else as a download",
)
def get_image_file(access: Read, sha: Sha) -> Response:
    found = views.image_file(access.ledger, access.case, sha)
    if found.media_type in RASTER:
        return isolated(found.data, found.media_type, cache="private, max-age=3600")
    return isolated(found.data, "application/octet-stream", download=f"{sha}.bin",
                    cache="private, max-age=3600")  # fmt: skip
