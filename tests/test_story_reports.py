"""Undated reports (sentences that tell of a happening without a date of their own) and the rules
that let one article's sentences of a day be one story: extraction on hand-written sentences with
the model, joining on hand-built records."""
import datetime as dt

import pytest
from model_helpers import extracted

from generator.briefing.records import Actor, Article, Briefing, Event, EventSource
from generator.nlp.parse import load_pipeline, model_name
from generator.stories.build import build_stories
from generator.stories.cluster import cluster
from generator.stories.reports import attach_reports


def article(aid, day, source="theguardian.com", title="T"):
    return Article(id=aid, file=f"{aid}.md", title=title, date=dt.date(2022, 3, day), source=source, url="",
                   body=f"The text of article {aid}.")


def record(eid, date, article_id, keywords, terms=(), actors=(), date_text="on Tuesday", sentence=""):
    return Event(id=eid, date=date, precision="day", title=eid, actor_names=(),
                 sources=(EventSource(article_id, sentence or f"sentence of {eid}", date_text),),
                 actors=tuple(actors), keywords=tuple(keywords), terms=tuple(terms))


ARTICLES = {a.id: a for a in (article("g1", 1), article("n1", 2, "nytimes.com"), article("n2", 6, "nytimes.com"),
                              article("z1", 1, "president.gov.ua"))}
STRIKE = record("e-1", "2022-03-01", "g1", ["attack", "kharkiv", "square", "freedom"], ["missile"], ["kharkiv"])
BANK = record("e-2", "2022-03-01", "g1", ["bank", "rate", "double"], ["central", "interest"])


# -- extraction (the model) ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(model_name())



@pytest.mark.model
def test_an_undated_sentence_that_tells_of_a_strike_is_a_report_not_an_event(nlp):
    found = extracted(nlp, "The missile that hit Freedom Square destroyed the regional administration building.")
    assert found.events == ()
    assert [r.sources[0].sentence for r in found.reports] == [
        "The missile that hit Freedom Square destroyed the regional administration building."]
    assert found.reports[0].date == "2022-03-01" and found.reports[0].sources[0].date_text == ""
    assert "attack" in found.reports[0].terms


@pytest.mark.model
def test_no_report_from_a_dated_sentence_a_future_one_a_question_or_no_happening(nlp):
    found = extracted(nlp, "Russian missiles hit Kharkiv on Tuesday. The talks will resume in Belarus. "
                           "Was the missile strike a war crime? The central bank doubled its interest rate.")
    assert [e.sources[0].date_text for e in found.events] == ["on Tuesday"]
    assert found.reports == ()


@pytest.mark.model
def test_a_quoted_sentence_is_no_report(nlp):
    found = extracted(nlp, '"The missile hit the square and destroyed the building," the governor said.')
    assert found.reports == ()


@pytest.mark.model
def test_a_date_hanging_from_before_is_a_deadline_like_by(nlp):
    """"before the beginning of the school year on September 1", said in June, is this September."""
    found = extracted(nlp, "The ministry started to rebuild the schools before the beginning of the school year "
                           "on September 1.", date=dt.date(2022, 6, 1))
    assert [e.date for e in found.events] == ["2022-09-01"]


# -- joining (hand-built records) ------------------------------------------------------------------

def test_a_report_joins_the_story_it_tells_of_and_counts_its_outlet():
    report = record("r-1", "2022-03-02", "n1", ["attack", "freedom", "square"], ["kharkiv", "missile"], ["kharkiv"],
                    date_text="", sentence="The missile that hit Freedom Square.")
    off_topic = record("r-2", "2022-03-02", "n1", ["attack", "odesa", "port"], ["grain"], date_text="")
    groups = cluster([STRIKE, BANK], ARTICLES)
    joined = attach_reports(groups, [report, off_topic], ARTICLES)
    assert [[r.id for r in j] for g, j in zip(groups, joined) if STRIKE in g] == [["r-1"]]
    assert all(r.id != "r-2" for j in joined for r in j)
    kharkiv = Actor("kharkiv", "Kharkiv", "place", (), ("g1", "n1"))
    b = Briefing(title="", summary="", updated="2022-03-02", articles=list(ARTICLES.values()), actors=[kharkiv],
                 quotes=[], events=[STRIKE, BANK], figures=[], reports=[report])
    story = next(s for s in build_stories(b).stories if "e-1" in s.events)
    assert story.articles == ("g1", "n1") and story.outlets == 2
    assert [(s.article, s.sentence) for s in story.reports] == [("n1", "The missile that hit Freedom Square.")]
    assert story.date == "2022-03-01" and story.events == ("e-1",)  # a report never dates the story


