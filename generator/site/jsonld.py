"""schema.org JSON-LD for the site's pages: articles, stories as events, quotes, and the <script> block.

Only real schema.org types and properties are used, each for what it means: a source article is a
NewsArticle; a story an Event whose `subjectOf` are the articles reporting it; a quote a Quotation
with its `creator` and the article it `isPartOf`. The block is JSON with every character that could
end the <script> element or start a comment or a CDATA section (<, >, &, and the JavaScript line
separators U+2028/U+2029) written as a \\u escape, so seed text can never leave the block.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from generator.site.feeds import BriefingIndex, actor_path, quote_path, site_address, source_path, story_path
from generator.site.render import actor_pages as site_actor_pages, safe_url

SCHEMA_CONTEXT = "https://schema.org"
EVENT_SCHEDULED = "https://schema.org/EventScheduled"  # "taking place or has taken place on the startDate as scheduled"
MAX_SUBJECT_OF = 4  # articles listed as reporting one story (by reference)
MAX_LOCATIONS = 3  # place actors given as a story's location
CREATOR_TYPES = {"person": "Person", "organization": "Organization", "place": "Organization", "group": "Organization"}
# A place speaks through its government or people ("Ukraine said"): schema.org's creator is a Person or an
# Organization, so a place or group speaker is given as an Organization.
_HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_UNSAFE_TABLE = str.maketrans(_HTML_UNSAFE)


def _exact(value: Any) -> str:
    """A value as the exact text it is (JSON can carry any character; html_safe_json makes it inert)."""
    return "" if value is None else str(value).strip()


def _address(target: str, site_url: str, own_path: str) -> str:
    return site_address(target, site_url=site_url, own_path=own_path)


def _without_empty(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}


def news_article(article: dict, *, site_url: str, own_path: str) -> dict:
    """A source article: its original's address when that is a safe http(s) URL, else its page here;
    the page here is the one it is the main entity of."""
    page = _address(source_path(article["id"]), site_url, own_path)
    original = safe_url(article.get("url"))
    publisher = _exact(article.get("source"))
    return _without_empty({
        "@type": "NewsArticle",
        "@id": original or page + "#article",
        "headline": _exact(article.get("title")),
        "datePublished": _exact(article.get("date")),
        "publisher": {"@type": "Organization", "name": publisher} if publisher else None,
        "url": original or page,
        "mainEntityOfPage": page,
    })


def _first_sentence(story: dict, index: BriefingIndex) -> str:
    reports = index.reports(story)
    return _exact(reports[0].get("sentence", "")) if reports else ""


def _place(actor: dict, pages: set[str], site_url: str, own_path: str) -> dict:
    url = _address(actor_path(actor["id"]), site_url, own_path) if actor["id"] in pages else None
    return _without_empty({"@type": "Place", "name": _exact(actor["name"]), "url": url})


def story_event(story: dict, data: dict, *, site_url: str, own_path: str,
                index: Optional[BriefingIndex] = None, actor_pages: Optional[set[str]] = None) -> dict:
    """A story as an Event on its date (ISO 8601: a day, a month or a year). `eventStatus` only for a
    scheduled or coming story (EventScheduled; a past news happening claims no status); its place actors
    as `location`; the articles reporting it as `subjectOf`. Pass `index`/`actor_pages` when making many."""
    index = index or BriefingIndex(data)
    pages = site_actor_pages(data) if actor_pages is None else actor_pages
    url = _address(story_path(story, index.parts), site_url, own_path)
    places = [index.actors[a] for a in story.get("actors", []) if index.actors.get(a, {}).get("kind") == "place"]
    reporting = [index.articles[a] for a in story.get("articles", []) if a in index.articles]
    return _without_empty({
        "@type": "Event",
        "@id": url,
        "name": _exact(story.get("headline")) or _first_sentence(story, index),
        "startDate": _exact(story.get("date")),
        "url": url,
        "description": _first_sentence(story, index) if _exact(story.get("headline")) else None,  # else: the name
        "eventStatus": EVENT_SCHEDULED if story.get("scheduled") or story.get("status") == "coming" else None,
        "location": [_place(p, pages, site_url, own_path) for p in places[:MAX_LOCATIONS]],
        "subjectOf": [_reference(news_article(a, site_url=site_url, own_path=own_path))
                      for a in reporting[:MAX_SUBJECT_OF]],
    })


def _reference(article: dict) -> dict:
    """An article by reference (@id and headline): its own page describes it in full, and a page
    naming many articles stays small."""
    return {key: article[key] for key in ("@type", "@id", "headline") if key in article}


def _creator(quote: dict, index: BriefingIndex, pages: set[str], site_url: str, own_path: str) -> Optional[dict]:
    """The speaker: typed by the actor's kind, linked to its page when it has one; a name that was not
    resolved to an actor is given untyped (it may be a person or a body); None when nobody is named."""
    actor = index.actors.get(quote.get("speaker"))
    if actor is not None:
        return _without_empty({
            "@type": CREATOR_TYPES.get(actor.get("kind"), "Organization"), "name": _exact(actor["name"]),
            "url": _address(actor_path(actor["id"]), site_url, own_path) if actor["id"] in pages else None})
    name = _exact(quote.get("speaker_name"))
    return {"name": name} if name else None


def quotation(quote: dict, data: dict, *, site_url: str, own_path: str,
              index: Optional[BriefingIndex] = None, actor_pages: Optional[set[str]] = None) -> dict:
    """A quote as a Quotation: its words as pages show them (an excerpt of a long quote, never the
    whole speech), who said them, and the article it is part of."""
    index = index or BriefingIndex(data)
    pages = site_actor_pages(data) if actor_pages is None else actor_pages
    words = quote.get("excerpt") or quote.get("text")  # what the page shows: the whole quote is at its source
    article = index.articles.get(quote.get("article"))
    source = news_article(article, site_url=site_url, own_path=own_path) if article else None
    return _without_empty({
        "@type": "Quotation",
        "text": _exact(words),
        "creator": _creator(quote, index, pages, site_url, own_path),
        "url": _address(quote_path(quote), site_url, own_path) if quote.get("article") else None,
        "isPartOf": _reference(source) if source else None,
    })


def html_safe_json(value: Any) -> str:
    """Compact JSON that the HTML parser cannot end early: <, >, & and U+2028/U+2029 as \\u escapes
    (they can only occur inside strings, where the escape means the same character)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_HTML_UNSAFE_TABLE)


def script_block(objects: list[dict]) -> str:
    """One <script type="application/ld+json"> with the objects in an @graph under the schema.org
    context, in the order given; "" when there is nothing to say."""
    if not objects:
        return ""
    graph = [{k: v for k, v in obj.items() if k != "@context"} for obj in objects]
    body = html_safe_json({"@context": SCHEMA_CONTEXT, "@graph": graph})
    return f'<script type="application/ld+json">{body}</script>'
