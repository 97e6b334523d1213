"""The built site's pictures, feeds and exports, as a reader's browser, a feed reader and a data tool
meet them: the SVGs are valid and their links land on real pages and anchors (in Chromium too), the
feeds are linked from every page's head and parse, the Data Package validates, the JSON-LD expands."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from pyld import jsonld

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
PICTURES = {"index.html": ["briefing-timeline"], "chronology/index.html": ["briefing-timeline"],
            "actors/index.html": ["briefing-network", "briefing-map"]}
_SVG_BLOCK = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]*class="briefing-picture.*?</svg>', re.S)
_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v)


def _pictures(page: Path) -> list[ET.Element]:
    return [ET.fromstring(block) for block in _SVG_BLOCK.findall(page.read_text(encoding="utf-8"))]


def _target(site: Path, page: str, href: str) -> tuple[Path, str]:
    url = urlsplit(urljoin("http://site/" + page, href))
    path = url.path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path), url.fragment


def _ids(file: Path) -> set[str]:
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.ids


def _an_actor_page(site: Path) -> str:
    pages = sorted(p for p in (site / "actors").glob("*/index.html") if p.parent.name != "kinds"
                   and b"briefing-ego" in p.read_bytes())
    assert pages, "no actor page has an ego network"
    return pages[0].relative_to(site).as_posix()


def test_every_picture_is_valid_svg_whose_links_resolve(built_site):
    site = built_site.site
    expected = {**PICTURES, _an_actor_page(site): ["briefing-ego"]}
    for page, kinds in expected.items():
        pictures = _pictures(site / page)
        classes = " ".join(p.get("class", "") for p in pictures)
        for kind in kinds:
            assert kind in classes, f"{page}: no {kind}"
        for picture in pictures:
            assert picture.tag == SVG + "svg" and picture.find(SVG + "title") is not None
            links = [a.get(XLINK) for a in picture.iter(SVG + "a")]
            assert links, f"{page}: a picture without links"
            for href in links:
                file, anchor = _target(site, page, href)
                assert file.is_file(), f"{page}: {href} -> {file} does not exist"
                assert not anchor or anchor in _ids(file), f"{page}: {href}: no #{anchor} on its page"


@pytest.mark.browser
def test_a_timeline_bar_takes_the_reader_to_its_day(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site_server, wait_until="load")
        timeline = page.locator("svg.briefing-timeline")
        box = timeline.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100, box
        bar = timeline.locator("a.timeline-day").first
        day = re.search(r"#(\d{4}-\d{2}-\d{2})$", bar.get_attribute("xlink:href")).group(1)
        bar.click()
        page.wait_for_url(re.compile(rf"chronology/{day[:7]}/#{day}$"))
        assert page.locator(f"[id='{day}']").count() == 1
        page.locator("a.md-tabs__link", has_text="Actors").click()  # instant navigation still works after it
        page.wait_for_url(re.compile(r"/actors/$"))
        page.locator("svg.briefing-network").wait_for()
    finally:
        context.close()
    assert not errors, errors


def test_feeds_are_linked_from_every_page_and_parse(built_site, http_server):
    site = built_site.site
    actor_page = _an_actor_page(site)
    for page in ("index.html", "quotes/index.html", actor_page):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[./]*feed\.xml">',
                         html), page
        assert 'type="application/feed+json"' in html, page
    actor = actor_page.split("/")[1]
    assert f'href="../../feeds/actors/{actor}.xml"' in (site / actor_page).read_text(encoding="utf-8")
    site_name = re.search(r"^site_name:\s*(.+?)\s*$", (Path(__file__).parent.parent / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M).group(1)
    for name in ("feed.xml", f"feeds/actors/{actor}.xml"):
        feed = feedparser.parse((site / name).read_text(encoding="utf-8"))
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.feed.title.startswith(site_name), feed.feed.title  # the site's name, not a placeholder
        for entry in feed.entries:
            assert entry.link.startswith(http_server.base), entry.link
            file, anchor = _target(site, "", entry.link[len(http_server.base):])
            assert anchor in _ids(file), entry.link
    site_feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert site_feed["version"] == "https://jsonfeed.org/version/1.1" and site_feed["items"]
    assert all(item["id"] and item["content_html"] for item in site_feed["items"])


def test_the_data_package_validates_and_the_data_page_links_every_export(built_site):
    from frictionless import validate

    site = built_site.site
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("datapackage.json", "timeline.json", "stories.csv", "quotes.csv", "actors.csv", "figures.csv",
                 "sources.csv"):
        assert f'href="../data/{name}"' in data_page or f'href="{name}"' in data_page, name
        assert (site / "data" / name).is_file(), name
    timeline = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert timeline["events"] and all(e["start_date"]["year"] and e["text"]["headline"] and e["unique_id"]
                                      for e in timeline["events"])


def test_pages_carry_json_ld_that_expands_to_schema_org_types(built_site):
    def loader(url, options=None):
        if url.rstrip("/") in {"https://schema.org", "http://schema.org"}:
            return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")

    site = built_site.site
    source = sorted((site / "sources").glob("*/index.html"))[0]
    month = sorted(p for p in (site / "chronology").glob("*/index.html"))[0]
    found: dict[str, set[str]] = {}
    for page in (source, month, site / "quotes" / "index.html"):
        blocks = _JSONLD.findall(page.read_text(encoding="utf-8"))
        assert len(blocks) == 1, page
        expanded = jsonld.expand(json.loads(blocks[0]), {"documentLoader": loader})
        found[page.parent.name] = {t for node in expanded for t in node.get("@type", [])}
    assert "https://schema.org/NewsArticle" in found[source.parent.name]
    assert "https://schema.org/Event" in found[month.parent.name]
    assert "https://schema.org/Quotation" in found["quotes"]
