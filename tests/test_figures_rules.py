"""Every rule of generator/nlp/figures.py on a hand-written sentence, with the real spaCy pipeline: what a
figure counts (`what`), how a newspaper writes it (`display`, `unit`), the rule that found it (`method`),
and the numbers that are not figures (ids, laws, years, ordinals, dates, times, ages, phone numbers, page
furniture, numbers inside names). The display rules and the regular expressions also run without it."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from generator.briefing.records import Article
from generator.nlp import figures
from generator.nlp.figures import display_number, parse_number


# ------------------------------------------------------------------------ how a newspaper writes it

@pytest.mark.parametrize("args, shown", [
    ((500e9, None, "USD", "money"), "$500bn"),
    ((369e9, None, "GBP", "money"), "£369bn"),
    ((1.2e9, None, "EUR", "money"), "€1.2bn"),
    ((40e6, None, "USD", "money"), "$40m"),
    ((6.55e9, None, "GBP", "money"), "£6.55bn"),
    ((2e9, None, "RUB", "money"), "2bn roubles"),
    ((100000, None, "UAH", "money"), "100,000 hryvnias"),
    ((500000, None, "USD", "money"), "$500,000"),
    ((2e12, None, "USD", "money"), "$2tn"),
    ((15e9, 20e9, "USD", "money"), "$15-20bn"),
    ((2e6, None, "", "count"), "2 million"),
    ((1.5e6, None, "", "count"), "1.5 million"),
    ((500000, None, "", "count"), "500,000"),
    ((12000, None, "", "count"), "12,000"),
    ((352, None, "", "count"), "352"),
    ((1234567, None, "", "count"), "1,234,567"),  # never rounded to "1.23 million"
    ((2e6, 3e6, "", "count"), "2-3 million"),
    ((10, 20, "", "count"), "10-20"),
    ((500000, 1e6, "", "count"), "500,000-1 million"),
    ((12, None, "%", "percent"), "12%"),
    ((2.5, None, "%", "percent"), "2.5%"),
    ((160, None, "km", "quantity"), "160km"),
    ((10, 20, "km", "quantity"), "10-20km"),
    ((100, None, "miles", "quantity"), "100 miles"),
    ((40e6, None, "", "money"), "40 million"),  # an amount whose currency the text does not give
])
def test_display_is_how_a_newspaper_writes_the_number(args, shown):
    assert display_number(*args) == shown


def test_parse_number_reads_units_glued_to_the_number():
    assert parse_number("about 160km") == 160
    assert parse_number("$8bn") == 8e9 and parse_number("£550 m") == 550e6
    assert parse_number("a hundred thousand hryvnias") == 100000
    assert parse_number("2.3 million") == 2.3e6
    assert parse_number("half a million square metres") == 500_000 and parse_number("half a thousand") == 500


@pytest.mark.parametrize("hostile", [
    "1 " * 50000, "1," * 50000, "1." * 50000, "$" * 50000 + "1", "1-" * 50000, "+" + "1 " * 50000,
    "a hundred " * 20000, "(" * 50000 + "1",
])
def test_the_patterns_are_linear_on_hostile_text(hostile):
    started = time.perf_counter()
    parse_number(hostile)
    figures._PHONE.fullmatch(hostile)
    figures._NUMBER_WITH_SUFFIX.fullmatch(hostile)
    figures._CLOCK.fullmatch(hostile)
    figures._amount_token(hostile[:2000])
    assert time.perf_counter() - started < 1.0


# ------------------------------------------------------------------------ the rules, with the model

@pytest.fixture(scope="module")
def nlp():
    from generator.nlp.parse import load_pipeline, model_name

    return load_pipeline(model_name())


def found(nlp, body):
    """(value, display, unit, what, method) of every figure of `body`, in text order."""
    from generator.nlp.extract import analysis_text, extract_one
    from generator.nlp.parse import parse
    from generator.sources.typography import normalise

    art = Article(id="a1", file="a1.md", title="News", date=dt.date(2022, 3, 14), source="", url="", body=body)
    doc = next(parse(nlp, [analysis_text(body)]))
    extraction = extract_one(doc, nlp(normalise("News")), art)
    return [(f.value, f.display, f.unit, f.what, f.method) for f in extraction.figures]


model = pytest.mark.model


@model
def test_cardinal_noun_counts_with_its_clause(nlp):
    assert found(nlp, "At least 500,000 refugees have fled the country, the UN said.") == [
        ("500000", "at least 500,000", "", "refugees have fled the country", "cardinal+noun")]
    assert found(nlp, "About 1.5 million refugees who fled Ukraine have arrived in Poland.") == [
        ("1500000", "about 1.5 million", "", "refugees who fled Ukraine have arrived", "cardinal+noun")]


@model
def test_cardinal_noun_object_of_a_verb_reads_as_a_participle(nlp):
    assert found(nlp, "Russian forces killed 40 Ukrainian civilians on Tuesday.") == [
        ("40", "40", "", "Ukrainian civilians killed", "cardinal+noun")]


@model
def test_a_small_count_is_a_figure_only_for_key_nouns(nlp):
    assert found(nlp, "Three journalists were detained in Kherson.") == [
        ("3", "3", "", "journalists were detained", "cardinal+noun")]
    assert found(nlp, "Three buildings were damaged in Kherson.") == []


@model
@pytest.mark.parametrize("body, expected", [
    ("The US has pledged $500bn to the fund.", ("500000000000", "$500bn", "USD", "pledged by the US to the fund")),
    ("Britain froze £369bn of Russian assets.", ("369000000000", "£369bn", "GBP", "Russian assets")),
    ("The EU approved €1.2bn in budget support for Ukraine.",
     ("1200000000", "€1.2bn", "EUR", "budget support for Ukraine")),
    ("Washington announced another $40m in humanitarian aid.", ("40000000", "$40m", "USD", "humanitarian aid")),
    ("The company paid 2 billion roubles in fines.", ("2000000000", "2bn roubles", "RUB", "fines")),
    ("We will pay our servicemen a hundred thousand hryvnias a month.",
     ("100000", "100,000 hryvnias", "UAH", "money")),
])
def test_money_keeps_its_currency_and_scale(nlp, body, expected):
    assert found(nlp, body) == [expected + ("money",)]


@model
def test_percent(nlp):
    assert found(nlp, "Unemployment rose to 12% in May.") == [("12", "12%", "%", "Unemployment", "percent")]
    assert found(nlp, "Russia cut gas deliveries through Nord Stream 1 by 40%.") == [
        ("40", "40%", "%", "gas deliveries cut", "percent")]


@model
def test_one_hundred_percent_as_an_intensifier_is_no_figure(nlp):
    assert found(nlp, "You have seen our position one hundred percent.") == []


@model
def test_quantity_with_its_unit(nlp):
    assert found(nlp, "Lviv is located 70 kilometers from the Polish border.") == [
        ("70", "70km", "km", "distance from Polish border", "quantity")]


@model
def test_ranges_keep_the_lower_bound_as_value(nlp):
    assert found(nlp, "Russian troops advanced 10-20 km into the region.") == [
        ("10", "10-20km", "km", "distance", "range")]
    assert found(nlp, "The convoy numbered two or three tanks and a few trucks.") == [
        ("2", "2-3", "", "tanks", "range")]
    assert ("10", "10-20", "", "homes were damaged", "range") in found(
        nlp, "Officials said 10 to 20 homes were damaged.")


@model
def test_partitive_takes_the_noun_of_the_figure_before(nlp):
    assert found(nlp, "Ukraine said its troops captured 300 Russian soldiers. About 40 of them were wounded.") == [
        ("300", "300", "", "Russian soldiers captured", "cardinal+noun"),
        ("40", "about 40", "", "Russian soldiers were wounded", "partitive")]
    assert found(nlp, "The exchange freed 144 Ukrainian soldiers, including 95 who defended the Azovstal "
                      "steelworks.") == [
        ("144", "144", "", "Ukrainian soldiers freed", "cardinal+noun"),
        ("95", "95", "", "Ukrainian soldiers who defended the Azovstal steelworks", "partitive")]


@model
def test_coordinated_subject_counts_the_noun_of_the_first_clause(nlp):
    assert found(nlp, "Four missiles hit the university and five hit the port.") == [
        ("4", "4", "", "missiles hit the university", "cardinal+noun"),
        ("5", "5", "", "missiles hit the port", "coordinated")]


@model
def test_casualty_verbs(nlp):
    assert found(nlp, "Another 73 were injured.") == [("73", "73", "", "were injured", "casualty-verb")]
    assert found(nlp, "Two civilians were killed and seven wounded in the shelling.") == [
        ("2", "2", "", "civilians were killed", "cardinal+noun"),
        ("7", "7", "", "civilians wounded", "casualty-verb")]


@model
def test_attribute_and_measure_nouns(nlp):
    assert ("95", "95", "", "Azovstal defenders", "attribute") in found(nlp, "Of the 144 freed, 95 are Azovstal "
                                                                                 "defenders.")
    assert found(nlp, "Kaliningrad has a population of about 500,000.") == [
        ("500000", "about 500,000", "", "population", "measure")]
    assert ("23", "23", "", "death toll", "measure") in found(nlp, "The death toll rose to 23, including three "
                                                                   "children.")


@model
def test_two_figures_of_one_value_in_one_sentence_keep_apart(nlp):
    from generator.nlp.extract import analysis_text, extract_one
    from generator.nlp.parse import parse

    body = ("Two British nationals have been reported killed in the fighting and another two Britons are facing "
            "the death penalty.")
    art = Article(id="a1", file="a1.md", title="News", date=dt.date(2022, 3, 14), source="", url="", body=body)
    x = extract_one(next(parse(nlp, [analysis_text(body)])), nlp("News"), art)
    assert [f.value for f in x.figures] == ["2", "2"] and len({f.id for f in x.figures}) == 2


@model
@pytest.mark.parametrize("body", [
    "The UN Security Council adopted Resolution 2623 on Sunday.",                         # a resolution
    "The order was signed under Federal Law No. 127-FZ.",                                 # a law
    "A version of this article appears in print on page A7 of the New York edition with 30 photos.",
    "In 2014, Russia annexed Crimea.",                                                    # a year
    "The 93rd brigade held the line.",                                                    # an ordinal
    "On 24 February Russia invaded Ukraine.",                                             # a date
    "26 Jul 2022 23.58 Ukraine aims to strike a deal.",                                   # a live blog's time
    "The talks began at 9:00 in Gomel.",                                                  # a time
    "Joe Biden, 79, said 18-year-old soldiers fought.",                                   # ages
    "For help call +380 44 256 7890 or the hotline.",                                     # a phone number
    "Four S-300 missiles were launched.",                                                 # inside a name ...
    "Two Boeing 737 jets landed.",                                                        # ... and another
])
def test_numbers_that_are_not_figures(nlp, body):
    values = [v for v, *_ in found(nlp, body)]
    assert not set(values) & {"2623", "127", "7", "30", "2014", "93", "24", "26", "23.58", "2022", "9", "79",
                              "18", "380", "44", "256", "7890", "300", "737"}, values


@model
def test_figures_around_the_numbers_that_are_not_still_count(nlp):
    assert [v for v, *_ in found(nlp, "The UN adopted Resolution 2623, and 141 countries voted for it.")] == ["141"]
    assert [(v, w) for v, _, _, w, _ in found(nlp, "Four S-300 missiles hit 15 villages.")] == [
        ("4", "S-300 missiles hit 15 villages"), ("15", "villages hit")]


@model
def test_a_count_keeps_both_verbs_of_or_and_its_infinitive(nlp):
    """"killed or mutilated" is not "killed"; "want to be evacuated" is not "want evacuated"."""
    assert [f[3] for f in found(nlp, "Over 500 children were killed or mutilated.")] == [
        "children were killed or mutilated"]
    assert [f[3] for f in found(nlp, "About 200,000 people in Mariupol want to be evacuated.")] == [
        "people in Mariupol want to be evacuated"]



@model
def test_another_number_counts_what_the_sentence_counted_before(nlp):
    assert found(nlp, "Three more civilians were killed in the town of Vuhledar, and another three in Lyman, "
                      "Kyrylenko said.")[-1] == ("3", "3", "", "civilians were killed in Lyman", "elided")


@model
def test_an_amount_repeated_in_one_article_is_one_figure(nlp):
    figures = found(nlp, "BFY expects the cap to rise to £3,850 in January. If the forecast proves accurate, bills "
                         "of £3,850 would hit millions of households. Removing VAT would cut the £3,850 bill.")
    assert [f[0] for f in figures].count("3850") == 1, figures
