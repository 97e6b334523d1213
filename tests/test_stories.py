"""The story stage on hand-built records (no model): clustering, dating, outlets, copies, headlines,
time sense, and the editors' story curation."""
import dataclasses
import datetime as dt

import pytest

from generator.briefing.curation import apply_story_curation, curated_story_ids
from generator.briefing.records import Actor, Article, Briefing, Event, EventSource
from generator.stories import dating
from generator.stories.build import build_stories, outlets
from generator.stories.cluster import cluster
from generator.stories.copies import copy_groups
from generator.stories.headline import choose

WIRE = " ".join(f"word{i} sentence{i % 7} of the wire copy about shelling in Kharkiv" for i in range(60))


def article(aid, day, source="theguardian.com", body="", title="T"):
    return Article(id=aid, file=f"{aid}.md", title=title, date=dt.date(2022, 3, day), source=source, url="",
                   body=body or f"The text of article{aid}.")


def event(eid, date, article_id, keywords, terms=(), actors=(), headline="", form="named", date_text="on Tuesday",
          precision="day"):
    return Event(id=eid, date=date, precision=precision, title=headline or eid, actor_names=(),
                 sources=(EventSource(article_id, f"sentence of {eid}", date_text),), actors=tuple(actors),
                 keywords=tuple(keywords), terms=tuple(terms), headline=headline, form=form)


def briefing(articles, events, actors=()):
    return Briefing(title="", summary="", updated=max(a.date for a in articles).isoformat(), articles=list(articles),
                    actors=list(actors), quotes=[], events=list(events), figures=[])


ARTICLES = {a.id: a for a in (article("g1", 1), article("n1", 2, "nytimes.com"), article("k1", 1, "kremlin.ru"),
                              article("k2", 1, "kremlin.ru"))}
PEOPLE = [Actor("vladimir-putin", "Vladimir Putin", "person", (), ("k1", "k2")),
          Actor("emmanuel-macron", "Emmanuel Macron", "person", (), ("k1",)),
          Actor("nicolas-maduro", "Nicolas Maduro", "person", (), ("k2",)),
          Actor("kharkiv", "Kharkiv", "place", (), ("g1", "n1"))]


def test_two_outlets_reporting_one_strike_are_one_story():
    events = [event("e-1", "2022-03-01", "g1", ["attack", "kharkiv", "square"], ["missile", "freedom"], ["kharkiv"]),
              event("e-2", "2022-03-01", "n1", ["attack", "kharkiv", "square"], ["freedom", "rocket"], ["kharkiv"]),
              event("e-3", "2022-03-01", "g1", ["bank", "rate", "double"], ["central", "interest"])]
    groups = cluster(events, ARTICLES)
    assert sorted(sorted(e.id for e in g) for g in groups) == [["e-1", "e-2"], ["e-3"]]


def test_a_neighbouring_day_joins_only_the_same_kind_of_happening():
    strike = event("e-1", "2022-03-01", "g1", ["attack", "kharkiv", "square"], actors=["kharkiv"])
    next_day = event("e-2", "2022-03-02", "n1", ["attack", "kharkiv", "square"], actors=["kharkiv"])
    talks_next_day = event("e-3", "2022-03-02", "n1", ["talks", "kharkiv", "square"], actors=["kharkiv"])
    assert len(cluster([strike, next_day], ARTICLES)) == 1
    assert len(cluster([strike, talks_next_day], ARTICLES)) == 2


def test_calls_with_different_people_stay_apart_even_when_the_sentences_agree():
    """Two readouts of one day: 'Vladimir Putin shared his assessments' in both; the titles say with whom."""
    k1 = article("k1", 1, "kremlin.ru", title="Telephone conversation with Emmanuel Macron")
    k2 = article("k2", 1, "kremlin.ru", title="Telephone conversation with Nicolas Maduro")
    words = ["call", "share", "assessment", "development"]
    events = [event("e-1", "2022-03-01", "k1", words, actors=["vladimir-putin"]),
              event("e-2", "2022-03-01", "k2", words, actors=["vladimir-putin"])]
    b = build_stories(briefing([k1, k2], events, PEOPLE))
    assert len(b.stories) == 2
    same_call = [event("e-1", "2022-03-01", "k1", words, actors=["vladimir-putin"]),
                 event("e-3", "2022-03-01", "k1", words + ["macron"], actors=["vladimir-putin", "emmanuel-macron"])]
    assert len(build_stories(briefing([k1, k2], same_call, PEOPLE)).stories) == 1


