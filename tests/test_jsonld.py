"""schema.org JSON-LD: what a JSON-LD processor reads from it (with schema.org's context given locally:
nothing is fetched), and a <script> block that no seed text can leave."""
from __future__ import annotations

import json
import re

import pytest
from export_fixtures import ACTOR_PAGES, HOSTILE_HEADLINE, HOSTILE_QUOTE, SITE, SPEECH, briefing
from pyld import jsonld

from generator.site.jsonld import news_article, quotation, script_block, story_event

SCHEMA = "https://schema.org/"
OPEN = '<script type="application/ld+json">'
CLOSE = "</script>"
LOCAL_CONTEXT = {"@context": {"@vocab": SCHEMA}}


class LocalLoader:
    """Serves schema.org's context from memory and refuses every other address (so a test fails
    instead of reaching the network)."""

    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, url, options=None):
        self.asked.append(url)
        if url.rstrip("/") in {"https://schema.org", "http://schema.org"}:
            return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")


def _by_id(data: dict, kind: str, item_id: str) -> dict:
    return next(x for x in data[kind] if x["id"] == item_id)


def _objects(site_url: str = SITE) -> list[dict]:
    data = briefing()
    own = "sources/a4/"
    return [news_article(_by_id(data, "articles", "a1"), site_url=site_url, own_path=own),
            story_event(_by_id(data, "stories", "s-day"), data, site_url=site_url, own_path=own,
                        actor_pages=ACTOR_PAGES),
            quotation(_by_id(data, "quotes", "q-direct"), data, site_url=site_url, own_path=own,
                      actor_pages=ACTOR_PAGES),
            quotation(_by_id(data, "quotes", "q-hostile"), data, site_url=site_url, own_path=own,
                      actor_pages=ACTOR_PAGES)]


def _content(block: str) -> str:
    assert block.startswith(OPEN) and block.endswith(CLOSE)
    inner = block[len(OPEN):-len(CLOSE)]
    assert CLOSE not in inner
    return inner


def _expand(block: str, loader: LocalLoader) -> list[dict]:
    return jsonld.expand(json.loads(_content(block)), {"documentLoader": loader})


def _typed(expanded: list[dict], kind: str) -> list[dict]:
    return [node for node in expanded if SCHEMA + kind in node.get("@type", [])]


def test_expands_to_schema_org_types_without_fetching():
    loader = LocalLoader()
    expanded = _expand(script_block(_objects()), loader)
    assert loader.asked and {u.rstrip("/") for u in loader.asked} == {"https://schema.org"}
    assert [t for node in expanded for t in node["@type"]] == [
        SCHEMA + "NewsArticle", SCHEMA + "Event", SCHEMA + "Quotation", SCHEMA + "Quotation"]
    for quote in _typed(expanded, "Quotation"):
        assert quote[SCHEMA + "creator"], quote
    creator = _typed(expanded, "Quotation")[0][SCHEMA + "creator"][0]
    assert creator["@type"] == [SCHEMA + "Person"]
    assert creator[SCHEMA + "name"] == [{"@value": "Vladimir Putin"}]
    assert creator[SCHEMA + "url"] == [{"@value": SITE + "actors/putin/"}]


def test_the_loader_refuses_other_documents():
    loader = LocalLoader()
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://elsewhere.example/context.jsonld", "name": "x"},
                      {"documentLoader": loader})


def test_news_article_points_at_the_original_only_when_safe():
    data = briefing()
    safe = news_article(_by_id(data, "articles", "a1"), site_url=SITE, own_path="sources/a1/")
    assert safe["@type"] == "NewsArticle" and safe["headline"] == "Talks in Kyiv"
    assert safe["datePublished"] == "2022-03-02" and safe["publisher"] == {"@type": "Organization", "name": "Outlet A"}
    assert safe["url"] == "https://outlet-a.example/talks" and safe["mainEntityOfPage"] == SITE + "sources/a1/"
    unsafe = news_article(_by_id(data, "articles", "a2"), site_url="", own_path="sources/a2/")
    assert unsafe["url"] == "../../sources/a2/" and "javascript" not in json.dumps(unsafe)


def test_story_event_dates_places_and_reports():
    data = briefing()
    event = story_event(_by_id(data, "stories", "s-day"), data, site_url=SITE, own_path="chronology/2022-03/")
    assert event["@type"] == "Event" and event["name"] == "Putin meets envoys in Kyiv"
    assert event["startDate"] == "2022-03-02" and event["url"] == SITE + "chronology/2022-03/#s-day"
    assert "eventStatus" not in event  # a past news happening claims no status
    assert event["location"] == [{"@type": "Place", "name": "Kyiv", "url": SITE + "actors/kyiv/"}]
    assert [a["@type"] for a in event["subjectOf"]] == ["NewsArticle", "NewsArticle"]
    coming = story_event(_by_id(data, "stories", "s-coming"), data, site_url=SITE, own_path="x/")
    assert coming["eventStatus"] == "https://schema.org/EventScheduled"
    year = story_event(_by_id(data, "stories", "s-year"), data, site_url=SITE, own_path="x/")
    assert year["startDate"] == "2021" and "location" not in year
    bare = story_event(_by_id(data, "stories", "s-bare"), data, site_url=SITE, own_path="x/")
    assert bare["name"] == "Something hostile happened."  # no headline: its cited sentence


def test_quotation_creator_by_kind_and_source():
    data = briefing()
    by_org = quotation(_by_id(data, "quotes", "q-formula"), data, site_url=SITE, own_path="x/", actor_pages=ACTOR_PAGES)
    assert by_org["creator"] == {"@type": "Organization", "name": "United Nations"}  # no page: no url
    assert by_org["isPartOf"]["@type"] == "NewsArticle" and by_org["isPartOf"]["headline"] == "The UN's statement"
    assert by_org["url"] == SITE + "sources/a3/#q-formula"
    unresolved = quotation(_by_id(data, "quotes", "q-hostile"), data, site_url=SITE, own_path="x/")
    assert unresolved["creator"] == {"name": "An official"}
    speech = quotation(_by_id(data, "quotes", "q-speech"), data, site_url=SITE, own_path="x/")
    assert speech["text"] == "a long address" and SPEECH.split()[0] not in json.dumps(speech)


def test_hostile_text_cannot_leave_the_script_block():
    data = briefing()
    hostile_story = story_event(_by_id(data, "stories", "s-hostile"), data, site_url=SITE, own_path="x/")
    block = script_block(_objects() + [hostile_story])
    inner = _content(block)
    for raw in ("</script", "<script", "<!--", "-->", "]]>", "<", ">", "&", "\u2028", "\u2029"):
        assert raw not in inner
    parsed = json.loads(inner)
    texts = [node.get("text") for node in parsed["@graph"]]
    assert HOSTILE_QUOTE in texts
    assert parsed["@graph"][-1]["name"] == HOSTILE_HEADLINE
    assert parsed["@context"] == "https://schema.org"
    assert re.fullmatch(r"[^\n]*", block)  # one line


def test_block_is_deterministic_and_empty_without_objects():
    assert script_block([]) == ""
    assert script_block(_objects()) == script_block(_objects())
    assert "@context" not in json.loads(_content(script_block([{"@context": "x", "@type": "Thing"}])))["@graph"][0]
