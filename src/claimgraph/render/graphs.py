"""Provenance of a proposition, drawn: the sources that carry it on the left, its independent
origins on the right, the outlets and intermediaries it passed through in between.

A node's column is its longest path from a source, computed on the graph with its cycles
broken. Circular reporting is real, so a cycle must neither hang the layout nor vanish from
it: the edges that close one are left out of the layering only, and drawn dashed."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from claimgraph.model.analysis import Edge, Origin, PropositionResult
from claimgraph.render import svg
from claimgraph.render.svg import MUTED, SideColours, el, plural
from claimgraph.render.trim import trimmed

__all__ = ["provenance_svg", "provenance_text"]

_BOX_H = 26.0
_ROW = _BOX_H + 22.0  # box plus the gap below it
_COL_GAP = 100.0  # room for the arrow and its label between columns
_MARGIN = 16.0
_HEADER = 84.0
_MAX_PATHS = 500  # lines of provenance_text; the number of paths can grow exponentially
_EDGE = "#555555"
# An edge's label: small, with a white halo so that it reads over the lines it crosses.
_HOW: dict[str, svg.Attr] = {"text-anchor": "middle", "font-size": 10, "fill": MUTED}
_HOW |= {"stroke": "#ffffff", "stroke-width": 3, "paint-order": "stroke"}

Namer = Callable[[str], str]
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class _Graph:
    nodes: tuple[str, ...]  # sorted, so the drawing does not depend on the edges' order
    edges: tuple[Edge, ...]  # distinct, in the order given
    back: frozenset[Edge]  # the edges that close a cycle
    origins: Mapping[str, Origin]

    @property
    def forward(self) -> list[Edge]:
        return [e for e in self.edges if e not in self.back]


def _graph(result: PropositionResult) -> _Graph:
    edges = tuple(dict.fromkeys(result.edges))  # an edge given twice says nothing more
    origins = {origin.key: origin for origin in result.origins}
    nodes = tuple(sorted({e.frm for e in edges} | {e.to for e in edges} | set(origins)))
    return _Graph(nodes, edges, _cycle_edges(nodes, edges), origins)


def _outgoing(edges: Sequence[Edge]) -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = {}
    for edge in sorted(edges, key=lambda e: (e.to, e.how)):
        out.setdefault(edge.frm, []).append(edge)
    return out


def _cycle_edges(nodes: Sequence[str], edges: Sequence[Edge]) -> frozenset[Edge]:
    """The edges that close a cycle: back edges of an iterative depth-first search started
    from the sources, then from any node still unvisited (cycles no source leads into)."""
    out = _outgoing(edges)
    entered = {e.to for e in edges}
    starts = [n for n in nodes if n not in entered] + [n for n in nodes if n in entered]
    state: dict[str, int] = {}  # 1: on the current path; 2: done
    back: set[Edge] = set()
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(out.get(start, ())))]
        while stack:
            node, pending = stack[-1]
            edge = next(pending, None)
            if edge is None:
                state[node] = 2
                stack.pop()
            elif state.get(edge.to) == 1:
                back.add(edge)
            elif edge.to not in state:
                state[edge.to] = 1
                stack.append((edge.to, iter(out.get(edge.to, ()))))
    return frozenset(back)


def _topological(graph: _Graph) -> list[str]:
    """The nodes, each after all its predecessors along the edges that close no cycle."""
    forward = graph.forward
    waiting = Counter(e.to for e in forward)
    out = _outgoing(forward)
    ready = deque(n for n in graph.nodes if not waiting[n])
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for edge in out.get(node, ()):
            waiting[edge.to] -= 1
            if not waiting[edge.to]:
                ready.append(edge.to)
    return order


def _layers(graph: _Graph) -> dict[str, int]:
    """Longest path from a source; every origin in the last column."""
    layer = dict.fromkeys(graph.nodes, 0)
    out = _outgoing(graph.forward)
    for node in _topological(graph):
        for edge in out.get(node, ()):
            layer[edge.to] = max(layer[edge.to], layer[node] + 1)
    inner = [layer[n] for n in graph.nodes if n not in graph.origins]
    last = max([*(layer[key] for key in graph.origins), max(inner, default=-1) + 1])
    return {n: last if n in graph.origins else layer[n] for n in graph.nodes}


def _namer(result: PropositionResult, names: Mapping[str, str]) -> Namer:
    known = {origin.key: origin.name for origin in result.origins}

    def name(node: str) -> str:
        return svg.one_line(names.get(node) or known.get(node) or node) or node

    return name


def _summary(result: PropositionResult) -> str:
    origins = plural(len(result.origins), "independent origin")
    return f"{plural(len(result.source_ids), 'source')}, {origins}"


# --- plain text -------------------------------------------------------------------------


def provenance_text(result: PropositionResult, names: Mapping[str, str]) -> str:
    """The provenance as indented plain text: a header, then one path per line from a
    source to where it ends (an origin, as far as the evidence goes), e.g.
    "  Ulthara Today → Senneth Ledger → Northern Wire → local stringer → Halid Orun".
    A path that runs into a cycle ends with the node it returns to and "(cycle)"."""
    graph, name = _graph(result), _namer(result, names)
    lines = [f"{svg.one_line(result.label)}: {_summary(result)}"]
    paths = list(islice(_paths(graph, name), _MAX_PATHS))
    lines += ["  " + path for path in paths]
    total = _count_paths(graph)
    if total > len(paths):
        lines.append(f"  … {total - len(paths):,} more paths not listed")
    if not graph.nodes:
        lines.append("  (no provenance recorded)")
    return "\n".join(lines) + "\n"


def _paths(graph: _Graph, name: Namer) -> Iterator[str]:
    """Every path from a node nothing leads to, depth first, in name order."""

    def order(e: Edge) -> tuple[str, str]:
        return name(e.to).casefold(), e.to

    out, back = _outgoing(graph.forward), _outgoing(sorted(graph.back, key=order))
    entered = {e.to for e in graph.forward}
    starts = sorted(
        (n for n in graph.nodes if n not in entered), key=lambda n: (name(n).casefold(), n)
    )
    for start in starts:
        stack = [[start]]
        while stack:
            path = stack.pop()
            nexts = sorted(out.get(path[-1], ()), key=order)
            for edge in back.get(path[-1], ()):
                yield " → ".join(name(n) for n in [*path, edge.to]) + " (cycle)"
            if not nexts and not back.get(path[-1]):
                yield " → ".join(name(n) for n in path)
            stack.extend([*path, edge.to] for edge in reversed(nexts))


def _count_paths(graph: _Graph) -> int:
    """How many lines `_paths` would give, without listing them."""
    out, back = _outgoing(graph.forward), _outgoing(list(graph.back))
    count: dict[str, int] = {}
    for node in reversed(_topological(graph)):
        ends = len(back.get(node, ()))
        below = sum(count[e.to] for e in out.get(node, ()))
        count[node] = below + ends if below or ends else 1
    entered = {e.to for e in graph.forward}
    return sum(count[n] for n in graph.nodes if n not in entered)


# --- drawing ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    at: Mapping[str, tuple[float, float]]  # top-left corner of each node's box
    box_w: float
    bottom: float  # below the last row: where edges running backwards go
    width: int
    height: int


def _layout(graph: _Graph, name: Namer) -> _Layout:
    columns = _columns(graph, _layers(graph), name)
    widest = max((svg.text_width(name(n), 12) for n in graph.nodes), default=0.0)
    box_w = min(max(widest + 20, 90.0), 220.0)
    tallest = max((len(c) for c in columns), default=0)
    at: dict[str, tuple[float, float]] = {}
    for c, members in enumerate(columns):
        top = _HEADER + (tallest - len(members)) // 2 * _ROW  # centred, on one grid of rows
        for i, node in enumerate(members):
            at[node] = (_MARGIN + c * (box_w + _COL_GAP), top + i * _ROW)
    width = 2 * _MARGIN + 24 + len(columns) * box_w + max(len(columns) - 1, 0) * _COL_GAP
    bottom = _HEADER + tallest * _ROW - (_ROW - _BOX_H) + 14
    height = bottom + 6 * len(graph.back) + 24  # one lane below the boxes per cycle edge
    return _Layout(at, box_w, bottom, max(int(width), 480), int(height))


def _columns(graph: _Graph, layer: Mapping[str, int], name: Namer) -> list[list[str]]:
    """Nodes per column, each column ordered by the mean row of its predecessors (fewer
    crossings), then by name."""
    preds: dict[str, list[str]] = {}
    for edge in graph.forward:
        preds.setdefault(edge.to, []).append(edge.frm)
    row: dict[str, float] = {}
    columns: list[list[str]] = []
    for c in range(max(layer.values(), default=-1) + 1):
        members = [n for n in graph.nodes if layer[n] == c]
        members.sort(key=lambda n: (_centre(preds.get(n, ()), row), name(n).casefold(), n))
        row.update((n, i - (len(members) - 1) / 2) for i, n in enumerate(members))
        columns.append(members)
    return columns


def _centre(preds: Sequence[str], row: Mapping[str, float]) -> tuple[int, float]:
    placed = [row[p] for p in preds if p in row]
    return (0, sum(placed) / len(placed)) if placed else (1, 0.0)


def provenance_svg(
    result: PropositionResult,
    names: Mapping[str, str],
    *,
    max_links: int | None = None,
    part: PropositionResult | None = None,
) -> str:
    """The provenance of one proposition as a standalone, accessible SVG document: one box
    per node (edge ends and origins), one arrow per distinct edge, labelled with its `how`.
    `names` maps node ids to labels; a node without one shows its id. With `max_links`,
    a larger provenance is drawn in part (render/trim.py) and says so; `part` is that part
    when the caller trimmed it already (to name only the nodes drawn)."""
    drawn = part or (trimmed(result, max_links) if max_links else result)
    graph, name = _graph(drawn), _namer(drawn, names)
    layout = _layout(graph, name)
    ident = svg.uid("provenance", repr(result), repr([name(n) for n in graph.nodes]))
    colours = SideColours.of(o.side for o in result.origins)
    width = max(layout.width, _header_width(result, graph, colours))
    body = [el("defs", {}, _arrowhead(ident)), _header(result, graph, width, colours, drawn)]
    body.append(el("g", {"class": "edges"}, *_edges(graph, layout, name, ident)))
    body.append(el("g", {"class": "nodes"}, *_nodes(graph, layout, name, colours)))
    if not graph.nodes:
        body.append(svg.note(width / 2, _HEADER + 10, "no provenance recorded"))
    title = f"Provenance: {svg.one_line(result.label)}"
    desc = (
        f"{_summary(result)}. {plural(len(graph.nodes), 'node')} and"
        f" {plural(len(graph.edges), 'link')} from the sources (left) to the origins (right)"
        f"{_cycle_note(graph)}."
    )
    return svg.document(
        ident=ident, width=width, height=layout.height, title=title, desc=desc, body=body
    )


def _arrowhead(ident: str) -> str:
    attrs: dict[str, svg.Attr] = {"id": f"{ident}-arrow", "viewBox": "0 0 10 10", "refX": 9}
    attrs |= {"refY": 5, "markerWidth": 7, "markerHeight": 7, "orient": "auto"}
    return el("marker", attrs, el("path", {"d": "M0 0L10 5L0 10z", "fill": _EDGE}))


def _cycle_note(graph: _Graph) -> str:
    if not graph.back:
        return ""
    count = len(graph.back)
    verb = "closes" if count == 1 else "close"
    return f"; circular reporting: {plural(count, 'link')} {verb} a cycle (dashed)"


def _side_text(side: str | None) -> str:
    return svg.truncate(svg.side_label(side), 24)


def _header_width(result: PropositionResult, graph: _Graph, colours: SideColours) -> int:
    """Wide enough for the summary line and the origin sides' key."""
    summary = svg.text_width(_summary(result) + _cycle_note(graph), 12)
    order = colours.legend_order(o.side for o in result.origins)
    key = 90 + sum(24 + svg.text_width(_side_text(side), 12) for side in order)
    return int(2 * _MARGIN + max(summary, key)) + 1


