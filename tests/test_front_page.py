"""The front page's selection (generator/site/render.py) on hand-built briefing data: what holds and
what does not reach "What happened", "Coming up" and the quotes."""
from generator.site.render import STORIES_PER_DAY, coming_up, front_page_stories


def story(sid, date, outlets=1, method="named", **extra):
    return {"id": sid, "date": date, "precision": "day", "headline": f"Russian forces shelled Kharkiv ({sid})",
            "status": "past", "scheduled": False, "outlets": outlets, "articles": [f"a-{sid}"], "actors": ["kharkiv"],
            "method": method, "confidence": 0.9, "kinds": ["attack"], **extra}


def data(stories):
    """The briefing of these stories, each reported by a sentence that is its headline."""
    arts = [{"id": a, "source": "theguardian.com", "date": st["date"]} for st in stories for a in st["articles"]]
    actors = [{"id": "kharkiv", "name": "Kharkiv", "aliases": ["Kharkov"], "kind": "place", "articles": []}]
    stories = [dict(st, events=st.get("events", [f"ev-{st['id']}"])) for st in stories]
    events = [{"id": f"ev-{st['id']}", "sources": [{"article": st["articles"][0], "sentence": st["headline"]}]}
              for st in stories]
    return {"updated": "2022-03-10", "actors": actors, "articles": arts, "stories": stories, "events": events}


def test_a_headline_that_names_none_of_its_actors_stays_off():
    """"The petition was put up": neither who nor where. A name counts as a whole word, aliases too."""
    stories = [story("e-1", "2022-03-10", headline="The petition was put up"),
               story("e-2", "2022-03-10", headline="Shelling of Kharkov resumed"),
               story("e-3", "2022-03-10", headline="The Kharkivite choir sang")]
    assert [st["id"] for st in front_page_stories(data(stories), {})] == ["e-2"]
    ahead = [dict(st, status="coming", id=st["id"] + "-next") for st in stories]
    assert [st["id"] for st in coming_up(data(ahead))] == ["e-2-next"]


def test_past_confident_news_only_and_a_few_a_day():
    stories = [story(f"e-{n}", "2022-03-10") for n in range(6)] + [
        story("e-cer", "2022-03-09", method="ceremonial"), story("e-low", "2022-03-09", confidence=0.5),
        story("e-fut", "2022-03-12", status="coming"), story("e-sch", "2022-03-09", scheduled=True),
        story("e-big", "2022-03-08", outlets=3)]
    shown = [st["id"] for st in front_page_stories(data(stories), {})]
    assert "e-big" in shown and not {"e-cer", "e-low", "e-fut", "e-sch"} & set(shown)
    assert sum(st.startswith("e-") and st[2:].isdigit() for st in shown) == STORIES_PER_DAY
    assert [st["id"] for st in coming_up(data(stories))] == ["e-fut"]


def test_pins_come_first_in_pin_order():
    stories = [story("e-1", "2022-03-10", outlets=5), story("e-2", "2022-03-01"), story("e-3", "2022-02-01")]
    shown = [st["id"] for st in front_page_stories(data(stories), {"stories": ["e-3", "e-2"]})]
    assert shown[:2] == ["e-3", "e-2"] and "e-1" in shown


def test_a_large_briefing_gives_pages_only_to_actors_that_matter():
    from generator.site.render import ALL_ACTOR_PAGES_UP_TO, actor_pages

    articles = [{"id": f"a{n}", "date": "2022-03-01", "source": "s"} for n in range(ALL_ACTOR_PAGES_UP_TO + 1)]
    actors = [{"id": "once", "articles": ["a1"]}, {"id": "twice", "articles": ["a1", "a2"]},
              {"id": "speaker", "articles": ["a3"]}, {"id": "in-a-story", "articles": ["a4"]}]
    data = {"articles": articles, "actors": actors, "quotes": [{"speaker": "speaker"}],
            "stories": [{"articles": ["a4", "a5"], "actors": ["in-a-story"]}]}
    assert actor_pages(data) == {"twice", "speaker", "in-a-story"}
    assert actor_pages({**data, "articles": articles[:5]}) == {"once", "twice", "speaker", "in-a-story"}


