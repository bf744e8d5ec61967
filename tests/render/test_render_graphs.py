"""The provenance graph: one box per node, one arrow per edge, sources left and origins right,
cycles survived, and the same paths as plain text."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree

from claimgraph.model import Edge, Grade, Origin, PropositionResult
from claimgraph.render.graphs import provenance_svg, provenance_text

NS = "{http://www.w3.org/2000/svg}"

NAMES = {
    "source:ut": "Ulthara Today",
    "source:sl": "Senneth Ledger",
    "source:nw": "Northern Wire (article)",
    "source:day1": "Wire, day 1",
    "ent:nw": "Northern Wire",
    "ent:stringer": "local stringer",
    "ent:halid": "Halid Orun",
    "ent:minister": "Interior Minister",
}
WORKED = (
    Edge("source:ut", "source:sl", "cites"),
    Edge("source:sl", "ent:nw", "chain"),
    Edge("source:nw", "ent:nw", "asserts"),
    Edge("ent:nw", "ent:stringer", "chain"),
    Edge("ent:stringer", "ent:halid", "claimant"),
    Edge("source:day1", "ent:minister", "claimant"),
)
ORIGINS = (
    Origin("ent:halid", "Halid Orun", None),
    Origin("ent:minister", "Interior Minister", "Government"),
)


def result(
    edges: tuple[Edge, ...] = WORKED,
    origins: tuple[Origin, ...] = ORIGINS,
    sources: tuple[str, ...] = ("ut", "sl", "nw", "day1"),
    label: str = "477 killed at Ulthara",
) -> PropositionResult:
    return PropositionResult(
        id="prop-1",
        label=label,
        kind="quantity",
        event="event-1",
        counts="killed",
        subject="villagers",
        low=477.0,
        high=477.0,
        qualifier="exact",
        claim_ids=("c1", "c2"),
        support_ids=("c1", "c2"),
        source_ids=sources,
        origins=origins,
        edges=edges,
        first_seen="2024-03-03",
        grade=Grade(3, "one origin"),
    )


def parse(text: str) -> Element:
    root: Element = ElementTree.fromstring(text)
    return root


def classed(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def box_x(root: Element) -> dict[str, float]:
    """Each node's label (the first line of its tooltip) → the x of its box."""
    found = {}
    for node in classed(root, "node"):
        rect = node.find(NS + "rect")
        assert rect is not None
        found[(node[0].text or "").splitlines()[0]] = float(rect.get("x", "0"))
    return found


def test_one_box_per_node_and_one_arrow_per_edge() -> None:
    root = parse(provenance_svg(result(), NAMES))
    assert len(classed(root, "node")) == len(NAMES)
    assert len(classed(root, "edge")) == len(WORKED)
    for edge in classed(root, "edge"):
        (path,) = edge.iter(NS + "path")
        assert path.get("marker-end", "").startswith("url(#")
    hows = sorted(t.text or "" for e in classed(root, "edge") for t in e.iter(NS + "text"))
    assert hows == sorted(e.how for e in WORKED)


def test_the_graph_is_an_accessible_image_with_a_header() -> None:
    root = parse(provenance_svg(result(), NAMES))
    assert root.get("role") == "img"
    assert (root[0].tag, root[1].tag) == (NS + "title", NS + "desc")
    assert "477 killed at Ulthara" in (root[0].text or "")
    (header,) = classed(root, "header")
    texts = [t.text for t in header.iter(NS + "text")]
    assert "477 killed at Ulthara" in texts
    assert "4 sources, 2 independent origins" in texts


def test_sources_on_the_left_origins_on_the_right_links_by_longest_path() -> None:
    x = box_x(parse(provenance_svg(result(), NAMES)))
    left, right = min(x.values()), max(x.values())
    for source in ("Ulthara Today", "Northern Wire (article)", "Wire, day 1"):
        assert x[source] == left
    assert x["Halid Orun"] == x["Interior Minister"] == right
    # Northern Wire is two steps from Ulthara Today, one from its own article: the longer wins
    assert x["Ulthara Today"] < x["Senneth Ledger"] < x["Northern Wire"] < x["local stringer"]


def test_unknown_ids_are_shown_as_they_are_and_origins_by_their_name() -> None:
    edges = (Edge("source:zz", "ent:who", "claimant"),)
    root = parse(provenance_svg(result(edges, (Origin("ent:who", "A Mayor", None),)), {}))
    assert set(box_x(root)) == {"source:zz", "A Mayor"}


def test_a_repeated_edge_is_drawn_once() -> None:
    edges = (*WORKED, WORKED[0])
    root = parse(provenance_svg(result(edges), NAMES))
    assert len(classed(root, "edge")) == len(WORKED)


