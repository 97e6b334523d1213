"""Page furniture that extraction skips (no model needed)."""
from generator.sources.boilerplate import strip_boilerplate


def test_boilerplate_lines_and_datelines_go_but_paragraphs_stay():
    text = ("WASHINGTON — The aid will arrive.\n\nSign up to First Edition, our free daily newsletter – every "
            "weekday morning at 7am BST\n\n01:45 Putin warns Russia is just getting started – video\n\nEnd.")
    assert strip_boilerplate(text) == "The aid will arrive.\n\n\n\n\n\nEnd."
    assert strip_boilerplate("NATO — the alliance said.") == "NATO — the alliance said."  # no place: no dateline
    assert strip_boilerplate("Video games – video clips – sell well.") == "Video games – video clips – sell well."


def test_embedded_tweets_and_photo_credits_go():
    text = ("Fire in Tver.\n\nBREAKING: Massive Fire at #Russia's institute.\n\nRT reporting: "
            "pic.twitter.com/E2x — Joyce Karam (@Joyce_Karam) April 21, 2022\n\nActivists protest. Photograph: "
            "Maxim Shipenkov/EPA\n\nEnd.")
    assert strip_boilerplate(text) == "Fire in Tver.\n\n\n\n\n\n\n\nEnd."


def test_datelines_in_any_capitals_but_not_acronyms():
    assert strip_boilerplate("KÖNIGSWINTER, Germany — The G7 met.") == "The G7 met."
    assert strip_boilerplate("UNICEF — the agency said.") == "UNICEF — the agency said."


def test_a_live_blog_entry_time_is_no_part_of_its_first_sentence():
    text = ("12 Jul 2022 22.48 Ukraine's air force has carried out about 1,700 attacks.\n\n"
            "13 Jul 2022 09.05 BST NATO said the summit would go ahead.\n\nOn 12 Jul 2022 the talks ended.")
    assert strip_boilerplate(text) == ("Ukraine's air force has carried out about 1,700 attacks.\n\n"
                                       "NATO said the summit would go ahead.\n\nOn 12 Jul 2022 the talks ended.")