def test_a_report_joins_only_a_story_of_its_articles_day_or_the_two_before():
    late = record("r-1", "2022-03-06", "n2", ["attack", "freedom", "square"], ["kharkiv", "missile"], ["kharkiv"],
                  date_text="")
    groups = cluster([STRIKE], ARTICLES)
    assert attach_reports(groups, [late], ARTICLES) == [[]]


def test_a_report_joins_no_story_of_another_kind_or_other_people():
    people = {"vladimir-putin", "emmanuel-macron", "olaf-scholz"}
    call = record("e-3", "2022-03-01", "g1", ["call", "putin", "macron"], ["phone"], ["vladimir-putin", "emmanuel-macron"])
    other_call = record("r-1", "2022-03-01", "n1", ["call", "putin", "scholz"], ["phone"],
                        ["vladimir-putin", "olaf-scholz"], date_text="")
    talks = record("r-2", "2022-03-01", "n1", ["talks", "kharkiv", "square", "freedom"], [], ["kharkiv"], date_text="")
    groups = cluster([STRIKE, call], ARTICLES)
    joined = attach_reports(groups, [other_call, talks], ARTICLES,
                            lambda e: frozenset(a for a in e.actors if a in people))
    assert joined == [[], []]


def test_a_report_whose_article_the_story_already_cites_joins_at_a_lower_likeness():
    """z1 tells of the strike in a dated sentence and again, in other words, without a date."""
    told = record("e-4", "2022-03-01", "z1", ["attack", "freedom", "square"], ["kharkiv"], ["kharkiv"])
    again = record("r-1", "2022-03-01", "z1", ["attack", "war", "crime"], ["residential"], ["kharkiv"],
                   date_text="")  # likeness 0.26: under report_join (0.30), over report_join_told (0.25)
    elsewhere = record("r-2", "2022-03-01", "n1", ["attack", "war", "crime"], ["residential"], ["kharkiv"],
                       date_text="")
    groups = cluster([told, BANK], ARTICLES)
    joined = attach_reports(groups, [again, elsewhere], ARTICLES)
    assert sorted(r.id for j in joined for r in j) == ["r-1"]


def test_one_articles_sentences_about_the_days_talks_are_one_story():
    """'the representatives reached an agreement during the talks' and 'the adviser stressed that the
    delegation had not achieved the expected results during the talks': one article, one day, one talks."""
    agreed = record("e-5", "2022-03-03", "z1", ["agreement", "reach", "representative", "talks", "corridor"])
    stressed = record("e-6", "2022-03-03", "z1", ["adviser", "stress", "office"], ["talks", "result", "achieve"])
    other_article = record("e-7", "2022-03-03", "g1", ["adviser", "stress", "office"], ["talks", "result"])
    assert len(cluster([agreed, stressed], ARTICLES)) == 1
    assert len(cluster([agreed, other_article], ARTICLES)) == 2
    strike_too = record("e-8", "2022-03-03", "z1", ["bank", "rate"], ["attack", "interest"])
    assert len(cluster([agreed, strike_too], ARTICLES)) == 2  # only the kinds told once a day (talks, calls)


def test_a_report_that_names_nobody_joins_nothing_and_one_naming_others_needs_a_close_likeness():
    """"For every rocket and bomb." names nothing; a strike on a square in Odesa is like the Kharkiv
    strike in its words (0.40), not in its place."""
    unnamed = record("r-1", "2022-03-01", "n1", ["attack", "freedom", "square"], ["kharkiv", "missile"],
                     date_text="")
    odesa = record("r-2", "2022-03-01", "n1", ["attack", "square", "port", "grain"], ["missile"], ["odesa"],
                   date_text="")
    kharkiv = record("r-3", "2022-03-01", "n1", ["attack", "square", "port", "grain"], ["missile"], ["kharkiv"],
                     date_text="")
    groups = cluster([STRIKE, BANK], ARTICLES)
    strike = next(n for n, g in enumerate(groups) if STRIKE in g)
    assert attach_reports(groups, [unnamed, odesa], ARTICLES) == [[], []]
    assert [r.id for r in attach_reports(groups, [kharkiv], ARTICLES)[strike]] == ["r-3"]


