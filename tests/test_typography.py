"""Typography normalisation before NLP (unit tests, no model)."""
from generator.sources.typography import normalise


def test_curly_quotes_become_straight():
    assert normalise("“As always,” he said. Ukraine’s") == "\"As always,\" he said. Ukraine's"


def test_stripped_possessives_are_repaired_for_known_names():
    text = "Zelenskyys office said. Russias takeover of Crimea. The Kremlins statement, an adviser to Zelenskyy said."
    out = normalise(text)
    assert "Zelenskyy's office" in out and "Russia's takeover" in out and "Kremlin's statement" in out


def test_plural_names_and_nationalities_are_left_alone():
    text = "The Russians and Belarusians met in the United States. Officials said so."
    assert normalise(text) == text


def test_contractions_and_dashes_only_in_stripped_texts():
    assert normalise("We dont know  but hope for todays talks.") == "We don't know — but hope for today's talks."
    # A text that has apostrophes was not stripped: leave look-alike words alone.
    assert normalise("It's the governments that dont care.") == "It's the governments that dont care."


def test_an_article_glued_to_a_quoted_name_or_an_acronym_is_apart():
    assert normalise("Putin will speak at a'BRICS Plus' session with representatives of theUNICEF.") == \
        "Putin will speak at a 'BRICS Plus' session with representatives of the UNICEF."
    # words that only begin like an article stay whole, and so does an article before a word
    assert normalise("Theresa May met anEU official, then the EU, at Atlanta.") == \
        "Theresa May met an EU official, then the EU, at Atlanta."
    assert normalise("They told theatre staff about aVery odd thing.") == "They told theatre staff about aVery odd thing."
