"""Hostile seeds in a real browser: seed text with script tags, event handlers, javascript: URLs,
iframes, raw HTML blocks, Markdown links and images to other hosts and Jinja syntax, in titles,
sources, URLs, bodies and quotes. The site is built with `mkdocs build` on a temporary copy of the
project, served on 127.0.0.1 and every page is opened in headless Debian Chromium.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from site_helpers import SiteServer, copy_project, generated_pages

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 15_000

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">x</a>'
IFRAME = '<iframe src="http://evil.example/">'
JINJA = "{{ 7*7 }}"
RAW = "{% raw %}"
MD_LINK = "[click here](http://evil.example/)"
MD_IMAGE = "![tracker](http://evil.example/t.png)"
BREAKOUT_TITLE = "</title><script>alert(8)</script><title>"
ACTOR_NAME = "</title><script>alert(10)</script> Putin"
# The editors' curation file is trusted less than a template: its text is escaped like seed text.
CURATION = f"""title: '<script>alert(11)</script> {{{{ 7*7 }}}}'
summary: '<img src=x onerror=alert(12)> [x](javascript:alert(12)) <iframe src="http://evil.example/">'
actors:
  rename: {{vladimir-putin: '{ACTOR_NAME}'}}
"""

HOSTILE_TITLE = f"{SCRIPT} {IMG} {JINJA} {RAW}"
HOSTILE_SOURCE = f"{JS_LINK} {IFRAME}"
HOSTILE_BODY = f"""Vladimir Putin met Volodymyr Zelensky's envoys in Minsk on Monday. {SCRIPT} The talks lasted five hours.

"<script>alert(2)</script>," he said. "<img src=x onerror=alert(3)>," Putin said on Tuesday.

"We will never accept {JS_LINK} or {JINJA}," said Dmytro Kuleba, Ukraine's foreign minister.

Kuleba said {IMG} was unacceptable and {IFRAME} too.

<div onclick="alert(1)" style="position:fixed;inset:0">
<script>alert(1)</script>
<img src="http://evil.example/pixel.png">
<iframe src="http://evil.example/"></iframe>
</div>

{MD_LINK} and {MD_IMAGE} and <http://evil.example/auto> and [js](javascript:alert(1)).

<style>body {{ display: none }}</style>
<link rel="stylesheet" href="http://evil.example/x.css">

