"""Small shared pieces for writing SVG by hand: escaping, an element builder, the side
palette, number formatting, text fitting, and the scales and ticks of chart axes.
Everything is a pure function of its input, so the same records give the same bytes."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

Attr = str | int | float | None

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#333333"
MUTED = "#666666"

# Okabe–Ito colours, readable with the common colour-vision deficiencies. Their yellow is
# left out: hollow yellow marks vanish on white.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#000000",  # black
)
UNSTATED = "#8C8C8C"

# Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF): a
# document that merely escapes them still fails to parse, so they are replaced.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def clean(text: str) -> str:
    """`text` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def escape(text: str) -> str:
    """`text` safe inside an element or a double- or single-quoted attribute."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def one_line(text: str) -> str:
    """`text` on a single line: whitespace runs (newlines, tabs) become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def truncate(text: str, limit: int) -> str:
    """`text` on one line, cut to at most `limit` characters with an ellipsis."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    return line[: max(limit - 1, 0)].rstrip() + "…"


def coord(value: float) -> str:
    """A coordinate rounded to two places, without trailing zeros or "-0"."""
    rounded = round(value, 2)
    if rounded == 0 or not math.isfinite(rounded):
        return "0"
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def _attr_text(value: str | int | float) -> str:
    if isinstance(value, bool):  # bool is an int: say what it means instead of "1"
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return coord(value)
    return escape(value)


def el(tag: str, attrs: Mapping[str, Attr] | None = None, *children: str, text: str = "") -> str:
    """One element. `tag` and attribute names are the caller's constants; attribute values
    and `text` are escaped here; `children` are elements this module already built."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{name}="{_attr_text(value)}"')
    opening = " ".join(parts)
    inner = escape(text) + "".join(children)
    return f"<{opening}>{inner}</{tag}>" if inner else f"<{opening}/>"


def _named(attrs: Mapping[str, Attr]) -> dict[str, Attr]:
    # Python keywords to SVG names: cls → class, stroke_width → stroke-width.
    return {("class" if k == "cls" else k.replace("_", "-")): v for k, v in attrs.items()}


def line(x1: float, y1: float, x2: float, y2: float, **attrs: Attr) -> str:
    """A <line>; keyword attributes as in `label`."""
    return el("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": INK, **_named(attrs)})


def rect(x: float, y: float, width: float, height: float, **attrs: Attr) -> str:
    """A <rect>; keyword attributes as in `label`."""
    return el("rect", {"x": x, "y": y, "width": width, "height": height, **_named(attrs)})


def label(x: float, y: float, content: str, **attrs: Attr) -> str:
    """A <text> holding `content` (escaped); `cls` is the class, `font_size` font-size."""
    return el("text", {"x": x, "y": y, "fill": INK, **_named(attrs)}, text=content)


def heading(x: float, y: float, content: str) -> str:
    return label(x, y, content, cls="heading", font_size=15, font_weight="bold")


def note(x: float, y: float, content: str) -> str:
    """A centred message standing in for an empty drawing."""
    return label(x, y, content, cls="empty", text_anchor="middle", fill=MUTED, font_size=14)


def uid(*parts: str) -> str:
    """A short id prefix derived from the content, so ids (titles, markers) of several
    drawings on one page differ, yet one drawing always gets the same ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
    return "cg" + digest[:10]


def document(
    *, ident: str, width: int, height: int, title: str, desc: str, body: Iterable[str]
) -> str:
    """A standalone <svg> with an accessible name (<title>) and description (<desc>)."""
    attrs: dict[str, Attr] = {
        "xmlns": SVG_NS,
        "width": width,
        "height": height,
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "aria-labelledby": f"{ident}-title {ident}-desc",
        "font-family": FONT,
        "font-size": 12,
    }
    head = [
        el("title", {"id": f"{ident}-title"}, text=title),
        el("desc", {"id": f"{ident}-desc"}, text=desc),
        el("rect", {"width": width, "height": height, "fill": "#ffffff"}),
    ]
    return el("svg", attrs, *head, *body) + "\n"


def text_width(text: str, size: float) -> float:
    """A rough rendered width: enough to lay out boxes and margins without a font."""
    return len(text) * size * 0.6


def fmt_number(value: float) -> str:
    """A figure as people write it: 1,000 and 477 and 2.5; very large ones as 1.2e+18."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e15:  # past this a digit string is no longer readable
        return f"{value:.3g}"
    if value == int(value):
        return f"{int(value):,}"
    if abs(value) < 1:
        return f"{value:.3g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def nice_step(span: float, target: int) -> float:
    """A step of 1, 2 or 5 × 10^k that cuts `span` into about `target` parts."""
    raw = span / max(target, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 5.0):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10.0 * magnitude


def is_unstated(side: str | None) -> bool:
    return side is None or one_line(side).casefold() in ("", "unstated")


