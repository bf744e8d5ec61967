"""Response and request bodies: the OpenAPI document is generated from these, and
every response is validated against them (schemathesis checks the same)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Me(BaseModel):
    name: str
    is_admin: bool
    via: str
    csrf: str | None = None  # with a session: send it as X-CSRF-Token on changes


class Login(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1024)


class CaseIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=4000)


class CaseOut(BaseModel):
    name: str
    created_at: str
    created_by: str
    sources: int
    role: str


class SourceOut(BaseModel):
    id: str
    media_type: str
    size: int
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    filename: str | None = None


class DashboardOut(BaseModel):
    case: str
    role: str
    sources: int
    claims: int
    unreviewed: int
    contradictions: int
    images: int
    latest: list[SourceOut]


class SourceDetailOut(SourceOut):
    kind: str
    authors: list[str]
    language: str | None = None
    parser: str
    captures: list[dict[str, Any]]
    text_length: int


class TextOut(BaseModel):
    id: str
    text: str


class UrlIn(BaseModel):
    url: str = Field(min_length=1, max_length=4000)


class AddOut(BaseModel):
    input: str
    status: str
    source_id: str | None = None
    title: str | None = None
    media_type: str | None = None
    reason: str | None = None


class ReviewOut(BaseModel):
    state: str
    note: str = ""
    who: str | None = None
    at: str | None = None
    edit: dict[str, Any] | None = None


class ClaimOut(BaseModel):
    id: str
    source_id: str
    kind: str
    sentence: str
    span: list[int]
    quantity: dict[str, Any] | None = None
    claimant: dict[str, Any] | None = None
    chain: list[dict[str, Any]]
    stance: str
    date: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    extractor: str | None = None
    review: ReviewOut


class ReviewIn(BaseModel):
    decision: str = Field(pattern="^(accept|edit|reject)$")
    note: str = Field(default="", max_length=4000)
    edit: dict[str, Any] | None = None
