"""Checks on the HTML of the built site (one strict `mkdocs build` per session, see conftest.py)."""
from __future__ import annotations

import re

import pytest
import yaml

from site_helpers import generated_pages, parse_file, reachable_pages, unescape

ZELENSKY_PAGE = "actors/volodymyr-zelensky/index.html"
ZELENSKY_QUOTE = "let them try"


def test_build_is_strict_and_produces_the_pages(built_site):
    for rel in ("index.html", "chronology/index.html", "quotes/index.html", "actors/index.html",
                "sources/index.html", "data/briefing.yml"):
        assert (built_site.site / rel).is_file(), f"the build did not produce {rel}"
    assert "WARNING" not in built_site.output
    print(f"build took {built_site.seconds:.1f} s")


@pytest.mark.parametrize("rel", [ZELENSKY_PAGE, "quotes/index.html"])
def test_zelensky_quote_is_shown(built_site, rel):
    page = parse_file(built_site.site / rel)
    assert ZELENSKY_QUOTE in unescape(page.article_text), f"{rel} does not show the quote {ZELENSKY_QUOTE!r}"


def test_chronology_lists_the_invasion_date(built_site):
    page = parse_file(built_site.site / "chronology/index.html")
    assert "2022-02-24" in unescape(page.article_text)


def test_every_page_is_reachable_from_home(built_site):
    site = built_site.site
    pages = generated_pages(site)
    assert len(pages) > 8
    reached = reachable_pages(site, "index.html")
    unreachable = [p.relative_to(site).as_posix() for p in pages if p not in reached]
    assert not unreachable, f"pages not linked (transitively) from the home page: {unreachable}"


def test_nav_is_bounded(built_site):
    site = built_site.site
    article_ids = [p.parent.name for p in (site / "sources").glob("*/index.html")]
    actor_ids = [p.parent.name for p in (site / "actors").glob("*/index.html")]
    assert article_ids and actor_ids
    for rel in ("about/index.html", "index.html"):
        nav_links = parse_file(site / rel).links(nav_only=True)
        to_pages = [h for h in nav_links
                    if re.search(r"(^|/)(sources|actors)/[^/#?]+/?(#.*)?$", h)]
        assert not to_pages, f"{rel}: the <nav> links to single article/actor pages: {to_pages}"
    size = (site / "about/index.html").stat().st_size
    assert size < 60_000, f"about/index.html is {size} bytes: the nav is not bounded"


def _is_external(url: str) -> bool:
    return bool(re.match(r"\s*(https?:)?//", url, re.IGNORECASE))


def test_no_page_loads_anything_from_another_host(built_site):
    site = built_site.site
    offenders = []
    for file in sorted(site.rglob("*.html")):
        for tag, attr, value in parse_file(file).resource_urls():
            if _is_external(value):
                offenders.append(f"{file.relative_to(site)}: <{tag} {attr}={value!r}>")
    assert not offenders, "pages load resources from another host:\n" + "\n".join(offenders)


def test_no_google_fonts_anywhere(built_site):
    site = built_site.site
    hits = [p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and b"fonts.googleapis" in p.read_bytes()]
    assert not hits, f"fonts.googleapis referenced in {hits}"


FIELDS = {
    "articles": {"id", "file", "title", "date", "source", "url"},
    "actors": {"id", "name", "kind", "aliases", "articles"},
    "quotes": {"id", "text", "kind", "speaker", "speaker_name", "article", "sentence"},
    "events": {"id", "date", "precision", "title", "actors", "sources"},
    "figures": {"id", "value", "what", "article", "sentence"},
}
EVENT_SOURCE_FIELDS = {"article", "sentence", "date_text"}


def test_briefing_yml_has_the_documented_fields(built_site):
    data = yaml.safe_load((built_site.site / "data/briefing.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    for key, fields in FIELDS.items():
        assert key in data, f"briefing.yml has no {key!r}"
        items = data[key]
        assert isinstance(items, list) and items, f"briefing.yml {key!r} is empty or not a list"
        for item in items:
            missing = fields - set(item)
            assert not missing, f"briefing.yml {key} item {item.get('id')!r} lacks {sorted(missing)}"
    for event in data["events"]:
        assert event["sources"], f"event {event['id']} has no sources"
        for source in event["sources"]:
            missing = EVENT_SOURCE_FIELDS - set(source)
            assert not missing, f"event {event['id']} source lacks {sorted(missing)}"


def test_the_published_site_has_no_curate_controls(built_site):
    """Readers of a `mkdocs build` site do not get the editors' controls (curate_controls is off)."""
    for rel in ("index.html", "quotes/index.html", "chronology/2022-02/index.html"):
        assert 'class="curate"' not in (built_site.site / rel).read_text(encoding="utf-8"), rel
