"""Editors' curation applied to a hand-built briefing (no model)."""
import datetime as dt

import pytest

from generator.briefing.curation import CurationError, apply_curation, load_curation
from generator.briefing.records import Actor, Article, Briefing, Event, EventSource, Figure, Quote


def sample() -> Briefing:
    art = Article(id="a1", file="a1.md", title="T", date=dt.date(2022, 2, 28), source="s", url="", body="b")
    return Briefing(
        title="", summary="", updated="2022-02-28", articles=[art],
        actors=[Actor("volodymyr-zelensky", "Volodymyr Zelensky", "person", (), ("a1",)),
                Actor("zelenskiy", "Zelenskiy", "person", (), ("a1",)),
                Actor("kyiv", "Kyiv", "person", (), ("a1",))],
        quotes=[Quote("q-1", "let them try", "direct", "Zelenskiy", "a1", "s", speaker="zelenskiy"),
                Quote("q-2", "wrong", "direct", None, "a1", "s")],
        events=[Event("e-1", "2022-02-24", "day", "Russia invaded", (), (EventSource("a1", "s", "on Thursday"),),
                      actors=("zelenskiy",))],
        figures=[Figure("f-1", "352", 352.0, "civilians", None, "a1", "s")],
    )


def test_every_curation_action():
    curation = {
        "title": "War briefing", "summary": "What happened.",
        "actors": {"merge": [{"into": "volodymyr-zelensky", "ids": ["zelenskiy"]}],
                   "kinds": {"kyiv": "place"}, "aliases": {"kyiv": ["Kiev"]}, "rename": {"kyiv": "Kyiv (capital)"}},
        "hide": {"quotes": ["q-2"], "figures": ["f-1"]},
        "events": {"titles": {"e-1": "Russia invades Ukraine"},
                   "add": [{"date": dt.date(2022, 2, 28), "title": "Talks in Belarus",
                            "source": {"article": "a1", "sentence": "s", "date_text": "Monday"}}]},
        "pin": {"events": ["e-1"], "quotes": ["q-1"]},
    }
    b = apply_curation(sample(), curation)
    assert b.curation_problems == []
    assert (b.title, b.summary) == ("War briefing", "What happened.")
    assert [a.id for a in b.actors] == ["volodymyr-zelensky", "kyiv-capital"]  # a rename moves the id ...
    assert b.redirects == {"kyiv": "kyiv-capital"}  # ... and the old page redirects
    assert "Zelenskiy" in b.actors[0].aliases
    assert b.actors[1].kind == "place" and b.actors[1].name == "Kyiv (capital)" and {"Kiev", "Kyiv"} <= set(b.actors[1].aliases)
    assert [q.id for q in b.quotes] == ["q-1"] and b.quotes[0].speaker == "volodymyr-zelensky"
    assert b.figures == []
    titles = {e.id: e.title for e in b.events}
    assert titles["e-1"] == "Russia invades Ukraine" and "Talks in Belarus" in titles.values()
    assert next(e for e in b.events if e.id == "e-1").actors == ("volodymyr-zelensky",)
    assert b.pinned == {"events": ["e-1"], "quotes": ["q-1"]}


def test_stale_entries_are_reported_by_name():
    b = apply_curation(sample(), {"hide": {"quotes": ["q-gone"]}, "pin": {"actors": ["nobody"]},
                                  "actors": {"rename": {"ghost": "X"}}, "colour": "red"})
    problems = "\n".join(b.curation_problems)
    for name in ("q-gone", "nobody", "ghost", "colour"):
        assert name in problems


def test_curation_file_is_loaded_safely_and_never_written(tmp_path):
    path = tmp_path / "curation.yml"
    marker = tmp_path / "pwned"
    for text in (f"title: !!python/object/apply:os.system ['touch {marker}']\n", "- not a mapping\n"):
        path.write_text(text)
        with pytest.raises(CurationError):
            load_curation(path)
        assert path.read_text() == text, "loading the curation file changed it"
    assert not marker.exists(), "a YAML tag in curation.yml ran code"
    assert load_curation(tmp_path / "missing.yml") == {}
    assert not (tmp_path / "missing.yml").exists(), "loading a missing curation file created it"
    path.write_text("title: T\n")
    stamp = path.stat().st_mtime_ns
    assert load_curation(path)["title"] == "T"
    assert path.read_text() == "title: T\n" and path.stat().st_mtime_ns == stamp, "a good curation file was rewritten"


