"""Tests of tools/evaluate.py on small hand-built briefings, and consistency checks of the gold set."""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from tools import evaluate as ev

GOLD = Path(__file__).parent / "gold"
GOLD_FILES = sorted((GOLD / "annotations").glob("*.yml"))
# Every gold set that ships its seeds (tests/gold_news keeps its texts in the shared corpus).
SEEDED_GOLD_FILES = sorted(p for name in ("gold", "gold_heldout", "gold_blind2", "gold_blind3")
                           for p in (Path(__file__).parent / name / "annotations").glob("*.yml"))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# ------------------------------------------------------------------------------------------- helpers

def perfect_briefing(gold: list[dict]) -> dict:
    """The briefing a perfect extractor would write for these gold annotations."""
    gold = [g if "_source" in g else ev._clean_gold(copy.deepcopy(g)) for g in gold]
    articles, actors, quotes, events, figures = [], {}, [], [], []
    ids = {}
    for n, g in enumerate(gold):
        aid = re.sub(r"[^a-z0-9]+", "-", Path(g["file"]).stem.lower()).strip("-") or f"a{n}"
        ids[g["file"]] = aid
        articles.append({"id": aid, "file": g["file"], "title": g["file"], "date": g["date"], "source": "", "url": ""})
        for actor in g["actors"] + g["title_actors"]:
            entry = actors.setdefault(actor["name"], {"id": f"actor-{len(actors)}", "name": actor["name"],
                                                      "kind": actor["kind"], "aliases": [], "articles": []})
            entry["aliases"] += [f for f in actor["forms"] if f not in entry["aliases"]]
            if aid not in entry["articles"]:
                entry["articles"].append(aid)
        for i, q in enumerate(g["quotes"]):
            speaker = q.get("speaker")
            if isinstance(speaker, list):
                speaker = speaker[0]
            quotes.append({"id": f"q-{aid}-{i}", "text": q["text"], "kind": q["kind"],
                           "speaker": actors[speaker]["id"] if speaker else None, "speaker_name": speaker,
                           "article": aid, "sentence": q["text"]})
        for i, e in enumerate(g["events"]):
            events.append({"id": f"e-{aid}-{i}", "date": e["date"], "precision": e["precision"], "title": "",
                           "actors": [], "sources": [{"article": aid, "sentence": e["sentence_contains"],
                                                      "date_text": e["date_text"]}]})
        for i, f in enumerate(g["figures"]):
            figures.append({"id": f"f-{aid}-{i}", "value": f["value"], "what": f.get("what", ""), "article": aid,
                            "sentence": f["sentence_contains"]})
    for g in gold:
        for merge in g["merges"]:
            parts = []
            for file, frags in merge["fragments"].items():
                part = next(e for e in events if e["date"] == merge["date"] and any(
                    s["article"] == ids[file] and any(ev.contains(s["sentence"], f) for f in frags) for s in e["sources"]))
                parts.append(part)
            first = parts[0]
            for other in parts[1:]:
                if other is not first:
                    first["sources"] += other["sources"]
                    events.remove(other)
    return {"articles": articles, "actors": list(actors.values()), "quotes": quotes, "events": events,
            "figures": figures}


def small_gold() -> list[dict]:
    return [{
        "file": "a.txt",
        "date": dt.date(2022, 3, 1),
        "actors": [
            {"name": "Volodymyr Zelensky", "kind": "person", "forms": ["Volodymyr Zelenskyy", "Zelenskyy"]},
            {"name": "Kyiv", "kind": "place", "forms": ["Kyiv", "Kiev"]},
            {"name": "United States", "kind": "place", "forms": ["U.S."]},
        ],
        "title_actors": [{"name": "Vladimir Putin", "kind": "person", "forms": ["Putin"]}],
        "quotes": [
            {"text": "I do not really believe in the outcome of this meeting, but let them try",
             "speaker": "Volodymyr Zelensky", "kind": "direct"},
            {"text": "the talks had ended", "speaker": None, "kind": "indirect"},
        ],
        "events": [
            {"date": dt.date(2022, 2, 28), "precision": "day", "date_text": "Monday",
             "sentence_contains": "wrapped up a round of talks Monday"},
            {"date": dt.date(2022, 2, 24), "precision": "day", "date_text": "on Thursday",
             "sentence_contains": "Russia invaded on Thursday", "alternatives": ["Russia attacked Ukraine on Thursday"]},
        ],
        "figures": [{"value": "500000", "what": "refugees", "sentence_contains": "at least 500,000 refugees"}],
        "merges": [{"date": dt.date(2022, 2, 24), "fragments": {"a.txt": "Russia invaded on Thursday",
                                                                "b.txt": "the invasion began on Thursday"}}],
    }, {
        "file": "b.txt",
        "date": "2022-02-28",
        "actors": [{"name": "Kyiv", "kind": "place", "forms": ["Kyiv"]}],
        "quotes": [],
        "events": [{"date": "2022-02-24", "precision": "day", "date_text": "on Thursday",
                    "sentence_contains": "the invasion began on Thursday"}],
        "figures": [],
    }]


