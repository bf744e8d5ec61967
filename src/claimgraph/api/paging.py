"""Cursor pagination: every list answers `{"items": [...], "next": CURSOR | null}`.

The cursor is opaque to clients (base64 of the position), so the API may change how it
pages without breaking them; a cursor that does not decode is a 422, never a 500."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from claimgraph.errors import InvalidInput

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Cursor = Annotated[str | None, Query(max_length=100, description="`next` of the page before")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next: str | None = None


def _position(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode("ascii")
        kind, _, value = text.partition(":")
        if kind != "o" or not value.isdigit():
            raise ValueError(cursor)
        return int(value)
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidInput("not a cursor this API gave out", subject="cursor") from None


def _cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"o:{position}".encode()).decode("ascii").rstrip("=")


def page_of(items: Sequence[T], cursor: str | None, limit: int) -> tuple[list[T], str | None]:
    start = _position(cursor)
    chunk = list(items[start : start + limit])
    more = start + limit < len(items)
    return chunk, _cursor(start + limit) if more else None


def window(
    fetch: Callable[[int, int], Sequence[T]], cursor: str | None, limit: int
) -> tuple[list[T], str | None]:
    """A page read from the database: `fetch(offset, count)` asks for one row more than
    the page, so the last page is known without counting."""
    start = _position(cursor)
    got = list(fetch(start, limit + 1))
    return got[:limit], _cursor(start + limit) if len(got) > limit else None
