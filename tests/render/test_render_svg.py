"""The shared SVG helpers: escaping, elements, numbers, the side palette, dates and ticks."""

from __future__ import annotations

from defusedxml import ElementTree

from claimgraph.render import svg


def test_escape_covers_markup_quotes_and_characters_xml_cannot_hold() -> None:
    assert svg.escape("<a href=\"x\">'&'</a>") == (
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    )
    assert svg.escape("a\x00b\ud800c") == "a\ufffdb\ufffdc"


def test_el_escapes_attribute_values_and_text_and_rounds_numbers() -> None:
    built = svg.el(
        "text", {"x": 1.23456, "y": -0.001, "data-n": '"><script>', "skip": None}, text="<b>"
    )
    assert built == '<text x="1.23" y="0" data-n="&quot;&gt;&lt;script&gt;">&lt;b&gt;</text>'
    assert svg.el("g") == "<g/>"
    ElementTree.fromstring(built)


def test_numbers_read_as_people_write_them() -> None:
    assert svg.fmt_number(1000) == "1,000"
    assert svg.fmt_number(1234567.0) == "1,234,567"
    assert svg.fmt_number(2.5) == "2.5"
    assert svg.fmt_number(0.25) == "0.25"
    assert svg.fmt_number(1e18) == "1e+18"


def test_truncate_cuts_with_an_ellipsis_on_one_line() -> None:
    assert svg.truncate("short", 10) == "short"
    assert svg.truncate("a much longer\nname", 8) == "a much…"


def test_side_colours_by_sorted_name_with_grey_for_unstated() -> None:
    colours = svg.SideColours.of(["beta", None, "Alpha", "unstated", "beta"])
    assert colours.named == ("Alpha", "beta")
    assert colours.colour("Alpha") == svg.PALETTE[0]
    assert colours.colour("beta") == svg.PALETTE[1]
    assert colours.colour(None) == colours.colour("Unstated") == svg.UNSTATED
    assert colours.legend_order(["beta", None, "Alpha"]) == ["Alpha", "beta", None]
    assert len(set(svg.PALETTE)) == len(svg.PALETTE)
    assert svg.UNSTATED not in svg.PALETTE


def test_iso_days_from_dates_datetimes_and_partial_dates() -> None:
    assert svg.iso_day("2024-03-01") == svg.iso_day("2024-03")
    assert svg.iso_day("2024-03-01T12:00:00Z") == svg.iso_day("2024-03-01") + 0.5  # type: ignore[operator]
    assert svg.iso_day("2024-03-01T02:00:00+02:00") == svg.iso_day("2024-03-01")
    assert svg.iso_day("yesterday") is None
    assert svg.iso_day(None) is None


def test_date_ticks_stay_few_and_end_at_the_calendar_edges() -> None:
    first, last = svg.iso_day("2020-01-01") or 0.0, svg.iso_day("2024-06-30") or 0.0
    ticks = svg.date_ticks(first, last, 6)
    assert 2 <= len(ticks) <= 6
    assert all(label.isdigit() for _, label in ticks)  # years
    assert svg.date_ticks(1.0, 3.0, 5)[0][1] == "0001-01-01"
    end = svg.iso_day("9999-12-31") or 0.0
    assert svg.date_ticks(end - 400, end + 10, 5)


def test_value_ticks_linear_and_log() -> None:
    lo, hi, ticks = svg.value_ticks(100.0, 477.0, log=False)
    assert (lo, ticks[0]) == (0.0, 0.0) and hi >= 477
    lo, hi, ticks = svg.value_ticks(7.0, 1000.0, log=True)
    assert lo == 1.0 and hi == 1000.0 and 10.0 in ticks
