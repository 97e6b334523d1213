"""Atom and JSON Feed of the briefing's stories: one entry per past story with a headline.

Everything in a feed comes from the briefing data, nothing from the build: an entry's id is made
out of its story's id, its dates are the story's date, and the feed's date is its newest entry's, so the
same data gives the same bytes on any day. The Atom document is built with ElementTree (every text is
escaped by construction); an entry's HTML content is assembled from escaped text only, and links to an
original article only when `safe_url` accepts its URL. Article text never goes into a feed: only the
sentences a story's events cite.

The address helpers here (`site_address` and the page paths) are shared by exports.py and jsonld.py.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any, Iterable, Optional
from urllib.parse import quote

from generator.site.chronology_pages import Parts, chronology_page, month_parts
from generator.site.render import FRONT_PAGE_CONFIDENCE, safe_url, story_sources

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Entry ids are urn:uuid:s, UUID 5 of the story id in this namespace: the same story keeps its id in
# every feed (the main one, an actor's, Atom or JSON) and across builds, whatever the site's address.
STORY_ID_NAMESPACE = uuid.UUID("6f80318d-7624-4111-98fa-786256eb4c82")
FEED_ID_NAMESPACE = uuid.UUID("f659a0da-1150-4ab8-89ac-2414fc9f6866")
DEFAULT_LIMIT = 50
MAX_REPORTS = 8  # sources shown in one entry, as on the story's page
MAX_ACTORS = 8  # actors named in one entry
FALLBACK_UPDATED = "1970-01-01T00:00:00Z"  # a feed with no entry and no article date (never the clock)
GENERATOR_NAME = "event-briefing"

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~\-/]*")
# Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BIDI = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


# -- addresses -----------------------------------------------------------------------------------

def _segment(item_id: Any) -> str:
    """An id as one path segment or fragment: ids are generated, but never trusted to be URL-safe."""
    return quote(str(item_id), safe="")


def story_path(story: dict, parts: Optional[Parts] = None) -> str:
    """The story's place on its chronology page (chronology_pages.py; a year-dated story: the year's
    page); `parts` are the briefing's split months (BriefingIndex.parts)."""
    page = chronology_page(str(story["date"]), parts or {})
    return f"chronology/{_segment(page)}/#{_segment(story['id'])}"


def source_path(article_id: str) -> str:
    return f"sources/{_segment(article_id)}/"


def actor_path(actor_id: str) -> str:
    return f"actors/{_segment(actor_id)}/"


def day_path(date: str, parts: Optional[Parts] = None) -> str:
    return f"chronology/{_segment(chronology_page(date, parts or {}))}/#{_segment(date)}"


def quote_path(quote: dict) -> str:
    """A quote's anchor on its source article's page."""
    return f"{source_path(quote['article'])}#{_segment(quote['id'])}"


def site_address(target: str, *, site_url: str, own_path: str) -> str:
    """`target` (a path from the site's root, as the *_path helpers give) as a link written in the file
    at `own_path`: absolute under `site_url`, or, when `site_url` is "", relative to that file's folder."""
    if own_path.startswith("/") or ".." in own_path.split("/") or not _SAFE_PATH.fullmatch(own_path):
        raise ValueError(f"own_path must be a plain path inside the site, not {own_path!r}")
    if site_url:
        if safe_url(site_url) is None or "?" in site_url or "#" in site_url:
            raise ValueError(f"site_url must be an absolute http(s) URL or '', not {site_url[:200]!r}")
        return site_url.rstrip("/") + "/" + target
    return "../" * own_path.count("/") + target or "./"


# -- choosing entries ----------------------------------------------------------------------------

def story_timestamp(date: Any) -> Optional[str]:
    """A story date as RFC 3339 at midnight UTC: a month-dated story on its first day, a year-dated
    one on 1 January; None when it is no date."""
    match = _DATE.fullmatch(str(date or ""))
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat() + "T00:00:00Z"
    except ValueError:
        return None


def feed_stories(data: dict, actor_id: Optional[str] = None, limit: int = DEFAULT_LIMIT,
                 candidates: Optional[Iterable[dict]] = None) -> list[dict]:
    """The stories a feed lists: past ones with a headline (a bare clause is no entry), newest first by
    the story's date, then by id; for `actor_id`, only the stories that actor is in; at most `limit`.
    `candidates` (default: every story) lets a caller pass the actor's stories it has indexed already."""
    pool = data.get("stories", []) if candidates is None else candidates
    chosen = [st for st in pool if st.get("status") == "past" and st.get("headline")
              and story_timestamp(st.get("date")) is not None
              and (actor_id is None or actor_id in st.get("actors", []))]
    by_id = sorted(chosen, key=lambda st: str(st["id"]))
    newest_first = sorted(by_id, key=lambda st: story_timestamp(st["date"]) or "", reverse=True)  # stable
    return newest_first[: max(0, limit)]


