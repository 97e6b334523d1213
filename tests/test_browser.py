"""The built site in headless Debian Chromium, served from 127.0.0.1 (see conftest.py).

Every test records each request and console message; every test ends by checking that no request
left the local server.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
import yaml
from site_helpers import decode_png

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
SCREENSHOT = ROOT / "docs" / "assets" / "screenshot.png"
TIMEOUT_MS = 15_000
SITE_NAME = re.search(r"^site_name:\s*(.+?)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


@dataclass
class Recorder:
    base: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, page url)
    page_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(self.base) or u.startswith("data:") or u.startswith("blob:"))]

    def errors(self) -> list[str]:
        return ([f"console.{kind} on {where}: {text}" for kind, text, where in self.console if kind == "error"]
                + [f"page error: {err}" for err in self.page_errors])

    def assert_local(self) -> None:
        foreign = self.foreign_requests()
        assert not foreign, f"requests left {self.base}: {foreign}"


@pytest.fixture
def session(browser, site_server):
    """A fresh context and page per test, with every request and console message recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    rec = Recorder(base=site_server)
    page.on("request", lambda request: rec.requests.append(request.url))
    page.on("console", lambda msg: rec.console.append((msg.type, msg.text, page.url)))
    page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    try:
        yield page, rec
    finally:
        context.close()


def goto(page, base: str, path: str = "") -> None:
    response = page.goto(urljoin(base, path), wait_until="load")
    assert response is not None and response.ok, f"GET {path or '/'} -> {response and response.status}"
    # Material's bundle sets the colour scheme on <body> once its palette component is up.
    page.wait_for_selector("body[data-md-color-scheme]", state="attached")


def test_search_finds_zelensky(session, site_server):
    page, rec = session
    goto(page, site_server)
    search = page.locator(".md-search__input")
    if search.is_visible():
        search.click()
    else:  # narrow viewport: the search field opens from the header icon
        page.locator("label.md-search__icon:visible").first.click()
    search.press_sequentially("Zelensky", delay=30)
    page.wait_for_selector(".md-search-result__item", state="visible")
    hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                      "els => els.map(e => e.href)")
    actor = urljoin(site_server, "actors/volodymyr-zelensky/")
    # Results carry the highlight query (?h=…) and sometimes a #section: compare without them.
    targets = {urlunsplit(urlsplit(h)._replace(query="", fragment="")) for h in hrefs}
    assert actor in targets, f"no search result links to {actor}: {hrefs}"
    rec.assert_local()


def test_chronology_shows_its_dates(session, site_server):
    page, rec = session
    goto(page, site_server, "chronology/")
    assert "2022-02-24" in page.inner_text("article")
    rec.assert_local()


def test_palette_toggle_switches_scheme(session, site_server):
    page, rec = session
    goto(page, site_server)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert before in ("default", "slate"), f"unexpected colour scheme {before!r}"
    toggle = page.locator('label.md-header__button[for^="__palette_"]:visible')
    assert toggle.count() == 1, f"expected one visible palette toggle, found {toggle.count()}"
    toggle.click()
    expected = "slate" if before == "default" else "default"
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert after == expected and after != before
    rec.assert_local()


@pytest.mark.parametrize("path", ["", "chronology/", "quotes/", "actors/volodymyr-zelensky/"])
def test_no_console_or_page_errors(session, site_server, path):
    page, rec = session
    goto(page, site_server, path)
    page.wait_for_load_state("networkidle")
    assert not rec.errors(), f"errors on /{path}:\n" + "\n".join(rec.errors())
    rec.assert_local()


def _click_chronology_tab(page, site_server) -> str:
    goto(page, site_server)
    home = page.url
    # A marker on window survives instant (XHR) navigation but not a full page load.
    page.evaluate("window.__briefingMarker = 'still here'")
    page.locator(".md-tabs__link", has_text="Chronology").click()
    page.wait_for_url(urljoin(site_server, "chronology/"))
    page.wait_for_function("document.querySelector('article h1')?.textContent.includes('Chronology')")
    return home


def test_chronology_tab_navigates(session, site_server):
    page, rec = session
    home = _click_chronology_tab(page, site_server)
    assert page.url != home
    assert page.url == urljoin(site_server, "chronology/")
    assert "Chronology" in page.inner_text("article h1")
    rec.assert_local()


