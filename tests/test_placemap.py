"""The map of a briefing's places: valid, escaped, deterministic, bounded, linked; and its data."""
from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET

import pytest

from generator.nlp import gazetteer
from generator.site import placemap
from generator.site.placemap import map_svg, unmapped_places

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_TAG = "</svg><script>alert(1)</script>"
HOSTILE_ATTRIBUTE = '"onload="x'


def place(actor_id: str, name: str, articles: int, aliases: tuple[str, ...] = ()) -> dict:
    return {"id": actor_id, "name": name, "kind": "place", "aliases": list(aliases),
            "articles": [f"{actor_id}-{k}" for k in range(articles)]}


def briefing() -> dict:
    """A Ukraine briefing: two countries, four cities, a region, a far capital and a nowhere."""
    actors = [place("ukraine", "Ukraine", 30), place("poland", "Poland", 6), place("kyiv", "Kyiv", 20),
              place("kharkiv", "Kharkiv", 12), place("lviv", "Lviv", 5), place("donbas", "Donbas", 9),
              place("odesa", "Odesa", 4), place("washington", "Washington", 2), place("atlantis", "Atlantis", 3),
              {"id": "zelensky", "name": "Volodymyr Zelensky", "kind": "person", "articles": ["kyiv-0"]}]
    stories = [{"id": "s1", "actors": ["kyiv", "ukraine"], "articles": ["kyiv-0", "kyiv-1", "ukraine-0"]},
               {"id": "s2", "actors": ["kyiv", "zelensky"], "articles": ["kyiv-2"]}]
    return {"actors": actors, "stories": stories}


def link(kind: str, actor_id: str) -> str:
    return f"../{kind}s/{actor_id}/"


def places_drawn(root: ET.Element) -> dict[str, ET.Element]:
    """Tooltip name -> the element of each drawn place (a link, or a group when it has no page)."""
    drawn = {}
    for element in root.iter():
        if element.tag in {SVG + "a", SVG + "g"} and element.get("class") in {"map-country", "map-place"}:
            drawn[element.find(SVG + "title").text.split(":")[0]] = element
    return drawn


def test_a_valid_svg_with_title_description_and_theme_colours():
    svg = map_svg(briefing(), link, uid="map-1")
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert root.get("class") == "briefing-picture briefing-map" and root.get("role") == "group"
    assert root.get("aria-labelledby") == "map-1-title"
    assert root.find(SVG + "title").get("id") == "map-1-title" and root.find(SVG + "desc").text
    assert "currentColor" in svg and "#" not in svg and "rgb" not in svg.lower()
    low = svg.lower().replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in low and "http" not in low and "url(" not in low


def test_one_link_per_shown_place_with_the_href_given():
    data = briefing()
    root = ET.fromstring(map_svg(data, link))
    links = root.findall(f".//{SVG}a")
    left_off = {p["id"] for p in unmapped_places(data)}
    shown = {a["id"] for a in data["actors"] if a["kind"] == "place"} - left_off
    assert sorted(a.get("href") for a in links) == sorted(link("place", i) for i in shown)
    assert {"kyiv", "ukraine", "donbas"} <= shown
    assert all(a[0].tag == SVG + "title" for a in links)


def test_no_link_when_a_place_has_no_page():
    def no_page_for_kyiv(kind: str, actor_id: str):
        return None if actor_id == "kyiv" else link(kind, actor_id)

    root = ET.fromstring(map_svg(briefing(), no_page_for_kyiv))
    drawn = places_drawn(root)
    assert drawn["Kyiv"].tag == SVG + "g" and drawn["Kharkiv"].tag == SVG + "a"
    root = ET.fromstring(map_svg(briefing(), lambda kind, actor_id: None))
    assert root.findall(f".//{SVG}a") == [] and len(places_drawn(root)) >= 5


def test_an_unsafe_link_or_map_id_is_refused():
    with pytest.raises(ValueError, match="E030"):
        map_svg(briefing(), lambda kind, actor_id: "javascript:alert(1)")
    with pytest.raises(ValueError):
        map_svg(briefing(), link, uid='x" onload="alert(1)')