def test_the_date_most_sources_give_wins_and_a_disagreement_is_shown():
    events = [event("e-1", "2022-02-24", "g1", ["invasion"], date_text="on Thursday"),
              event("e-2", "2022-02-24", "n1", ["invasion"], date_text="on Thursday"),
              event("e-3", "2022-02-23", "g1", ["invasion"], date_text="five days earlier")]
    date, precision, dates, disputed = dating.story_dates(events, ARTICLES)
    assert (date, precision, disputed) == ("2022-02-24", "day", True)
    assert {d.date: d.articles for d in dates} == {"2022-02-23": ("g1",), "2022-02-24": ("g1", "n1")}
    # a tie: the written date beats the relative phrase
    tie = [events[0], events[2]]
    assert dating.story_dates(tie, ARTICLES)[0] == "2022-02-24"


def test_a_date_phrase_outvotes_the_articles_own_date_and_is_no_dispute():
    """A readout published after midnight (its own date, 6 March) and a report saying 'on Saturday' (5 March)."""
    events = [event("e-1", "2022-03-06", "k1", ["talks"], date_text=""),
              event("e-2", "2022-03-05", "g1", ["talks"], date_text="on Saturday")]
    date, _, dates, disputed = dating.story_dates(events, ARTICLES)
    assert (date, disputed) == ("2022-03-05", False) and len(dates) == 2


def test_impossible_dates_are_kept_out_with_the_reason():
    events = [event("e-1", "2102-03-01", "g1", ["anniversary"]), event("e-2", "1850", "g1", ["war"], precision="year"),
              event("e-3", "2022-03-01", "g1", ["attack"])]
    kept, excluded = dating.exclude_impossible(events, ARTICLES)
    assert [e.id for e in kept] == ["e-3"]
    assert {x.id: x.reason for x in excluded} == {"e-1": "more than a year after its article", "e-2": "before 1900"}


def test_one_articles_look_back_is_background_with_no_headline():
    arts = [article("g1", 1), article("n1", 5, "nytimes.com")]
    events = [event("e-1", "2009", "g1", ["libel"], headline="Mikhail Afanasyev was accused of libel", date_text="In 2009",
                    precision="year"),
              event("e-2", "2021-11", "g1", ["farm"], headline="Amur opened a poultry farm", date_text="in November",
                    precision="month"),
              event("e-3", "2021-12-20", "g1", ["sanctions"], headline="Russia was sanctioned", date_text="on 20 December"),
              dataclasses.replace(event("e-4", "2014", "g1", ["crimea"], headline="Russia annexed Crimea",
                                        date_text="in 2014", precision="year"),
                                  sources=(EventSource("g1", "In 2014 Russia annexed Crimea.", "In 2014"),
                                           EventSource("n1", "Russia annexed Crimea in 2014.", "in 2014")))]
    stories = {s.id: s for s in build_stories(briefing(arts, events)).stories}
    assert (stories["e-1"].headline, stories["e-1"].method) == ("", "background")
    assert (stories["e-2"].headline, stories["e-2"].method) == ("", "background")  # ended 90+ days before 1 March
    assert stories["e-3"].headline == "Russia was sanctioned"  # 71 days before: still the story's own time
    crimea = next(s for s in stories.values() if "e-4" in s.events)
    assert crimea.headline == "Russia annexed Crimea" and len(crimea.articles) == 2  # two articles tell of it
    assert dating.look_back("2022-02", [dt.date(2022, 6, 1)]) and not dating.look_back("2022-02", [dt.date(2022, 5, 1)])


