"""Two editions built by the real pipeline: the second, given the first's briefing.json, says what is
new on its "What's new" page, marks it in the chronology, and carries first_seen forward."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.pipeline import Settings, build_tree

pytestmark = pytest.mark.model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIRST, SECOND = "000_5b565e64448314d5.txt", "001_eae2988b17b06bab.txt"


def _seeds(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    work = tmp_path_factory.mktemp("editions")
    cache = work / "cache"
    first, _ = build_tree(Settings(seeds=_seeds(work / "one", FIRST), cache=cache))
    previous = work / "previous.json"
    previous.write_text(first["data/briefing.json"], encoding="utf-8")
    second, result = build_tree(Settings(seeds=_seeds(work / "two", FIRST, SECOND), cache=cache, previous=previous))
    return json.loads(first["data/briefing.json"]), second, result.data


def test_the_first_edition_says_there_is_nothing_to_compare_with(editions):
    first, _, _ = editions
    assert first["edition"]["compared"] is False
    assert {a["first_seen"] for a in first["articles"]} == {first["updated"]}


def test_the_second_edition_lists_the_new_source_its_stories_and_actors(editions):
    first, tree, data = editions
    edition = data["edition"]
    assert edition["compared"] and edition["previous"] == first["updated"]
    assert edition["new_articles"] == ["001-eae2988b17b06bab"]
    old_events = {e for st in first["stories"] for e in st["events"]}
    new = [st for st in data["stories"] if st["id"] in edition["new_stories"]]
    assert new and all(not set(st["events"]) & old_events for st in new)
    page = tree["whats-new.md"]
    assert f"Since the previous edition ({first['updated']})" in page
    headlined = [st for st in new if st["headline"]]
    assert headlined and any(st["id"] in page for st in headlined)
    assert "**new**" in "".join(v for k, v in tree.items() if k.startswith("chronology/2"))
    assert "see [what's new](whats-new.md)" in tree["index.md"]
    kept = {a["id"]: a["first_seen"] for a in data["articles"]}
    assert kept["000-5b565e64448314d5"] == first["updated"]


def test_a_missing_previous_edition_is_a_warning_and_the_site_still_builds(tmp_path):
    tree, result = build_tree(Settings(seeds=_seeds(tmp_path / "s", FIRST), previous=tmp_path / "nope.json"))
    assert any("E022" in w for w in result.warnings)
    assert result.data["edition"]["compared"] is False and "no previous edition" in tree["whats-new.md"]