def _header(
    result: PropositionResult,
    graph: _Graph,
    width: int,
    colours: SideColours,
    drawn: PropositionResult,
) -> str:
    limit = int((width - 2 * _MARGIN) / 8.5)
    part = ""
    if len(drawn.edges) < len(result.edges):
        part = f"; drawn in part: {len(drawn.edges)} of {len(result.edges)} links"
        if len(drawn.origins) < len(result.origins):
            part += f", the paths to {len(drawn.origins)} of the origins"
    parts = [
        svg.heading(_MARGIN, 24, svg.truncate(result.label, limit)),
        svg.label(_MARGIN, 44, _summary(result) + part + _cycle_note(graph), fill=MUTED),
    ]
    order = colours.legend_order(o.side for o in result.origins)
    if order:
        parts.append(svg.label(_MARGIN, 64, "origin sides:", fill=MUTED))
        x = _MARGIN + 90
        for side in order:
            text = _side_text(side)
            swatch = svg.rect(x, 55, 10, 10, fill=colours.colour(side))
            key = [el("title", text=svg.side_label(side)), swatch, svg.label(x + 14, 64, text)]
            parts.append(el("g", {"class": "legend-side"}, *key))
            x += 24 + svg.text_width(text, 12)
    return el("g", {"class": "header"}, *parts)