Template syntax {JINJA} and {RAW} and {{% endraw %}} and {{% include "x" %}} and {{# comment #}} stay as written.

<svg onload=alert(1)> <details open ontoggle=alert(1)> <object data="http://evil.example/o"></object>

About 3,000 soldiers were killed, Ukraine's army said on Wednesday.
"""
# Strings that must be visible, as written, on the hostile article's page.
VISIBLE = [SCRIPT, IMG, JS_LINK, IFRAME, JINJA, RAW, MD_LINK, MD_IMAGE, "{% endraw %}", "{# comment #}",
           '<div onclick="alert(1)" style="position:fixed;inset:0">', "<svg onload=alert(1)>",
           '<link rel="stylesheet" href="http://evil.example/x.css">']


def _yaml_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_hostile_seeds(seeds: Path) -> None:
    for path in sorted(ROOT.glob("seeds/*.txt")):
        shutil.copy(path, seeds / path.name)
    (seeds / "hostile.md").write_text(
        f"---\ntitle: {_yaml_str(HOSTILE_TITLE)}\ndate: 2022-03-02\nsource: {_yaml_str(HOSTILE_SOURCE)}\n"
        f"url: 'javascript:alert(1)'\n---\n{HOSTILE_BODY}", encoding="utf-8")
    # a hostile file name, a title of Markdown links, and a URL that tries to leave its attribute
    (seeds / '"><img src=x onerror=alert(5)>.md').write_text(
        "---\ntitle: " + _yaml_str("[evil](http://evil.example/) ![x](http://evil.example/x.png) "
                                   "<b onmouseover=alert(6)>bold</b>")
        + "\ndate: 2022-03-03\nurl: 'https://evil.example/\"><script>alert(7)</script>'\n---\n"
        + f'"<script>alert(2)</script>," he said. Zelensky said on Thursday that Russia attacked Kharkiv. {JINJA}\n',
        encoding="utf-8")
    (seeds / "curation.yml").write_text(CURATION, encoding="utf-8")
    # a title that would close <title> if the theme ever printed it unescaped
    (seeds / "breakout.md").write_text(
        f"---\ntitle: {_yaml_str(BREAKOUT_TITLE)}\ndate: 2022-03-04\nsource: '<script>alert(9)</script>'\n---\n"
        "Zelensky said on Friday that the talks would resume.\n", encoding="utf-8")


@dataclass(frozen=True)
class HostileSite:
    site: Path
    base: str
    data: dict


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    copy_project(work, publish_text=True)
    write_hostile_seeds(work / "seeds")
    site = work / "site"
    site.mkdir()
    server = SiteServer(site)
    base = server.base
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = yaml.safe_load((site / "data" / "briefing.yml").read_text(encoding="utf-8"))
    server.start()
    try:
        yield HostileSite(site, base, data)
    finally:
        server.close()


@dataclass
class Recorder:
    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:", "about:"))]


@pytest.fixture
def session(browser, hostile_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    rec = Recorder(base=hostile_site.base)

    def block(r):  # recorded by the request listener too; never let it reach the network
        rec.blocked.append(r.request.url)
        r.abort()

    # Only requests to other hosts are intercepted (the pattern is matched in the browser).
    context.route(re.compile("^(?!" + re.escape(rec.base) + "|data:|blob:)"), block)
    page = context.new_page()
    page.on("request", lambda request: rec.requests.append(request.url))

    def on_dialog(dialog):
        rec.dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield page, rec
    finally:
        context.close()


# Inspected in the page after it has loaded: what a successful injection would leave behind.
_INSPECT = """() => {
  // JSON-LD blocks are data, never run: a seed's text in them must still parse as JSON, and stay inside them
  const data = [...document.querySelectorAll('script[type="application/ld+json"]')];
  const scripts = [...document.querySelectorAll('script')].filter(s => !data.includes(s))
    .filter(s => /alert/.test(s.textContent)).length
    + data.filter(s => { try { JSON.parse(s.textContent); return s.children.length > 0; } catch (e) { return true; } }).length;
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) handlers.push(el.tagName + ' ' + attr.name + '=' + attr.value);
    }
  }
  const jsLinks = [...document.querySelectorAll('[href],[src],[action],[formaction],[data]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')
              || el.getAttribute('formaction') || el.getAttribute('data') || '')
    .filter(v => /^\\s*javascript:/i.test(v));
  const frames = document.querySelectorAll('iframe, object, embed, frame').length;
  const foreign = [...document.querySelectorAll('img[src], link[href], script[src], source[src]')]
    .map(el => el.src || el.href).filter(u => u && !u.startsWith(location.origin) && !u.startsWith('data:'));
  return {scripts, handlers, jsLinks, frames, foreign, hidden: getComputedStyle(document.body).display === 'none'};
}"""


def assert_no_dialog_comes(page, rec: Recorder, ms: int) -> None:
    """Wait up to `ms` for a dialog that must not come (a late onerror/onload/ontoggle would open
    it): a wait on the event itself, which ends early if it does come."""
    try:
        dialog = page.wait_for_event("dialog", timeout=ms)
    except PlaywrightTimeout:
        return
    pytest.fail(f"a dialog opened: {dialog.type}: {dialog.message} on {page.url}; all: {rec.dialogs}")


def _open(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"GET {url} -> {response and response.status}"
    page.wait_for_selector("body[data-md-color-scheme]", state="attached")


def test_every_page_is_inert(session, hostile_site):
    page, rec = session
    pages = generated_pages(hostile_site.site) + [hostile_site.site / "404.html"]
    assert len(pages) > 10
    problems = []
    for path in pages:
        rel = path.relative_to(hostile_site.site).as_posix()
        url = urljoin(hostile_site.base, rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        _open(page, url)
        found = page.evaluate(_INSPECT)
        if found["scripts"] or found["handlers"] or found["jsLinks"] or found["frames"] or found["foreign"] \
                or found["hidden"]:
            problems.append(f"{rel}: {found}")
    assert_no_dialog_comes(page, rec, 300)  # a late onerror/onload on the last page
    assert not rec.dialogs, f"dialogs opened: {rec.dialogs}"
    assert not problems, "injected markup found:\n" + "\n".join(problems)
    assert not rec.foreign() and not rec.blocked, f"requests left 127.0.0.1: {rec.foreign() or rec.blocked}"


def _article_id(data: dict, file: str) -> str:
    return next(a["id"] for a in data["articles"] if a["file"] == file)


def test_hostile_strings_are_shown_as_text(session, hostile_site):
    page, rec = session
    article = _article_id(hostile_site.data, "hostile.md")
    _open(page, urljoin(hostile_site.base, f"sources/{article}/"))
    text = page.inner_text("article")
    missing = [s for s in VISIBLE if s not in text]
    assert not missing, f"not shown as written: {missing}\n{text[:2000]}"
    assert page.inner_text("article h1").startswith(HOSTILE_TITLE)
    assert HOSTILE_SOURCE in text
    assert "javascript:alert(1)" in text  # the url is shown, not linked
    assert page.locator("article a[href^='javascript:' i]").count() == 0
    assert "49" not in text, "Jinja syntax from a seed was evaluated"
    assert page.title().startswith(HOSTILE_TITLE)
    assert not rec.dialogs and not rec.foreign()


def test_hostile_file_name_and_url(session, hostile_site):
    page, rec = session
    article = _article_id(hostile_site.data, '"><img src=x onerror=alert(5)>.md')
    _open(page, urljoin(hostile_site.base, f"sources/{article}/"))
    text = page.inner_text("article")
    assert '"><img src=x onerror=alert(5)>.md' in text
    assert "[evil](http://evil.example/) ![x](http://evil.example/x.png) <b onmouseover=alert(6)>bold</b>" in text
    links = page.eval_on_selector_all("article a[href*='evil.example']", "els => els.map(e => e.getAttribute('href'))")
    assert links == ['https://evil.example/"><script>alert(7)</script>'], links  # one attribute value, intact
    assert page.locator("article img, article b").count() == 0
    assert JINJA in text and "49" not in text
    assert not rec.dialogs and not rec.foreign()


def test_title_cannot_close_the_title_element(session, hostile_site):
    page, rec = session
    article = _article_id(hostile_site.data, "breakout.md")
    _open(page, urljoin(hostile_site.base, f"sources/{article}/"))
    assert page.title().startswith(BREAKOUT_TITLE), page.title()
    assert page.evaluate("document.querySelectorAll('title').length") == 1
    assert page.evaluate(_INSPECT)["scripts"] == 0
    assert not rec.dialogs and not rec.foreign()


def test_curated_names_are_shown_as_text(session, hostile_site):
    page, rec = session
    actor = next(a for a in hostile_site.data["actors"] if a["name"] == ACTOR_NAME)
    _open(page, urljoin(hostile_site.base, f"actors/{actor['id']}/"))
    assert page.inner_text("article h1").startswith(ACTOR_NAME)
    assert page.title().startswith(ACTOR_NAME), page.title()
    _open(page, hostile_site.base)
    text = page.inner_text("article")
    assert "<script>alert(11)</script> {{ 7*7 }}" in text and "49" not in text
    assert '<img src=x onerror=alert(12)> [x](javascript:alert(12)) <iframe src="http://evil.example/">' in text
    for path in ("", "quotes/", "actors/"):
        _open(page, urljoin(hostile_site.base, path))
        found = page.evaluate(_INSPECT)
        assert found["scripts"] == 0 and not found["handlers"] and not found["frames"], (path, found)
    assert not rec.dialogs and not rec.foreign()


def test_hostile_quotes_are_shown_as_text(session, hostile_site):
    page, rec = session
    quotes = [q for q in hostile_site.data["quotes"] if "<" in q["text"] or "{" in q["text"]]
    assert any("<script>alert(2)</script>" in q["text"] for q in quotes), \
        "the extractor found no hostile quote: the test would check nothing"
    for article in sorted({q["article"] for q in quotes}):  # an article's page lists all its quotes
        _open(page, urljoin(hostile_site.base, f"sources/{article}/"))
        text = page.inner_text("article")
        for q in (q for q in quotes if q["article"] == article):
            assert " ".join(q["text"].split()) in text, f"quote not shown as written: {q['text']!r}"
        assert page.evaluate(_INSPECT)["scripts"] == 0
    _open(page, urljoin(hostile_site.base, "quotes/"))
    assert page.evaluate(_INSPECT)["scripts"] == 0
    assert not rec.dialogs and not rec.foreign()


def test_search_results_are_inert(session, hostile_site):
    """Material's search renders results from search_index.json as HTML: hostile titles stay text."""
    page, rec = session
    _open(page, hostile_site.base)
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("Putin", delay=20)  # the hostile actor's name ends in "Putin"
    page.wait_for_selector(".md-search-result__item", state="visible")
    # Material renders results as the index answers: wait until a hostile title is listed (as text)
    page.wait_for_function(r"/alert\(\d+\)/.test(document.querySelector('.md-search-result')?.innerText || '')")
    assert_no_dialog_comes(page, rec, 300)  # markup in a rendered result would fire now
    titles = page.inner_text(".md-search-result")
    assert re.search(r"alert\(\d+\)", titles), titles  # a hostile title is listed, as text
    found = page.evaluate(_INSPECT)
    assert found["scripts"] == 0 and not found["handlers"] and not found["frames"], found
    assert not rec.dialogs, rec.dialogs
    assert not rec.foreign() and not rec.blocked
