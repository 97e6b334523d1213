"""The site search's documents (generator/site/search_documents.py): bounded by a byte budget, in
priority order, each page's own document before its sections, every text escaped."""
from __future__ import annotations

import json

from generator.site.material_search import material_documents
from generator.site.search_documents import BUDGET_BYTES, QUOTE_WORDS, search_documents

HOSTILE = '<img src=x onerror=alert(1)> & "quoted"'


def briefing(articles: int = 3, quotes_per_article: int = 2) -> dict:
    arts = [{"id": f"a{i}", "title": f"Article {i}" if i else HOSTILE, "date": f"2022-03-{i + 1:02d}",
             "source": "example.org"} for i in range(articles)]
    actors = [{"id": "putin", "name": "Vladimir Putin", "kind": "person", "role": "President of Russia",
               "aliases": ["Putin", "Vladimir Putin"], "articles": [a["id"] for a in arts]},
              {"id": "kyiv", "name": "Kyiv", "kind": "place", "role": "", "aliases": ["Kiev"], "articles": ["a0"]}]
    quotes = [{"id": f"q{i}-{k}", "text": " ".join(f"word{n}" for n in range(40)), "speaker": "putin" if k else None,
               "speaker_name": "", "article": f"a{i}", "confidence": 0.9 if k else 0.4}
              for i in range(articles) for k in range(quotes_per_article)]
    events = [{"id": f"e{i}", "sources": [{"article": f"a{i}", "sentence": f"Something happened in Kyiv {i}."}]}
              for i in range(articles)]
    stories = [{"id": f"s{i}", "date": f"2022-03-{i + 1:02d}", "headline": f"Story {i}" if i % 2 else None,
                "events": [f"e{i}"], "outlets": 1 + i % 2} for i in range(articles)]
    return {"articles": arts, "actors": actors, "quotes": quotes, "events": events, "stories": stories}


def test_each_item_once_and_the_page_before_its_sections():
    docs = search_documents(briefing(), {"putin", "kyiv"}, {})
    pages_seen: set[str] = set()
    for doc in docs:
        if doc["anchor"]:
            assert doc["page"] in pages_seen, f"a section before its page: {doc}"
        else:
            assert doc["page"] not in pages_seen, f"a page twice: {doc}"
            pages_seen.add(doc["page"])
    assert {"actors/putin.md", "actors/kyiv.md", "sources/a0.md", "chronology/2022-03.md"} <= pages_seen
    anchors = {d["anchor"] for d in docs if d["anchor"]}
    assert {"s0", "s1", "s2", "q0-0", "q2-1"} <= anchors
    putin = next(d for d in docs if d["page"] == "actors/putin.md")
    assert putin["text"] == "person · President of Russia · also Putin"


def test_texts_are_short_and_escaped():
    docs = search_documents(briefing(), {"putin"}, {})
    hostile = next(d for d in docs if d["page"] == "sources/a0.md" and not d["anchor"])
    assert hostile["title"] == '&lt;img src=x onerror=alert(1)&gt; &amp; "quoted"'
    assert next(d for d in docs if d["page"] == "whats-new.md")["title"] == "What's new"  # found as typed
    assert all("<" not in d["title"] + d["text"] for d in docs)
    quote = next(d for d in docs if d["anchor"] == "q0-1")
    assert quote["title"] == "Vladimir Putin" and len(quote["text"].split()) == QUOTE_WORDS
    assert quote["text"].endswith("…")
    assert next(d for d in docs if d["anchor"] == "q0-0")["title"] == "Unattributed"


def test_the_budget_bounds_the_index_and_keeps_the_first_things_first():
    big = briefing(articles=400, quotes_per_article=10)
    everything = search_documents(big, {"putin", "kyiv"}, {}, budget=10**9)
    bounded = search_documents(big, {"putin", "kyiv"}, {}, budget=60_000)
    size = sum(len(json.dumps(d, ensure_ascii=False).encode()) + 1 for d in bounded)
    assert size <= 60_000 < sum(len(json.dumps(d, ensure_ascii=False).encode()) + 1 for d in everything)
    kinds = [d["page"].split("/")[0] + ("#" if d["anchor"] else "") for d in bounded]
    assert "actors" in kinds and "chronology#" in kinds  # actors and headlined stories come first
    assert sum(k == "sources#" for k in kinds) < sum(k == "sources#" for k in
                                                    [d["page"].split("/")[0] + ("#" if d["anchor"] else "") for d in everything])
    confident = [d for d in bounded if d["anchor"].startswith("q") and d["anchor"].endswith("-0")]
    assert not confident or len(confident) < len([d for d in bounded if d["anchor"].startswith("q")])
    assert BUDGET_BYTES <= 500_000  # about a second to the first result in Chromium (benchmarks/scale.py)


def test_material_documents_use_the_page_urls_and_drop_unknown_pages():
    docs = [{"page": "sources/a.md", "anchor": "", "title": "A", "text": "t"},
            {"page": "sources/a.md", "anchor": "q1", "title": "Q", "text": "q"},
            {"page": "gone.md", "anchor": "", "title": "G", "text": ""}]
    found = material_documents(docs, {"sources/a.md": "sources/a/"})
    assert found == [{"location": "sources/a/", "title": "A", "text": "t"},
                     {"location": "sources/a/#q1", "title": "Q", "text": "q"}]
