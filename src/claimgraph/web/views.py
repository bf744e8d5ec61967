"""Shared pieces of the pages: the reader's text cut into plain and highlighted pieces,
claims annotated with their speaker's grade and review state, and paging links.

Nothing here builds HTML: templates do, with autoescaping, so every character that came
from a source is escaped exactly once, wherever it is shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from fastapi import Request

from claimgraph.api.context import CaseAccess
from claimgraph.api.paging import DEFAULT_LIMIT, page_of, window
from claimgraph.link.propositions import value_text
from claimgraph.model import Entity
from claimgraph.services import Ledger, Permission
from claimgraph.services.analysis import speakers_named
from claimgraph.services.reviews import reviewed_claims
from claimgraph.store import ClaimFilter

T = TypeVar("T")
Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of the reader: plain text, or a mark opening / closing around a claim.
    A claim crossing the end of an enclosing one is closed there and reopened after it
    (`cont`): marks must nest, spans need not."""

    kind: str  # "text" | "open" | "close"
    text: str = ""
    claim: Record | None = None
    anchor: str | None = None  # the id of the claim's first mark, unless taken
    cont: bool = False


def _clip(span: Sequence[int], size: int) -> tuple[int, int]:
    start, end = (max(0, min(int(v), size)) for v in span)
    return start, end


def reader_pieces(text: str, claims: Iterable[Record]) -> list[Piece]:
    """`text` with a mark around every claim's span (in span order, the longer first
    where two start together, so that nested claims nest)."""
    size = len(text)
    todo = sorted(((*_clip(c["span"], size), c) for c in claims),
                  key=lambda t: (t[0], -t[1], t[2]["id"]))  # fmt: skip
    todo = [t for t in todo if t[0] < t[1]]
    cuts = sorted({p for start, end, _ in todo for p in (start, end)})
    out: list[Piece] = []
    stack: list[tuple[int, Record]] = []  # open marks: (end, claim)
    taken: set[str] = set()
    pos, nxt = 0, 0
    for cut in cuts:
        if cut > pos:
            out.append(Piece("text", text[pos:cut]))
            pos = cut
        ending = [i for i, (end, _) in enumerate(stack) if end == cut]
        if ending:
            above = stack[ending[0] :]
            out.extend(Piece("close") for _ in above)
            stack = stack[: ending[0]]
            for end, claim in above:
                if end != cut:
                    out.append(Piece("open", claim=claim, cont=True))
                    stack.append((end, claim))
        while nxt < len(todo) and todo[nxt][0] == cut:
            start, end, claim = todo[nxt]
            anchor = f"span-{start}-{end}"
            out.append(Piece("open", claim=claim, anchor=None if anchor in taken else anchor))
            taken.add(anchor)
            stack.append((end, claim))
            nxt += 1
    out.append(Piece("text", text[pos:]))
    return [p for p in out if p.kind != "text" or p.text]


@dataclass(frozen=True, slots=True)
class Speakers:
    """The case's resolved speakers, found by any of their names."""

    by_name: dict[str, Entity]

    @staticmethod
    def of(found: Iterable[Entity]) -> Speakers:
        index: dict[str, Entity] = {}
        for e in found:
            for name in (*e.aliases, e.name):  # the entity's own name wins a clash
                index[name.casefold()] = e
        return Speakers(index)

    @staticmethod
    def of_claims(ledger: Ledger, case: str, claims: Iterable[Record]) -> Speakers:
        """The speakers of these claims only (a case may have thousands)."""
        names = {n for c in claims if (n := (c.get("claimant") or {}).get("name"))}
        return Speakers.of(speakers_named(ledger, case, sorted(names)))

    def find(self, name: str | None) -> Entity | None:
        return self.by_name.get(name.casefold()) if name else None


def chain_text(claim: Record) -> str:
    """The intermediaries, outermost first, each with the cue that introduced it."""
    return " → ".join(f"{link['name']} ({link['cue']})" for link in claim.get("chain") or [])