@pytest.mark.model
def test_a_same_day_date_in_an_aimed_clause_is_scheduled_and_so_is_its_story(nlp):
    """"is expected to have a phone call ... on Thursday", in Thursday's paper: not known to have happened."""
    thursday = dt.date(2022, 7, 21)
    aimed = extracted(nlp, "Joe Biden is expected to have a phone call with China's president on Thursday.", thursday)
    done = extracted(nlp, "Joe Biden had a phone call with China's president on Thursday.", thursday)
    assert [(e.date, e.scheduled) for e in aimed.events] == [("2022-07-21", True)]
    assert [(e.date, e.scheduled) for e in done.events] == [("2022-07-21", False)]
    art = Article(id="a", file="a.md", title="News report", date=thursday, source="example.com", url="", body="x")
    b = Briefing(title="", summary="", updated="2022-07-21", articles=[art], actors=[], quotes=[],
                 events=list(aimed.events), figures=[])
    assert [s.scheduled for s in build_stories(b).stories] == [True]


def test_a_story_that_happened_is_not_headed_by_the_report_that_it_would():
    expected = Event(id="e-1", date="2022-03-02", precision="day", title="x", actor_names=(),
                     sources=(EventSource("g1", "Biden is expected to call Xi on Wednesday.", "on Wednesday"),),
                     keywords=("call", "biden", "xi"), headline="Joe Biden is expected to call Xi Jinping",
                     form="named", scheduled=True)
    spoke = Event(id="e-2", date="2022-03-02", precision="day", title="x", actor_names=(),
                  sources=(EventSource("n2", "Biden and Xi spoke by phone on Wednesday.", "on Wednesday"),),
                  keywords=("call", "biden", "xi", "speak"), headline="Joe Biden and Xi Jinping spoke by phone",
                  form="named")
    arts = [article("g1", 1), Article(id="n2", file="n2.md", title="T", date=dt.date(2022, 3, 3), source="nytimes.com",
                                      url="", body="x")]
    b = Briefing(title="", summary="", updated="2022-03-03", articles=arts, actors=[], quotes=[],
                 events=[expected, spoke], figures=[])
    (story,) = build_stories(b).stories
    assert story.headline == "Joe Biden and Xi Jinping spoke by phone" and not story.scheduled


def figure(fid, article_id, sentence, number, what="people killed", unit=""):
    from generator.briefing.records import Figure

    return Figure(id=fid, value=str(number), number=float(number), what=what, reported_by=None, article=article_id,
                  sentence=sentence, display=f"{number:,}", unit=unit)


def test_outlets_giving_different_figures_for_a_story_are_shown_both():
    """The Guardian counts 47 killed, the NYT 50: both values stay, with their articles; the same
    outlet updating its count, or another measure, is no dispute."""
    g = record("e-1", "2022-03-01", "g1", ["attack", "chernihiv"], actors=["chernihiv"],
               sentence="Russian bombs killed 47 people in Chernihiv on Tuesday.")
    n = record("e-2", "2022-03-01", "n1", ["attack", "chernihiv"], actors=["chernihiv"],
               sentence="Russian bombs killed 50 people in Chernihiv on Tuesday.")
    figures = [figure("f-1", "g1", "Russian bombs killed 47 people in Chernihiv on Tuesday.", 47),
               figure("f-2", "n1", "Russian bombs killed 50 people in Chernihiv on Tuesday.", 50),
               figure("f-3", "n1", "Russian bombs killed 50 people in Chernihiv on Tuesday.", 12, what="buildings")]
    b = Briefing(title="", summary="", updated="2022-03-02", articles=list(ARTICLES.values()), actors=[],
                 quotes=[], events=[g, n], figures=figures)
    (story,) = build_stories(b).stories
    assert [(d.measure, [(v.display, v.articles) for v in d.claims]) for d in story.disputed_figures] == [
        ("people killed", [("47", ("g1",)), ("50", ("n1",))])]
    same_outlet = [figure("f-1", "g1", "Russian bombs killed 47 people in Chernihiv on Tuesday.", 47),
                   figure("f-4", "g1", "Russian bombs killed 47 people in Chernihiv on Tuesday.", 49)]
    b = Briefing(title="", summary="", updated="2022-03-02", articles=list(ARTICLES.values()), actors=[],
                 quotes=[], events=[g], figures=same_outlet)
    assert build_stories(b).stories[0].disputed_figures == ()


