"""What the site search finds: a bounded list of documents made from the briefing data, not from the
pages. A reader's browser downloads the whole index and builds it before the first result, so its size
is the delay: indexing the pages (every list on every page) gave a 5.6 MB index and a 3 s wait at 2,000
articles. Here each item is indexed once, in a few words, in priority order until a byte budget is spent:
the index pages, the 400 most mentioned actors, the headlined stories (most outlets, newest first), the
sources (newest first), the other actors with a page, the quotes (confident and newest first), then the
other reports. At 2,000 articles the budget ends among the sources; at 100 everything is in. The budget, not the number of articles, bounds the download.

Each document names its page as a path of the Markdown tree (`sources/<id>.md`) and an optional anchor,
so any builder can turn it into its own search format (the MkDocs adapter: Material's search_index.json).
Titles and texts are plain text, HTML-escaped here once (& < >): Material shows them as HTML.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from generator.site.chronology_pages import Parts, chronology_page

# Of the documents' JSON. Chromium builds the index before the first result: on the 2,000-article site
# the first result came 1.0-1.2 s after load with 570 kB, 0.94-1.07 s with 400 kB, 0.7-0.9 s with 250 kB,
# and 0.6-0.8 s on a 100-article site (the theme's own start; benchmarks/scale.py measures it).
BUDGET_BYTES = 400_000
ACTORS_FIRST = 400  # the most mentioned actors come before the stories; the others after the sources
STORY_WORDS = 24  # of a story's title when it has no headline (its first report sentence)
QUOTE_WORDS = 15  # of a quote (its page holds the rest)
MAX_ALIASES = 8
MAX_FIELD_CHARS = 400  # no single field grows with a hostile seed

# The index pages: one document each, found by their names.
INDEX_PAGES = (
    ("index.md", "Briefing", "What happened, who was involved, who said what, and when."),
    ("whats-new.md", "What's new", "Stories, actors and quotes new since the previous edition."),
    ("chronology/index.md", "Chronology", "Every story by month and day."),
    ("actors/index.md", "Actors", "People, organisations, places and groups, with their spellings merged."),
    ("quotes.md", "Quotes", "Who said what: the most quoted speakers."),
    ("figures.md", "Figures", "Key figures and the tracked figures over time."),
    ("sources/index.md", "Sources", "Every source article by month."),
    ("data.md", "Data", "The briefing as YAML, JSON, CSV, feeds and TimelineJS."),
)


@dataclass(frozen=True)
class SearchDocument:
    page: str  # a path of the Markdown tree
    anchor: str  # "" for the page itself
    title: str  # HTML-escaped plain text
    text: str

    def as_json(self) -> dict:
        return {"page": self.page, "anchor": self.anchor, "title": self.title, "text": self.text}


def _plain(value: object, words: Optional[int] = None) -> str:
    """One line of escaped text, its first `words` words (with "…" when cut), at most MAX_FIELD_CHARS."""
    parts = str(value or "").split()
    cut = words is not None and len(parts) > words
    text = " ".join(parts[:words] if words is not None else parts)
    if len(text) > MAX_FIELD_CHARS:
        text, cut = text[:MAX_FIELD_CHARS].rsplit(" ", 1)[0], True
    # & < > only, as Material's own index does: the theme puts titles and texts in element content,
    # never in an attribute, and "Russia's" stays findable as typed.
    return html.escape(text + ("…" if cut else ""), quote=False)


def _size(doc: SearchDocument) -> int:
    return len(json.dumps(doc.as_json(), ensure_ascii=False).encode("utf-8")) + 1


class _Budget:
    """Documents in the order they are offered until the bytes run out; a section brings its page's
    own document with it (the theme groups results under their page and needs it first)."""

    def __init__(self, limit: int):
        self.limit, self.used, self.full = limit, 0, False
        self.pages: dict[str, SearchDocument] = {}
        self.sections: dict[str, list[SearchDocument]] = {}

    def offer(self, doc: SearchDocument, page_doc: Optional[Callable[[], SearchDocument]] = None) -> bool:
        if self.full:
            return False
        if doc.page in self.pages and not doc.anchor:  # the page came in with one of its sections
            return True
        needed = [doc] if not doc.anchor else ([] if doc.page in self.pages else [page_doc()])
        cost = sum(_size(d) for d in needed) + (_size(doc) if doc.anchor else 0)
        if self.used + cost > self.limit:
            self.full = True  # stop here, so what is in never depends on what was cheap to add after
            return False
        self.used += cost
        for d in needed:
            self.pages[d.page] = d
        if doc.anchor:
            self.sections.setdefault(doc.page, []).append(doc)
        return True

    def documents(self) -> list[SearchDocument]:
        """Each page's own document, then its sections, in the order the pages came in."""
        return [d for page, own in self.pages.items() for d in [own, *self.sections.get(page, [])]]


