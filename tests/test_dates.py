"""Date phrases resolved against the article date (unit tests, no model)."""
import datetime as dt

import pytest

from generator.nlp.dates import resolve_phrase

MONDAY = dt.date(2022, 2, 28)
TUESDAY = dt.date(2022, 3, 1)


@pytest.mark.parametrize("phrase, article, future, expected", [
    ("on Thursday", MONDAY, False, "2022-02-24"),
    ("Monday", MONDAY, False, "2022-02-28"),          # the article's own weekday is that day
    ("Monday", TUESDAY, False, "2022-02-28"),
    ("on Sunday", TUESDAY, False, "2022-02-27"),
    ("last Monday", MONDAY, False, "2022-02-21"),
    ("next Monday", MONDAY, False, "2022-03-07"),
    ("on Thursday", MONDAY, True, "2022-03-03"),       # future tense looks forward
    ("yesterday", MONDAY, False, "2022-02-27"),
    ("today", MONDAY, False, "2022-02-28"),
    ("tomorrow", MONDAY, False, "2022-03-01"),
    ("24 February", TUESDAY, False, "2022-02-24"),
    ("February 24, 2022", TUESDAY, False, "2022-02-24"),
    ("on Feb. 24", TUESDAY, False, "2022-02-24"),
    ("on Monday", MONDAY, True, "2022-02-28"),          # "would begin on Monday" in a Monday article: that day
    ("Only yesterday", MONDAY, False, "2022-02-27"),
    ("on 11 July", dt.date(2022, 6, 23), None, "2022-07-11"),   # present tense: the nearest 11 July
    ("on 20 June", dt.date(2022, 6, 23), None, "2022-06-20"),
    ("on 11 July", dt.date(2022, 6, 23), False, "2021-07-11"),  # past tense: the last one
    ("midday Saturday", dt.date(2022, 7, 10), False, "2022-07-09"),
])
def test_day_phrases(phrase, article, future, expected):
    resolved = resolve_phrase(phrase, article, article, future)
    assert resolved is not None and (resolved.value, resolved.precision) == (expected, "day")
    assert resolved.text == phrase


@pytest.mark.parametrize("phrase, expected", [
    ("at the end of last month", ("2022-05", "month")),
    ("the end of March", ("2022-03", "month")),
    ("nearly 100 days ago", ("2022-02", "month")),  # approximate: the month, not an invented day
])
def test_month_phrases(phrase, expected):
    resolved = resolve_phrase(phrase, dt.date(2022, 6, 4), dt.date(2022, 6, 4), False)
    assert resolved is not None and (resolved.value, resolved.precision) == expected


@pytest.mark.parametrize("phrase", ["some 20 years ago", "more than 30 years ago", "about two years ago"])
def test_an_approximate_number_of_years_ago_is_no_date(phrase):
    assert resolve_phrase(phrase, dt.date(2022, 6, 4), dt.date(2022, 6, 4), False) is None
    assert resolve_phrase(phrase.split(" ", 1 + phrase.startswith("more"))[-1], dt.date(2022, 6, 4),
                          dt.date(2022, 6, 4), False) is not None  # without the hedge: the year


def test_a_range_of_days_is_no_day():
    assert resolve_phrase("on June 23-24", dt.date(2022, 6, 17), dt.date(2022, 6, 17), True) is None


def test_weekday_never_after_article_in_past_tense():
    for offset in range(7):
        article = MONDAY + dt.timedelta(days=offset)
        for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            day = resolve_phrase(f"on {name}", article, article, False).day
            assert day <= article and day.strftime("%A") == name and (article - day).days < 7


def test_relative_to_reference_event():
    reference = dt.date(2022, 2, 28)
    assert resolve_phrase("the previous day", TUESDAY, reference, False).value == "2022-02-27"
    assert resolve_phrase("five days earlier", TUESDAY, reference, False).value == "2022-02-23"
    assert resolve_phrase("two days ago", TUESDAY, reference, False).value == "2022-02-27"


@pytest.mark.parametrize("phrase, expected, precision", [
    ("earlier this month", "2022-03", "month"),
    ("last month", "2022-02", "month"),
    ("in March 2014", "2014-03", "month"),
    ("in 2014", "2014", "year"),
    ("last year", "2021", "year"),
    ("this year", "2022", "year"),
    ("in January", "2022-01", "month"),
])
def test_month_and_year_precision(phrase, expected, precision):
    resolved = resolve_phrase(phrase, TUESDAY, TUESDAY, False)
    assert (resolved.value, resolved.precision) == (expected, precision)


@pytest.mark.parametrize("phrase", ["the coming days", "hours", "the weekend", "decades", "five days", "last week",
                                    "this week", "earlier this week", "next week"])
def test_vague_phrases_are_not_dates(phrase):
    assert resolve_phrase(phrase, TUESDAY, TUESDAY, False) is None


def test_by_a_yearless_date_in_the_past_tense_is_a_deadline_when_a_few_months_ahead():
    from generator.nlp.dates import resolve_phrase

    june = dt.date(2022, 6, 2)
    assert resolve_phrase("by September 1", june, june, False).value == "2022-09-01"  # a plan made in June
    assert resolve_phrase("on September 1", june, june, False).value == "2021-09-01"  # no deadline: last year's
    january = dt.date(2023, 1, 5)
    assert resolve_phrase("by December 30", january, january, False).value == "2022-12-30"  # too far ahead



def test_a_yearless_month_ahead_in_the_future_tense_is_the_next_one():
    july = dt.date(2022, 7, 27)
    assert resolve_phrase("in January", july, july, True).value == "2023-01"
    assert resolve_phrase("in October", july, july, True).value == "2022-10"
    assert resolve_phrase("in January", july, july, False).value == "2022-01"