def test_time_sense_past_coming_and_scheduled():
    arts = [article("g1", 1), article("n1", 5, "nytimes.com")]
    events = [event("e-1", "2022-03-11", "n1", ["talks", "meeting"], date_text="on 11 March"),
              event("e-2", "2022-03-03", "g1", ["talks", "summit"], date_text="on Thursday"),
              event("e-3", "2022-03-01", "g1", ["attack"], date_text="")]
    stories = {s.id: s for s in build_stories(briefing(arts, events)).stories}
    assert stories["e-1"].status == "coming" and stories["e-1"].scheduled
    assert stories["e-2"].status == "past" and stories["e-2"].scheduled  # only reported before the day
    assert stories["e-3"].status == "past" and not stories["e-3"].scheduled
    assert dating.ahead_of("2022-03", "2022-03-05") is False and dating.ahead_of("2022-04", "2022-03-05") is True


def test_outlets_count_publishers_and_copies_once():
    body = WIRE
    arts = {a.id: a for a in (article("a1", 1, "apnews.com", body), article("a2", 1, "abcnews.com", body + " Extra line."),
                              article("a3", 2, "apnews.com", "a different text entirely " * 20),
                              article("a4", 2, "nytimes.com", "own reporting " * 30))}
    copies = copy_groups(list(arts.values()))
    assert copies["a2"] == "a1" and copies["a3"] == "a3" and copies["a4"] == "a4"
    assert outlets(["a1", "a2"], arts, copies) == 1  # one wire story printed twice
    assert outlets(["a1", "a3", "a4"], arts, copies) == 2  # two AP articles, one NYT


def test_copies_ignore_short_texts_and_boilerplate():
    short = [article(f"s{i}", 1, f"site{i}.com", "Subscribe to our newsletter for daily updates.") for i in range(3)]
    assert set(copy_groups(short).values()) == {"s0", "s1", "s2"}


def test_headline_prefers_a_named_news_report_to_a_release_and_skips_fragments():
    arts = {a.id: a for a in (article("k1", 1, "kremlin.ru"), article("g1", 1))}
    events = [event("e-1", "2022-03-01", "k1", [], headline="Vladimir Putin had a telephone conversation with Macron"),
              event("e-2", "2022-03-01", "g1", [], headline="Putin and Macron spoke by phone for 90 minutes"),
              event("e-3", "2022-03-01", "g1", [], headline="", form="pronoun")]
    assert choose(events, arts) == ("Putin and Macron spoke by phone for 90 minutes", "named")
    assert choose(events[2:], arts) == ("", "")


def test_story_ids_stay_when_a_later_article_joins():
    words = ["attack", "kharkiv", "square"]
    first = [event("e-1", "2022-03-01", "g1", words, actors=["kharkiv"])]
    later = first + [event("e-0", "2022-03-01", "n1", words, actors=["kharkiv"])]  # a smaller id, a later article
    one = build_stories(briefing(list(ARTICLES.values()), first, PEOPLE)).stories
    two = build_stories(briefing(list(ARTICLES.values()), later, PEOPLE)).stories
    assert [s.id for s in one] == [s.id for s in two] == ["e-1"]
    assert two[0].outlets == 2 and two[0].first_reported == "2022-03-01" and two[0].last_reported == "2022-03-02"
    # an editor's id is kept even when an earlier article arrives
    earlier = later + [event("e-9", "2022-03-01", "k1", words, actors=["kharkiv"])]
    named = build_stories(briefing(list(ARTICLES.values()), earlier, PEOPLE), preferred_ids={"e-0"}).stories
    assert [s.id for s in named] == ["e-0"]


def _curated(curation):
    arts = [article("g1", 1), article("n1", 2, "nytimes.com"), article("k1", 1, "kremlin.ru")]
    events = [event("e-1", "2022-03-01", "g1", ["attack", "kharkiv"], actors=["kharkiv"], headline="Missiles hit Kharkiv"),
              event("e-2", "2022-03-01", "k1", ["bank", "rate"], headline="The central bank raised its key rate"),
              event("e-3", "2022-03-02", "n1", ["sanction", "oil"], headline="The EU agreed new sanctions")]
    b = build_stories(briefing(arts, events, PEOPLE), preferred_ids=curated_story_ids(curation))
    by_id = {a.id: a for a in arts}
    return apply_story_curation(b, curation, "curation.yml", lambda ids: outlets(ids, by_id, {}))