def test_chronology_tab_uses_instant_navigation(session, site_server):
    """navigation.instant is on in mkdocs.yml: the tab must swap the page without a full reload.

    Material only intercepts links listed in sitemap.xml, which MkDocs leaves empty without site_url.
    """
    page, rec = session
    _click_chronology_tab(page, site_server)
    assert page.evaluate("window.__briefingMarker") == "still here", (
        "clicking the Chronology tab reloaded the whole page: instant navigation is not active "
        "(is site_url set in mkdocs.yml? sitemap.xml must list the pages)")
    rec.assert_local()


def _rgb(css: str) -> tuple[int, int, int]:
    """'rgb(64, 81, 181)' -> (64, 81, 181)."""
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(, [\d.]+)?\)", css)
    assert match, f"not an rgb() colour: {css!r}"
    return tuple(int(v) for v in match.groups()[:3])


def _close(a: tuple[int, int, int], b: tuple[int, int, int], tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def _in_viewport(page, locator) -> dict:
    """The element's box, after checking that it is visible and lies wholly inside the viewport."""
    assert locator.is_visible(), f"{locator} is not visible"
    box = locator.bounding_box()
    view = page.viewport_size
    assert box and box["width"] > 0 and box["height"] > 0, f"{locator} has no size: {box}"
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= view["width"] \
        and box["y"] + box["height"] <= view["height"], f"{locator} is outside the viewport: {box}"
    return box


def _pixels(rows, box: dict, inset: int = 2) -> list[tuple[int, int, int]]:
    top, left = int(box["y"]) + inset, int(box["x"]) + inset
    bottom, right = int(box["y"] + box["height"]) - inset, int(box["x"] + box["width"]) - inset
    return [px for row in rows[top:bottom] for px in row[left:right]]


def test_screenshot_shows_the_rendered_home_page(session, site_server, built_site):
    """The README's screenshot (docs/assets/screenshot.png, written with UPDATE_SCREENSHOT=1) shows the
    rendered, styled home page: in the viewport the header with the site name, the navigation tabs
    and the briefing's title, and in the picture itself the theme's header colour behind them and
    text drawn on the page, not a blank or unstyled page."""
    page, rec = session
    goto(page, site_server)
    page.wait_for_load_state("networkidle")
    briefing = yaml.safe_load((built_site.site / "data" / "briefing.yml").read_text(encoding="utf-8"))

    # what the DOM says is in the viewport
    header = _in_viewport(page, page.locator(".md-header"))
    topic = page.locator(".md-header__topic").first
    assert topic.inner_text().strip() == SITE_NAME
    topic_box = _in_viewport(page, topic)
    title = page.locator("article h1").first
    assert title.inner_text().strip().rstrip("¶").strip() == briefing["title"]
    title_box = _in_viewport(page, title)
    tabs = {t.inner_text().strip(): t for t in page.locator(".md-tabs__link").all()}
    for name in ("Briefing", "Chronology", "Actors", "Quotes", "Sources"):
        assert name in tabs, f"no {name} tab: {sorted(tabs)}"
        _in_viewport(page, tabs[name])
    tabs_box = _in_viewport(page, page.locator(".md-tabs"))
    header_colour = _rgb(page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor"))
    page_colour = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert not _close(header_colour, page_colour, 30), (header_colour, page_colour)

    # what the picture shows
    png = page.screenshot(full_page=False)
    width, height, rows = decode_png(png)
    assert (width, height) == (page.viewport_size["width"], page.viewport_size["height"])
    for name, box in (("header", header), ("tabs", tabs_box)):
        strip = _pixels(rows, box)
        share = sum(_close(px, header_colour) for px in strip) / len(strip)
        assert share > 0.6, f"the {name} is {share:.0%} {header_colour} in the screenshot: unstyled?"
    topic_pixels = _pixels(rows, topic_box, inset=0)
    assert sum(not _close(px, header_colour, 40) for px in topic_pixels) > 100, "no site name drawn in the header"
    title_pixels = _pixels(rows, title_box, inset=0)
    drawn = sum(not _close(px, page_colour, 40) for px in title_pixels) / len(title_pixels)
    assert drawn > 0.03, f"only {drawn:.1%} of the title's box is drawn: the title is not shown"
    below = [px for row in rows[int(tabs_box["y"] + tabs_box["height"]):] for px in row]
    assert sum(_close(px, page_colour) for px in below) / len(below) > 0.5, "the page below the tabs is not its colour"
    colours = {px for row in rows for px in row}
    assert len(colours) > 100, f"only {len(colours)} distinct colours: a blank or flat page"

    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(png)
    rec.assert_local()
