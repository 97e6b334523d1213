"""Confidence: the table tools/calibrate.py writes and generator/briefing/confidence.py applies, on
hand-built records and a tiny hand-built gold set (no spaCy needed)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from generator.briefing import confidence as conf
from generator.briefing.records import Actor, Briefing, Figure, Quote
from tools import calibrate
from tools import evaluate as ev

ROOT = Path(__file__).resolve().parent.parent

TABLE = """\
# a hand-written table
version: 1
speakers:
  default: {right: 9, total: 10, confidence: 0.833}
  methods:
    "": {right: 1, total: 2, confidence: 0.5}
    pronoun: {right: 3, total: 4, confidence: 0.667}
actors:
  default: {right: 5, total: 8, confidence: 0.6}
  methods:
    gazetteer: {right: 8, total: 8, confidence: 0.9}
figures:
  default: {right: 2, total: 3, confidence: 0.6}
  methods:
    "": {right: 0, total: 1, confidence: 0.333}
    money: {right: 5, total: 5, confidence: 0.857}
"""


@pytest.fixture
def hand_table(tmp_path, monkeypatch):
    path = tmp_path / "confidence.yml"
    path.write_text(TABLE, encoding="utf-8")
    monkeypatch.setattr(conf, "CONFIDENCE_PATH", path)
    conf.table.cache_clear()
    yield path
    conf.table.cache_clear()


def quote(qid, method, speaker_name="Volodymyr Zelensky", speaker=None):
    return Quote(id=qid, text="words", kind="direct", speaker_name=speaker_name, article="a1", sentence="s",
                 speaker=speaker, method=method)


def actor(aid, method):
    return Actor(id=aid, name=aid, kind="place", aliases=(), articles=("a1",), method=method)


def figure(fid, method):
    return Figure(id=fid, value="5", number=5.0, what="tanks", reported_by=None, article="a1", sentence="s",
                  method=method)


def briefing(quotes=(), actors=(), figures=()):
    return Briefing(title="", summary="", updated="", articles=[], actors=list(actors), quotes=list(quotes),
                    events=[], figures=list(figures))


# ------------------------------------------------------------------------------------ apply_confidence

def test_apply_confidence_fills_each_item_from_its_method(hand_table):
    before = briefing(quotes=[quote("q1", "pronoun"), quote("q2", "office_title", speaker_name="Putin"),
                              quote("q3", "", speaker_name=None), quote("q4", "description",
                                                                        speaker_name="Ukrainian intelligence")],
                      actors=[actor("kyiv", "gazetteer"), actor("x", "settlement")],
                      figures=[figure("f1", "money"), figure("f2", ""), figure("f3", "range")])
    after = conf.apply_confidence(before)
    assert [q.confidence for q in after.quotes] == [0.667, 0.833, None, 0.833]  # unknown method: the default
    assert [a.confidence for a in after.actors] == [0.9, 0.6]
    assert [f.confidence for f in after.figures] == [0.857, 0.333, 0.6]  # "" is a method of its own
    assert after is not before and all(q.confidence is None for q in before.quotes)  # a copy
    assert [q.id for q in after.quotes] == ["q1", "q2", "q3", "q4"]


def test_quote_without_speaker_has_no_confidence_even_with_a_method(hand_table):
    (q,) = conf.apply_confidence(briefing(quotes=[quote("q1", "pronoun", speaker_name=None)])).quotes
    assert q.confidence is None
    linked = quote("q1", "pronoun", speaker_name=None, speaker="zelensky")
    (q,) = conf.apply_confidence(briefing(quotes=[linked])).quotes
    assert q.confidence == 0.667  # linked to an actor


def test_confident_uses_the_front_page_threshold():
    assert 0 < conf.FRONT_PAGE_THRESHOLD < 1
    assert conf.confident(conf.FRONT_PAGE_THRESHOLD) and conf.confident(1.0)
    assert not conf.confident(conf.FRONT_PAGE_THRESHOLD - 0.001) and not conf.confident(None)


def test_a_broken_table_is_an_error_naming_the_file(tmp_path, monkeypatch):
    path = tmp_path / "confidence.yml"
    path.write_text("version: 1\nspeakers: [not, a, table]\n", encoding="utf-8")
    monkeypatch.setattr(conf, "CONFIDENCE_PATH", path)
    conf.table.cache_clear()
    try:
        with pytest.raises(conf.ConfidenceError, match="confidence.yml"):
            conf.confidence_of("speakers", "pronoun")
    finally:
        conf.table.cache_clear()


def test_the_shipped_table_is_consistent_and_packaged():
    data = yaml.safe_load(conf.CONFIDENCE_PATH.read_text(encoding="utf-8"))
    assert conf.CONFIDENCE_PATH.read_text(encoding="utf-8").startswith("#")
    assert calibrate.COMMAND in conf.CONFIDENCE_PATH.read_text(encoding="utf-8")
    for category in conf.CATEGORIES:
        methods = data[category]["methods"]
        default = data[category]["default"]
        assert default["right"] == sum(m["right"] for m in methods.values())
        assert default["total"] == sum(m["total"] for m in methods.values())
        for entry in [default, *methods.values()]:
            assert 0 <= entry["right"] <= entry["total"]
            assert entry["confidence"] == round((entry["right"] + 1) / (entry["total"] + 2), 3)
    assert conf.table()["speakers"]["methods"]["actor_name"] == data["speakers"]["methods"]["actor_name"]["confidence"]
    # Package data, so a wheel ships the table (tests/test_wheel.py builds one).
    line = re.search(r'^"generator\.briefing" = \[(.*)\]$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert line and '"data/*.yml"' in line.group(1)


# ----------------------------------------------------------------------------------------- calibrate

GOLD = [{
    "file": "a.md", "date": "2022-02-28",
    "actors": [{"name": "Volodymyr Zelensky", "kind": "person", "forms": ["Zelensky"]},
               {"name": "Kyiv", "kind": "place"}],
    "title_actors": [{"name": "Joe Biden", "kind": "person"}],
    "quotes": [{"text": "we will not give up our land", "kind": "direct", "speaker": "Volodymyr Zelensky"},
               {"text": "the city is calm tonight", "kind": "direct", "speaker": "Kyiv"},
               {"text": "nobody knows what comes next", "kind": "direct", "speaker": None}],
    "figures": [{"value": "500000", "sentence_contains": "500,000 refugees"}],
}]

BRIEFING = {
    "articles": [{"id": "a", "file": "a.md", "date": "2022-02-28"}],
    "actors": [
        {"id": "zelensky", "name": "Volodymyr Zelensky", "kind": "person", "aliases": [], "articles": ["a"],
         "method": "ner"},
        {"id": "kyiv", "name": "Kyiv", "kind": "place", "aliases": [], "articles": ["a"], "method": "gazetteer"},
        {"id": "junk", "name": "Thank", "kind": "person", "aliases": [], "articles": ["a"], "method": "ner"},
        {"id": "biden", "name": "Joe Biden", "kind": "person", "aliases": [], "articles": ["a"], "method": "ner"},
    ],
    "quotes": [
        {"id": "q1", "text": "we will not give up our land", "speaker": "zelensky",
         "speaker_name": "Volodymyr Zelensky", "article": "a", "kind": "direct", "method": "pronoun"},
        {"id": "q2", "text": "the city is calm tonight", "speaker": "zelensky",
         "speaker_name": "Volodymyr Zelensky", "article": "a", "kind": "direct", "method": ""},  # the briefing lost its method: the extraction has it
        {"id": "q3", "text": "nobody knows what comes next", "speaker": None, "speaker_name": None,
         "article": "a", "kind": "direct", "method": ""},
        {"id": "q4", "text": "an extra quote nobody annotated", "speaker": None, "speaker_name": None,
         "article": "a", "kind": "direct", "method": ""},
    ],
    "events": [],
    "figures": [
        {"id": "f1", "value": "500,000", "article": "a", "sentence": "Some 500,000 refugees fled.",
         "method": "cardinal"},
        {"id": "f2", "value": "2", "article": "a", "sentence": "Two tanks.", "method": ""},
    ],
}


def test_the_evaluator_reports_each_scored_item_and_calibrate_counts_them_per_method():
    report = ev.evaluate(GOLD, BRIEFING)
    assert [(o.item["id"], o.right) for o in report.outcomes["speakers"]] == [("q1", True), ("q2", False),
                                                                             ("q3", True)]
    # Joe Biden is named in the title only: the evaluator ignores him, so calibration does too.
    assert sorted((o.item["id"], o.right) for o in report.outcomes["actors"]) == [
        ("junk", False), ("kyiv", True), ("zelensky", True)]
    assert [(o.item["id"], o.right) for o in report.outcomes["figures"]] == [("f1", True), ("f2", False)]

    tally = calibrate.count(report, calibrate.new_tally(), quote_methods={"q2": "office_title", "q1": "ignored"})
    data = calibrate.table(tally)
    assert data["speakers"]["methods"] == {
        "": {"right": 1, "total": 1, "confidence": 0.667},
        "office_title": {"right": 0, "total": 1, "confidence": 0.333},
        "pronoun": {"right": 1, "total": 1, "confidence": 0.667},  # the briefing's own method wins
    }
    assert data["speakers"]["default"] == {"right": 2, "total": 3, "confidence": 0.6}
    assert data["actors"]["methods"] == {"gazetteer": {"right": 1, "total": 1, "confidence": 0.667},
                                         "ner": {"right": 1, "total": 2, "confidence": 0.5}}
    assert data["actors"]["default"] == {"right": 2, "total": 3, "confidence": 0.6}
    assert data["figures"]["methods"] == {"": {"right": 0, "total": 1, "confidence": 0.333},
                                          "cardinal": {"right": 1, "total": 1, "confidence": 0.667}}

    # Counting two sets adds up; the written table reads back as it was computed.
    calibrate.count(report, tally)
    assert calibrate.table(tally)["figures"]["default"] == {"right": 2, "total": 4, "confidence": 0.5}
    text = calibrate.dump(data, ("tiny",))
    assert text.startswith("#") and calibrate.COMMAND in text
    assert yaml.safe_load(text) == {"version": 1, **data}


def test_outcomes_leave_the_scores_and_their_json_as_they_were():
    report = ev.evaluate(GOLD, BRIEFING)
    assert set(ev.report_data(report)) == {"scores", "failures", "articles"}
    scores = report.scores
    assert (scores["speakers"].tp, scores["speakers"].fp) == (2, 1)
    assert (scores["actors"].tp, scores["actors"].fp, scores["actors"].fn) == (2, 1, 0)
    assert (scores["figures"].tp, scores["figures"].fp, scores["figures"].fn) == (1, 1, 0)


def test_confidence_is_the_rule_of_succession():
    assert calibrate.confidence(0, 0) == 0.5
    assert calibrate.confidence(28, 28) == 0.967
    assert calibrate.confidence(2, 5) == 0.429


def test_apply_confidence_on_the_shipped_table_keeps_known_methods_apart():
    table = conf.table()
    items = briefing(quotes=[quote("q1", "actor_name"), quote("q2", "no-such-rule")])
    got = [q.confidence for q in conf.apply_confidence(items).quotes]
    assert got == [table["speakers"]["methods"]["actor_name"], table["speakers"]["default"]]
    assert all(dataclasses.is_dataclass(q) for q in conf.apply_confidence(items).quotes)