def test_editors_retitle_redate_merge_hide_and_pin_stories():
    b = _curated({"stories": {"titles": {"e-1": "Russian missiles strike Kharkiv's Freedom Square"},
                              "dates": {"e-3": "2022-03-01"},
                              "merge": [{"into": "e-1", "ids": ["e-2"]}]},
                  "pin": {"stories": ["e-3", "e-1"]}})
    assert b.curation_problems == []
    stories = {s.id: s for s in b.stories}
    assert set(stories) == {"e-1", "e-3"}
    merged = stories["e-1"]
    assert merged.headline == "Russian missiles strike Kharkiv's Freedom Square" and merged.method == "editor"
    assert merged.events == ("e-1", "e-2") and merged.outlets == 2 and set(merged.articles) == {"g1", "k1"}
    assert stories["e-3"].date == "2022-03-01"
    assert b.pinned["stories"] == ["e-3", "e-1"] and all(s.pinned for s in b.stories)
    hidden = _curated({"hide": {"stories": ["e-2"]}})
    assert "e-2" not in {s.id for s in hidden.stories}


def test_story_curation_reports_what_matches_nothing():
    b = _curated({"stories": {"titles": {"e-404": "x"}, "dates": {"e-1": "2022-02-30"},
                              "merge": [{"into": "e-1", "ids": ["e-1"]}]},
                  "hide": {"stories": ["e-405"]}, "pin": {"stories": ["e-406"]}})
    text = "\n".join(b.curation_problems)
    for expected in ("e-404", "2022-02-30", "cannot be merged into itself", "e-405", "e-406"):
        assert expected in text
    assert all(s.headline != "x" for s in b.stories)


def test_an_event_id_names_its_story():
    """Curation written against event ids (before stories) still reaches the story holding the event."""
    b = _curated({"stories": {"merge": [{"into": "e-1", "ids": ["e-2"]}]}})
    again = apply_story_curation(b, {"stories": {"titles": {"e-2": "Both"}}}, "curation.yml")
    assert again.curation_problems == [] and next(s for s in again.stories if "e-2" in s.events).headline == "Both"
    assert dataclasses.asdict(again.stories[0])  # still plain records


def test_the_headline_comes_from_a_report_the_others_agree_with():
    arts = {a.id: a for a in (article("g1", 1), article("n1", 1, "nytimes.com"), article("n2", 1, "nytimes.com"))}
    events = [event("e-1", "2022-03-01", "g1", ["orban", "condemn"], headline="Orban condemned the invasion"),
              event("e-2", "2022-03-01", "n1", ["invasion", "launch", "border"], headline="Russia launched the invasion"),
              event("e-3", "2022-03-01", "n2", ["invasion", "border", "troops"], headline="Troops crossed the border")]
    assert choose(events, arts)[0] in {"Russia launched the invasion", "Troops crossed the border"}


def test_two_outlets_whose_articles_tell_one_story_merge_although_their_sentences_differ():
    shared = " ".join(["Vinnytsia missile strike concert hall civilians killed rescuers rubble"] * 5)
    arts = {a.id: a for a in (article("g1", 14, body=shared + " Guardian report."),
                              article("n1", 14, "nytimes.com", body=shared + " Times report."),
                              article("n2", 14, "nytimes.com", body="Grain talks in Istanbul " * 10))}
    a = event("e-1", "2022-03-14", "g1", ["attack", "hall"], ["missile"])  # the same kind of happening ...
    b = event("e-2", "2022-03-14", "n1", ["attack", "centre"], ["rocket", "building"])  # ... in other words
    c = event("e-3", "2022-03-14", "n2", ["attack", "centre"], ["rocket", "building"])
    from generator.stories.settings import settings

    cfg = settings()["cluster"]
    kept = dict(cfg)
    cfg.update(same_day=0.5, article_weight=0.3)  # a bar the two sentences alone do not pass; articles on
    try:
        assert len(cluster([a, b], arts)) == 1  # the articles say the same
        assert len(cluster([a, c], arts)) == 2  # the sentences alone are not enough
    finally:
        cfg.clear()
        cfg.update(kept)
    from generator.stories.cluster import article_vectors
    vectors = article_vectors(arts)
    assert all(len(v) <= 200 for v in vectors.values())