def _nodes(graph: _Graph, layout: _Layout, name: Namer, colours: SideColours) -> list[str]:
    boxes = []
    limit = max(int((layout.box_w - 16) / 7.2), 4)
    for node in graph.nodes:
        x, y = layout.at[node]
        origin = graph.origins.get(node)
        roles = [r for r, on in (("source", node.startswith("source:")), ("origin", origin)) if on]
        tip = [name(node), f"id: {svg.one_line(node)}", " and ".join(roles) or "intermediary"]
        if origin is not None:
            tip.append(f"side: {svg.side_label(origin.side)}")
        stroke = colours.colour(origin.side) if origin is not None else "#888888"
        fill = "#f2f2f2" if "source" in roles else "#ffffff"
        width = 2.5 if origin else 1
        box = svg.rect(
            x, y, layout.box_w, _BOX_H, rx=4, fill=fill, stroke=stroke, stroke_width=width
        )
        text = svg.label(
            x + layout.box_w / 2, y + 17, svg.truncate(name(node), limit), text_anchor="middle"
        )
        cls = " ".join(["node", *roles]) if roles else "node link"
        boxes.append(el("g", {"class": cls}, el("title", text="\n".join(tip)), box, text))
    return boxes


def _edges(graph: _Graph, layout: _Layout, name: Namer, ident: str) -> list[str]:
    drawn = []
    seen: Counter[tuple[str, str]] = Counter()
    lanes: Counter[float] = Counter()
    for edge in graph.edges:
        nth = seen[(edge.frm, edge.to)]  # parallel edges: stack their labels
        seen[(edge.frm, edge.to)] += 1
        d, (lx, ly) = _route(edge, layout, lanes)
        cycle = edge in graph.back
        tip = f"{name(edge.frm)} → {name(edge.to)} ({svg.one_line(edge.how)})"
        tip += "\ncloses a cycle: circular reporting" if cycle else ""
        pen: dict[str, svg.Attr] = {"fill": "none", "stroke": _EDGE, "stroke-width": 1.3}
        pen["stroke-dasharray"] = "5 3" if cycle else None
        path = el("path", {"d": d, **pen, "marker-end": f"url(#{ident}-arrow)"})
        spot = {"x": lx, "y": ly + nth * 11, **_HOW}
        how = el("text", spot, text=svg.truncate(edge.how, 18))
        cls = "edge cycle" if cycle else "edge"
        drawn.append(el("g", {"class": cls}, el("title", text=tip), path, how))
    return drawn


