"""Article URLs reach pages only as validated http(s) links whose every special character is a
character reference: no URL can close its attribute, end the table row it sits in, or be read as
Markdown (a stored-XSS path that `mkdocs build --strict` let through)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest

from generator.site.render import MAX_URL_CHARS, _external_link, safe_url
from site_helpers import SiteServer, copy_project, parse_html

# Each one broke the page before: Markdown image syntax whose quotes closed the href and ran a
# handler; a newline that ended the table row and let Markdown through; a pipe that split the cell.
HOSTILE_URLS = [
    'https://evil.example/![x](https://evil.example/x.png" onfocus="alert(1)" autofocus="x)',
    "https://evil.example/a\n| [click](javascript:alert(2)) |\n![t](http://evil.example/t.png)",
    "https://evil.example/a|b|c",
    'https://evil.example/"><script>alert(3)</script>',
    "https://evil.example/*emph*_x_`code`[y](z)<b>",
]


def _rendered(url: str) -> str:
    cell = _external_link(url, url)
    return markdown.markdown(f"| | |\n| --- | --- |\n| Original | {cell} |\n", extensions=["tables", "toc"])


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_url_is_one_inert_link_or_text(url):
    page = parse_html(_rendered(url))
    assert not [t for t in page.tags if t.name in {"img", "script", "iframe", "b", "em", "code"}]
    assert not [t for t in page.tags for k in t.attrs if k.startswith("on") or k == "autofocus"]
    anchors = [t for t in page.tags if t.name == "a"]
    if safe_url(url) is None:
        assert anchors == []
    else:
        assert [a.attrs["href"] for a in anchors] == [url]  # the attribute decodes to the URL itself
    assert len([t for t in page.tags if t.name == "tr"]) == 2  # header + the one row: no row injected


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "https://",
    "ftp://example.org/x", "https://example.org/a b", "https://example.org/\x00", "https://example.org/\u202e",
    "https://example.org/" + "a" * MAX_URL_CHARS, None, 42, "",
])
def test_only_http_urls_without_blanks_or_controls_are_links(url):
    assert safe_url(url) is None
    assert "<a " not in _external_link("text", url)


def test_an_ordinary_url_stays_a_plain_link():
    url = "https://www.example.org/news/2022/03/01/talks?id=5&lang=en#top"
    assert safe_url(url) == url
    page = parse_html(_rendered(url))
    assert [t.attrs["href"] for t in page.tags if t.name == "a"] == [url]


@pytest.mark.model
@pytest.mark.browser
def test_hostile_urls_are_inert_in_chromium(tmp_path, browser):
    copy_project(tmp_path)
    for n, url in enumerate(HOSTILE_URLS):
        (tmp_path / "seeds" / f"url{n}.txt").write_text(
            f"Hostile link {n}\n20220301\n{url.splitlines()[0]}\nRussia and Ukraine held talks on Monday, round {n}.\n",
            encoding="utf-8")
        (tmp_path / "seeds" / f"front{n}.md").write_text(
            "---\ntitle: Front matter link " + str(n) + "\ndate: 2022-03-01\nurl: " + _yaml(url) +
            "\n---\nUkraine said on Monday that talks went on, round " + str(n) + ".\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    server = SiteServer(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": server.base}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server.start()
    try:
        page = browser.new_page()
        dialogs, foreign = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(server.base) else None)
        sources = sorted(p.parent.name for p in (site / "sources").glob("*/index.html")
                         if p.parent.name.startswith(("url", "front")))
        assert len(sources) == 2 * len(HOSTILE_URLS), sources
        for source in sources:
            page.goto(urljoin(server.base, f"sources/{source}/"), wait_until="load")
            found = page.evaluate("""() => ({
                images: document.querySelectorAll('article img').length,
                scripts: [...document.querySelectorAll('article script')].filter(s => s.type !== 'application/ld+json' || s.children.length).length,
                handlers: [...document.querySelectorAll('article *')].flatMap(
                    e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
                links: [...document.querySelectorAll('article a[href]')].map(a => a.href)
                    .filter(h => !h.startsWith(location.origin)),
                rows: document.querySelectorAll('article table tr').length})""")
            assert found["images"] == 0 and found["scripts"] == 0 and not found["handlers"], (source, found)
            assert all(h.startswith("https://evil.example/") for h in found["links"]), (source, found)
            assert found["rows"] == 5, (source, found)  # the metadata table: header + 4 rows, none injected
        page.close()
    finally:
        server.close()
    assert not dialogs and not foreign, (dialogs, foreign)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