def test_a_releases_title_heads_its_main_story():
    from generator.stories.headline import from_title

    call = article("k1", 1, "kremlin.ru", title="Telephone conversation with President of France Emmanuel Macron")
    assert from_title(call) == "Vladimir Putin speaks by phone with President of France Emmanuel Macron"
    signed = article("z1", 1, "president.gov.ua",
                     title="Volodymyr Zelenskyy signed an application for Ukraine's membership in the European Union")
    assert from_title(signed) == signed.title
    assert from_title(article("z2", 1, "president.gov.ua", title="Volodymyr Zelenskyy: Close the sky over Ukraine")) == ""
    assert from_title(article("g1", 1, title="Meeting with the editors")) == ""  # a newspaper's title is no readout
    arts = {a.id: a for a in (call, article("g1", 1))}
    events = [event("e-1", "2022-03-01", "k1", ["call", "assessment"], headline="Vladimir Putin shared his assessments"),
              event("e-2", "2022-03-01", "k1", ["call", "assessment", "situation"]),
              event("e-3", "2022-02-24", "k1", ["invasion"], headline="Russia began the operation")]
    stories = {s.id: s for s in build_stories(briefing(list(arts.values()), events)).stories}
    main = next(s for s in stories.values() if "e-1" in s.events)
    assert (main.headline, main.method) == ("Vladimir Putin speaks by phone with President of France Emmanuel Macron", "readout")
    assert next(s for s in stories.values() if "e-3" in s.events).headline == "Russia began the operation"


def test_the_sentences_a_readout_reports_of_its_day_are_one_story():
    call = article("k1", 1, "kremlin.ru", title="Telephone conversation with President of South Africa Cyril Ramaphosa")
    events = [event("e-1", "2022-03-01", "k1", ["support", "effort"], date_text="", actors=["cyril-ramaphosa"]),
              event("e-2", "2022-03-01", "k1", ["agree", "contact"], date_text="", actors=["vladimir-putin"]),
              event("e-3", "2022-02-24", "k1", ["invasion"], date_text="on February 24")]
    people = [Actor("cyril-ramaphosa", "Cyril Ramaphosa", "person", (), ("k1",)), *PEOPLE]
    stories = build_stories(briefing([call], events, people)).stories
    assert sorted(len(s.events) for s in stories) == [1, 2]  # the call (both sentences), and 24 February


def kinded(eid, date, article_id, keywords, kinds, **kw):
    return dataclasses.replace(event(eid, date, article_id, keywords, **kw), kinds=tuple(kinds))


def test_an_invasion_is_told_as_its_attacks_and_its_captures():
    """Related kinds (stories data): 'Moscow seized Crimea in 2014' and 'Russia's 2014 invasion of
    Crimea' are one story; talks still are not an attack."""
    seized = kinded("e-1", "2014", "g1", ["capture", "crimea", "moscow"], ["capture"], actors=["crimea"], precision="year")
    invaded = kinded("e-2", "2014", "n1", ["invasion", "crimea", "russia"], ["invasion"], actors=["crimea"], precision="year")
    talks = kinded("e-3", "2014", "n1", ["talks", "crimea"], ["talks"], actors=["crimea"], precision="year")
    groups = cluster([seized, invaded, talks], ARTICLES)
    assert sorted(sorted(e.id for e in g) for g in groups) == [["e-1", "e-2"], ["e-3"]]