# -- entry content -------------------------------------------------------------------------------

def without_controls(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (NUL, escape, lone surrogates...)."""
    return _NOT_XML.sub("", text)


def clean_text(value: Any) -> str:
    """One line of plain text that XML can carry: whitespace folded, control characters dropped."""
    return " ".join(without_controls(str(value if value is not None else "")).split())


def isolated(value: Any) -> str:
    """Plain text whose direction marks cannot spill into the text around it (first-strong isolate)."""
    text = clean_text(value)
    return f"\u2068{text}\u2069" if _BIDI.search(text) else text


def _h(value: Any) -> str:
    """Escaped HTML text; a value with direction marks in a <bdi> of its own."""
    text = html.escape(clean_text(value), quote=True)
    return f"<bdi>{text}</bdi>" if _BIDI.search(text) else text


def _a(href: str, text: Any, external: bool = False) -> str:
    rel = ' rel="nofollow noopener"' if external else ""
    return f'<a href="{html.escape(href, quote=True)}"{rel}>{_h(text)}</a>'


class BriefingIndex:
    """Look-ups over the briefing that every entry needs, built once per feed or export."""

    def __init__(self, data: dict):
        self.data = data
        self.articles = {a["id"]: a for a in data.get("articles", [])}
        self.actors = {a["id"]: a for a in data.get("actors", [])}
        self.events = {e["id"]: e for e in data.get("events", [])}
        self.parts = month_parts(data.get("stories", []))  # which months' chronology is split in pages
        self.contents: dict[tuple, str] = {}  # story_content's: a story is in the feeds of all its actors

    def reports(self, story: dict) -> list[dict]:
        """A story's sources, one per article sentence, oldest article first (as its page lists them)."""
        return story_sources(story, self.events, self.articles)

    def outlets(self, story: dict) -> list[str]:
        names = {clean_text(self.articles.get(a, {}).get("source", "")) for a in story.get("articles", [])}
        return sorted(n for n in names if n)

    def actor_names(self, story: dict) -> list[str]:
        return [clean_text(self.actors[a]["name"]) for a in story.get("actors", []) if a in self.actors]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _marks(story: dict, index: BriefingIndex, link: Any) -> str:
    """The line under a headline: date, outlets, and what a reader should be warned of."""
    date = str(story.get("date", ""))
    parts = [_a(link(day_path(date, index.parts)), date) if story.get("precision") == "day" else _h(date)]
    outlets = index.outlets(story)
    count = story.get("outlets", len(outlets))
    parts.append(f"reported by {_plural(count if isinstance(count, int) else len(outlets), 'outlet')}"
                 + (f": {', '.join(_h(o) for o in outlets)}" if outlets else ""))
    if story.get("disputed"):
        dates = ", ".join(f"{_h(d.get('date', ''))} ({_plural(len(d.get('articles', [])), 'article')})"
                          for d in story.get("dates", []))
        parts.append("<strong>dates differ</strong>" + (f": {dates}" if dates else ""))
    if story.get("scheduled"):
        parts.append("scheduled: not known to have happened")
    confidence = story.get("confidence")
    if isinstance(confidence, (int, float)) and confidence < FRONT_PAGE_CONFIDENCE:
        parts.append("uncertain")
    return "<p>" + " · ".join(parts) + "</p>"


def _actors_line(story: dict, index: BriefingIndex, link: Any, actor_pages: set[str]) -> str:
    named = []
    for actor_id in story.get("actors", [])[:MAX_ACTORS]:
        actor = index.actors.get(actor_id)
        if actor is None:
            continue
        named.append(_a(link(actor_path(actor_id)), actor["name"]) if actor_id in actor_pages else _h(actor["name"]))
    return f"<p>Actors: {', '.join(named)}</p>" if named else ""


def _report_item(source: dict, index: BriefingIndex, link: Any) -> str:
    article = index.articles.get(source.get("article"))
    if article is None:
        head = _h(source.get("article", ""))
    else:
        head = (_a(link(source_path(article["id"])), article.get("title") or article["id"])
                + f" ({_h(article.get('source') or 'unknown source')}, {_h(article.get('date', ''))})")
        original = safe_url(article.get("url"))
        if original:
            head += " · " + _a(original, "original", external=True)
    return f"<li>{head}<blockquote>{_h(source.get('sentence', ''))}</blockquote></li>"


def story_html(story: dict, index: BriefingIndex, *, site_url: str, own_path: str, actor_pages: set[str]) -> str:
    """An entry's content: outlets and warnings, actors, each reporting source with the sentence it is
    cited for, and a link to the story's page. Every value is escaped; only safe URLs become links."""
    def link(target: str) -> str:
        return site_address(target, site_url=site_url, own_path=own_path)

    reports = index.reports(story)
    items = "".join(_report_item(s, index, link) for s in reports[:MAX_REPORTS])
    more = f"<li>…and {_plural(len(reports) - MAX_REPORTS, 'more report')}</li>" if len(reports) > MAX_REPORTS else ""
    return (_marks(story, index, link) + _actors_line(story, index, link, actor_pages)
            + (f"<ul>{items}{more}</ul>" if items else "")
            + f"<p>{_a(link(story_path(story, index.parts)), 'The story in the briefing')}</p>")


def story_content(story: dict, index: BriefingIndex, *, site_url: str, own_path: str, actor_pages: set[str]) -> str:
    """story_html, made once per story for every feed in one folder that lists it (its links depend on
    the feed's folder only; `actor_pages` is one set for all the feeds an index serves)."""
    site_address("", site_url=site_url, own_path=own_path)  # the same checks as story_html's links
    key = (str(story.get("id")), site_url, own_path.count("/"), id(actor_pages))
    found = index.contents.get(key)
    if found is None:
        found = index.contents[key] = story_html(story, index, site_url=site_url, own_path=own_path,
                                                 actor_pages=actor_pages)
    return found


# -- the feeds -----------------------------------------------------------------------------------

def entry_id(story: dict) -> str:
    return f"urn:uuid:{uuid.uuid5(STORY_ID_NAMESPACE, str(story['id']))}"


def feed_id(data: dict, own_path: str) -> str:
    """The feed's own id: from the briefing's title and the feed's path, not the host it is served from."""
    return f"urn:uuid:{uuid.uuid5(FEED_ID_NAMESPACE, clean_text(data.get('title', '')) + '|' + own_path)}"


def feed_updated(data: dict, stories: Iterable[dict]) -> str:
    """The newest entry's date; without entries the newest article's (data["updated"])."""
    stamps = [s for st in stories if (s := story_timestamp(st.get("date")))]
    return max(stamps, default=None) or story_timestamp(data.get("updated")) or FALLBACK_UPDATED


def _author(data: dict) -> str:
    return clean_text(data.get("title")) or "Briefing"


def atom_feed(data: dict, stories: list[dict], *, title: str, own_path: str, site_url: str,
              actor_pages: set[str], index: Optional[BriefingIndex] = None) -> str:
    """An Atom 1.0 document of `stories` (in the order given: feed_stories chooses and orders them);
    `index` is built once by a caller writing many feeds."""
    index = index or BriefingIndex(data)

    def link(target: str) -> str:
        return site_address(target, site_url=site_url, own_path=own_path)

    def add(parent: ET.Element, tag: str, text: Optional[str] = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element("feed", {"xmlns": ATOM_NS})  # unprefixed names in the Atom namespace
    add(feed, "id", feed_id(data, own_path))
    add(feed, "title", isolated(title), type="text")
    if clean_text(data.get("summary")):
        add(feed, "subtitle", isolated(data["summary"]), type="text")
    add(feed, "updated", feed_updated(data, stories))
    add(add(feed, "author"), "name", isolated(_author(data)))
    add(feed, "link", rel="self", type="application/atom+xml", href=link(own_path))
    add(feed, "link", rel="alternate", type="text/html", href=link(""))
    add(feed, "generator", GENERATOR_NAME)
    for story in stories:
        stamp = story_timestamp(story.get("date")) or feed_updated(data, [])
        entry = add(feed, "entry")
        add(entry, "id", entry_id(story))
        add(entry, "title", isolated(story.get("headline")), type="text")
        add(entry, "link", rel="alternate", type="text/html", href=link(story_path(story, index.parts)))
        add(entry, "published", stamp)
        add(entry, "updated", stamp)
        for name in index.actor_names(story):
            add(entry, "category", term=name)
        add(entry, "content", story_content(story, index, site_url=site_url, own_path=own_path,
                                            actor_pages=actor_pages), type="html")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def json_feed(data: dict, stories: list[dict], *, title: str, own_path: str, site_url: str,
              actor_pages: set[str], index: Optional[BriefingIndex] = None) -> str:
    """A JSON Feed 1.1 document of `stories`, in the order given; the same ids as the Atom feed's."""
    index = index or BriefingIndex(data)

    def link(target: str) -> str:
        return site_address(target, site_url=site_url, own_path=own_path)

    feed: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": isolated(title),
                            "home_page_url": link(""), "feed_url": link(own_path)}
    if clean_text(data.get("summary")):
        feed["description"] = clean_text(data["summary"])
    feed["authors"] = [{"name": _author(data)}]
    items = []
    for story in stories:
        stamp = story_timestamp(story.get("date")) or feed_updated(data, [])
        items.append({"id": entry_id(story), "url": link(story_path(story, index.parts)), "title": isolated(story.get("headline")),
                      "content_html": story_content(story, index, site_url=site_url, own_path=own_path,
                                                    actor_pages=actor_pages),
                      "date_published": stamp, "date_modified": stamp, "tags": index.actor_names(story)})
    feed["items"] = items
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: the C encoder
