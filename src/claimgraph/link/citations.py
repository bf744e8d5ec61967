"""Citations between the sources of a case, and the cycles among them (circular reporting).

Three kinds of edge, each with a short human-readable reason:

- "link": the citing document links to the URL of the cited one;
- "explicit": the citing text names the cited document's publisher, as a link in a claim's
  chain, as a claimant, or in a dateline credit such as "(Northern Wire) —";
- "reuse": the two share text (see `reuse`); the earlier one is cited. When their dates do
  not tell, a dateline credit decides; failing that the edge is "shared", direction unknown.

Names only point back in time: a document published later than the one naming its outlet
is never cited. Links need no dates; for shared text, dates only decide the direction.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

from claimgraph.link.names import OutletIndex, name_key
from claimgraph.link.reuse import DEFAULT_SHARE, Reuse, find_text_reuse
from claimgraph.model import Citation, Claim, DocRef

__all__ = ["CitationResult", "find_citations", "reporting_cycles", "url_key"]

# A credit at the head of a story: "KALDER (Northern Wire) — …" or "(NW) - …".
_DATELINE = re.compile(r"\(([^()\n]{2,80})\)\s*[-–—]")
DATELINE_REACH = 300  # characters from the start in which a dateline credit is looked for
_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_EVIDENCE = 3
_UNDATED = " (a publication date is missing: order not checked)"


@dataclass(frozen=True, slots=True)
class CitationResult:
    citations: tuple[Citation, ...]
    cycles: tuple[tuple[str, ...], ...]  # each a sorted tuple of source ids


# ---- dates ---------------------------------------------------------------------------------

Stamp = tuple[str, str | None]  # (the date as written, the moment in UTC when a time is given)


def _stamp(value: str | None) -> Stamp | None:
    """An ISO date or datetime as something comparable; None when absent or unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if len(text) <= 10:
            return date.fromisoformat(text).isoformat(), None
        moment = datetime.fromisoformat(text)
    except ValueError:
        prefix = _DATE_PREFIX.match(text)
        return (prefix.group(0), None) if prefix else None
    day = moment.date().isoformat()  # the day where it was published
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return day, moment.isoformat()


def _rank(stamp: Stamp | None) -> tuple[int, str, str]:
    """Sorts later moments higher; an unknown date lowest of all."""
    return (0, "", "") if stamp is None else (1, stamp[0], stamp[1] or "")


def _compare(a: Stamp | None, b: Stamp | None) -> int | None:
    """-1 if a is earlier, 1 if later, 0 on the same day (or moment), None when unknown."""
    if a is None or b is None:
        return None
    # Two times are compared as moments; otherwise by the day each gives.
    first, second = (a[1], b[1]) if a[1] and b[1] else (a[0], b[0])
    return (first > second) - (first < second)


# ---- the case as the edge finders see it ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Case:
    docs: dict[str, DocRef]
    stamps: dict[str, Stamp | None]
    outlets: OutletIndex
    # name_key(publisher) → its documents, oldest first (undated before all), and their ranks
    by_outlet: dict[str, tuple[DocRef, ...]]
    ranks: dict[str, list[tuple[int, str, str]]]

    @classmethod
    def of(cls, docs: Sequence[DocRef]) -> _Case:
        stamps = {d.id: _stamp(d.published) for d in docs}
        grouped: dict[str, list[DocRef]] = {}
        for doc in docs:
            if doc.publisher and name_key(doc.publisher):
                grouped.setdefault(name_key(doc.publisher), []).append(doc)
        by_outlet = {
            k: tuple(sorted(v, key=lambda d: (_rank(stamps[d.id]), d.id)))
            for k, v in grouped.items()
        }
        return cls(
            docs={d.id: d for d in docs},
            stamps=stamps,
            outlets=OutletIndex(d.publisher for d in docs if d.publisher),
            by_outlet=by_outlet,
            ranks={k: [_rank(stamps[d.id]) for d in v] for k, v in by_outlet.items()},
        )

    def order(self, a: str, b: str) -> int | None:
        return _compare(self.stamps[a], self.stamps[b])

    def outlet(self, name: str, doc: DocRef) -> str | None:
        """The key of the publisher `name` refers to, unless it is `doc`'s own."""
        found = self.outlets.match(name)
        if found is None:
            return None
        key = name_key(found)
        return None if doc.publisher and name_key(doc.publisher) == key else key

    def dated_note(self, a: str, b: str) -> str:
        return _UNDATED if self.order(a, b) is None else ""

    def may_cite(self, doc: DocRef, cited: DocRef, outlet: str) -> bool:
        """A name can only point back in time: never to a document published after `doc`."""
        if cited.id == doc.id or not cited.publisher or name_key(cited.publisher) != outlet:
            return False
        return self.order(cited.id, doc.id) != 1

    def pick(self, doc: DocRef, outlet: str, preferred: AbstractSet[str]) -> list[DocRef]:
        """The outlet's documents `doc` may cite: the `preferred` ones, else the latest one."""
        ranked = self.by_outlet.get(outlet, ())
        if len(preferred) < len(ranked):
            pool = [self.docs[d] for d in preferred if d in self.docs]
        else:
            pool = [d for d in ranked if d.id in preferred]
        chosen = sorted((d for d in pool if self.may_cite(doc, d, outlet)), key=lambda d: d.id)
        if chosen:
            return chosen
        stamp = self.stamps[doc.id]
        # Skip every document of a later day at once; same-day ones are checked one by one.
        end = len(ranked) if stamp is None else bisect_right(self.ranks[outlet], (1, stamp[0], "~"))
        for i in range(end - 1, -1, -1):
            if self.may_cite(doc, ranked[i], outlet):
                return [ranked[i]]
        return []