def test_a_year_in_common_is_no_story_without_an_actor_few_events_name():
    """'Russia's 2014 invasion of Crimea' is not 'Russian proxies invaded eastern Ukraine in 2014': a year
    and Russia, named by most events, tell them no apart; the same pair on one day would merge."""
    common = [kinded(f"e-x{i}", "2022-03-01", "g1", [f"w{i}"], [], actors=["russia", "ukraine"]) for i in range(6)]
    crimea = kinded("e-1", "2014", "g1", ["invasion", "russia", "crimea"], ["invasion"],
                    actors=["russia", "crimea"], precision="year")
    donbas = kinded("e-2", "2014", "n1", ["invasion", "russia", "proxy"], ["invasion"],
                    actors=["russia", "ukraine"], precision="year")
    groups = cluster([*common, crimea, donbas], ARTICLES)
    assert not any({"e-1", "e-2"} <= {e.id for e in g} for g in groups)
    same_day = [dataclasses.replace(e, date="2022-03-02", precision="day") for e in (crimea, donbas)]
    groups = cluster([*common, *same_day], ARTICLES)
    assert any({"e-1", "e-2"} <= {e.id for e in g} for g in groups)


def test_one_articles_talks_of_one_day_are_one_whoever_they_name():
    """'Lukashenko hopes that, during today's talks, ...' joins the talks its article tells of, though
    the story's first sentence names other people (Podolyak tweeted after the discussions ended)."""
    people = [Actor("mykhailo-podolyak", "Mykhailo Podolyak", "person", (), ("g1",)),
              Actor("alexander-lukashenko", "Alexander Lukashenko", "person", (), ("g1",))]
    ended = kinded("e-1", "2022-03-01", "g1", ["talks", "end"], ["talks"], actors=["mykhailo-podolyak"])
    hope = kinded("e-2", "2022-03-01", "g1", ["solution", "crisis"], ["talks"], terms=["talks"],
                  actors=["alexander-lukashenko"])
    strike = kinded("e-3", "2022-03-01", "g1", ["attack", "kharkiv"], ["attack"], terms=["talks"])
    stories = build_stories(briefing([ARTICLES["g1"]], [ended, hope, strike], people)).stories
    assert sorted(sorted(s.events) for s in stories) == [["e-1", "e-2"], ["e-3"]]


def test_a_headline_spells_its_people_as_the_briefing_does():
    from generator.stories.build import with_canonical_names
    from generator.briefing.records import Story

    zelensky = Actor("volodymyr-zelensky", "Volodymyr Zelenskyy", "person", ("Zelenskiy", "Volodymyr Zelenskiy",
                                                                             "Zelensky"), ("g1",))
    stories = [Story(id="e-1", date="2022-06-05", precision="day", headline=h, status="past", events=("e-1",),
                     articles=("g1",), outlets=1, actors=("volodymyr-zelensky",))
               for h in ("Zelenskiy visited Lysychansk", "Volodymyr Zelenskiy's visit to Lysychansk", "Zelenskiyite")]
    assert [s.headline for s in with_canonical_names(stories, [zelensky])] == [
        "Volodymyr Zelenskyy visited Lysychansk", "Volodymyr Zelenskyy's visit to Lysychansk", "Zelenskiyite"]


@pytest.mark.parametrize("headline, name, expected", [
    ("Mr. Bettel visited the cities of the Kyiv region", "Xavier Bettel",
     "Xavier Bettel visited the cities of the Kyiv region"),
    ("Russia already controls most of Sievierodonetsk, Haidai said", "Serhiy Haidai",
     "Russia already controls most of Sievierodonetsk, Serhiy Haidai said"),
    ("Governor Haidai said Russia shelled Lysychansk", "Serhiy Haidai", "Governor Serhiy Haidai said Russia shelled Lysychansk"),
    ("Ms Andersson conceded that Sweden would apply", "Magdalena Andersson",
     "Magdalena Andersson conceded that Sweden would apply"),
    # another given name before the surname, a longer word, the full name already there: unchanged
    ("Volodymyr Zelenskyy spoke with Joseph Biden", "Joe Biden", "Volodymyr Zelenskyy spoke with Joseph Biden"),
    ("The Bettelheim report was published", "Xavier Bettel", "The Bettelheim report was published"),
    ("Serhiy Haidai said Haidai's staff had left", "Serhiy Haidai", "Serhiy Haidai said Haidai's staff had left"),
    # past the length limit: kept short
    ("Haidai said Russian forces shelled the towns of Lysychansk and Sievierodonetsk again and again all night long",
     "Serhiy Haidai", "Haidai said Russian forces shelled the towns of Lysychansk and Sievierodonetsk again and again all night long"),
])
def test_a_headline_names_a_person_in_full_once(headline, name, expected):
    from generator.stories.build import with_canonical_names
    from generator.briefing.records import Story

    person = Actor("p", name, "person", (name.split()[-1],), ("g1",))
    story = Story(id="e-1", date="2022-06-05", precision="day", headline=headline, status="past", events=("e-1",),
                  articles=("g1",), outlets=1, actors=("p",))
    assert with_canonical_names([story], [person])[0].headline == expected


