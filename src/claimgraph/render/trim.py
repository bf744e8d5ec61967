"""A provenance too large to read as a drawing (a figure repeated by a thousand outlets
from a thousand origins) is drawn in part: the origins most paths lead to, each with
every path into it, until the drawing holds `cap` links (an origin with more paths than
that alone: the `cap` links nearest to it). The counts stay the whole
proposition's; the drawing says how much of it it shows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from claimgraph.model.analysis import Edge, PropositionResult


def trimmed(result: PropositionResult, cap: int) -> PropositionResult:
    if len(result.edges) <= cap:
        return result
    by_to: dict[str, list[Edge]] = defaultdict(list)
    for e in result.edges:
        by_to[e.to].append(e)
    paths_into = {o.key: _paths_into(o.key, by_to) for o in result.origins}
    kept: dict[Edge, None] = {}
    chosen: set[str] = set()
    for key in sorted(paths_into, key=lambda k: (-len(paths_into[k]), k)):
        paths = paths_into[key]
        fresh = [e for e in paths if e not in kept]
        if len(kept) + len(fresh) > cap:
            if not chosen:  # one origin with more paths than a drawing holds: the nearest
                kept.update(dict.fromkeys(fresh[:cap]))  # links (read back from it, so
                chosen.add(key)  # each kept link leads on to the origin)
            break
        kept.update(dict.fromkeys(fresh))
        chosen.add(key)
    origins = tuple(o for o in result.origins if o.key in chosen)
    return replace(result, origins=origins, edges=tuple(kept))


def _paths_into(node: str, by_to: dict[str, list[Edge]]) -> list[Edge]:
    """Every edge on a path that ends at `node` (cycles visited once)."""
    out: list[Edge] = []
    seen, todo = {node}, [node]
    while todo:
        for e in by_to.get(todo.pop(), ()):
            out.append(e)
            if e.frm not in seen:
                seen.add(e.frm)
                todo.append(e.frm)
    return out