def test_a_story_page_shows_both_disputed_values_and_its_undated_reports():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_chronology_pages import _busy_briefing

    from generator.site.render import render_tree

    data = _busy_briefing(2)
    story = data["stories"][0]
    story["disputed_figures"] = [{"measure": "people killed", "unit": "", "claims": [
        {"display": "47", "articles": ["a0"]}, {"display": "<b>50</b>", "articles": ["a1"]}]}]
    story["reports"] = [{"article": "a1", "sentence": "The bombs that hit Chernihiv.", "date_text": ""},
                        {"article": "a0", "sentence": "<script>alert(1)</script> [x](javascript:alert(1))",
                         "date_text": ""}]
    page = next(text for path, text in render_tree(data).items()
                if path.startswith("chronology/2022-05") and story["id"] in text)
    assert "**figures disputed**: people killed: 47 (1 article) or &#60;b&#62;50&#60;/b&#62; (1 article)" in page
    assert "(x.org, 2022-05-31): tells of it, without a date — The bombs that hit Chernihiv." in page
    assert "<script>" not in page and "](javascript:" not in page  # a seed's sentence stays inert text


def test_a_sentence_giving_a_whole_and_its_part_is_no_dispute():
    g = record("e-1", "2022-03-01", "g1", ["attack", "vinnytsia"], actors=["vinnytsia"],
               sentence="At least 23 people, including three children, were killed on Tuesday.")
    n = record("e-2", "2022-03-01", "n1", ["attack", "vinnytsia"], actors=["vinnytsia"],
               sentence="The strike killed 23 people on Tuesday.")
    figures = [figure("f-1", "g1", g.sources[0].sentence, 23), figure("f-2", "g1", g.sources[0].sentence, 3),
               figure("f-3", "n1", n.sources[0].sentence, 23), figure("f-4", "n1", n.sources[0].sentence, 2, what="GDP")]
    b = Briefing(title="", summary="", updated="2022-03-02", articles=list(ARTICLES.values()), actors=[],
                 quotes=[], events=[g, n], figures=figures)
    assert build_stories(b).stories[0].disputed_figures == ()


@pytest.mark.model
def test_a_capture_told_without_a_date_joins_the_battle_another_outlet_dated(nlp):
    tuesday = dt.date(2022, 5, 31)
    nyt = extracted(nlp, "Russian troops battled their way into the devastated city of Sievierodonetsk on Tuesday.",
                    tuesday)
    guardian = extracted(nlp, "Russian forces have taken control of most of the eastern city of Sievierodonetsk, "
                              "the governor said, as heavy fighting continued.", tuesday)
    assert guardian.events == () and len(guardian.reports) == 1
    arts = [Article(id="a", file="a.md", title="T", date=tuesday, source="nytimes.com", url="", body="x"),
            Article(id="b", file="b.md", title="T", date=tuesday, source="theguardian.com", url="", body="x")]
    import dataclasses
    reports = [dataclasses.replace(r, sources=(dataclasses.replace(r.sources[0], article="b"),), actors=("sievierodonetsk",))
               for r in guardian.reports]
    events = [dataclasses.replace(e, actors=("sievierodonetsk",)) for e in nyt.events]
    sievierodonetsk = Actor("sievierodonetsk", "Sievierodonetsk", "place", (), ("a", "b"))
    b = Briefing(title="", summary="", updated="2022-05-31", articles=arts, actors=[sievierodonetsk], quotes=[],
                 events=events, figures=[], reports=reports)
    (story,) = build_stories(b).stories
    assert story.outlets == 2 and [s.article for s in story.reports] == ["b"]


@pytest.mark.model
def test_present_tense_rhetoric_is_no_report(nlp):
    found = extracted(nlp, "When bombs fall in Kyiv, this happens in Europe, not only in Ukraine. "
                           "You know, Kyiv was attacked at 4 am.")
    assert [r.sources[0].sentence for r in found.reports] == ["You know, Kyiv was attacked at 4 am."]
