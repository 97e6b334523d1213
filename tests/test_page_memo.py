"""Markdown pages kept between builds (site/page_memo.py): a page is drawn again exactly when something
it read changed, and a rebuild with the memo is the tree a clean render makes."""
from __future__ import annotations

import copy
import json

import pytest

from generator.site.page_memo import PageMemo
from generator.site.render import page_salt, render_tree


def _briefing() -> dict:
    article = {"file": "a.md", "source": "example.org", "url": "https://example.org/a", "text": "Text."}
    return {
        "title": "Briefing", "summary": "", "updated": "2022-03-02", "generator": {"version": "t", "model": "t"},
        "articles": [dict(article, id="a1", title="Talks begin", date="2022-03-01"),
                     dict(article, id="a2", title="Strike on Kharkiv", date="2022-03-02")],
        "actors": [{"id": "zelensky", "name": "Volodymyr Zelensky", "kind": "person", "aliases": [],
                    "articles": ["a1"]},
                   {"id": "kharkiv", "name": "Kharkiv", "kind": "place", "aliases": [], "articles": ["a2"]}],
        "quotes": [{"id": "q1", "text": "We want peace.", "kind": "direct", "speaker": "zelensky",
                    "speaker_name": "Zelensky", "article": "a1", "sentence": "\"We want peace,\" he said."}],
        "events": [{"id": "e1", "date": "2022-03-02", "precision": "day", "title": "A strike hit Kharkiv",
                    "actors": ["kharkiv"], "sources": [{"article": "a2", "sentence": "A strike hit Kharkiv.",
                                                        "date_text": "Wednesday"}]}],
        "figures": [], "pinned": {}, "problems": [], "curation_problems": [],
    }


def _render(data: dict, path) -> tuple[dict, PageMemo]:
    memo = PageMemo(path, page_salt(data, None, False, "", ""))
    tree = render_tree(data, memo=memo)
    memo.save()
    return tree, memo


def test_a_second_render_of_the_same_briefing_draws_nothing(tmp_path):
    path = tmp_path / "markdown.json"
    first, memo = _render(_briefing(), path)
    assert memo.drawn > 0 and memo.reused == 0
    again, memo = _render(_briefing(), path)
    assert again == first and memo.drawn == 0 and memo.reused > 0


def test_a_changed_item_redraws_the_pages_that_read_it_and_only_them(tmp_path):
    path = tmp_path / "markdown.json"
    _render(_briefing(), path)
    changed = _briefing()
    changed["actors"][1]["name"] = "Kharkov"  # read by the strike's article page, not by the talks'
    tree, memo = _render(changed, path)
    assert tree == render_tree(copy.deepcopy(changed))
    assert "sources/a1.md" in memo.kept and memo.reused > 0 and memo.drawn > 0
    assert "Kharkov" in tree["actors/kharkiv.md"]


def test_a_page_that_read_only_a_field_is_kept_when_another_field_changes(tmp_path):
    path = tmp_path / "markdown.json"
    _render(_briefing(), path)
    changed = _briefing()
    changed["actors"][0]["articles"] = ["a1", "a2"]  # the talks' page prints Zelensky's name only
    tree, memo = _render(changed, path)
    assert tree == render_tree(copy.deepcopy(changed))
    assert "sources/a1.md" not in _drawn(memo) and "actors/zelensky.md" in _drawn(memo)


def test_fields_and_whole_records_are_recorded_as_read(tmp_path):
    memo = PageMemo(tmp_path / "m.json", "salt")
    actors = memo.index("actors", {"x": {"name": "X", "articles": ["a"]}})
    memo.render("name.md", "t", {}, lambda: actors["x"]["name"])
    memo.render("all.md", "t", {}, lambda: ",".join(sorted(actors["x"])))
    memo.render("absent.md", "t", {}, lambda: actors.get("y", {}).get("name", "none"))
    assert memo.kept["name.md"]["deps"] == [["actors", "x", "name"]]
    assert memo.kept["all.md"]["deps"] == [["actors", "x"]]
    assert memo.kept["absent.md"]["deps"] == [["actors", "y"]]
    memo.save()
    memo = PageMemo(tmp_path / "m.json", "salt")
    actors = memo.index("actors", {"x": {"name": "X", "articles": ["a", "b"]}})
    assert memo.render("name.md", "t", {}, lambda: "drawn") == "X"
    assert memo.render("all.md", "t", {}, lambda: "drawn") == "drawn"  # read whole: any change redraws
    memo = PageMemo(tmp_path / "m.json", "salt")
    memo.index("actors", {"x": {"articles": []}})
    assert memo.render("name.md", "t", {}, lambda: "drawn") == "drawn"  # the field it read is gone


def _drawn(memo: PageMemo) -> set:
    return {path for path, entry in memo.kept.items() if entry is not memo.known.get(path)}


def test_a_page_that_lists_a_whole_index_is_always_drawn(tmp_path):
    memo = PageMemo(tmp_path / "m.json", "salt")
    actors = memo.index("actors", {"x": {"name": "X"}})
    assert memo.render("all.md", "t", {}, lambda: ",".join(actors)) == "x"
    assert memo.render("one.md", "t", {}, lambda: actors["x"]["name"]) == "X"
    assert set(memo.kept) == {"one.md"}


def test_membership_in_a_set_is_read_as_such(tmp_path):
    path = tmp_path / "m.json"
    memo = PageMemo(path, "salt")
    pages = memo.index("actor_pages", {"x"})
    memo.render("p.md", "t", {}, lambda: "link" if "x" in pages else "text")
    memo.save()
    memo = PageMemo(path, "salt")
    memo.index("actor_pages", set())
    assert memo.render("p.md", "t", {}, lambda: "text") == "text" and memo.drawn == 1


def test_other_values_or_another_salt_redraw(tmp_path):
    path = tmp_path / "m.json"
    memo = PageMemo(path, "salt")
    memo.render("p.md", "t", {"n": 1}, lambda: "one")
    memo.save()
    memo = PageMemo(path, "salt")
    assert memo.render("p.md", "t", {"n": 2}, lambda: "two") == "two"
    assert PageMemo(path, "other").render("p.md", "t", {"n": 1}, lambda: "again") == "again"


def test_values_that_cannot_be_pickled_are_always_drawn(tmp_path):
    memo = PageMemo(tmp_path / "m.json", "salt")
    memo.render("p.md", "t", {"f": lambda: 1}, lambda: "text")
    assert "p.md" not in memo.kept and memo.drawn == 1


@pytest.mark.parametrize("poison", [
    "{not json", "[]", '{"salt": "S", "pages": []}',
    '{"salt": "S", "pages": {"index.md": {"key": 1, "deps": "x", "text": 5}}}',
    '{"salt": "S", "pages": {"index.md": {"key": "k", "deps": [["articles"]], "digest": "d", "text": "<script>"}}}',
])
def test_a_broken_or_hostile_memo_is_only_a_full_render(tmp_path, poison):
    data = _briefing()
    salt = page_salt(data, None, False, "", "")
    path = tmp_path / "markdown.json"
    path.write_text(poison.replace('"S"', json.dumps(salt)), encoding="utf-8")
    memo = PageMemo(path, salt)
    assert render_tree(data, memo=memo) == render_tree(_briefing())
    assert memo.reused == 0


def test_without_a_path_nothing_is_recorded():
    memo = PageMemo()
    assert render_tree(_briefing(), memo=memo) == render_tree(_briefing())
    assert not memo.kept and memo.index("actors", {}) == {}