@pytest.mark.model
def test_broken_curation_file_warns_and_strict_fails(tmp_path):
    from generator.pipeline import BuildFailed, Settings, build_data

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("---\ntitle: A\ndate: 2022-02-28\n---\nRussia invaded Ukraine on Thursday.\n")
    (seeds / "curation.yml").write_text("title: [unclosed\n")
    result = build_data(Settings(seeds=seeds))
    assert any("curation.yml" in w and "E040" in w for w in result.warnings)
    assert result.data["articles"] and result.data["title"] == "Briefing"
    with pytest.raises(BuildFailed):
        build_data(Settings(seeds=seeds, strict=True))


def test_quote_speaker_and_kind_corrections():
    curation = {"quotes": {"speakers": {"q-2": "volodymyr-zelensky", "q-1": "Dmitry Muratov"},
                           "kinds": {"q-2": "partial"}}}
    b = apply_curation(sample(), curation)
    assert b.curation_problems == []
    q1, q2 = sorted(b.quotes, key=lambda q: q.id)
    assert (q2.speaker, q2.speaker_name, q2.kind, q2.method) == ("volodymyr-zelensky", "Volodymyr Zelensky", "partial", "editor")
    assert (q1.speaker, q1.speaker_name) == (None, "Dmitry Muratov")  # a name with no actor
    by_name = apply_curation(sample(), {"quotes": {"speakers": {"q-2": "Zelenskiy"}}})
    assert next(q for q in by_name.quotes if q.id == "q-2").speaker == "zelenskiy"
    bad = apply_curation(sample(), {"quotes": {"speakers": {"q-9": "kyiv"}, "kinds": {"q-1": "shouted"}}})
    assert any("q-9" in p for p in bad.curation_problems) and any("shouted" in p for p in bad.curation_problems)


def test_split_an_actor_merged_by_the_machine():
    art = Article(id="a1", file="a1.md", title="T", date=dt.date(2022, 2, 28), source="s", url="",
                  body="Volodymyr Zelensky spoke. Olena Zelenska visited Kyiv.")
    art2 = Article(id="a2", file="a2.md", title="T", date=dt.date(2022, 2, 28), source="s", url="", body="Zelensky spoke.")
    b = Briefing(title="", summary="", updated="2022-02-28", articles=[art, art2],
                 actors=[Actor("volodymyr-zelensky", "Volodymyr Zelensky", "person", ("Olena Zelenska", "Zelensky"), ("a1", "a2"))],
                 quotes=[Quote("q-1", "we stand", "direct", "Volodymyr Zelensky", "a1", "Olena Zelenska said: we stand",
                               speaker="volodymyr-zelensky"),
                         Quote("q-2", "we fight", "direct", "Volodymyr Zelensky", "a2", "Zelensky said: we fight",
                               speaker="volodymyr-zelensky")],
                 events=[Event("e-1", "2022-02-28", "day", "visit", (), (EventSource("a1", "Olena Zelenska visited Kyiv", ""),),
                               actors=("volodymyr-zelensky",))], figures=[])
    out = apply_curation(b, {"actors": {"split": [{"id": "volodymyr-zelensky", "aliases": ["Olena Zelenska"]}]}})
    assert out.curation_problems == []
    actors = {a.id: a for a in out.actors}
    assert actors["olena-zelenska"].articles == ("a1",) and actors["olena-zelenska"].kind == "person"
    assert "Olena Zelenska" not in actors["volodymyr-zelensky"].aliases
    assert {q.id: q.speaker for q in out.quotes} == {"q-1": "olena-zelenska", "q-2": "volodymyr-zelensky"}
    assert out.events[0].actors == ("olena-zelenska",)
    wrong = apply_curation(b, {"actors": {"split": [{"id": "volodymyr-zelensky", "aliases": ["Someone Else"]}]}})
    assert any("Someone Else" in p for p in wrong.curation_problems)
