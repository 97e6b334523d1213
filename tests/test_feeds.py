"""The Atom and JSON feeds: parsed by a real feed parser, dated by the stories (never by the build),
escaped, per actor, with relative links that resolve from the feed's own place."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from export_fixtures import ACTOR_PAGES, HOSTILE_HEADLINE, SITE, SPEECH, UNCITED, briefing

from generator.site import feeds
from generator.site.feeds import atom_feed, feed_stories, json_feed

ATOM = "{http://www.w3.org/2005/Atom}"
ROOT = Path(__file__).parent.parent
NEWEST_FIRST = ["s-hostile", "s-day", "s-month", "s-year"]  # 03-04, 03-02, 03 (= 03-01), 2021 (= 01-01)
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
ATOM_TAGS = {ATOM + t for t in ("feed", "id", "title", "subtitle", "updated", "author", "name", "link", "generator",
                                "entry", "published", "category", "content")}


def _atom(data=None, actor=None, site_url=SITE, own_path="feeds/stories.xml", limit=50) -> str:
    data = data or briefing()
    return atom_feed(data, feed_stories(data, actor, limit), title="Test: stories", own_path=own_path,
                     site_url=site_url, actor_pages=ACTOR_PAGES)


def _json(data=None, actor=None, site_url=SITE, own_path="feeds/stories.json") -> dict:
    data = data or briefing()
    return json.loads(json_feed(data, feed_stories(data, actor), title="Test: stories", own_path=own_path,
                                site_url=site_url, actor_pages=ACTOR_PAGES))


def _parse(text: str, location: str = "") -> feedparser.FeedParserDict:
    headers = {"content-type": "application/atom+xml; charset=utf-8"}
    if location:
        headers["content-location"] = location
    parsed = feedparser.parse(text, response_headers=headers)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _story_of(entry_link: str) -> str:
    return entry_link.rsplit("#", 1)[1]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]
        self.attributes |= {k for k, _ in attrs}


def _html(fragment: str) -> _Links:
    parser = _Links()
    parser.feed(fragment)
    return parser


def test_atom_parses_cleanly_newest_first():
    parsed = _parse(_atom())
    assert parsed.version == "atom10"
    assert [_story_of(e.link) for e in parsed.entries] == NEWEST_FIRST
    assert parsed.feed.title == "Test: stories"
    assert parsed.feed.author == "Test briefing"


def test_only_past_stories_with_a_headline():
    chosen = [st["id"] for st in feed_stories(briefing())]
    assert chosen == NEWEST_FIRST
    assert "s-bare" not in chosen and "s-coming" not in chosen


def test_dates_are_the_stories_dates_at_their_precision():
    parsed = _parse(_atom())
    dates = {_story_of(e.link): (e.published, e.updated) for e in parsed.entries}
    assert dates == {"s-hostile": ("2022-03-04T00:00:00Z",) * 2, "s-day": ("2022-03-02T00:00:00Z",) * 2,
                     "s-month": ("2022-03-01T00:00:00Z",) * 2, "s-year": ("2021-01-01T00:00:00Z",) * 2}
    assert parsed.feed.updated == "2022-03-04T00:00:00Z"  # the newest entry's, not the build's


def test_build_time_is_never_used(monkeypatch):
    first = _atom() + json.dumps(_json())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(1999, 9, 9, tzinfo=dt.timezone.utc).timestamp())))
    monkeypatch.setattr(time, "time", lambda: 4_102_444_800.0)  # 2100-01-01
    monkeypatch.setattr(time, "time_ns", lambda: 4_102_444_800 * 10**9)
    second = _atom() + json.dumps(_json())
    assert first == second
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    for stamp in (today, "1999-09-09", "2100-01-01"):
        assert stamp not in second


def test_an_empty_feed_is_dated_by_the_newest_article():
    data = briefing()
    text = atom_feed(data, [], title="Empty", own_path="feeds/x.xml", site_url=SITE, actor_pages=set())
    parsed = _parse(text)
    assert parsed.entries == [] and parsed.feed.updated == "2022-03-05T00:00:00Z"


def test_titles_links_and_ids():
    parsed = _parse(_atom())
    entry = next(e for e in parsed.entries if _story_of(e.link) == "s-day")
    assert entry.title == "Putin meets envoys in Kyiv"
    assert entry.link == SITE + "chronology/2022-03/#s-day"
    assert entry.id == f"urn:uuid:{uuid.uuid5(feeds.STORY_ID_NAMESPACE, 's-day')}"
    year = next(e for e in parsed.entries if _story_of(e.link) == "s-year")
    assert year.link == SITE + "chronology/2021/#s-year"
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": SITE + "feeds/stories.xml", "alternate": SITE}


def test_ids_do_not_depend_on_the_address_or_the_format():
    on_site = [e.id for e in _parse(_atom()).entries]
    local = [e.id for e in _parse(_atom(site_url="")).entries]
    in_json = [item["id"] for item in _json()["items"]]
    actor_feed = {e.id for e in _parse(_atom(actor="putin", own_path="feeds/actors/putin.xml")).entries}
    assert on_site == local == in_json
    assert actor_feed <= set(on_site)


def test_hostile_headline_stays_text():
    text = _atom()
    assert "<script>" not in text and "</title><script>" not in text
    root = ET.fromstring(text.encode("utf-8"))
    assert {el.tag for el in root.iter()} <= ATOM_TAGS
    entry = next(e for e in root.iter(ATOM + "entry") if e.find(ATOM + "link").get("href").endswith("#s-hostile"))
    assert entry.find(ATOM + "title").text == HOSTILE_HEADLINE
    assert "script" not in _html(entry.find(ATOM + "content").text).tags
    parsed = _parse(text)
    assert next(e.title for e in parsed.entries if e.link.endswith("#s-hostile")) == HOSTILE_HEADLINE
    assert next(i["title"] for i in _json()["items"] if i["url"].endswith("#s-hostile")) == HOSTILE_HEADLINE


CONTENT_TAGS = {"p", "a", "ul", "li", "blockquote", "strong", "bdi"}
HOSTILE_TEXT = '<script>alert(1)</script> & <img src=x onerror="alert(2)">'


class _Text(_Links):
    def __init__(self):
        super().__init__()
        self.text = ""

    def handle_data(self, data):
        self.text += data


def test_hostile_source_text_stays_text_in_the_content():
    data = briefing()
    hostile_event = next(e for e in data["events"] if e["id"] == "s-hostile")
    hostile_event["sources"][0]["sentence"] = HOSTILE_TEXT
    next(a for a in data["articles"] if a["id"] == "a4")["title"] = HOSTILE_TEXT
    next(a for a in data["actors"] if a["id"] == "putin")["name"] = HOSTILE_TEXT
    next(a for a in data["articles"] if a["id"] == "a1")["url"] = 'https://outlet-a.example/x"onmouseover="alert(3)'
    for content in [e.find(ATOM + "content").text for e in ET.fromstring(_atom(data).encode()).iter(ATOM + "entry")] + [
            item["content_html"] for item in _json(data)["items"]]:
        parsed = _Text()
        parsed.feed(content)
        assert set(parsed.tags) <= CONTENT_TAGS, parsed.tags
        assert parsed.attributes <= {"href", "rel"}, parsed.attributes
        assert all(href.startswith(("https://example.org/", "https://outlet-")) for href in parsed.hrefs), parsed.hrefs
    hostile = next(i for i in _json(data)["items"] if i["url"].endswith("#s-hostile"))
    parsed = _Text()
    parsed.feed(hostile["content_html"])
    assert parsed.text.count(HOSTILE_TEXT) == 3  # the source's title, its sentence, the actor's name
    assert hostile["tags"] == [HOSTILE_TEXT]


def test_control_characters_do_not_break_the_xml():
    data = briefing()
    data["stories"][0]["headline"] = "Nul\x00 and escape\x1b characters"
    parsed = _parse(_atom(data))
    assert "Nul and escape characters" in [e.title for e in parsed.entries]


def test_content_cites_sources_and_links_only_safe_urls():
    root = ET.fromstring(_atom().encode("utf-8"))
    entry = next(e for e in root.iter(ATOM + "entry") if e.find(ATOM + "link").get("href").endswith("#s-day"))
    content = entry.find(ATOM + "content")
    assert content.get("type") == "html"
    body = content.text
    links = _html(body)
    assert SITE + "sources/a1/" in links.hrefs and SITE + "sources/a2/" in links.hrefs
    assert "https://outlet-a.example/talks" in links.hrefs  # a1's original: safe
    assert not any("javascript" in href for href in links.hrefs) and "javascript:" not in body  # a2's is not
    assert SITE + "actors/putin/" in links.hrefs and SITE + "actors/kyiv/" in links.hrefs
    assert "Putin met envoys in Kyiv on Wednesday." in body and "Envoys met Putin in Kyiv on Thursday." in body
    assert "Outlet A" in body and "Outlet B" in body and "2022-03-03" in body
    assert "dates differ" in body
    assert [c.get("term") for c in entry.findall(ATOM + "category")] == ["Vladimir Putin", "Kyiv"]
    month = next(e for e in root.iter(ATOM + "entry") if e.find(ATOM + "link").get("href").endswith("#s-month"))
    month_body = month.find(ATOM + "content").text
    assert "United Nations" in month_body and SITE + "actors/un/" not in month_body  # no page: no link
    assert "dates differ" not in month_body


def test_no_article_text_in_the_feeds():
    text = _atom() + json.dumps(_json(), ensure_ascii=False)
    assert "UNCITED-SENTENCE" not in text and UNCITED not in text and SPEECH.split()[0] not in text


def test_per_actor_feed_has_only_that_actors_stories():
    parsed = _parse(_atom(actor="putin", own_path="feeds/actors/putin.xml"))
    assert [_story_of(e.link) for e in parsed.entries] == ["s-hostile", "s-day"]
    assert [_story_of(e.link) for e in _parse(_atom(actor="un")).entries] == ["s-month"]
    assert _parse(_atom(actor="nobody")).entries == []


def test_relative_links_resolve_from_the_feeds_own_place():
    text = _atom(site_url="", own_path="feeds/stories.xml")
    raw = _parse(text)
    assert raw.entries[0].link == "../chronology/2022-03/#s-hostile"
    location = "https://mirror.example/b/feeds/stories.xml"
    parsed = _parse(text, location)
    assert parsed.entries[0].link == "https://mirror.example/b/chronology/2022-03/#s-hostile"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": location, "alternate": "https://mirror.example/b/"}
    hrefs = _html(parsed.entries[1].content[0].value).hrefs
    assert "https://mirror.example/b/sources/a1/" in hrefs and "https://mirror.example/b/actors/putin/" in hrefs
    deep = _json(site_url="", own_path="feeds/actors/putin.json")
    assert urljoin("https://mirror.example/b/feeds/actors/putin.json", deep["items"][0]["url"]) == \
        "https://mirror.example/b/chronology/2022-03/#s-hostile"
    assert deep["feed_url"] == "../../feeds/actors/putin.json" and deep["home_page_url"] == "../../"


def test_unsafe_addresses_are_refused():
    with pytest.raises(ValueError):
        _atom(own_path="../outside.xml")
    with pytest.raises(ValueError):
        _atom(site_url="javascript:alert(1)//")


def test_limit_bounds_the_entries():
    assert [_story_of(e.link) for e in _parse(_atom(limit=2)).entries] == NEWEST_FIRST[:2]
    assert feed_stories(briefing(), limit=0) == []


def test_same_data_same_bytes():
    assert _atom() == _atom()
    assert json_feed(briefing(), feed_stories(briefing()), title="t", own_path="f.json", site_url=SITE,
                     actor_pages=ACTOR_PAGES) == json_feed(briefing(), feed_stories(briefing()), title="t",
                                                           own_path="f.json", site_url=SITE, actor_pages=ACTOR_PAGES)


def test_json_feed_has_every_required_field_with_its_type():
    feed = _json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"] == "Test: stories"
    assert feed["home_page_url"] == SITE and feed["feed_url"] == SITE + "feeds/stories.json"
    assert feed["authors"] == [{"name": "Test briefing"}]
    assert isinstance(feed["items"], list) and len(feed["items"]) == len(NEWEST_FIRST)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)
        assert isinstance(item["url"], str) and item["url"].startswith(SITE + "chronology/")
        assert isinstance(item["title"], str)
        assert RFC3339.fullmatch(item["date_published"]) and RFC3339.fullmatch(item["date_modified"])
        assert isinstance(item["tags"], list) and all(isinstance(t, str) for t in item["tags"])
    assert [_story_of(i["url"]) for i in feed["items"]] == NEWEST_FIRST
    first = feed["items"][1]
    assert first["date_published"] == "2022-03-02T00:00:00Z" and first["tags"] == ["Vladimir Putin", "Kyiv"]


def test_these_modules_do_not_need_mkdocs():
    code = ("import sys; import generator.site.feeds, generator.site.exports, generator.site.jsonld; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'material', 'spacy'}); "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_story_is_written_once_per_folder_of_feeds():
    """Feeds sharing an index reuse a story's content when their links would be the same (same folder,
    same site address), and only then."""
    data = briefing()
    index = feeds.BriefingIndex(data)
    story = next(s for s in data["stories"] if s["id"] == "s-day")

    def content(own_path: str, site_url: str = "") -> str:
        return feeds.story_content(story, index, site_url=site_url, own_path=own_path, actor_pages=ACTOR_PAGES)

    for own_path, site_url in (("feeds/actors/a.xml", ""), ("feeds/actors/b.json", ""), ("feed.xml", ""),
                               ("feed.json", SITE)):
        assert content(own_path, site_url) == feeds.story_html(story, feeds.BriefingIndex(data), site_url=site_url,
                                                              own_path=own_path, actor_pages=ACTOR_PAGES)
    assert len(index.contents) == 3  # the two actor feeds share one
    with pytest.raises(ValueError):
        content("../outside.xml")