def test_recency_and_salience_rank_together():
    """Of two one-outlet stories, a day older but naming a much more reported actor ranks first; a
    month-old one does not (its weight halves each week)."""
    from generator.site.render import HOME_LIMITS

    d = data([story("e-new", "2022-03-10", actors=["minor"], headline="Minor Town held a fair"),
              story("e-old", "2022-03-09", actors=["kharkiv"]),
              story("e-month", "2022-02-08", actors=["kharkiv"])])
    d["actors"] = [{"id": "kharkiv", "name": "Kharkiv", "aliases": [], "articles": [f"a{n}" for n in range(50)]},
                   {"id": "minor", "name": "Minor Town", "aliases": [], "articles": ["a1"]}]
    ranked = [st["id"] for st in front_page_stories(d, {})]
    assert set(ranked) == {"e-new", "e-old"} and HOME_LIMITS["stories"] >= 2  # e-month is beyond the 14 days
    import generator.site.render as render
    limits = dict(render.HOME_LIMITS)
    try:
        render.HOME_LIMITS["stories"] = 1
        assert [st["id"] for st in front_page_stories(d, {})] == ["e-old"]
    finally:
        render.HOME_LIMITS.update(limits)


def test_day_by_day_skips_days_with_nothing_to_headline():
    from generator.site.render import day_by_day

    stories = [story("e-1", "2022-03-10"), story("e-2", "2022-03-09", headline=""), story("e-3", "2022-03-08")]
    assert [day for day, _, _ in day_by_day(data(stories))] == ["2022-03-10", "2022-03-08"]


def test_key_figures_say_what_happened_to_the_counted():
    """"5 million children" or "different missiles" leave a reader asking what; "children killed" does not."""
    from generator.site.render import _COUNTED_HAPPENING, _WAR_MEASURE

    def shown(what):
        return bool(_WAR_MEASURE.search(what) and _COUNTED_HAPPENING.search(what))

    assert [shown(w) for w in ("children", "different missiles", "children killed", "civilians evacuated from Mariupol",
                               "Ukrainian prisoners held at a Russian detention camp")] == [
        False, False, True, True, True]


def test_a_few_readouts_and_each_count_once():
    """Routine calls do not fill "What happened"; a count repeated by a live blog's summary is shown once."""
    from generator.site.render import READOUTS_SHOWN, distinct_counts

    calls = [story(f"e-call{n}", f"2022-03-{10 - n:02d}", method="readout") for n in range(6)]
    news = [story("e-news", "2022-03-01")]
    shown = [st["id"] for st in front_page_stories(data(calls + news), {})]
    assert sum(s.startswith("e-call") for s in shown) == READOUTS_SHOWN and "e-news" in shown
    figures = [{"id": "f1", "display": "64", "what": "children have been wounded"},
               {"id": "f2", "display": "5,000", "what": "Civilians killed"}, {"id": "f3", "display": "45", "what": "children wounded"},
               {"id": "f4", "display": "5,000", "what": "civilians have been killed"}]
    assert [f["id"] for f in distinct_counts(figures)] == ["f1", "f2"]  # the first given of each measure


def test_the_wars_own_news_comes_before_other_stories_and_one_readout_a_day():
    from generator.site.render import HOME_LIMITS, READOUTS_SHOWN, day_by_day

    from generator.site.render import NEWS_OTHERS_SHOWN, OTHERS_SHOWN

    others = [story(f"e-other{n}", f"2022-03-{10 - n // 2:02d}", kinds=[]) for n in range(HOME_LIMITS["stories"] + 2)]
    strike = story("e-strike", "2022-03-03")
    shown = [st["id"] for st in front_page_stories(data(others + [strike]), {})]
    assert "e-strike" in shown and sum(s.startswith("e-other") for s in shown) == NEWS_OTHERS_SHOWN
    # a release's one-outlet stories of other kinds get fewer places, and its meetings count as readouts
    released = data(others + [strike])
    for article in released["articles"]:
        article["source"] = "president.gov.ua"
    shown = [st["id"] for st in front_page_stories(released, {})]
    assert "e-strike" in shown and sum(s.startswith("e-other") for s in shown) == OTHERS_SHOWN
    meetings = [story(f"e-met{n}", f"2022-03-{10 - n:02d}", kinds=["talks"]) for n in range(6)]
    released = data(meetings)
    for article in released["articles"]:
        article["source"] = "president.gov.ua"
    assert len(front_page_stories(released, {})) == READOUTS_SHOWN
    assert len(front_page_stories(data(meetings), {})) == 6  # a news outlet's meetings are news
    two_outlets = [dict(st, outlets=2) for st in others]  # reported by two outlets, any kind is news
    assert len(front_page_stories(data(two_outlets), {})) == HOME_LIMITS["stories"]
    logo = story("e-logo", "2022-03-10", kinds=[])
    calls = [story(f"e-call{n}", "2022-03-10", method="readout", kinds=["talks"]) for n in range(3)]
    (day, count, headlines), = day_by_day(data([logo, *calls]))
    assert (day, count, [st["id"] for st in headlines]) == ("2022-03-10", 4, ["e-logo", "e-call0"])


