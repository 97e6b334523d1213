"""The chronology stays in bounded pages: a month with many stories is split into halves or quarters,
and every link to a story or a day (pages, pictures, feeds, exports) leads to the page that has it."""
from __future__ import annotations

import json
import re

from generator.site.chronology_pages import (STORIES_PER_PAGE, chronology_page, month_parts, page_days)
from generator.site.render import render_tree


def test_a_quiet_month_is_one_page_a_busy_one_halves_a_very_busy_one_quarters():
    stories = ([{"date": "2022-03-05"}] * STORIES_PER_PAGE + [{"date": "2022-04-02"}] * (STORIES_PER_PAGE + 1)
               + [{"date": "2022-05-30"}] * (2 * STORIES_PER_PAGE + 1))
    parts = month_parts(stories)
    assert parts == {"2022-04": (1, 16), "2022-05": (1, 8, 15, 22)}
    assert chronology_page("2022-03-28", parts) == "2022-03"
    assert [chronology_page(f"2022-04-{d:02d}", parts) for d in (1, 15, 16, 30)] == [
        "2022-04", "2022-04", "2022-04-16", "2022-04-16"]
    assert [chronology_page(f"2022-05-{d:02d}", parts) for d in (7, 8, 21, 22)] == [
        "2022-05", "2022-05-08", "2022-05-15", "2022-05-22"]
    assert chronology_page("2022-05", parts) == "2022-05"  # a month-precise story: the first page
    assert page_days("2022-05-15", parts) == (15, 21) and page_days("2022-05-22", parts) == (22, 31)
    assert page_days("2022-03", parts) == (1, 31)


def _busy_briefing(n: int) -> dict:
    articles = [{"id": f"a{k}", "file": f"a{k}.md", "title": f"Article {k}", "date": "2022-05-31", "source": "x.org",
                 "url": "", "excerpts": [f"Sentence {k}."]} for k in range(n)]
    events = [{"id": f"e-{k:04d}", "date": f"2022-05-{1 + k % 31:02d}", "precision": "day", "title": f"t{k}",
               "actors": [], "sources": [{"article": f"a{k}", "sentence": f"Sentence {k}.", "date_text": ""}]}
              for k in range(n)]
    stories = [{"id": e["id"], "date": e["date"], "precision": "day", "headline": f"Something happened {k}",
                "status": "past", "events": [e["id"]], "articles": [f"a{k}"], "outlets": 1, "actors": [],
                "first_reported": "2022-05-31", "last_reported": "2022-05-31", "disputed": False, "dates": [],
                "scheduled": False, "method": "named", "confidence": 0.95} for k, e in enumerate(events)]
    return {"title": "B", "summary": "", "updated": "2022-05-31", "generator": {"version": "t", "model": "t"},
            "articles": articles, "actors": [], "quotes": [], "events": events, "figures": [], "stories": stories,
            "pinned": {}, "problems": [], "curation_problems": []}


def test_every_link_to_a_story_or_day_reaches_the_page_that_has_it():
    tree = render_tree(_busy_briefing(3 * STORIES_PER_PAGE))
    pages = {p for p in tree if p.startswith("chronology/2022-05")}
    assert pages == {"chronology/2022-05.md", "chronology/2022-05-08.md", "chronology/2022-05-15.md",
                     "chronology/2022-05-22.md"}
    anchors = {p[:-3]: set(re.findall(r'<a id="([a-z0-9-]+)"></a>', tree[p])) | set(re.findall(r"^## (\S+)$", tree[p], re.M))
               for p in pages}
    found = 0
    for path, text in tree.items():  # Markdown links from pages at any depth, and feeds' absolute-free links
        for target, anchor in re.findall(r"\((?:\.\./)*(chronology/2022-05[0-9-]*)\.md#([a-z0-9-]+)\)", text):
            assert anchor in anchors[target], (path, target, anchor)
            found += 1
    for name in ("feed.json", "data/timeline.json"):
        for target, anchor in re.findall(r"(chronology/2022-05[0-9-]*)/#([a-z0-9-]+)", tree[name]):
            assert anchor in anchors[target], (name, target, anchor)
            found += 1
    items = json.loads(tree["feed.json"])["items"]
    assert items and all("chronology/2022-05" in i["url"] for i in items)
    assert found > 50
    assert max(len(tree[p].encode()) for p in pages) < max(len(t.encode()) for t in [
        render_tree(_busy_briefing(STORIES_PER_PAGE))["chronology/2022-05.md"]]) * 1.2
