"""Values derived from one text are kept between builds (derived.py) and give what computing gives."""
from __future__ import annotations

import json

from generator.briefing.records import Article, Briefing, Quote
from generator.briefing.statements import readable_quotes
from generator.derived import TextMemo, ints
from generator.stories.copies import copy_groups, samples


def _count(calls):
    def compute(text):
        calls.append(text)
        return {len(text), 7}
    return compute


def test_a_value_is_computed_once_and_read_back_from_the_file(tmp_path):
    path = tmp_path / "derived.json"
    calls: list[str] = []
    first = TextMemo(path)
    assert first.value("k", "v1", "some words", _count(calls), ints, sorted) == {10, 7}
    first.save()
    again = TextMemo(path)
    assert again.value("k", "v1", "some words", _count(calls), ints, sorted) == frozenset({10, 7})
    assert calls == ["some words"] and again.computed == 0


def test_another_version_or_kind_is_computed_again(tmp_path):
    path = tmp_path / "derived.json"
    calls: list[str] = []
    memo = TextMemo(path)
    memo.value("k", "v1", "text", _count(calls), ints, sorted)
    memo.save()
    memo = TextMemo(path)
    memo.value("k", "v2", "text", _count(calls), ints, sorted)
    memo.value("other", "v1", "text", _count(calls), ints, sorted)
    assert len(calls) == 3


def test_a_poisoned_or_broken_file_is_only_a_recomputation(tmp_path):
    path = tmp_path / "derived.json"
    calls: list[str] = []
    memo = TextMemo(path)
    memo.value("k", "v1", "text", _count(calls), ints, sorted)
    memo.save()
    stored = json.loads(path.read_text())
    path.write_text(json.dumps({key: ["not", "ints"] for key in stored}))
    assert TextMemo(path).value("k", "v1", "text", _count(calls), ints, sorted) == {4, 7}
    for broken in ("{not json", "[1, 2]", "null"):
        path.write_text(broken)
        assert TextMemo(path).value("k", "v1", "text", _count(calls), ints, sorted) == {4, 7}
    assert len(calls) == 5


def test_only_this_builds_entries_are_written(tmp_path):
    path = tmp_path / "derived.json"
    memo = TextMemo(path)
    for text in ("one", "two", "three"):
        memo.value("k", "v", text, _count([]), ints, sorted)
    memo.save()
    memo = TextMemo(path)
    memo.value("k", "v", "two", _count([]), ints, sorted)
    memo.save()
    assert len(json.loads(path.read_text())) == 1


def _article(i: str, body: str) -> Article:
    import datetime as dt

    return Article(id=i, file=f"{i}.md", title=i, date=dt.date(2022, 3, 1), source="x.com", url="", body=body)


def test_copy_groups_are_the_same_from_a_memo(tmp_path):
    wire = " ".join(f"word{n} said the agency on tuesday" for n in range(60))
    articles = [_article("a", wire), _article("b", wire + " and more"), _article("c", "other text " * 80)]
    plain = copy_groups(articles)
    memo = TextMemo(tmp_path / "d.json")
    assert copy_groups(articles, memo) == plain
    memo.save()
    again = TextMemo(tmp_path / "d.json")
    assert copy_groups(articles, again) == plain and again.computed == 0
    assert plain["b"] == "a" and plain["c"] == "c"
    assert samples(wire)


def test_readable_quotes_are_the_same_from_a_memo(tmp_path):
    speech = " ".join(f"Sentence number {n} tells the Council of Europe in Strasbourg about the damage done in Kyiv today." for n in range(30))
    quotes = [Quote(id="q1", text=speech, speaker="", article="a", sentence="", kind="direct", speaker_name=""),
              Quote(id="q2", text="We will not give up.", speaker="", article="a", sentence="", kind="direct", speaker_name="")]
    briefing = Briefing("", "", "", [], [], quotes, [], [])
    plain = readable_quotes(briefing)
    memo = TextMemo(tmp_path / "d.json")
    assert readable_quotes(briefing, memo) == plain
    memo.save()
    again = TextMemo(tmp_path / "d.json")
    assert readable_quotes(briefing, again) == plain and again.computed == 0
    assert plain.quotes[0].statement and plain.quotes[0].passages and not plain.quotes[1].passages
