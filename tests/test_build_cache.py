"""What a build keeps for the next one (the YAML of each briefing item, the parsed seeds) changes
nothing in what it writes; a broken or hostile cache file only means the work is done again. And the
two halves of rendering give the same results side by side as one after the other."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from generator.beside import side_by_side
from generator.briefing.io import YamlFragments, _yaml, dump_yaml
from generator.briefing.records import Article
from generator.sources.memo import ParsedSeeds
from generator.sources.seeds import parse_seed, read_seeds

TRICKY = {
    "title": "Briefing: 'quotes', \"double\", colon: yes",
    "updated": "2022-03-01",
    "generator": {"version": "0.1.0", "model": "m"},
    "articles": [
        {"id": "a", "title": "yes", "date": "2022-03-01", "text": "line one\nline two\n\n  indented", "n": 3},
        {"id": "b", "title": "- starts like a list", "excerpts": ["#hash", "*star", "&amp", "null", "", "1e3"]},
        {"id": "c", "nested": {"deep": [{"x": None, "y": True, "z": 1.5}], "empty": []}, "e": {}},
        {"id": "d", "title": "Ünïcödé — “curly” ‘quotes’ \u2028 \t tab"},
    ],
    "shared": [],
    "yes": [{"id": "a key YAML would read as true"}],
    "with space": [{"id": "x"}, {"id": "y", "z": [{"deep": 1}]}],
    "problems": [{"file": "x", "reason": "r"}],
    "pinned": {},
}


def test_item_by_item_is_the_same_text_as_one_dump():
    shared = {"same": "object"}
    data = {**TRICKY, "actors": [{"id": "p", "role": shared}, {"id": "q", "role": shared}]}  # no &id001 aliases
    assert dump_yaml(data) == _yaml(data)
    assert "&id" not in dump_yaml(data)
    assert yaml.safe_load(dump_yaml(data)) == json.loads(json.dumps(data))


def test_kept_fragments_give_the_same_text_and_only_new_items_are_written(tmp_path):
    path = tmp_path / "fragments.json"
    first = YamlFragments(path)
    text = dump_yaml(TRICKY, first)
    first.save()
    assert first.written == 8  # four articles, one problem, three more
    again = YamlFragments(path)
    changed = {**TRICKY, "articles": TRICKY["articles"][:3] + [{"id": "d", "title": "changed"}]}
    assert dump_yaml(TRICKY, again) == text
    assert dump_yaml(changed, again) == _yaml(changed)
    assert again.written == 1


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", json.dumps({"k": 1}).encode(), b"\xff\xfe\x00"])
def test_a_broken_fragments_file_only_means_every_item_is_written(tmp_path, content):
    path = tmp_path / "fragments.json"
    path.write_bytes(content)
    fragments = YamlFragments(path)
    assert dump_yaml(TRICKY, fragments) == _yaml(TRICKY)
    assert fragments.written == 8


def test_a_poisoned_fragment_is_never_used_for_other_data(tmp_path):
    """An entry is found by a digest of the item itself: one that says something else is never asked for."""
    path = tmp_path / "fragments.json"
    path.write_text(json.dumps({"0" * 40: "- id: forged\n"}), encoding="utf-8")
    assert "forged" not in dump_yaml(TRICKY, YamlFragments(path))


SEED = b"""---
title: "Talks resume"
date: 2022-03-29
source: example.org
url: https://example.org/talks
---
Delegations met in Istanbul on Tuesday.
"""


def test_parsed_seeds_give_the_same_report(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_bytes(SEED)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "b.md").write_bytes(SEED.replace(b"Talks resume", b"Other talks"))  # same text: a duplicate
    plain = read_seeds(seeds)
    path = tmp_path / "seeds.json"
    memo = ParsedSeeds(path, "v1")
    assert read_seeds(seeds, memo) == plain and memo.parsed == 3
    memo.save()
    kept = ParsedSeeds(path, "v1")
    assert read_seeds(seeds, kept) == plain and kept.parsed == 0
    assert read_seeds(seeds, ParsedSeeds(path, "v2")).articles == plain.articles  # new code: read again
    (seeds / "a.md").write_bytes(SEED.replace(b"Tuesday", b"Wednesday"))
    changed = ParsedSeeds(path, "v1")
    assert read_seeds(seeds, changed) == read_seeds(seeds) and changed.parsed == 1


def test_a_tampered_parsed_seed_is_read_again(tmp_path):
    path = tmp_path / "seeds.json"
    memo = ParsedSeeds(path, "v1")
    article, problems = memo.parse(SEED, "a.md", parse_seed)
    memo.save()
    raw = json.loads(path.read_text(encoding="utf-8"))
    [key] = raw
    for forged in ({**raw[key]["article"], "title": 5}, {**raw[key]["article"], "extra": "x"}, "text", None):
        raw[key] = {"article": forged, "problems": []} if forged != "text" else "text"
        path.write_text(json.dumps(raw), encoding="utf-8")
        again = ParsedSeeds(path, "v1")
        if forged is None:  # a seed that gave no article: a legitimate entry, taken as it is
            assert again.parse(SEED, "a.md", parse_seed) == (None, [])
            continue
        assert again.parse(SEED, "a.md", parse_seed) == (article, problems) and again.parsed == 1
    assert isinstance(article, Article) and article.date == dt.date(2022, 3, 29)


def test_side_by_side_is_the_same_as_one_after_the_other():
    data = {"n": list(range(1000))}
    assert side_by_side(lambda: sum(data["n"]), lambda: [x * 2 for x in data["n"]][-1]) == (499500, 1998)


def test_side_by_side_raises_the_childs_exception_here():
    def child():
        raise ValueError("E030 from the child")

    with pytest.raises(ValueError, match="E030 from the child"):
        side_by_side(lambda: 1, child)


def test_side_by_side_reaps_the_child_when_this_side_fails():
    def here():
        raise KeyError("here")

    with pytest.raises(KeyError):
        side_by_side(here, lambda: 2)