def _route(edge: Edge, layout: _Layout, lanes: Counter[float]) -> tuple[str, Point]:
    """Path data from one box to another, and where its label goes. An edge that passes
    other columns runs along a free lane between rows (`lanes` counts the edges on each,
    so that they run side by side, not on top of each other)."""
    (x1, y1), (x2, y2), w = layout.at[edge.frm], layout.at[edge.to], layout.box_w
    if edge.frm == edge.to:  # a source citing itself: a loop in the gap to its right
        sx, sy, side = x1 + w, y1 + 6, x1 + w + 34
        d, mid = _bezier((sx, sy), (side, y1 - 4), (side, y1 + _BOX_H + 4), (sx, y1 + _BOX_H - 6))
        return f"M{_pt(sx, sy)}{d}", (side + 6, mid[1])
    if x2 <= x1:  # against the flow: down the gaps and along a lane under all the boxes
        lane = layout.bottom + 6 * lanes[-1.0]
        lanes[-1.0] += 1
        ya, yb, gx1, gx2 = y1 + _BOX_H * 0.75, y2 + _BOX_H * 0.75, x1 + w + 14, x2 + w + 14
        turns = ((gx1, ya), (gx1, lane), (gx2, lane), (gx2, yb), (x2 + w, yb))
        d = f"M{_pt(x1 + w, ya)}" + "".join(f"L{_pt(*p)}" for p in turns)
        return d, ((gx1 + gx2) / 2 - 20, lane - 3)
    sx, sy, ex, ey = x1 + w, y1 + _BOX_H / 2, x2, y2 + _BOX_H / 2
    half = _COL_GAP / 2
    if ex - sx <= _COL_GAP + 1:  # neighbouring columns: one S-curve
        d, mid = _bezier((sx, sy), (sx + half, sy), (ex - half, ey), (ex, ey))
        return f"M{_pt(sx, sy)}{d}", mid
    # Across columns: out into the lane above the target's row, along it, then in.
    lane = y2 - (_ROW - _BOX_H) / 2 + (0, 4, -4, 8, -8)[int(lanes[y2]) % 5]
    lanes[y2] += 1
    out, _ = _bezier((sx, sy), (sx + half, sy), (sx + half, lane), (sx + _COL_GAP, lane))
    into, mid = _bezier((ex - _COL_GAP, lane), (ex - half, lane), (ex - half, ey), (ex, ey))
    return f"M{_pt(sx, sy)}{out}L{_pt(ex - _COL_GAP, lane)}{into}", mid


def _pt(x: float, y: float) -> str:
    return f"{svg.coord(x)} {svg.coord(y)}"


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point) -> tuple[str, Point]:
    """A "C" command from the current point p0, and the curve's midpoint (a little above,
    for its label)."""
    d = "C" + " ".join(_pt(*p) for p in (p1, p2, p3))
    x = (p0[0] + 3 * p1[0] + 3 * p2[0] + p3[0]) / 8
    y = (p0[1] + 3 * p1[1] + 3 * p2[1] + p3[1]) / 8
    return d, (x, y - 4)