# ---- edge finders --------------------------------------------------------------------------


def url_key(url: str, base: str | None = None) -> str | None:
    """A URL for comparison: host without case or "www.", no scheme, fragment or final slash."""
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        host = (parts.hostname or "").removeprefix("www.")
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    # http and https copies of a page are the same document; default ports say nothing.
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    return f"{netloc}{path}?{parts.query}" if parts.query else f"{netloc}{path}"


def _link_edges(case: _Case) -> Iterator[Citation]:
    by_url: dict[str, list[str]] = {}
    for doc in case.docs.values():
        key = url_key(doc.url) if doc.url else None
        if key:
            by_url.setdefault(key, []).append(doc.id)
    for doc in case.docs.values():
        for link in doc.links:
            key = url_key(link, doc.url)
            for cited in by_url.get(key or "", ()):
                yield Citation(doc.id, cited, "link", f"links to {link}")


Figure = tuple[str, float | None, float | None]  # what is counted, low, high


def _figure(claim: Claim) -> Figure | None:
    q = claim.quantity
    return None if q is None else (str(q.counts), q.low, q.high)


def _carriers(claims: Sequence[Claim]) -> dict[Figure, set[str]]:
    """For each figure, the sources with a claim carrying it."""
    found: dict[Figure, set[str]] = {}
    for claim in claims:
        figure = _figure(claim)
        if figure is not None:
            found.setdefault(figure, set()).add(claim.source_id)
    return found


def _named(claim: Claim) -> Iterator[tuple[str, str]]:
    for link in claim.chain:
        yield link.name, f'chain names "{link.name}"'
    if claim.claimant is not None:
        yield claim.claimant.name, f'claimant is "{claim.claimant.name}"'


def _claim_edges(case: _Case, claims: Sequence[Claim]) -> Iterator[Citation]:
    carriers = _carriers(claims)
    for claim in claims:
        doc = case.docs.get(claim.source_id)
        if doc is None:
            continue
        figure = _figure(claim)
        # The outlet's documents carrying the same figure are where it was most likely read.
        same = carriers.get(figure, set()) if figure is not None else set()
        for name, why in _named(claim):
            outlet = case.outlet(name, doc)
            if outlet is None:
                continue
            for cited in case.pick(doc, outlet, same):
                yield Citation(
                    doc.id, cited.id, "explicit", why + case.dated_note(doc.id, cited.id)
                )