def test_the_invasion_takes_in_the_attacks_of_its_day_and_its_mentions_of_its_month():
    """Singular kinds (stories data): the morning's explosions are the invasion, and so is "since the
    invasion in February"; an attack of the next day, fighting on the day, and an attack dated only to
    the month stay apart."""
    launched = kinded("e-1", "2022-02-24", "k1", ["invasion", "operation"], ["invasion"], actors=["russia"])
    explosions = kinded("e-2", "2022-02-24", "g1", ["attack", "airstrike", "kyiv"], ["attack"], actors=["kyiv"])
    next_day = kinded("e-3", "2022-02-25", "n1", ["attack", "kharkiv"], ["attack"], actors=["kharkiv"])
    battle = kinded("e-4", "2022-02-24", "n1", ["fighting", "airbase"], ["fighting"])
    since = kinded("e-5", "2022-02", "n1", ["invasion", "prices"], ["invasion"], precision="month")
    shelled = kinded("e-6", "2022-02", "g1", ["attack", "shelling"], ["attack"], precision="month")
    groups = cluster([launched, explosions, next_day, battle, since, shelled], ARTICLES)
    assert sorted(sorted(e.id for e in g) for g in groups) == [["e-1", "e-2", "e-5"], ["e-3"], ["e-4"], ["e-6"]]
    # with no day-dated invasion, its month's mention joins the only related story of the month
    groups = cluster([explosions, since], ARTICLES)
    assert [sorted(e.id for e in g) for g in groups] == [["e-2", "e-5"]]
    later = dataclasses.replace(next_day, date="2022-02-27")
    groups = cluster([explosions, later, since], ARTICLES)  # two of them: none is chosen
    assert len(groups) == 3


def test_a_story_that_mentions_the_invasion_takes_in_nothing():
    """"Their first talks since Moscow's invasion" is a talks story: the day's shelling of Kharkiv stays apart."""
    talks = [kinded("e-1", "2022-02-28", "g1", ["talks", "belarus"], ["talks"]),
             kinded("e-2", "2022-02-28", "n1", ["talks", "invasion", "belarus"], ["talks", "invasion"]),
             kinded("e-3", "2022-02-28", "g1", ["talks", "border", "belarus"], ["talks"])]
    shelled = kinded("e-4", "2022-02-28", "n1", ["attack", "kharkiv"], ["attack"], actors=["kharkiv"])
    groups = cluster([*talks, shelled], ARTICLES)
    assert sorted(sorted(e.id for e in g) for g in groups) == [["e-1", "e-2", "e-3"], ["e-4"]]


def test_the_headline_tells_the_happening_most_reports_tell_of_at_their_finest_date():
    """In the invasion's story, "Orban has condemned Russia's invasion [in February]" (a later remark,
    dated to the month) does not head it while a report of the day says what happened."""
    arts = {a.id: a for a in (article("g1", 1), article("n1", 2, "nytimes.com"), article("n2", 3, "nytimes.com"))}
    remark = kinded("e-1", "2022-02", "g1", ["orban", "condemn", "invasion", "russia", "ukraine"], ["invasion"],
                    headline="Orban has condemned Russia's invasion of Ukraine", precision="month")
    report = kinded("e-2", "2022-02-24", "n1", ["invasion", "russia", "ukraine"], ["invasion"],
                    headline="Russia invaded Ukraine")
    aside = kinded("e-3", "2022-02-24", "n2", ["force", "attack", "russia", "ukraine"], ["attack"],
                   headline="Ukraine's air force has carried out about 1,700 attacks on Russian forces")
    assert choose([remark, report, aside], arts)[0] == "Russia invaded Ukraine"