def figure_text(quantity: Record | None) -> str:
    if not quantity:
        return ""
    value = value_text(quantity["low"], quantity["high"], quantity["qualifier"])
    return f"{value} {quantity['counts'].replace('_', ' ')}"


def annotate(claims: Iterable[Record], speakers: Speakers) -> list[Record]:
    """Claims as the pages show them: claimant, chain, figure and the claimant's grade."""
    out = []
    for c in claims:
        name = (c.get("claimant") or {}).get("name")
        entity = speakers.find(name)
        out.append({
            **c,
            "claimant_name": name or "the document itself",
            "chain_text": chain_text(c),
            "figure": figure_text(c.get("quantity")),
            "grade": entity.reliability.value if entity else "",
            "grade_note": entity.reliability_note if entity else "",
            "state": c["review"]["state"],
        })  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the pages of one case draw on: its claims by id, annotated with their speakers."""

    claims: dict[str, Record]

    @staticmethod
    def of(ledger: Ledger, case: str, ids: Iterable[str] | None = None) -> Evidence:
        """The case's claims, or only `ids` (what one page cites: a case may hold 10^6),
        with the speakers they name."""
        if ids is None:
            found = reviewed_claims(ledger, ClaimFilter(case=case))
        else:
            wanted, found = sorted(set(ids)), []
            for start in range(0, len(wanted), 500):
                part = tuple(wanted[start : start + 500])
                found += reviewed_claims(ledger, ClaimFilter(case=case, ids=part))
        speakers = Speakers.of_claims(ledger, case, found)
        annotated = annotate(found, speakers)
        return Evidence({c["id"]: c for c in annotated})

    def lines(self, ids: tuple[str, ...]) -> list[Record]:
        return [self.claims[i] for i in ids if i in self.claims]


def case_claims(access: CaseAccess, f: ClaimFilter, state: str | None = None) -> list[Record]:
    """Claims of the case (by the filter, paged by f.offset and f.limit in the database),
    annotated; `state` keeps one review state."""
    found = reviewed_claims(access.ledger, replace(f, case=access.case), state)
    return annotate(found, Speakers.of_claims(access.ledger, access.case, found)) if found else []


def paged_query(
    request: Request, fetch: Callable[[int, int], list[T]], limit: int = DEFAULT_LIMIT
) -> Paged:
    """One page read from the database by the request's `cursor` (see api.paging.window)."""
    cursor = request.query_params.get("cursor") or None
    chunk, nxt = window(fetch, cursor, limit)
    return Paged(chunk, _link(request, nxt) if nxt else None,
                 _link(request, None) if cursor else None)  # fmt: skip


def _link(request: Request, value: str | None) -> str:
    params = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    url = request.url.replace_query_params(**params)
    url = url.include_query_params(cursor=value) if value else url
    return url.path + (f"?{url.query}" if url.query else "")


def opt(value: str | None, allowed: Iterable[str] | None = None) -> str | None:
    """A form's value: an empty field is no filter; one outside `allowed` is ignored."""
    value = (value or "").strip()
    if not value or (allowed is not None and value not in allowed):
        return None
    return value


@dataclass(frozen=True, slots=True)
class Paged:
    items: list[Any]
    next_url: str | None
    first_url: str | None  # back to the first page, when not on it


def paged(request: Request, items: Sequence[T], limit: int = DEFAULT_LIMIT) -> Paged:
    """One page of `items` by the request's `cursor`; links keep the other parameters."""
    cursor = request.query_params.get("cursor") or None
    chunk, nxt = page_of(items, cursor, limit)
    return Paged(chunk, _link(request, nxt) if nxt else None,
                 _link(request, None) if cursor else None)  # fmt: skip


_WEB = re.compile(r"https?://[^\s<>\"'`\\]+", re.I)


def web_link(url: str | None) -> str | None:
    """`url` when it may be a live link (http or https, nothing odd in it); else None,
    and the page shows it as text."""
    return url if url and _WEB.fullmatch(url) else None


def can_write(access: CaseAccess) -> bool:
    return Permission.can_write(access.role)
