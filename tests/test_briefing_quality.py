"""What a reader would reject, checked on a briefing built from real corpus articles of mixed sources
(a window of the shared corpus written as seeds, the whole pipeline, the Markdown tree and a real
`mkdocs build` of the front page): fragment headlines, long or uncertain quotes and future stories
on the front page, impossible years, unformatted figures, outlet counts that are not publishers."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from generator.pipeline import Settings, build_data
from generator.nlp.headlines import MAX_WORDS
from generator.site.render import FRONT_PAGE_CONFIDENCE, coming_up, front_page_stories, render_tree
from needs import need_corpus
from site_helpers import copy_project, parse_file
from tools import corpus_window

pytestmark = pytest.mark.model
PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "their", "our", "this", "that", "these", "those",
            "which", "who"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = need_corpus()
    work = tmp_path_factory.mktemp("quality")
    corpus_window.main(["--corpus", str(corpus), "--from", "2022-05-28", "--to", "2022-06-03", "--most", "40",
                        "--out", str(work / "seeds")])
    data = build_data(Settings(seeds=work / "seeds", cache=work / "cache")).data
    return work, data, render_tree(data)


def test_the_window_is_mixed(built):
    _, data, _ = built
    assert len({a["source"] for a in data["articles"]}) >= 3 and len(data["articles"]) == 40


def test_front_page_headlines_are_not_fragments(built):
    _, data, _ = built
    stories = front_page_stories(data, data.get("pinned", {}))
    assert stories, "no story reached the front page"
    for st in stories:
        first = st["headline"].split()[0]
        assert first[0].isupper() or first[0].isdigit(), st["headline"]
        assert first.lower() not in PRONOUNS, st["headline"]
        assert len(st["headline"].split()) <= MAX_WORDS and not st["headline"].endswith("…"), st["headline"]


def test_front_page_holds_only_past_confident_stories(built):
    _, data, _ = built
    newest = data["updated"]
    for st in front_page_stories(data, {}):
        assert st["date"] <= newest and st["status"] == "past" and not st["scheduled"]
        assert st["confidence"] is None or st["confidence"] >= FRONT_PAGE_CONFIDENCE
    for st in coming_up(data):
        assert st["date"] >= newest


def test_front_page_quotes_are_short(built):
    _, _, tree = built
    home = tree["index.md"].split("## What they said", 1)[1].split("## Key figures", 1)[0]
    quotes = re.findall(r"^> (?!—|$)(.*)$", home, re.M)
    assert quotes
    for quote in quotes:
        words = re.sub(r"&#\d+;", "x", quote).split()
        assert len(words) <= 61, quote  # 60 words and the opening mark


def test_no_event_year_outside_1900_to_article_year_plus_one(built):
    _, data, _ = built
    dates = {a["id"]: a["date"] for a in data["articles"]}
    for e in data["events"]:
        year = int(e["date"][:4])
        newest = max(int(dates[s["article"]][:4]) for s in e["sources"])
        assert 1900 <= year <= newest + 1, e


def test_every_figure_is_formatted(built):
    _, data, _ = built
    for f in data["figures"]:
        assert f.get("display"), f
        assert not re.fullmatch(r"\d{5,}", f["display"]), f  # 500000 is written 500,000


def test_every_outlet_count_is_its_distinct_publishers(built):
    _, data, _ = built
    publishers = {a["id"]: a["source"].lower() for a in data["articles"]}
    for st in data["stories"]:
        distinct = len({publishers[a] for a in st["articles"]})
        assert 1 <= st["outlets"] <= distinct, st  # copies of one text count once
        assert st["first_reported"] <= st["last_reported"]


def test_the_built_front_page_shows_the_stories(built, tmp_path):
    work, data, _ = built
    config = copy_project(tmp_path, seeds=work / "seeds")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
                   check=True, cwd=tmp_path, env=env)
    page = parse_file(tmp_path / "site" / "index.html")
    for st in front_page_stories(data, {}):
        assert " ".join(st["headline"].split()) in page.article_text
    assert "What happened" in page.article_text and "Day by day" in page.article_text
