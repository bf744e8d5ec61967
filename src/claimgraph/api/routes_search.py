"""Search over the text and titles of a case's sources."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from claimgraph.api.context import Read
from claimgraph.api.paging import Cursor, Limit, Page
from claimgraph.services.search import MAX_QUERY_CHARS, SearchHit, search

router = APIRouter(tags=["search"])


class MarkOut(BaseModel):
    start: int = Field(description="Offset of a matched word or phrase in the text")
    end: int


class SnippetOut(BaseModel):
    text: str = Field(description="Plain text (never markup): escape it before showing it")
    start: int = Field(description="Where the snippet begins in the source's text")
    marks: list[MarkOut]
    cut_before: bool
    cut_after: bool


class HitOut(BaseModel):
    source_id: str
    title: str | None
    title_marks: list[MarkOut]
    publisher: str | None
    published: str | None
    filename: str | None
    snippet: SnippetOut
    rank: float = Field(description="Higher is better; comparable within one search only")


def _marks(found: tuple[tuple[int, int], ...]) -> list[MarkOut]:
    return [MarkOut(start=s, end=e) for s, e in found]


def hit_out(h: SearchHit) -> HitOut:
    s = h.snippet
    snippet = SnippetOut(text=s.text, start=s.start, marks=_marks(s.marks),
                         cut_before=s.cut_before, cut_after=s.cut_after)  # fmt: skip
    return HitOut(source_id=h.source_id, title=h.title, title_marks=_marks(h.title_marks),
                  publisher=h.publisher, published=h.published, filename=h.filename,
                  snippet=snippet, rank=h.rank)  # fmt: skip


@router.get(
    "/cases/{case}/search", response_model=Page[HitOut],
    summary="Sources whose title or text hold every word of q, best first",
    description=(
        "Plain words, all required; \"a quoted phrase\"; `word*` for a prefix; `-word` to "
        "leave out sources that hold it. Case and (on SQLite) accents are ignored."
    ),
)  # fmt: skip
def get_search(
    access: Read,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
    cursor: Cursor = None,
    limit: Limit = 20,
) -> Any:
    found = search(access.ledger, access.case, q, limit=limit, cursor=cursor)
    return Page[HitOut](items=[hit_out(h) for h in found.hits], next=found.next)
