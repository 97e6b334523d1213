"""The inline SVG chart of a tracked figure: valid XML, escaped, deterministic, self-contained."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site.charts import series_svg

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [
    {"figure": "f-1", "date": "2022-03-01", "value": "500000", "display": "500,000", "article": "a1",
     "reported_by": "UNHCR"},
    {"figure": "f-2", "date": "2022-03-08", "value": "2000000", "display": "2 million", "article": "a2"},
    {"figure": "f-3", "date": "2022-03-08", "value": "1900000", "display": "1.9 million", "article": "a3",
     "reported_by": None},
    {"figure": "f-4", "date": "2022-03-20", "value": "3000000", "display": "3 million", "article": "a4",
     "reported_by": "the UN"},
]


def test_a_small_valid_svg_with_one_circle_per_point():
    svg = series_svg(POINTS, "Refugees who fled Ukraine")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("viewBox") == "0 0 320 120"
    assert root.find(SVG + "title").text == "Refugees who fled Ukraine"
    circles = root.findall(SVG + "circle")
    assert len(circles) == 4
    assert [c.find(SVG + "title").text for c in circles] == [
        "2022-03-01: 500,000 (UNHCR)", "2022-03-08: 2 million (a2)", "2022-03-08: 1.9 million (a3)",
        "2022-03-20: 3 million (the UN)"]
    assert len(root.findall(SVG + "polyline")) == 1


def test_oldest_left_largest_highest():
    root = ET.fromstring(series_svg(POINTS, "t"))
    xs = [float(c.get("cx")) for c in root.findall(SVG + "circle")]
    ys = [float(c.get("cy")) for c in root.findall(SVG + "circle")]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert ys[3] == min(ys) and ys[0] == max(ys)  # SVG's y grows downwards
    assert all(0 <= x <= 320 for x in xs) and all(0 <= y <= 120 for y in ys)


def test_no_script_no_request_colours_from_the_theme():
    svg = series_svg(POINTS, "t")
    low = svg.lower()
    assert "<script" not in low and "href" not in low and "url(" not in low and "http" not in low.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "currentColor" in svg and "#" not in svg and "rgb" not in low
    assert " on" not in low.replace(" one", "")  # no event handler attributes


def test_hostile_text_is_escaped():
    hostile = '<script>alert("x")</script> & \'quotes\' "double"'
    points = [dict(p, display=hostile, reported_by=hostile, date=p["date"]) for p in POINTS[:2]]
    svg = series_svg(points, hostile)
    assert "<script>" not in svg and 'alert("x")' not in svg
    root = ET.fromstring(svg)  # still well-formed
    assert root.find(SVG + "title").text == hostile
    assert root.get("aria-label") == hostile
    assert hostile in root.findall(SVG + "circle")[0].find(SVG + "title").text
    assert "&amp;" in svg and "&lt;script&gt;" in svg and "&quot;" in svg and "&#x27;" in svg


def test_same_input_same_bytes():
    assert series_svg(POINTS, "Refugees") == series_svg([dict(p) for p in POINTS], "Refugees")
    assert series_svg(POINTS, "Refugees").encode() == series_svg(list(POINTS), "Refugees").encode()


def test_fewer_than_two_usable_points_draw_nothing():
    assert series_svg([], "t") == ""
    assert series_svg(POINTS[:1], "t") == ""
    assert series_svg([POINTS[0], {"date": "no date", "value": "5"}, {"date": "2022-03-02", "value": "n/a"}],
                      "t") == ""


def test_points_of_one_day_are_spread_and_equal_values_stay_inside():
    same_day = [dict(p, date="2022-03-08") for p in POINTS[:3]]
    root = ET.fromstring(series_svg(same_day, "t"))
    xs = [float(c.get("cx")) for c in root.findall(SVG + "circle")]
    assert len(set(xs)) == 3
    flat = [dict(p, value="7") for p in POINTS]
    root = ET.fromstring(series_svg(flat, "t"))
    assert all(0 <= float(c.get("cy")) <= 120 for c in root.findall(SVG + "circle"))
