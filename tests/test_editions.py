"""What is new since the previous edition: matching by id and shared events, first_seen, figure changes,
and a previous file that is broken or hostile."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from generator.briefing.editions import PreviousEditionError, load_previous, mark_edition
from generator.briefing.io import briefing_data
from generator.briefing.records import Actor, Article, Briefing, SeriesPoint, Story, TrackedFigure


def article(aid, day):
    return Article(id=aid, file=f"{aid}.md", title=aid, date=dt.date(2022, 3, day), source="Reuters", url="", body="")


def story(sid, events, articles, date="2022-03-02"):
    return Story(id=sid, date=date, precision="day", headline=f"headline {sid}", status="past", events=tuple(events),
                 articles=tuple(articles), outlets=1)


def actor(aid, articles):
    return Actor(id=aid, name=aid.title(), kind="person", aliases=(), articles=tuple(articles))


def tracked(measure, *points):
    return TrackedFigure(id=f"t-{measure[:4]}", measure=measure, points=tuple(
        SeriesPoint(figure=f"f{i}", date=d, value=v, display=v, article=a) for i, (d, v, a) in enumerate(points)))


def briefing(articles, stories=(), actors=(), tracked_figures=(), redirects=None):
    dates = sorted(a.date.isoformat() for a in articles)
    return Briefing(title="", summary="", updated=dates[-1] if dates else "", articles=list(articles),
                    actors=list(actors), quotes=[], events=[], figures=[], stories=list(stories),
                    tracked_figures=list(tracked_figures), redirects=redirects or {})


FIRST = briefing([article("a1", 1), article("a2", 2)],
                 stories=[story("s-one", ["e1"], ["a1"]), story("s-two", ["e2", "e3"], ["a2"])],
                 actors=[actor("zelensky", ["a1"])],
                 tracked_figures=[tracked("civilians killed", ("2022-03-01", "100", "a1"), ("2022-03-02", "120", "a2"))])


def previous_edition(b=FIRST):
    """What the live site published for `b`: its briefing.json as plain data."""
    return json.loads(json.dumps(briefing_data(mark_edition(b, None))))


def test_without_a_previous_edition_everything_is_first_seen_now_and_nothing_is_new():
    marked = mark_edition(FIRST, None)
    assert {s.first_seen for s in marked.stories} == {a.first_seen for a in marked.articles} == {"2022-03-02"}
    assert marked.edition.compared is False and marked.edition.new_stories == () and marked.edition.previous == ""


def test_a_new_story_a_story_with_a_new_source_and_a_new_actor():
    second = briefing([article("a1", 1), article("a2", 2), article("a3", 5)],
                      stories=[story("s-one", ["e1", "e9"], ["a1", "a3"]), story("s-two", ["e2", "e3"], ["a2"]),
                               story("s-new", ["e7"], ["a3"], date="2022-03-05")],
                      actors=[actor("zelensky", ["a1", "a3"]), actor("kuleba", ["a3"])])
    marked = mark_edition(second, previous_edition())
    edition = marked.edition
    assert edition.compared and edition.previous == "2022-03-02" and edition.date == "2022-03-05"
    assert edition.new_stories == ("s-new",)
    assert [(u.story, u.articles) for u in edition.updated_stories] == [("s-one", ("a3",))]
    assert edition.new_actors == ("kuleba",) and edition.new_articles == ("a3",)
    seen = {s.id: s.first_seen for s in marked.stories}
    assert seen == {"s-one": "2022-03-02", "s-two": "2022-03-02", "s-new": "2022-03-05"}
    assert {a.id: a.first_seen for a in marked.actors} == {"zelensky": "2022-03-02", "kuleba": "2022-03-05"}


def test_a_story_whose_id_moved_to_another_event_is_matched_by_a_shared_event():
    second = briefing([article("a1", 1), article("a2", 2), article("a0", 2)],
                      stories=[story("s-earlier", ["e0", "e1"], ["a0", "a1"]), story("s-two", ["e2", "e3"], ["a2"])])
    edition = mark_edition(second, previous_edition()).edition
    assert edition.new_stories == ()
    assert [(u.story, u.articles) for u in edition.updated_stories] == [("s-earlier", ("a0",))]


def test_first_seen_is_carried_from_the_previous_edition_over_several_editions():
    second = dataclasses.replace(FIRST, articles=FIRST.articles + [article("a3", 9)], updated="2022-03-09")
    third = dataclasses.replace(second, articles=second.articles + [article("a4", 20)], updated="2022-03-20")
    once = json.loads(json.dumps(briefing_data(mark_edition(second, previous_edition()))))
    marked = mark_edition(third, once)
    assert {a.id: a.first_seen for a in marked.articles} == {
        "a1": "2022-03-02", "a2": "2022-03-02", "a3": "2022-03-09", "a4": "2022-03-20"}
    assert marked.edition.new_articles == ("a4",)


def test_a_renamed_actor_is_not_new():
    second = dataclasses.replace(FIRST, actors=[actor("volodymyr-zelensky", ["a1"])],
                                 redirects={"zelensky": "volodymyr-zelensky"})
    marked = mark_edition(second, previous_edition())
    assert marked.edition.new_actors == () and marked.actors[0].first_seen == "2022-03-02"


def test_a_tracked_figure_whose_latest_value_changed():
    second = dataclasses.replace(FIRST, tracked_figures=[tracked(
        "civilians killed", ("2022-03-01", "100", "a1"), ("2022-03-02", "120", "a2"), ("2022-03-05", "160", "a3"))])
    changes = mark_edition(second, previous_edition()).edition.changed_figures
    assert [(c.measure, c.old, c.old_article, c.new, c.new_date, c.new_article) for c in changes] == [
        ("civilians killed", "120", "a2", "160", "2022-03-05", "a3")]
    assert mark_edition(FIRST, previous_edition()).edition.changed_figures == ()  # same value: no change


def test_the_edition_is_published_data_and_fits_the_schema(tmp_path):
    from generator.briefing.io import dump_json, load_yaml

    second = dataclasses.replace(FIRST, stories=FIRST.stories + [story("s-new", ["e7"], ["a2"])])
    data = briefing_data(mark_edition(second, previous_edition()))
    assert data["edition"]["new_stories"] == ["s-new"] and data["stories"][0]["first_seen"] == "2022-03-02"
    (tmp_path / "briefing.json").write_text(dump_json(data), encoding="utf-8")
    assert load_yaml(tmp_path / "briefing.json")["edition"]["compared"] is True


@pytest.mark.parametrize("content", [
    "not json", "[]", '{"articles": 3}', "[" * 100_000 + "]" * 100_000, b"\xff\xfe".decode("latin-1")])
def test_a_broken_previous_file_is_refused_with_its_code(tmp_path, content):
    path = tmp_path / "briefing.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PreviousEditionError, match="E022"):
        load_previous(path)
    with pytest.raises(PreviousEditionError, match="E022"):
        load_previous(tmp_path / "missing.json")


def test_hostile_values_in_the_previous_edition_are_skipped_not_trusted():
    previous = previous_edition()
    previous["stories"].append({"id": {"$ne": 1}, "events": ["e7"]})  # an id that is no string
    previous["stories"].append({"id": "s-x", "events": "e7", "articles": None})  # events not a list
    previous["actors"] = [{"id": "kuleba", "first_seen": "x" * 10_000}, "junk", None]
    previous["tracked_figures"] = [{"measure": ["civilians killed"], "points": [{}]}]
    second = briefing([article("a1", 1), article("a3", 5)], stories=[story("s-new", ["e7"], ["a3"])],
                      actors=[actor("kuleba", ["a3"])])
    marked = mark_edition(second, previous)
    assert marked.edition.new_stories == ("s-new",)
    assert marked.actors[0].first_seen == "2022-03-02"  # an overlong value is not copied: the edition's date
