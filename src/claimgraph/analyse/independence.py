"""Independent origins: how many separate first-hand sources really stand behind a claim.

Each supporting claim is followed from its source through its chain of intermediaries to
its claimant (after actor resolution). A source that asserts the figure in its own voice
is an origin itself, unless it cites or copies an earlier source that carries the same
figure: then it is an echo of that source. "Two outlets, one stringer, one cleric" is one
origin, because both outlets end at the same cleric."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claimgraph.analyse.directory import Directory
from claimgraph.link.propositions import Grouped
from claimgraph.model import Citation, Claim, DocRef, Edge, Origin, Stance

SUPPORT = frozenset({Stance.ASSERTED, Stance.HEDGED})


@dataclass(frozen=True, slots=True)
class Traced:
    group: Grouped
    support_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    origins: tuple[Origin, ...]
    edges: tuple[Edge, ...]
    first_seen: str | None
    supporters: frozenset[str]  # entity ids that assert it (origins and relays)
    first_claim: str | None = None  # the earliest claim that asserts it (by day, then id)


def citations_by_source(citations: Sequence[Citation]) -> dict[str, list[Citation]]:
    out: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        out[c.citing].append(c)
    return out


def trace(
    group: Grouped,
    claims: Mapping[str, Claim],
    docs: Mapping[str, DocRef],
    directory: Directory,
    cites: Mapping[str, Sequence[Citation]],
    claim_day: Mapping[str, str | None],
) -> Traced:
    support = [claims[i] for i in group.claim_ids if claims[i].stance in SUPPORT]
    sources = {c.source_id for c in support}
    edges: set[Edge] = set()
    origins: dict[str, Origin] = {}
    supporters: set[str] = set()
    voiced: set[str] = set()  # sources that name an origin for it somewhere
    for c in support:
        end = _walk(c, directory, edges, supporters)
        if end is not None:
            key = _speaks_for(end, directory, edges)
            origins[key] = _origin(key, directory)
            voiced.add(c.source_id)
    for c in support:
        if c.claimant is not None or c.chain or c.source_id in voiced:
            continue  # a headline repeating what its own body attributes adds no origin
        node = f"source:{c.source_id}"
        upstream = [x for x in cites.get(c.source_id, ()) if x.cited in sources]
        for x in upstream:
            edges.add(Edge(node, f"source:{x.cited}", x.how))
        if not upstream:
            own = directory.publisher_node(docs.get(c.source_id)) or node
            edges.add(Edge(node, own, "asserts"))
            origins[own] = _origin(own, directory)
    first = min(support, key=lambda c: (claim_day.get(c.id) or "9999", c.id), default=None)
    if first is not None and not origins:  # only a citation cycle: its earliest speaks first
        own = directory.publisher_node(docs.get(first.source_id)) or f"source:{first.source_id}"
        origins[own] = _origin(own, directory)
    days = [d for c in support if (d := claim_day.get(c.id))]
    return Traced(
        group=group,
        support_ids=tuple(sorted(c.id for c in support)),
        source_ids=tuple(sorted(sources)),
        origins=tuple(origins[k] for k in sorted(origins)),
        edges=tuple(sorted(edges, key=lambda e: (e.frm, e.to, e.how))),
        first_seen=min(days) if days else None,
        supporters=frozenset(supporters | set(origins)),
        first_claim=first.id if first else None,
    )


def _walk(c: Claim, directory: Directory, edges: set[Edge], supporters: set[str]) -> str | None:
    """Add the path source → chain → claimant; return the origin node, if the text names one."""
    prev = f"source:{c.source_id}"
    for link in c.chain:
        node = directory.node_for_name(link.name)
        if node != prev:
            edges.add(Edge(prev, node, link.cue or "chain"))
        supporters.add(node)
        prev = node
    if c.claimant is not None:
        ent = directory.of_actor(c.claimant.id)
        node = ent.id if ent else directory.node_for_name(c.claimant.name)
        if node != prev:
            edges.add(Edge(prev, node, "claimant"))
        return node
    return prev if c.chain else None


def _speaks_for(node: str, directory: Directory, edges: set[Edge]) -> str:
    """A spokesman and the body he speaks for are one origin: the body."""
    e = directory.entities.get(node)
    if e is None:
        return node
    top = directory.top(e)
    if top.id != e.id:
        edges.add(Edge(e.id, top.id, "speaks for"))
    return top.id


def _origin(node: str, directory: Directory) -> Origin:
    return Origin(key=node, name=directory.label(node), side=directory.side(node))