@pytest.mark.timeout(20)
def test_cycles_are_drawn_not_looped_over() -> None:
    edges = (
        Edge("source:a", "source:b", "cites"),
        Edge("source:b", "source:c", "reuses"),
        Edge("source:c", "source:a", "cites"),
        Edge("source:c", "ent:o", "claimant"),
        Edge("source:d", "source:d", "cites"),
        Edge("x", "y", "chain"),
        Edge("y", "x", "chain"),  # a cycle no source leads into
    )
    origins = (Origin("ent:o", "O", "Rebels"),)
    root = parse(provenance_svg(result(edges, origins), {}))
    assert len(classed(root, "node")) == 7
    assert len(classed(root, "edge")) == len(edges)
    assert len(classed(root, "cycle")) == 3
    assert "circular reporting" in (root[1].text or "")
    text = provenance_text(result(edges, origins), {})
    assert "source:a → source:b → source:c → O" in text
    assert "source:a → source:b → source:c → source:a (cycle)" in text
    assert "source:d → source:d (cycle)" in text
    assert "x → y → x (cycle)" in text


def test_provenance_text_lists_each_path() -> None:
    text = provenance_text(result(), NAMES)
    assert text.splitlines() == [
        "477 killed at Ulthara: 4 sources, 2 independent origins",
        "  Northern Wire (article) → Northern Wire → local stringer → Halid Orun",
        "  Ulthara Today → Senneth Ledger → Northern Wire → local stringer → Halid Orun",
        "  Wire, day 1 → Interior Minister",
    ]


def test_an_origin_with_no_edges_is_a_box_and_a_line() -> None:
    origins = (Origin("source:solo", "Solo Gazette", None),)
    r = result((), origins, ("solo",))
    assert len(classed(parse(provenance_svg(r, {})), "node")) == 1
    assert provenance_text(r, {}).splitlines()[1:] == ["  Solo Gazette"]


def test_an_empty_result_still_draws() -> None:
    r = result((), (), ())
    root = parse(provenance_svg(r, {}))
    assert classed(root, "node") == []
    assert classed(root, "empty")
    assert provenance_text(r, {}).splitlines()[0].endswith("0 sources, 0 independent origins")


@pytest.mark.timeout(20)
def test_exponentially_many_paths_are_capped_in_the_text() -> None:
    edges = tuple(
        Edge(f"n{i}{a}", f"n{i + 1}{b}", "chain") for i in range(14) for a in "ab" for b in "ab"
    )
    lines = provenance_text(result(edges, ()), {}).splitlines()
    assert len(lines) < 600
    assert lines[-1].strip().startswith("…")
    assert "more paths not listed" in lines[-1]


def test_names_are_escaped_and_kept_on_one_line() -> None:
    names = {**NAMES, "ent:halid": "<script>alert(1)</script>\nHalid"}
    svg = provenance_svg(result(), names)
    assert "<script>" not in svg
    assert "<script>alert(1)</script> Halid" in box_x(parse(svg))
    text = provenance_text(result(), names)
    assert any(line.endswith("→ <script>alert(1)</script> Halid") for line in text.splitlines())


def test_same_input_gives_the_same_bytes() -> None:
    assert provenance_svg(result(), NAMES) == provenance_svg(result(), dict(NAMES))
    assert provenance_text(result(), NAMES) == provenance_text(result(), dict(NAMES))


def test_a_huge_provenance_is_drawn_in_part_and_says_so() -> None:
    """60 origins, the first ones reached by more outlets: the drawing keeps the busiest
    origins with every path into them, within the cap; the counts stay the whole's."""
    edges: list[Edge] = []
    origins = []
    for i in range(60):
        origins.append(Origin(f"ent:o{i}", f"Origin {i}", None))
        for j in range(3 if i < 5 else 1):
            edges += [Edge(f"source:s{i}-{j}", f"ent:via{i}", "chain"),
                      Edge(f"ent:via{i}", f"ent:o{i}", "claimant")]  # fmt: skip
    big = result(tuple(dict.fromkeys(edges)), tuple(origins),
                 sources=tuple(f"s{i}" for i in range(75)))  # fmt: skip
    from claimgraph.render.trim import trimmed

    part = trimmed(big, 30)
    assert len(part.edges) <= 30 and part.origins
    assert {o.key for o in part.origins} >= {f"ent:o{i}" for i in range(5)}  # the busiest
    ends = {e.to for e in part.edges} | {e.frm for e in part.edges}
    assert all(o.key in ends for o in part.origins)
    assert trimmed(result(), 30) == result()  # small ones untouched
    drawn = provenance_svg(big, {}, max_links=30)
    assert "60 independent origins" in drawn
    assert f"the paths to {len(part.origins)} of the origins" in drawn
    assert "drawn in part" not in provenance_svg(result(), NAMES, max_links=30)


def test_one_origin_with_more_paths_than_a_drawing_holds() -> None:
    """A hub: 200 outlets each reach one origin through an intermediary of their own. The
    drawing keeps the links nearest the origin."""
    from claimgraph.render.trim import trimmed

    edges: list[Edge] = []
    for i in range(200):
        edges += [Edge(f"source:s{i}", f"ent:via{i}", "chain"),
                  Edge(f"ent:via{i}", "ent:hub", "claimant")]  # fmt: skip
    hub = result(tuple(edges), (Origin("ent:hub", "Hub", None),),
                  sources=tuple(f"s{i}" for i in range(200)))  # fmt: skip
    part = trimmed(hub, 30)
    assert len(part.edges) == 30 and [o.key for o in part.origins] == ["ent:hub"]
    assert all(e.to == "ent:hub" for e in part.edges)  # the nearest links first
    assert "drawn in part: 30 of 400 links" in provenance_svg(hub, {}, max_links=30)
