"""The same measure over time, on hand-built Figure records (no model)."""
from __future__ import annotations

from generator.briefing.records import Figure, SeriesPoint, TrackedFigure
from generator.briefing.tracked_figures import measure_key, series_id, track_figures

DATES = {"a1": "2022-03-01", "a2": "2022-03-08", "a3": "2022-03-08", "a4": "2022-03-15", "a5": "2022-03-20"}


def fig(fid, article, value, what, unit="", display=None, reported_by=None):
    return Figure(id=fid, value=value, number=float(value), what=what, reported_by=reported_by, article=article,
                  sentence=f"{what} {value}.", display=display or value, unit=unit)


def test_measure_key_folds_auxiliaries_plurals_and_word_order():
    assert measure_key("Ukrainian civilians have been killed") == measure_key("killed Ukrainian civilians") \
        == measure_key("Ukrainian civilian killed") == ("civilian", "killed", "ukrainian")
    assert measure_key("refugees who fled Ukraine") == measure_key("refugees have fled Ukraine")
    assert measure_key("casualties") == ("casualty",)
    # conservative: a different nationality, another verb or a different place is another measure
    assert measure_key("Russian soldiers killed") != measure_key("Ukrainian soldiers killed")
    assert measure_key("people died") != measure_key("people killed")
    assert measure_key("people in Kyiv") != measure_key("people in Kharkiv")


def test_generic_measures_are_never_a_series():
    assert measure_key("people") == measure_key("money") == measure_key("percent") == measure_key("them") == ()
    assert measure_key("were injured") == ()  # a verb alone does not say who


def test_one_series_per_measure_oldest_first_every_value_kept():
    figures = [
        fig("f-3", "a4", "5000000", "refugees have fled Ukraine", display="5 million", reported_by="UNHCR"),
        fig("f-1", "a1", "500000", "refugees have fled the country", display="500,000"),
        fig("f-2", "a2", "2000000", "refugees who fled the country", display="2 million"),
        fig("f-9", "a2", "352", "Ukrainian civilians have died"),
    ]
    [series] = track_figures(figures, DATES)
    assert isinstance(series, TrackedFigure)
    assert [(p.date, p.value, p.display, p.article) for p in series.points] == [
        ("2022-03-01", "500000", "500,000", "a1"), ("2022-03-08", "2000000", "2 million", "a2")]
    assert series.points[0] == SeriesPoint(figure="f-1", date="2022-03-01", value="500000", display="500,000",
                                           article="a1", reported_by=None)
    assert series.measure in {"refugees have fled the country", "refugees who fled the country"}
    assert not series.conflicting


def test_a_measure_needs_two_articles():
    figures = [fig("f-1", "a1", "10", "tanks destroyed"), fig("f-2", "a1", "12", "tanks destroyed")]
    assert track_figures(figures, DATES) == []


def test_values_are_never_averaged_and_same_day_disagreement_is_conflicting():
    figures = [fig("f-1", "a2", "352", "civilians killed"), fig("f-2", "a3", "406", "civilians killed"),
               fig("f-3", "a4", "500", "civilians killed")]
    [series] = track_figures(figures, DATES)
    assert [p.value for p in series.points] == ["352", "406", "500"]
    assert series.conflicting


def test_one_article_giving_two_values_is_no_conflict_and_a_repeat_counts_once():
    figures = [fig("f-1", "a2", "352", "civilians killed"), fig("f-2", "a2", "400", "civilians killed"),
               fig("f-3", "a2", "352", "civilians killed"), fig("f-4", "a4", "500", "civilians killed")]
    [series] = track_figures(figures, DATES)
    assert [p.value for p in series.points] == ["352", "400", "500"]
    assert not series.conflicting


def test_same_day_same_value_is_no_conflict():
    figures = [fig("f-1", "a2", "352", "civilians killed"), fig("f-2", "a3", "352", "civilians killed")]
    [series] = track_figures(figures, DATES)
    assert not series.conflicting and len(series.points) == 2


def test_units_keep_measures_apart():
    figures = [fig("f-1", "a1", "1000000000", "military aid", "USD"), fig("f-2", "a2", "900000000", "military aid",
                                                                           "EUR")]
    assert track_figures(figures, DATES) == []
    figures.append(fig("f-3", "a4", "2000000000", "military aid", "USD"))
    [series] = track_figures(figures, DATES)
    assert series.unit == "USD" and [p.figure for p in series.points] == ["f-1", "f-3"]


def test_figures_of_unknown_articles_are_left_out():
    figures = [fig("f-1", "a1", "10", "drones shot down"), fig("f-2", "zz", "12", "drones shot down")]
    assert track_figures(figures, DATES) == []


def test_ids_are_stable_and_derived_from_the_measure():
    figures = [fig("f-1", "a1", "352", "civilians killed"), fig("f-2", "a4", "500", "civilians were killed")]
    [one] = track_figures(figures, DATES)
    [two] = track_figures(list(reversed(figures)) + [fig("f-3", "a5", "600", "killed civilians")], DATES)
    assert one.id == two.id == series_id(("civilian", "killed"), "")
    assert one.id.startswith("t-")


def test_limit_keeps_the_series_with_most_points_first():
    figures = []
    for n, measure in enumerate(["civilians killed", "refugees fled", "people displaced", "tanks destroyed"]):
        for k, article in enumerate(["a1", "a2", "a3", "a4", "a5"][: n + 2]):
            figures.append(fig(f"f-{n}-{k}", article, str(10 * (k + 1)), measure))
    series = track_figures(figures, DATES, limit=2)
    assert [(s.measure, len(s.points)) for s in series] == [("tanks destroyed", 5), ("people displaced", 4)]
    assert track_figures(figures, DATES, limit=0) == []
    assert len(track_figures(figures, DATES)) == 4


def test_same_input_same_output():
    figures = [fig("f-1", "a1", "352", "civilians killed"), fig("f-2", "a4", "500", "civilians killed"),
               fig("f-3", "a2", "2000000", "refugees fled"), fig("f-4", "a5", "3000000", "refugees fled")]
    assert track_figures(figures, DATES) == track_figures(list(reversed(figures)), DATES)


def test_falling_values_are_separate_incidents_not_one_series():
    """"people killed": 57 on the first day, 47 in Chernihiv a week later, 13,000 in Donbas since 2014."""
    falling = [fig("f-1", "a1", "57", "people killed"), fig("f-2", "a2", "47", "people killed"),
               fig("f-3", "a4", "13000", "people killed")]
    assert track_figures(falling, DATES) == []
    slight = [fig("f-1", "a1", "100", "people killed"), fig("f-2", "a2", "95", "people killed"),
              fig("f-3", "a4", "130", "people killed")]  # a second source's lower count, within 10%
    assert [p.value for p in track_figures(slight, DATES)[0].points] == ["100", "95", "130"]


def test_a_measure_of_units_alone_is_no_series():
    figures = [fig("f-1", "a1", "255000", "sq m"), fig("f-2", "a2", "92600000", "sq m")]
    assert track_figures(figures, DATES) == []
