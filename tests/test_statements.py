"""Quotes a reader can read (generator/briefing/statements.py), on hand-written text."""
from generator.briefing.records import Briefing, Quote
from generator.briefing.statements import EXCERPT_WORDS, excerpt, key_passages, readable_quotes, sentences


def test_sentences_keep_closing_quotes_and_split_before_capitals_and_digits():
    assert sentences('He said "No." Then he left. 3 people died.') == ['He said "No."', "Then he left.", "3 people died."]
    assert sentences("Mr. Smith arrived at 5 p.m. today.") == ["Mr. Smith arrived at 5 p.m. today."]


def test_excerpt_is_at_most_two_whole_sentences():
    text = "We will not give up. We will fight to the end. We will never surrender."
    assert excerpt(text) == "We will not give up. We will fight to the end."


def test_a_very_long_first_sentence_is_cut_at_a_clause_and_marked():
    long = ", ".join(f"clause number {i} of a speech" for i in range(30)) + "."
    cut = excerpt(long)
    assert len(cut.split()) <= EXCERPT_WORDS + 1 and cut.endswith(" …") and ", …" not in cut


def test_a_speech_becomes_a_statement_with_key_passages():
    sentence = "Today Russia began a special military operation in Donbas, Putin said to the nation."
    speech = " ".join([sentence] + [f"This is sentence {i} of a long address about many different things here." for i in range(40)])
    quote = Quote("q-1", speech, "direct", "Vladimir Putin", "a", "s", speaker="vladimir-putin")
    short = Quote("q-2", "Let them try.", "direct", "X", "a", "s")
    b = readable_quotes(Briefing("", "", "", [], [], [quote, short], [], []))
    statement, plain = b.quotes
    assert statement.statement and 1 <= len(statement.passages) <= 5 and statement.passages[0] == sentence
    assert len(statement.excerpt.split()) <= EXCERPT_WORDS
    assert not plain.statement and plain.passages == () and plain.excerpt == "Let them try."
    assert key_passages("Too short.") == ()


def test_an_excerpt_stops_where_a_second_quotation_was_spliced_on():
    """Two paragraphs of quotes joined by the scraper: the second opens with its own quotation mark."""
    text = ("Around 11 o'clock we were stopped at the checkpoint, where Russian soldiers started checking documents. "
            "\"They asked me if I'd filmed the checkpoint and demanded I give them my phone.")
    assert excerpt(text) == ("Around 11 o'clock we were stopped at the checkpoint, where Russian soldiers started "
                             "checking documents.")
    assert excerpt("We held. “It was hard.") == "We held."
