"""The figure timeline: one mark per dated figure, the side colour rule, hedges and ranges,
escaping, and the awkward inputs (nothing, one point, one date, huge values, long names)."""

from __future__ import annotations

import dataclasses
import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from claimgraph.model import TimelinePoint
from claimgraph.render.charts import timeline_svg
from claimgraph.render.svg import PALETTE, UNSTATED

NS = "{http://www.w3.org/2000/svg}"


def point(n: int = 0, **changes: object) -> TimelinePoint:
    base = TimelinePoint(
        claim_id=f"claim-{n}",
        proposition_id="prop-1",
        event="event-1",
        counts="killed",
        date=f"2024-03-{n % 28 + 1:02d}",
        date_basis="published",
        low=100.0,
        high=100.0,
        qualifier="exact",
        stance="asserted",
        claimant="Interior Minister",
        side="Government",
        source_id=f"source-{n}",
        publisher="Northern Wire",
        first_of_value=n == 0,
        counted=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def parse(text: str) -> Element:
    root: Element = ElementTree.fromstring(text)
    return root


def classed(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def marks(root: Element) -> list[Element]:
    return classed(root, "mark")


def shape(mark: Element) -> Element:
    (found,) = classed(mark, "shape")
    return found


def caption(root: Element) -> str:
    (found,) = classed(root, "caption")
    return found.text or ""


def all_text(root: Element) -> str:
    return " ".join(t for e in root.iter() for t in (e.text, e.tail) if t)


def test_one_mark_per_dated_point_and_undated_ones_counted_in_the_caption() -> None:
    points = [point(0), point(1), point(2, date=None), point(3), point(4, date="")]
    root = parse(timeline_svg(points, title="Killed"))
    assert len(marks(root)) == 3
    assert "2 figures without a date left out" in caption(root)


def test_the_chart_is_an_accessible_image() -> None:
    root = parse(timeline_svg([point(0)], title="Killed at X"))
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (NS + "title", NS + "desc")
    assert title.text == "Killed at X"
    assert "1 figure" in (desc.text or "")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_every_mark_has_a_tooltip_naming_who_said_what_and_when() -> None:
    root = parse(timeline_svg([point(0, qualifier="approx")], title="t"))
    (mark,) = marks(root)
    assert mark[0].tag == NS + "title"
    tip = mark[0].text or ""
    for part in ("2024-03-01", "about 100", "approx", "Interior Minister", "Government"):
        assert part in tip
    assert "Northern Wire" in tip


def test_hedged_marks_are_hollow_and_asserted_ones_filled() -> None:
    root = parse(timeline_svg([point(0), point(1, stance="hedged")], title="t"))
    asserted, hedged = (shape(m) for m in marks(root))
    assert asserted.get("fill") == asserted.get("stroke") != "none"
    assert hedged.get("fill") == "none"
    assert hedged.get("stroke") == asserted.get("stroke")


def test_disputed_denied_and_negated_marks_have_a_dashed_outline() -> None:
    stances = ["asserted", "hedged", "disputed", "denied", "negated"]
    points = [point(i, stance=s) for i, s in enumerate(stances)]
    shapes = [shape(m) for m in marks(parse(timeline_svg(points, title="t")))]
    dashed = [s.get("stroke-dasharray") is not None for s in shapes]
    assert dashed == [False, False, True, True, True]


def test_counted_figures_are_squares_and_asserted_totals_circles() -> None:
    points = [point(0, counted=True), point(1)]
    counted, total = (shape(m) for m in marks(parse(timeline_svg(points, title="t"))))
    assert counted.tag == NS + "rect"
    assert total.tag == NS + "circle"


def colours_by_claim(points: list[TimelinePoint]) -> dict[str, str | None]:
    root = parse(timeline_svg(points, title="t"))
    return {m.get("data-claim", ""): shape(m).get("stroke") for m in marks(root)}


def test_two_sides_get_two_colours_and_one_side_one_colour() -> None:
    points = [point(0, side="Alpha"), point(1, side="Beta"), point(2, side="Alpha")]
    colours = colours_by_claim(points)
    assert colours["claim-0"] == colours["claim-2"]
    assert colours["claim-0"] != colours["claim-1"]


def test_colours_follow_the_sorted_side_names_so_swapping_names_swaps_colours() -> None:
    first = colours_by_claim([point(0, side="Beta"), point(1, side="Alpha")])
    swapped = colours_by_claim([point(0, side="Alpha"), point(1, side="Beta")])
    assert first == {"claim-0": PALETTE[1], "claim-1": PALETTE[0]}
    assert swapped == {"claim-0": PALETTE[0], "claim-1": PALETTE[1]}


def test_unstated_sides_are_grey() -> None:
    colours = colours_by_claim([point(0, side=None), point(1, side="unstated"), point(2)])
    assert colours["claim-0"] == colours["claim-1"] == UNSTATED
    assert colours["claim-2"] == PALETTE[0]


def test_sides_shared_across_charts_keep_their_colours() -> None:
    svg = timeline_svg([point(0, side="Beta")], title="t", sides=["Alpha", "Beta"])
    (mark,) = marks(parse(svg))
    assert shape(mark).get("stroke") == PALETTE[1]


def test_a_wide_spread_of_figures_uses_a_log_scale() -> None:
    points = [point(0, low=7.0, high=7.0), point(1, low=1000.0, high=1000.0)]
    root = parse(timeline_svg(points, title="t"))
    assert "log scale" in caption(root)
    ticks = [e.text for e in classed(root, "y-axis")[0].iter(NS + "text")]
    assert {"10", "100", "1,000"} <= set(ticks)


def test_a_narrow_spread_stays_linear_from_zero_with_thousands_separators() -> None:
    points = [point(0, low=100.0, high=100.0), point(1, low=1200.0, high=1200.0)]
    root = parse(timeline_svg(points, title="t"))
    assert "log scale" not in caption(root)
    ticks = [e.text for e in classed(root, "y-axis")[0].iter(NS + "text")]
    assert ticks[0] == "0"
    assert "1,000" in ticks


def test_ranges_draw_a_capped_bar() -> None:
    points = [point(0, low=550.0, high=650.0, qualifier="range"), point(1)]
    ranged, single = marks(parse(timeline_svg(points, title="t")))
    (bar,) = classed(ranged, "range")
    assert float(bar.get("y1", "0")) > float(bar.get("y2", "0"))  # low is drawn lower
    assert len(classed(ranged, "cap")) == 2
    assert classed(single, "range") == []
    assert "550–650" in (ranged[0].text or "")


def test_open_ended_figures_draw_arrows_up_from_at_least_and_down_from_up_to() -> None:
    points = [
        point(0, low=300.0, high=None, qualifier="at_least"),
        point(1, low=None, high=1000.0, qualifier="up_to"),
    ]
    up, down = marks(parse(timeline_svg(points, title="t")))
    (rise,) = classed(up, "arrow")
    (fall,) = classed(down, "arrow")
    assert float(rise.get("y2", "0")) < float(rise.get("y1", "0"))
    assert float(fall.get("y2", "0")) > float(fall.get("y1", "0"))
    assert "at least 300" in (up[0].text or "")
    assert "up to 1,000" in (down[0].text or "")


def test_text_is_escaped_and_the_svg_still_parses() -> None:
    nasty = '<script>alert("x")</script> & \x00\x1b'
    points = [point(0, claimant=nasty, side=nasty, publisher=nasty)]
    svg = timeline_svg(points, title=nasty)
    assert "<script>" not in svg
    root = parse(svg)
    assert root[0].text == '<script>alert("x")</script> & \ufffd\ufffd'
    (mark,) = marks(root)
    assert '<script>alert("x")</script>' in (mark[0].text or "")


def test_no_points_gives_a_chart_saying_so() -> None:
    root = parse(timeline_svg([], title="Killed"))
    assert marks(root) == []
    assert "no dated figures" in all_text(root)
    root = parse(timeline_svg([point(0, date=None), point(1, date="not a date")], title="t"))
    assert "no dated figures" in all_text(root)
    assert "2 figures without a date left out" in caption(root)


def test_one_point_and_one_date_are_drawn_inside_the_plot() -> None:
    points = [point(i, date="2024-03-05", low=float(i + 1), high=float(i + 1)) for i in range(4)]
    root = parse(timeline_svg(points, title="t", width=900))
    xs = [float(shape(m).get("cx", "0")) for m in marks(root)]
    assert len(set(xs)) == 4  # spread side by side, not drawn on top of each other
    assert all(0 < x < 900 for x in xs)
    assert len(marks(parse(timeline_svg(points[:1], title="t")))) == 1


def test_datetimes_months_and_timezones_are_read() -> None:
    dates = ["2024-03-01T10:00:00Z", "2024-03-02T10:00:00+02:00", "2024-04", "2024"]
    points = [point(i, date=d) for i, d in enumerate(dates)]
    assert len(marks(parse(timeline_svg(points, title="t")))) == 4


def test_huge_and_unusable_values_do_not_break_the_chart() -> None:
    points = [
        point(0, low=1e12, high=1e12),
        point(1, low=3e14, high=3e14),
        point(2, low=1.7e308, high=1.7e308),
        point(3, low=float("inf"), high=float("nan")),
    ]
    svg = timeline_svg(points, title="t")
    root = parse(svg)
    assert len(marks(root)) == 3
    assert "without a usable value left out" in caption(root)
    numbers = re.findall(r' (?:cx|cy|x|y|x1|x2|y1|y2)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)


def test_long_side_names_are_truncated_in_the_legend_and_whole_in_its_tooltip() -> None:
    long_name = "The Provisional Authority of the Northern Districts and Allied Councils"
    root = parse(timeline_svg([point(0, side=long_name)], title="t"))
    (entry,) = classed(root, "legend-side")
    assert entry[0].text == long_name
    shown = [t.text or "" for t in entry.iter(NS + "text")]
    assert shown[0].endswith("…") and len(shown[0]) < len(long_name)


def test_same_input_gives_the_same_bytes() -> None:
    points = [point(i, side=s) for i, s in enumerate(["B", "A", None, "C"])]
    assert timeline_svg(points, title="t") == timeline_svg(list(points), title="t")