def test_day_by_day_names_an_actor_and_shows_one_other_story_a_day():
    from generator.site.render import day_by_day

    stories = [story("e-logo", "2022-03-10", kinds=[]), story("e-prize", "2022-03-10", kinds=[]),
               story("e-strike", "2022-03-10"), story("e-vague", "2022-03-10", headline="The closure raised concerns")]
    (_, count, headlines), = day_by_day(data(stories))
    assert count == 4 and [st["id"] for st in headlines] == ["e-strike", "e-logo"]


def test_main_actors_leave_out_channels_and_put_people_first():
    """"said on Telegram" names a platform, not an actor of the war; a pinned one still shows."""
    from generator.site.render import main_actors

    def actor(aid, name, kind, n):
        return {"id": aid, "name": name, "kind": kind, "articles": [f"a{i}" for i in range(n)]}

    actors = [actor("telegram", "Telegram", "organization", 9), actor("kyiv", "Kyiv", "place", 12),
              actor("zelensky", "Volodymyr Zelensky", "person", 5), actor("nato", "NATO", "organization", 5)]
    assert [a["id"] for a in main_actors(actors, {"nato": 2}, {})] == ["nato", "zelensky", "kyiv"]
    assert [a["id"] for a in main_actors(actors, {}, {"actors": ["telegram"]})][:1] == ["telegram"]


def test_a_one_outlet_story_off_the_wars_business_stays_off():
    """A prize or a logo (no word of the war in its sentences) is not front-page news; the same story
    with a war kind, a war word, or two outlets is."""
    def with_sentence(sid, sentence, **extra):
        return {**story(sid, "2022-03-10", headline=f"Kharkiv {sid}"), "kinds": [], "events": [f"ev-{sid}"], **extra}, {
            "id": f"ev-{sid}", "sources": [{"article": f"a-{sid}", "sentence": sentence}]}
    pairs = [with_sentence("prize", "The winners of the Shevchenko Prize are announced."),
             with_sentence("logo", "The replacement for McDonald's unveiled its new logo."),
             with_sentence("grain", "The grain stores were emptied."),
             with_sentence("two", "The choir sang.", outlets=2),
             with_sentence("kind", "The choir sang.", kinds=["attack"])]
    briefing = dict(data([p[0] for p in pairs]), events=[p[1] for p in pairs])
    from generator.site.render import day_by_day, off_topic

    assert [st["id"] for st in front_page_stories(briefing, {}) if off_topic(briefing)(st)] == []
    assert sorted(st["id"] for st in briefing["stories"] if off_topic(briefing)(st)) == ["logo", "prize"]
    assert not {"logo", "prize"} & {st["id"] for _, _, shown in day_by_day(briefing) for st in shown}


def test_a_readout_of_routine_business_stays_off_whatever_its_kind():
    """"Vladimir Putin meets Head of Udmurtia": a meeting (talks) on the republic's economy is not war
    news; a call about the situation in Ukraine is."""
    from generator.site.render import off_topic

    def readout(sid, sentence):
        return {**story(sid, "2022-03-10", method="readout", kinds=["talks"]), "events": [f"ev-{sid}"]}, {
            "id": f"ev-{sid}", "sources": [{"article": f"a-{sid}", "sentence": sentence}]}
    pairs = [readout("udmurtia", "They discussed the socio-economic development of the republic."),
             readout("call", "The leaders discussed the situation around Ukraine.")]
    briefing = dict(data([p[0] for p in pairs]), events=[p[1] for p in pairs])
    assert [st["id"] for st in briefing["stories"] if off_topic(briefing)(st)] == ["udmurtia"]