def f1s(report: ev.Report) -> dict[str, float]:
    return {k: round(s.f1, 6) for k, s in report.scores.items()}


def seed_parts(path: Path) -> tuple[dict, str, str]:
    """(front matter, title, body) of a seed file."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        head, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        return meta, str(meta.get("title", "")), body
    first, _, rest = text.partition("\n")
    return {}, first, text


# ------------------------------------------------------------------------------------ scoring rules

def test_perfect_small_briefing_scores_one_everywhere():
    report = ev.evaluate(small_gold(), perfect_briefing(small_gold()))
    assert all(v == 1.0 for v in f1s(report).values()), (f1s(report), report.failures)
    assert report.scores["event_merges"].tp == 1
    assert report.scores["actors"].tp == 4  # the title-only actor is neither tp nor fp
    assert report.articles == 2


def test_perfect_briefing_of_the_real_gold_set_scores_one_everywhere():
    gold = ev.load_gold(GOLD)
    report = ev.evaluate(gold, perfect_briefing(gold))
    assert all(v == 1.0 for v in f1s(report).values()), (f1s(report), ev.format_report(report, verbose=True))
    assert report.scores["event_merges"].tp == 2  # listed in both seed annotations, counted once


def test_missing_quote_lowers_recall_only():
    briefing = perfect_briefing(small_gold())
    briefing["quotes"] = [q for q in briefing["quotes"] if "ended" not in q["text"]]
    s = ev.evaluate(small_gold(), briefing).scores["quotes"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)
    assert s.precision == 1.0 and s.recall == 0.5


def test_quote_matches_by_coverage_and_extra_quote_is_a_false_positive():
    briefing = perfect_briefing(small_gold())
    q = briefing["quotes"][0]
    q["text"] = "I do not really believe in the outcome"  # 8 of 16 gold words: matched
    briefing["quotes"].append(dict(q, id="q-extra", text="Glory to Ukraine"))
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["quotes"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)
    assert any("extra" in m for m in report.failures["quotes"])
    briefing["quotes"][0]["text"] = "let them try"  # 3 of 16 words < 30 %
    assert ev.evaluate(small_gold(), briefing).scores["quotes"].fn == 1


def test_wrong_speaker_lowers_speaker_accuracy():
    briefing = perfect_briefing(small_gold())
    kyiv = next(a for a in briefing["actors"] if a["name"] == "Kyiv")
    briefing["quotes"][0].update(speaker=kyiv["id"], speaker_name="Kyiv")
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["speakers"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1) and s.recall == 0.5
    assert report.scores["quotes"].f1 == 1.0
    assert any("Volodymyr Zelensky" in m for m in report.failures["speakers"])


def test_speaker_resolved_through_aliases_and_gold_forms():
    briefing = perfect_briefing(small_gold())
    zel = next(a for a in briefing["actors"] if a["name"] == "Volodymyr Zelensky")
    zel.update(name="Zelenskyy", aliases=[])  # a gold form, not the canonical name
    briefing["quotes"][0]["speaker_name"] = None
    assert ev.evaluate(small_gold(), briefing).scores["speakers"].f1 == 1.0
    briefing["quotes"][0].update(speaker=None, speaker_name="Volodymyr Zelenskyy")  # fallback to speaker_name
    assert ev.evaluate(small_gold(), briefing).scores["speakers"].f1 == 1.0
    briefing["quotes"][1].update(speaker_name="Russian officials")  # gold null: a description is fine
    assert ev.evaluate(small_gold(), briefing).scores["speakers"].fn == 0
    kyiv = next(a for a in briefing["actors"] if a["name"] == "Kyiv")
    briefing["quotes"][1].update(speaker=kyiv["id"], speaker_name="Kyiv")  # ... an actor is not
    assert ev.evaluate(small_gold(), briefing).scores["speakers"].fn == 1


def test_joint_speaker_list_accepts_any_name():
    gold = small_gold()
    gold[0]["quotes"][1]["speaker"] = ["Kyiv", "United States"]
    briefing = perfect_briefing(gold)
    us = next(a for a in briefing["actors"] if a["name"] == "United States")
    briefing["quotes"][1].update(speaker=us["id"], speaker_name="United States")
    assert ev.evaluate(gold, briefing).scores["speakers"].f1 == 1.0


def test_split_actor_is_reported_and_counted_as_false_positive():
    briefing = perfect_briefing(small_gold())
    briefing["actors"].append({"id": "actor-x", "name": "Zelenskyys", "kind": "person", "aliases": [],
                               "articles": ["a"]})
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["actors"]
    assert (s.tp, s.fp, s.fn) == (4, 1, 0)
    assert any(m.startswith("a.txt: split Volodymyr Zelensky") for m in report.failures["actors"])


def test_junk_missing_and_over_merged_actors():
    briefing = perfect_briefing(small_gold())
    briefing["actors"].append({"id": "j", "name": "Monday", "kind": "organization", "aliases": [], "articles": ["a"]})
    kyiv = next(a for a in briefing["actors"] if a["name"] == "Kyiv")
    us = next(a for a in briefing["actors"] if a["name"] == "United States")
    kyiv["aliases"].append("US")  # one predicted actor standing for two gold actors
    briefing["actors"].remove(us)
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["actors"]
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)
    messages = report.failures["actors"]
    assert any("junk 'Monday'" in m for m in messages)
    assert any("missing United States" in m for m in messages)
    assert any("over-merged 'Kyiv'" in m for m in messages)


def test_names_match_after_normalisation():
    n = ev.norm_name
    assert ev.names_match(n("Zelenskyys"), n("Zelenskyy"))
    assert ev.names_match(n("Ukraine\u2019s president"), n("Ukraines president"))
    assert ev.names_match(n("The United States"), n("united  states"))
    assert ev.names_match(n("U.S."), n("US"))
    assert not ev.names_match(n("Russia"), n("Belarus"))
    assert not ev.names_match(n(""), n(""))


def test_actor_kinds():
    briefing = perfect_briefing(small_gold())
    next(a for a in briefing["actors"] if a["name"] == "Kyiv")["kind"] = "organization"
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["actor_kinds"]
    assert (s.tp, s.fp, s.fn) == (2, 2, 2)  # Kyiv is wrong in both articles
    assert report.scores["actors"].f1 == 1.0


def test_event_with_wrong_date_is_a_miss_and_a_false_positive():
    briefing = perfect_briefing(small_gold())
    event = next(e for e in briefing["events"] if "wrapped up" in e["sources"][0]["sentence"])
    event["date"] = "2022-03-07"
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["events"]
    assert (s.tp, s.fn, s.pred_tp, s.fp) == (2, 1, 1, 1)
    assert any("predicted with date 2022-03-07" in m for m in report.failures["events"])


def test_event_alternatives_and_typography_repairs_match():
    gold = small_gold()
    briefing = perfect_briefing(gold)
    event = next(e for e in briefing["events"] if e["date"] == "2022-02-24")
    event["sources"] = [{"article": "b", "sentence": "the invasion began on Thursday"},
                        {"article": "a", "sentence": "Russia attacked Ukraine on Thursday \u2014 at dawn."}]
    assert ev.evaluate(gold, briefing).scores["events"].f1 == 1.0
    assert ev.contains("The value of Russia\u2019s currency hit record lows", "value of Russias currency")
    assert ev.contains("the violence \u2014 but have been clear", "the violence  but have been")


def test_unmerged_event_is_a_merge_miss():
    briefing = perfect_briefing(small_gold())
    merged = next(e for e in briefing["events"] if len(e["sources"]) == 2)
    second = dict(merged, id="e-split", sources=[merged["sources"][1]])
    merged["sources"] = merged["sources"][:1]
    briefing["events"].append(second)
    report = ev.evaluate(small_gold(), briefing)
    assert (report.scores["event_merges"].tp, report.scores["event_merges"].fn) == (0, 1)
    assert report.scores["events"].f1 == 1.0
    assert "not merged" in report.failures["event_merges"][0]


def test_figures_value_normalisation_and_misses():
    briefing = perfect_briefing(small_gold())
    briefing["figures"][0]["value"] = "500,000"
    assert ev.evaluate(small_gold(), briefing).scores["figures"].f1 == 1.0
    briefing["figures"][0]["value"] = "5000"
    s = ev.evaluate(small_gold(), briefing).scores["figures"]
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    assert ev.norm_value("2.3e6") == "2300000" and ev.norm_value("10\u201320") == "10-20"
    assert ev.norm_value("2.3 million") == "2300000" and ev.norm_value("$ 1 billion") == "1000000000"
    assert ev._values_match("10-20", "20") and not ev._values_match("10-20", "15")


def test_wrong_weekday_is_caught():
    briefing = perfect_briefing(small_gold())
    event = next(e for e in briefing["events"] if "wrapped up" in e["sources"][0]["sentence"])
    event["date"] = "2022-03-01"  # a Tuesday, for "Monday"
    report = ev.evaluate(small_gold(), briefing)
    s = report.scores["weekdays"]
    assert (s.tp, s.fp) == (2, 1)
    assert any("is a Tuesday" in m for m in report.failures["weekdays"])


def test_weekday_after_the_article_date_is_caught_unless_future():
    briefing = perfect_briefing(small_gold())
    event = next(e for e in briefing["events"] if "wrapped up" in e["sources"][0]["sentence"])
    event["date"] = "2022-03-07"  # a Monday, but after the article (2022-03-01)
    report = ev.evaluate(small_gold(), briefing)
    assert report.scores["weekdays"].fp == 1
    assert any("after the article date" in m for m in report.failures["weekdays"])
    event["sources"][0]["sentence"] = "Talks will resume on Monday"
    assert ev.evaluate(small_gold(), briefing).scores["weekdays"].fp == 0
    event["date"] = "2022-02-21"  # a Monday, but not the most recent one before 2022-03-01
    event["sources"][0]["sentence"] = "wrapped up a round of talks Monday"
    assert ev.evaluate(small_gold(), briefing).scores["weekdays"].fp == 1


def test_missing_article_counts_everything_as_missed():
    briefing = perfect_briefing(small_gold())
    briefing["articles"] = [a for a in briefing["articles"] if a["file"] != "b.txt"]
    report = ev.evaluate(small_gold(), briefing)
    assert report.articles == 1
    assert any("b.txt: not in the briefing" in m for m in report.failures["articles"])
    assert report.scores["actors"].fn == 1
    assert report.scores["event_merges"].fn == 1


def test_score_edge_cases():
    assert ev.Score().f1 == 1.0
    assert ev.Score(fn=2).precision == 0.0 and ev.Score(fp=1).recall == 0.0
    s = ev.Score(tp=3, fp=1, fn=1, pred_tp=1)
    assert s.precision == 0.5 and s.recall == 0.75


def test_format_report_and_main(tmp_path, capsys):
    gold_dir = tmp_path / "gold" / "annotations"
    gold_dir.mkdir(parents=True)
    for g in small_gold():
        (gold_dir / (Path(g["file"]).stem + ".yml")).write_text(yaml.safe_dump(g, sort_keys=False), encoding="utf-8")
    briefing = perfect_briefing(small_gold())
    briefing["quotes"].pop()
    (tmp_path / "briefing.yml").write_text(yaml.safe_dump(briefing), encoding="utf-8")
    assert ev.main(["--gold", str(tmp_path / "gold"), "--briefing", str(tmp_path), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["category", "P", "R", "F1", "tp", "fp", "fn"]
    assert re.search(r"^quotes\s+1\.000\s+0\.500\s+0\.667\s+1\s+0\s+1$", out, re.M)
    assert "== quotes (1)" in out and "missing indirect quote" in out
    assert ev.main(["--gold", str(tmp_path / "gold"), "--briefing", str(tmp_path / "briefing.yml"), "--json"]) == 0
    assert '"quotes"' in capsys.readouterr().out
    assert ev.main(["--gold", str(tmp_path / "nowhere"), "--briefing", str(tmp_path)]) == 2


# ------------------------------------------------------------------------------------ the gold set

def test_gold_set_is_complete():
    assert len(GOLD_FILES) == 12
    seeds = sorted(p.name for p in (GOLD / "seeds").iterdir())
    assert sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["file"] for p in GOLD_FILES) == seeds
    for name in ("000_5b565e64448314d5.txt", "001_eae2988b17b06bab.txt"):
        original = Path(__file__).parent.parent / "seeds" / name  # the project's two seeds, always there
        assert (GOLD / "seeds" / name).read_bytes() == original.read_bytes(), f"gold copy of {name} differs"


@pytest.mark.parametrize("path", SEEDED_GOLD_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_gold_annotation_matches_its_seed(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    g = ev._clean_gold(copy.deepcopy(raw), path.name)
    assert path.stem == Path(g["file"]).stem
    meta, title, body = seed_parts(path.parent.parent / "seeds" / g["file"])
    if meta:
        assert str(meta["date"]) == g["date"]
        assert {"title", "date", "source", "url", "attribution"} <= set(meta)
        assert "CC BY 4.0" in meta["attribution"]
    assert isinstance(raw["date"], dt.date)
    problems = []

    def exact(fragment, what, text=body):
        if fragment not in text:
            problems.append(f"{what} not an exact substring: {fragment!r}")
        if len(fragment.split()) < 4:
            problems.append(f"{what} has fewer than 4 words: {fragment!r}")

    names = {a["name"] for a in g["actors"] + g["title_actors"]}
    for a in g["actors"]:
        assert a["kind"] in ("person", "organization", "place", "group"), a
        for form in a["forms"]:
            if ev._plain(form) not in ev._plain(body):
                problems.append(f"form {form!r} of {a['name']} not in the body")
    for a in g["title_actors"]:
        for form in a["forms"]:
            if ev._plain(form) not in ev._plain(title):
                problems.append(f"title form {form!r} not in the title")
    assert len(names) == len(g["actors"]) + len(g["title_actors"]), "an actor is listed twice"
    for q in g["quotes"]:
        assert q["kind"] in ("direct", "partial", "indirect"), q
        if ev._plain(q["text"]) not in ev._plain(body):
            problems.append(f"quote not in the text: {q['text'][:60]!r}")
        speakers = q["speaker"] if isinstance(q["speaker"], list) else [q["speaker"]] if q["speaker"] else []
        problems += [f"speaker {s!r} is not an annotated actor" for s in speakers if s not in names]
    for e in g["events"]:
        assert e["precision"] in ("day", "month", "year")
        assert re.fullmatch({"day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d", "year": r"\d{4}"}[e["precision"]], e["date"])
        exact(e["sentence_contains"], "event")
        for alt in e["alternatives"]:
            exact(alt, "event alternative")
        day = next((d for d in WEEKDAYS if d in e["date_text"].lower()), None)
        if day:
            when = dt.date.fromisoformat(e["date"])
            assert WEEKDAYS[when.weekday()] == day, e
            assert 0 <= (dt.date.fromisoformat(g["date"]) - when).days <= 6, e  # past: the most recent one
        if e["date_text"]:
            assert ev._plain(e["date_text"]) in ev._plain(body), e
    for f in g["figures"]:
        assert re.fullmatch(r"\d+(\.\d+)?(-\d+(\.\d+)?)?", f["value"]), f
        exact(f["sentence_contains"], "figure")
    for m in g["merges"]:
        assert g["file"] in m["fragments"] and len(m["fragments"]) >= 2
        for file, frags in m["fragments"].items():
            _, _, other = seed_parts(GOLD / "seeds" / file)
            for fragment in frags:
                exact(fragment, f"merge fragment of {file}", other)
    assert not problems, "\n".join(problems)


def test_merges_only_in_the_original_seeds():
    for path in GOLD_FILES:
        g = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not g["file"].startswith(("000_", "001_")):
            assert not g.get("merges"), path.name