def search_documents(data: dict, actor_pages: set[str], parts: Parts, budget: int = BUDGET_BYTES
                     ) -> list[dict]:
    """The documents the site search indexes, at most `budget` bytes of JSON, in a stable order."""
    articles = {a["id"]: a for a in data["articles"]}
    actors = {a["id"]: a for a in data["actors"]}
    stories = data.get("stories", [])
    chosen = _Budget(budget)
    for path, title, text in INDEX_PAGES:
        chosen.offer(SearchDocument(path, "", _plain(title), _plain(text)))

    def source_doc(article_id: str) -> SearchDocument:
        a = articles[article_id]
        return SearchDocument(f"sources/{article_id}.md", "", _plain(a.get("title") or article_id),
                              _plain(" · ".join(x for x in (a.get("source") or "", a.get("date") or "") if x)))

    def month_doc(name: str) -> Callable[[], SearchDocument]:
        return lambda: SearchDocument(f"chronology/{name}.md", "", _plain(f"Chronology: {name}"), "")

    def actor_docs(selected: Iterable[dict]) -> None:
        for actor in selected:
            also = [n for n in actor.get("aliases", []) if n != actor["name"]][:MAX_ALIASES]
            text = " · ".join(x for x in (actor.get("kind"), actor.get("role") or "",
                                          ("also " + ", ".join(also)) if also else "") if x)
            chosen.offer(SearchDocument(f"actors/{actor['id']}.md", "", _plain(actor["name"]), _plain(text)))

    by_mentions = sorted((a for a in data["actors"] if a["id"] in actor_pages),
                         key=lambda a: (-len(a["articles"]), a["name"].lower(), a["id"]))

    events = {e["id"]: e for e in data["events"]}

    def story_docs(selected: Iterable[dict]) -> None:
        for st in selected:
            sources = [s for e in st["events"] for s in events.get(e, {}).get("sources", [])]
            sentence = sources[0]["sentence"] if sources else ""
            title = st.get("headline") or sentence
            outlets = st.get("outlets", 0)
            text = f"{st['date']} · {outlets} outlet{'s' if outlets != 1 else ''}"
            name = chronology_page(st["date"], parts)
            chosen.offer(SearchDocument(f"chronology/{name}.md", st["id"], _plain(title, STORY_WORDS), _plain(text)),
                         month_doc(name))

    def newest(items: Iterable[dict]) -> list[dict]:
        return sorted(items, key=lambda st: (-st.get("outlets", 0), _minus(st["date"]), st["id"]))

    actor_docs(by_mentions[:ACTORS_FIRST])
    story_docs(newest(st for st in stories if st.get("headline")))
    for article in sorted(data["articles"], key=lambda a: (_minus(a["date"]), a["id"])):
        chosen.offer(source_doc(article["id"]))
    actor_docs(by_mentions[ACTORS_FIRST:])
    quotes = sorted((q for q in data["quotes"] if q["article"] in articles),
                    key=lambda q: (-round(q.get("confidence") or 0, 1), _minus(articles[q["article"]]["date"]), q["id"]))
    for q in quotes:
        speaker = actors.get(q["speaker"] or "", {}).get("name") or q.get("speaker_name") or "Unattributed"
        chosen.offer(SearchDocument(f"sources/{q['article']}.md", q["id"], _plain(speaker),
                                    _plain(q["text"], QUOTE_WORDS)), lambda a=q["article"]: source_doc(a))
    story_docs(newest(st for st in stories if not st.get("headline")))
    return [d.as_json() for d in chosen.documents()]


def _minus(date: str) -> tuple:
    """Sorts ISO dates newest first."""
    return tuple(-ord(c) for c in date)