def _credits(case: _Case, texts: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Documents whose opening credits another publisher: id → (publisher key, name as written)."""
    found: dict[str, tuple[str, str]] = {}
    for doc_id, doc in case.docs.items():
        for match in _DATELINE.finditer(texts.get(doc_id, "")[:DATELINE_REACH]):
            outlet = case.outlet(match.group(1), doc)
            if outlet is not None:
                found[doc_id] = (outlet, match.group(1).strip())
                break
    return found


def _dateline_edges(
    case: _Case, credits: Mapping[str, tuple[str, str]], reuse: Sequence[Reuse]
) -> Iterator[Citation]:
    sharing: dict[str, set[str]] = {}
    for pair in reuse:
        sharing.setdefault(pair.doc_a, set()).add(pair.doc_b)
        sharing.setdefault(pair.doc_b, set()).add(pair.doc_a)
    for doc_id, (outlet, written) in sorted(credits.items()):
        doc = case.docs[doc_id]
        for cited in case.pick(doc, outlet, sharing.get(doc_id, set())):
            note = case.dated_note(doc_id, cited.id)
            yield Citation(doc_id, cited.id, "explicit", f'dateline credits "{written}"{note}')


def _reuse_edge(case: _Case, pair: Reuse, credits: Mapping[str, tuple[str, str]]) -> Citation:
    a, b = case.docs[pair.doc_a], case.docs[pair.doc_b]
    # Rounded down, so "100%" means every sequence.
    shares = f"shares {math.floor(pair.share * 100)}% of the shorter text's 5-word sequences"
    order = case.order(a.id, b.id)
    if order:
        citing, cited = (b, a) if order < 0 else (a, b)
        return Citation(citing.id, cited.id, "reuse", f"{shares}; the cited one is older")
    for citing, cited in ((a, b), (b, a)):
        credit = credits.get(citing.id)
        if credit and cited.publisher and credit[0] == name_key(cited.publisher):
            return Citation(
                citing.id, cited.id, "reuse", f'{shares}; dateline credits "{credit[1]}"'
            )
    # Undecided: the one with the smaller (date, id) stands as the cited one, by convention.
    known = [d for d in (a, b) if case.stamps[d.id] is not None]
    first = min(known or (a, b), key=lambda d: (_rank(case.stamps[d.id]), d.id))
    second = b if first is a else a
    why = "same date" if order == 0 else "a date is missing"
    return Citation(second.id, first.id, "shared", f"{shares}; direction unknown ({why})")


# ---- assembling ----------------------------------------------------------------------------


def _merge(edges: Iterable[Citation]) -> tuple[Citation, ...]:
    """One citation per (citing, cited, how), its reasons joined; no self-citations."""
    reasons: dict[tuple[str, str, str], set[str]] = {}
    for edge in edges:
        if edge.citing != edge.cited:
            reasons.setdefault((edge.citing, edge.cited, edge.how), set()).add(edge.evidence)
    merged = []
    for (citing, cited, how), found in sorted(reasons.items()):
        shown = sorted(found)[:_MAX_EVIDENCE]
        more = len(found) - len(shown)
        evidence = "; ".join(shown) + (f"; and {more} more" if more else "")
        merged.append(Citation(citing, cited, how, evidence))
    return tuple(merged)


def find_citations(
    docs: Sequence[DocRef],
    texts: Mapping[str, str],
    claims: Sequence[Claim],
    *,
    reuse: Iterable[Reuse] | None = None,
    reuse_threshold: float = DEFAULT_SHARE,
) -> CitationResult:
    """Every citation among `docs`, and the cycles they form.

    `texts` maps document ids to their plain text; `reuse` may pass pairs already found (for
    instance from cached signatures), otherwise they are computed from `texts`."""
    case = _Case.of(docs)
    if reuse is None:
        shared = find_text_reuse(
            {d: t for d, t in texts.items() if d in case.docs}, threshold=reuse_threshold
        )
    else:
        shared = tuple(r for r in reuse if r.doc_a in case.docs and r.doc_b in case.docs)
    credits = _credits(case, texts)
    citations = _merge(
        [
            *_link_edges(case),
            *_claim_edges(case, claims),
            *_dateline_edges(case, credits, shared),
            *(_reuse_edge(case, pair, credits) for pair in shared),
        ]
    )
    return CitationResult(citations, reporting_cycles(citations))


# ---- cycles --------------------------------------------------------------------------------


def reporting_cycles(citations: Iterable[Citation]) -> tuple[tuple[str, ...], ...]:
    """Strongly connected groups of more than one source in the citing → cited graph.

    "shared" edges have no direction and take no part. Tarjan's algorithm, iteratively, so a
    long chain of sources cannot exhaust the interpreter's stack."""
    graph: dict[str, list[str]] = {}
    for c in citations:
        if c.how != "shared":
            graph.setdefault(c.citing, []).append(c.cited)
            graph.setdefault(c.cited, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[tuple[str, ...]] = []
    for root in sorted(graph):
        if root not in index:
            found.extend(_strong_components(root, graph, index, low, stack))
    return tuple(sorted(found))


def _strong_components(
    root: str,
    graph: Mapping[str, list[str]],
    index: dict[str, int],
    low: dict[str, int],
    stack: list[str],
) -> Iterator[tuple[str, ...]]:
    on_stack = set(stack)
    work: list[tuple[str, Iterator[str]]] = []

    def enter(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        work.append((node, iter(sorted(set(graph[node])))))

    enter(root)
    while work:
        node, children = work[-1]
        child = next(children, None)
        if child is not None:
            if child not in index:
                enter(child)
            elif child in on_stack:
                low[node] = min(low[node], index[child])
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[node])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                yield tuple(sorted(component))