def test_hostile_names_appear_only_escaped():
    data = briefing()
    data["actors"][2]["name"] = HOSTILE_TAG  # Kyiv, still found by its alias
    data["actors"][2]["aliases"] = ["Kiev"]
    data["actors"][3]["name"] = HOSTILE_ATTRIBUTE  # Kharkiv
    data["actors"][3]["aliases"] = ["Kharkov"]
    svg = map_svg(data, link)
    assert "<script" not in svg and HOSTILE_ATTRIBUTE not in svg
    assert "&lt;/svg&gt;&lt;script&gt;" in svg and "&quot;onload=&quot;x" in svg
    root = ET.fromstring(svg)
    assert all(not key.lower().startswith("on") for element in root.iter() for key in element.attrib)
    titles = [t.text for t in root.iter(SVG + "title")]
    assert f"{HOSTILE_TAG}: 2 stories, 20 articles" in titles
    assert HOSTILE_TAG in [t.text for t in root.iter(SVG + "text")]  # the largest city is labelled


def test_the_same_briefing_gives_the_same_bytes_in_any_order():
    first = map_svg(briefing(), link)
    shuffled = briefing()
    random.Random(7).shuffle(shuffled["actors"])
    shuffled["stories"].reverse()
    assert first == map_svg(briefing(), link) == map_svg(shuffled, link)
    assert unmapped_places(briefing()) == unmapped_places(shuffled)


def test_top_bounds_the_places_drawn_and_listed():
    data = briefing()
    data["actors"] += [place(f"town-{k}", name, 1) for k, name in enumerate(["Sumy", "Poltava", "Chernihiv"])]
    for top in (1, 3, 5):
        drawn = places_drawn(ET.fromstring(map_svg(data, link, top=top)))
        assert 1 <= len(drawn) <= top and len(drawn) + len(unmapped_places(data, top=top)) == top
    assert len(places_drawn(ET.fromstring(map_svg(data, link, top=40)))) > 5


def test_countries_are_shapes_and_cities_circles_sized_by_weight():
    drawn = places_drawn(ET.fromstring(map_svg(briefing(), link)))
    assert drawn["Ukraine"].find(SVG + "path") is not None and drawn["Ukraine"].find(SVG + "circle") is None
    assert drawn["Poland"].find(SVG + "path") is not None
    radius = {name: float(e.find(SVG + "circle").get("r")) for name, e in drawn.items()
              if e.find(SVG + "circle") is not None}
    assert {"Kyiv", "Kharkiv", "Lviv", "Donbas"} <= set(radius)
    assert radius["Kyiv"] > radius["Kharkiv"] > radius["Donbas"] > radius["Lviv"]
    ukraine = float(drawn["Ukraine"].find(SVG + "path").get("fill-opacity"))
    assert ukraine > float(drawn["Poland"].find(SVG + "path").get("fill-opacity"))  # named more: darker


def test_a_place_weighs_its_stories_and_the_articles_outside_them():
    # Kyiv: two stories holding three of its 20 articles -> 2 + 17; Kharkiv: no story, 12 articles.
    drawn = places_drawn(ET.fromstring(map_svg(briefing(), link)))
    assert drawn["Kyiv"].find(SVG + "title").text == "Kyiv: 2 stories, 20 articles"
    assert drawn["Kharkiv"].find(SVG + "title").text == "Kharkiv: 0 stories, 12 articles"
    data = briefing()
    data["stories"] = [{"id": f"s{k}", "actors": ["lviv"], "articles": ["lviv-0"]} for k in range(25)]
    drawn = places_drawn(ET.fromstring(map_svg(data, link)))
    assert float(drawn["Lviv"].find(SVG + "circle").get("r")) > float(drawn["Kharkiv"].find(SVG + "circle").get("r"))


def test_places_without_position_or_outside_the_frame_are_listed():
    left_off = {p["id"]: p for p in unmapped_places(briefing())}
    assert left_off["atlantis"] == {"id": "atlantis", "name": "Atlantis", "stories": 0, "articles": 3,
                                    "reason": "no known position"}
    assert left_off["washington"]["reason"] == "outside the map"  # the frame is Ukraine's, not the world's
    assert "kyiv" not in left_off and "ukraine" not in left_off
    svg = map_svg(briefing(), link)
    assert "Atlantis" not in svg and "Washington" not in svg


