"""Figure timelines as SVG: when each figure for a metric appeared, who gave it and how firmly.

One mark per dated figure, coloured by the claimant's side (by the sorted order of the side
names, so no side is singled out); filled when asserted, hollow when hedged, a dashed outline
when disputed, denied or negated; squares for counts someone made (bodies seen, names
listed), circles for asserted totals; ranges as capped bars, open-ended figures as arrows."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimgraph.model.analysis import TimelinePoint
from claimgraph.render import svg
from claimgraph.render.svg import INK, MUTED, Attr, Axis, SideColours, el, fmt_number, plural

__all__ = ["timeline_svg"]

_DASHED = frozenset({"disputed", "denied", "negated"})
_DASH = "3 2"
_R = 5.0  # mark radius
_ARROW = 20.0  # length of an open-ended figure's arrow, in pixels
_GRID = "#e6e6e6"
_LOG_SPREAD = 20.0  # max/min above this: a linear axis would crush the small figures
_TOP = 56.0  # plot top; the title sits above
_ROW = 18  # legend row height


@dataclass(frozen=True, slots=True)
class _Figure:
    """A point that can be drawn: its day on the x axis and its usable values."""

    point: TimelinePoint
    day: float
    low: float | None
    high: float | None
    form: str  # "up" (at least), "down" (at most, up to), "range", "at"

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(v for v in (self.low, self.high) if v is not None)


def timeline_svg(
    points: Sequence[TimelinePoint],
    *,
    title: str,
    width: int = 900,
    height: int = 420,
    sides: Iterable[str | None] | None = None,
) -> str:
    """The figures of one series over time as a standalone, accessible SVG document.

    `sides`: side names whose colours several charts should share (the points' own sides
    are always added). Points without a date or a usable figure are left out and counted
    in the caption."""
    width, height = max(int(width), 480), max(int(height), 260)
    figures, undated, valueless = _figures(points)
    colours = SideColours.of([*(sides or ()), *(p.side for p in points)])
    ident = svg.uid("timeline", title, repr(tuple(points)), f"{width}x{height}")
    caption = _caption(len(figures), undated, valueless)
    heading = svg.heading(12, 24, svg.truncate(title, int(width / 8.5)))
    if not figures:
        empty = svg.note(width / 2, height / 2, "no dated figures")
        body = [heading, empty, _caption_el(caption, height)]
        desc = f"No dated figures. {caption}."
        return svg.document(
            ident=ident, width=width, height=height, title=title, desc=desc, body=body
        )
    legend_w = min(230, width // 4)
    xaxis, yaxis, yticks = _axes(figures, width - legend_w, height)
    body = [
        heading,
        _y_axis(yaxis, yticks, xaxis, _metric(figures)),
        _x_axis(xaxis, yaxis),
        _marks(figures, xaxis, yaxis, colours),
        _legend(width - legend_w + 12, legend_w - 16, height, figures, colours),
        _caption_el(caption + (" · log scale" if yaxis.log else ""), height),
    ]
    desc = _describe(figures, colours, caption, yaxis.log)
    return svg.document(ident=ident, width=width, height=height, title=title, desc=desc, body=body)


def _caption_el(caption: str, height: int) -> str:
    return svg.label(12, height - 10, caption, cls="caption", fill=MUTED)


# --- reading the points ---------------------------------------------------------------


def _usable(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _form(qualifier: str, low: float | None, high: float | None) -> str:
    """How to draw a figure: open-ended ones as arrows from their one stated end."""
    if qualifier == "at_least" and low is not None:
        return "up"
    if qualifier in ("at_most", "up_to") and high is not None:
        return "down"
    if qualifier == "range" and (low is None) != (high is None):  # a range open at one end
        return "up" if low is not None else "down"
    return "range" if low is not None and high is not None and low != high else "at"


def _figures(points: Sequence[TimelinePoint]) -> tuple[list[_Figure], int, int]:
    """The drawable figures in date order, and counts of those without a date / a value."""
    figures: list[_Figure] = []
    undated = valueless = 0
    for point in points:
        day = svg.iso_day(point.date)
        low, high = _usable(point.low), _usable(point.high)
        if low is not None and high is not None and low > high:
            low, high = high, low
        if day is None:
            undated += 1
        elif low is None and high is None:
            valueless += 1
        else:
            figures.append(_Figure(point, day, low, high, _form(point.qualifier, low, high)))
    figures.sort(key=lambda f: f.day)  # stable: same-day figures keep the input order
    return figures, undated, valueless


def _caption(shown: int, undated: int, valueless: int) -> str:
    parts = [plural(shown, "figure") + " shown"]
    if undated:
        parts.append(plural(undated, "figure") + " without a date left out")
    if valueless:
        parts.append(plural(valueless, "figure") + " without a usable value left out")
    return " · ".join(parts)


def _metric(figures: Sequence[_Figure]) -> str:
    counts = {f.point.counts for f in figures}
    return svg.one_line(counts.pop()) if len(counts) == 1 else "figure"


# --- axes -----------------------------------------------------------------------------


def _axes(figures: Sequence[_Figure], right: int, height: int) -> tuple[Axis, Axis, list[float]]:
    values = [v for f in figures for v in f.values]
    vmin, vmax = min(values), max(values)
    log = vmin > 0 and vmax / vmin > _LOG_SPREAD
    lo, hi, ticks = svg.value_ticks(vmin, vmax, log)
    left = 40 + max(svg.text_width(fmt_number(t), 11) for t in ticks)
    yaxis = Axis(lo, hi, height - 64, _TOP, log)
    first, last = figures[0].day, figures[-1].day
    span = max(last - first, 2.0)  # one point or one day: still a readable stretch of time
    centre, pad = (first + last) / 2, span * 0.06
    xaxis = Axis(centre - span / 2 - pad, centre + span / 2 + pad, left, right - 16)
    return xaxis, yaxis, ticks


def _y_axis(yaxis: Axis, ticks: Sequence[float], xaxis: Axis, metric: str) -> str:
    parts = []
    for tick in ticks:
        y = yaxis.at(tick)
        parts.append(svg.line(xaxis.start, y, xaxis.end, y, stroke=_GRID))
        parts.append(
            svg.label(
                xaxis.start - 6,
                y + 4,
                fmt_number(tick),
                text_anchor="end",
                fill=MUTED,
                font_size=11,
            )
        )
    mid = (yaxis.start + yaxis.end) / 2
    name = metric + (" (log scale)" if yaxis.log else "")
    parts.append(
        svg.label(16, mid, name, transform=f"rotate(-90 16 {svg.coord(mid)})", text_anchor="middle")
    )
    return el("g", {"class": "y-axis"}, *parts)


def _x_axis(xaxis: Axis, yaxis: Axis) -> str:
    base = yaxis.start
    parts = [svg.line(xaxis.start, base, xaxis.end, base)]
    limit = max(2, int((xaxis.end - xaxis.start) // 80))  # an ISO date needs about 80px
    for day, text in svg.date_ticks(xaxis.lo, xaxis.hi, limit):
        x = xaxis.at(day)
        parts.append(svg.line(x, base, x, base + 5))
        parts.append(svg.label(x, base + 18, text, text_anchor="middle", fill=MUTED, font_size=11))
    return el("g", {"class": "x-axis"}, *parts)


# --- marks ----------------------------------------------------------------------------


def _marks(figures: Sequence[_Figure], xaxis: Axis, yaxis: Axis, colours: SideColours) -> str:
    xs = [xaxis.at(f.day) for f in figures]
    same_day: dict[float, list[int]] = {}
    for i, figure in enumerate(figures):
        same_day.setdefault(figure.day, []).append(i)
    for members in same_day.values():  # figures of one day side by side, not on top
        gap = min(3 * _R, (xaxis.end - xaxis.start) * 0.6 / len(members))
        for k, i in enumerate(members):
            xs[i] += (k - (len(members) - 1) / 2) * gap
    marks = [
        _mark(f, x, yaxis, colours.colour(f.point.side)) for f, x in zip(figures, xs, strict=True)
    ]
    return el("g", {"class": "marks"}, *marks)


def _mark(figure: _Figure, x: float, yaxis: Axis, colour: str) -> str:
    point = figure.point
    dashed = point.stance in _DASHED
    anchor = _anchor(figure, yaxis)
    whisker = _whisker(figure, x, yaxis, anchor, colour, dashed)
    shape = _shape(point, x, anchor, colour, dashed)
    stance = re.sub(r"[^a-z_]", "", point.stance.casefold()) or "unknown"
    kind = "counted" if point.counted else "total"
    attrs = {
        "class": f"mark {kind} stance-{stance} form-{figure.form}",
        "data-claim": point.claim_id,
    }
    return el("g", attrs, el("title", text=_tooltip(figure)), *whisker, shape)


def _anchor(figure: _Figure, yaxis: Axis) -> float:
    """Where the mark sits: the stated end of an open figure, the middle of a range."""
    low, high = figure.low, figure.high
    if figure.form == "range" and low is not None and high is not None:
        return (yaxis.at(low) + yaxis.at(high)) / 2
    if figure.form == "down" and high is not None:
        return yaxis.at(high)
    return yaxis.at(low if low is not None else figure.values[0])


def _whisker(
    figure: _Figure, x: float, yaxis: Axis, anchor: float, colour: str, dashed: bool
) -> list[str]:
    """A range's capped bar, or an open-ended figure's arrow; nothing for a single value."""
    pen: dict[str, Attr] = {"stroke": colour, "stroke_width": 1.5}
    pen["stroke_dasharray"] = _DASH if dashed else None
    low, high = figure.low, figure.high
    if figure.form == "range" and low is not None and high is not None:
        y1, y2 = yaxis.at(low), yaxis.at(high)
        caps = [svg.line(x - 4, y, x + 4, y, cls="cap", **pen) for y in (y1, y2)]
        return [svg.line(x, y1, x, y2, cls="range", **pen), *caps]
    if figure.form not in ("up", "down"):
        return []
    tip = anchor + (-_ARROW if figure.form == "up" else _ARROW)
    back = tip + (6 if figure.form == "up" else -6)
    head = " ".join(svg.coord(v) for v in (x - 4, back, x, tip, x + 4, back))
    arrowhead = el("polygon", {"class": "arrowhead", "points": head, "fill": colour})
    return [svg.line(x, anchor, x, tip, cls="arrow", **pen), arrowhead]


def _shape(point: TimelinePoint, x: float, y: float, colour: str, dashed: bool) -> str:
    """Filled only when asserted; hedged and contested figures are outlines."""
    filled = point.stance == "asserted"
    r = _R + 1 if dashed else _R  # a dashed outline needs a little more length to read
    attrs: dict[str, Attr] = {
        "class": "shape",
        "fill": colour if filled else "none",
        "stroke": colour,
        "stroke-width": 1.5 if filled else 2,
        "stroke-dasharray": _DASH if dashed else None,
        "pointer-events": "all",  # a hollow mark still shows its tooltip
    }
    if point.counted:
        return el("rect", {"x": x - r, "y": y - r, "width": 2 * r, "height": 2 * r, **attrs})
    return el("circle", {"cx": x, "cy": y, "r": r, **attrs})


def _value_text(figure: _Figure) -> str:
    low, high = figure.low, figure.high
    if figure.form == "up" and low is not None:
        return "at least " + fmt_number(low)
    if figure.form == "down" and high is not None:
        return ("up to " if figure.point.qualifier == "up_to" else "at most ") + fmt_number(high)
    if figure.form == "range" and low is not None and high is not None:
        return f"{fmt_number(low)}–{fmt_number(high)}"
    about = "about " if figure.point.qualifier == "approx" else ""
    return about + fmt_number(figure.values[0])


def _tooltip(figure: _Figure) -> str:
    p = figure.point
    basis = "date the claim gives" if p.date_basis == "claim" else "publication date"
    lines = [
        f"{svg.one_line(p.date or '')} ({basis})",
        f"{_value_text(figure)} {svg.one_line(p.counts)}",
        f"qualifier: {svg.one_line(p.qualifier)} · stance: {svg.one_line(p.stance)}",
        f"claimant: {svg.one_line(p.claimant) if p.claimant else 'the document itself'}",
        f"side: {svg.side_label(p.side)}",
        f"publisher: {svg.one_line(p.publisher) if p.publisher else 'unknown'}",
        "counted figure (bodies seen, names listed)" if p.counted else "asserted total",
    ]
    if p.first_of_value:
        lines.append("earliest appearance of this figure")
    return "\n".join(lines)


# --- legend and description -------------------------------------------------------------

_KEY: tuple[tuple[str, str], ...] = (
    ("filled", "asserted"),
    ("hollow", "hedged (claimed, alleged)"),
    ("dashed", "disputed, denied, negated"),
    ("circle", "asserted total"),
    ("square", "counted (bodies, names)"),
    ("range", "range low–high"),
    ("arrow", "at least ↑, at most ↓"),
)


def _legend(
    x: float, width: float, height: int, figures: Sequence[_Figure], colours: SideColours
) -> str:
    rows = colours.legend_order(f.point.side for f in figures)
    room = max(int((height - _TOP - 40) // _ROW) - len(_KEY) - 2, 1)
    shown = rows if len(rows) <= room else rows[: room - 1]  # the last row says how many more
    limit = max(int((width - 18) / 6.6), 4)
    parts = [svg.label(x, _TOP, "Sides", font_weight="bold")]
    for i, side in enumerate(shown):
        y, name = _TOP + _ROW * (i + 1), svg.side_label(side)
        swatch = el("circle", {"cx": x + 5, "cy": y - 4, "r": _R, "fill": colours.colour(side)})
        text = svg.label(x + 16, y, svg.truncate(name, limit))
        parts.append(el("g", {"class": "legend-side"}, el("title", text=name), swatch, text))
    if len(shown) < len(rows):
        more = f"+{len(rows) - len(shown)} more (in the marks' tooltips)"
        parts.append(svg.label(x, _TOP + _ROW * (len(shown) + 1), more, fill=MUTED))
    top = _TOP + _ROW * (len(shown) + (len(shown) < len(rows)) + 2)
    parts.append(svg.label(x, top, "Marks", font_weight="bold"))
    for i, (sample, meaning) in enumerate(_KEY):
        y = top + _ROW * (i + 1)
        text = svg.label(x + 16, y, svg.truncate(meaning, limit))
        parts.append(
            el("g", {"class": f"legend-key key-{sample}"}, _sample(sample, x + 5, y - 4), text)
        )
    return el("g", {"class": "legend"}, *parts)


def _sample(kind: str, x: float, y: float) -> str:
    """A neutral grey specimen of one kind of mark, for the legend."""
    pen: dict[str, Attr] = {"stroke": INK, "stroke-width": 1.5}
    if kind == "square":
        return el(
            "rect",
            {"x": x - _R, "y": y - _R, "width": 2 * _R, "height": 2 * _R, "fill": INK, **pen},
        )
    if kind in ("range", "arrow"):
        d = "M-4 -6h8M0 -6v12M-4 6h8" if kind == "range" else "M0 7V-7M-4 -2L0 -7L4 -2"
        move = f"translate({svg.coord(x)} {svg.coord(y)})"
        return el("path", {"d": d, "transform": move, "fill": "none", **pen})
    fill = INK if kind in ("filled", "circle") else "none"
    dash = _DASH if kind == "dashed" else None
    return el("circle", {"cx": x, "cy": y, "r": _R, "fill": fill, "stroke-dasharray": dash, **pen})


def _describe(figures: Sequence[_Figure], colours: SideColours, caption: str, log: bool) -> str:
    values = [v for f in figures for v in f.values]
    first, last = figures[0].point.date or "", figures[-1].point.date or ""
    sides = [svg.side_label(s) for s in colours.legend_order(f.point.side for f in figures)]
    return (
        f"{plural(len(figures), 'figure')} for {_metric(figures)} dated {svg.one_line(first)}"
        f" to {svg.one_line(last)}, from {fmt_number(min(values))} to {fmt_number(max(values))}"
        f"{' on a log scale' if log else ''}; {plural(len(sides), 'side')}: {', '.join(sides)}."
        f" {caption}."
    )