@dataclass(frozen=True, slots=True)
class SideColours:
    """Colours for sides, assigned by the sorted order of the side names (never by which
    side a name stands for): the same set of names always gets the same colours, and
    renaming sides moves the colours with the names. Unstated sides are grey. Past seven
    sides colours repeat; the legend and tooltips still name each side."""

    named: tuple[str, ...]

    @staticmethod
    def of(sides: Iterable[str | None]) -> SideColours:
        names = {side for side in sides if side is not None and not is_unstated(side)}
        return SideColours(tuple(sorted(names, key=lambda name: (name.casefold(), name))))

    def colour(self, side: str | None) -> str:
        if side is None or is_unstated(side) or side not in self.named:
            return UNSTATED
        return PALETTE[self.named.index(side) % len(PALETTE)]

    def legend_order(self, sides: Iterable[str | None]) -> list[str | None]:
        """The given sides in colour order, unstated last (once)."""
        present = set(sides)
        ordered: list[str | None] = [name for name in self.named if name in present]
        if any(is_unstated(side) for side in present):
            ordered.append(None)
        return ordered


def side_label(side: str | None) -> str:
    return "unstated" if side is None or is_unstated(side) else one_line(side)


# --- scales and ticks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Axis:
    """Maps values in [lo, hi] to pixels [start, end], linearly or by log10."""

    lo: float
    hi: float
    start: float
    end: float
    log: bool = False

    def at(self, value: float) -> float:
        scale = math.log10 if self.log else float
        lo, hi, v = scale(self.lo), scale(self.hi), scale(value)
        return self.start + (v - lo) / ((hi - lo) or 1.0) * (self.end - self.start)


def iso_day(text: str | None) -> float | None:
    """An ISO date or datetime ("2024", "2024-03" too) as days since 0001-01-01, fractional
    for times, in UTC; None when absent or unreadable."""
    text = (text or "").strip()
    partial = _PARTIAL_DATE.match(text)  # a year or month stands for its first day
    try:
        if partial:
            return float(date(int(partial[1]), int(partial[2] or 1), 1).toordinal())
        when = datetime.fromisoformat(text)
        if when.tzinfo is not None:
            when = when.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None
    return when.toordinal() + (when.hour * 3600 + when.minute * 60 + when.second) / 86400


def value_ticks(vmin: float, vmax: float, log: bool) -> tuple[float, float, list[float]]:
    """Axis ends and round ticks covering [vmin, vmax]; `log` needs vmin > 0."""
    if log:
        return _log_ticks(vmin, vmax)
    lo = min(0.0, vmin)  # counts start at zero: a cut axis exaggerates differences
    top = vmax if vmax > lo else lo + 1.0
    step = max(nice_step(top - lo, 5), 1.0)  # no fractions of a person on the axis
    lo, hi = math.floor(lo / step) * step, math.ceil(top / step) * step
    if not (math.isfinite(hi) and math.isfinite(lo)):  # rounding up passed the float limit
        lo, hi, step = min(0.0, vmin), top, (top - min(0.0, vmin)) / 5
    count = min(round((hi - lo) / step), 50)
    return lo, hi, [lo + i * step for i in range(count + 1)]


def _log_ticks(vmin: float, vmax: float) -> tuple[float, float, list[float]]:
    first = max(math.floor(math.log10(vmin)), -300)
    last = min(max(math.ceil(math.log10(vmax)), first + 1), 308)
    every = max(1, math.ceil((last - first) / 8))  # at most about eight decade labels
    ticks = [10.0**k for k in range(first, last + 1, every)]
    if last - first <= 2:  # few decades: 2s and 5s make the scale legible
        ticks = sorted(t * m for t in ticks for m in (1, 2, 5) if t * m <= 10.0**last)
    return 10.0**first, max(10.0**last, vmax), ticks


# Calendar steps, coarser in turn: count, unit, length in days.
_STEPS: tuple[tuple[int, str, float], ...] = (
    *((n, "d", float(n)) for n in (1, 2, 7, 14)),
    *((n, "m", n * 30.44) for n in (1, 3, 6)),
    *((n, "y", n * 365.25) for n in (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)),
)


def date_ticks(lo: float, hi: float, limit: int) -> list[tuple[float, str]]:
    """At most about `limit` ticks in [lo, hi] (days as `iso_day` gives them) on round
    calendar dates: days, month starts or year starts, labelled in ISO form."""
    n, unit = next(((n, u) for n, u, days in _STEPS if (hi - lo) / days <= limit), (1000, "y"))
    first = date.fromordinal(min(max(1, math.ceil(lo)), date.max.toordinal()))
    ticks = []
    for when in _calendar(first, n, unit):
        if when.toordinal() > hi:
            break
        text = when.isoformat()[: {"d": 10, "m": 7, "y": 4}[unit]]
        ticks.append((float(when.toordinal()), text))
    return ticks


def _calendar(first: date, n: int, unit: str) -> Iterator[date]:
    if unit == "d":
        for day in range(first.toordinal(), date.max.toordinal() + 1, n):
            yield date.fromordinal(day)
        return
    months = n if unit == "m" else 12 * n
    index = first.year * 12 + first.month - 1 + (first.day > 1)
    index = -(-index // months) * months  # round up so ticks land on round months and years
    while index // 12 <= date.max.year:
        yield date(index // 12, index % 12 + 1, 1)
        index += months