def test_huge_countries_do_not_zoom_the_map_out():
    data = briefing()
    data["actors"] += [place("russia", "Russia", 60, aliases=("Russian Federation",)),
                       place("united-states", "United States", 25, aliases=("US",))]
    root = ET.fromstring(map_svg(data, link))
    drawn = places_drawn(root)
    kyiv, kharkiv = (drawn[name].find(SVG + "circle") for name in ("Kyiv", "Kharkiv"))
    apart = float(kharkiv.get("cx")) - float(kyiv.get("cx"))
    assert apart > 80  # of 800 units: a map of Ukraine and its neighbours, not of Russia or the world
    assert drawn["Russia"].find(SVG + "path") is not None  # drawn where it meets the frame
    assert {p["id"]: p["reason"] for p in unmapped_places(data)}["united-states"] == "outside the map"


def test_a_second_name_of_a_drawn_country_is_listed_not_drawn_twice():
    data = briefing()
    data["actors"].append(place("ukraine-2", "the Ukraine", 2, aliases=("Ukraine",)))
    left_off = {p["id"]: p["reason"] for p in unmapped_places(data)}
    assert left_off["ukraine-2"] == "drawn as Ukraine"


def test_nothing_to_draw_gives_no_svg():
    assert map_svg({}, link) == ""
    assert map_svg({"actors": [place("atlantis", "Atlantis", 3)]}, link) == ""
    assert map_svg(briefing(), link, top=0) == ""
    assert [p["id"] for p in unmapped_places({"actors": [place("atlantis", "Atlantis", 3)]})] == ["atlantis"]


def test_coordinates_of_a_city_an_alias_a_region_and_none_for_the_rest():
    kyiv = gazetteer.coordinates("Kyiv")
    assert kyiv is not None and abs(kyiv[0] - 50.45) < 0.1 and abs(kyiv[1] - 30.52) < 0.1
    assert gazetteer.coordinates("Kiev") == kyiv
    donbas = gazetteer.coordinates("Donbas")
    assert donbas is not None and 47 < donbas[0] < 50 and 37 < donbas[1] < 40
    assert gazetteer.coordinates("Donbass") == donbas
    odessa = gazetteer.coordinates("Odessa")  # news' Odessa is Ukraine's, not Texas'
    assert odessa is not None and odessa[1] > 0
    assert gazetteer.coordinates("Atlantis") is None and gazetteer.coordinates("Ukraine") is None


def test_the_coordinates_file_is_what_the_builder_makes():
    from tools.build_places import build_place_coordinates, coordinates_text

    names = frozenset(gazetteer.PLACES_FILE.read_text(encoding="utf-8").splitlines())
    assert gazetteer.COORDINATES_FILE.read_text(encoding="utf-8") == coordinates_text(build_place_coordinates(names))


def _inside(lon: float, lat: float, ring) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_the_world_outlines_load_with_the_recognised_borders():
    countries = placemap.world()
    assert {"Ukraine", "Russia", "Poland", "Belarus", "United States of America"} <= set(countries)
    raw = json.loads(placemap.WORLD_FILE.read_text(encoding="utf-8"))
    assert "Natural Earth" in raw["source"] and "public domain" in raw["licence"]
    assert any(_inside(30.52, 50.45, ring) for ring in countries["Ukraine"])  # Kyiv
    assert any(_inside(34.10, 44.95, ring) for ring in countries["Ukraine"])  # Simferopol, Crimea
    assert not any(_inside(34.10, 44.95, ring) for ring in countries["Russia"])
    assert any(_inside(37.62, 55.75, ring) for ring in countries["Russia"])  # Moscow


def test_the_country_name_table_names_outlines_that_exist():
    table = placemap.settings()["country_names"]
    assert table["United States"] == "United States of America" and table["Czech Republic"] == "Czechia"
    assert not sorted(set(table.values()) - set(placemap.world()))
