"""Only the text we may publish: without `publish_text: true` (or the site's default) an article's full
text appears nowhere in site/ or the data; its page cites a few sentences and links to the original."""
from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.briefing.records import Article, Briefing, EventSource, Event, Quote
from generator.briefing.rights import EXCERPT_SHARE, MAX_EXCERPTS, withhold_texts
from generator.sources.seeds import parse_seed
from site_helpers import ROOT, copy_project

# A paragraph of the HuffPost seed (All rights reserved): it must not be republished.
HUFFPOST_PARAGRAPH = ("Other prominent figures, including Israeli Prime Minister Naftali Bennett and Russian "
                      "oligarch Roman Abramovich, are also reportedly involved")


def _article(publish_text=None, body="One. Two said it. Three. Four.") -> Article:
    return Article(id="a", file="a.md", title="T", date=dt.date(2022, 2, 28), source="s", url="https://s.org/a",
                   body=body, publish_text=publish_text)


def _briefing(article: Article) -> Briefing:
    quote = Quote(id="q", text="it", kind="indirect", speaker_name=None, article="a", sentence="Two said it.")
    event = Event(id="e", date="2022-02-28", precision="day", title="x", actor_names=(),
                  sources=(EventSource("a", "One.", ""),))
    return Briefing(title="", summary="", updated="", articles=[article], actors=[], quotes=[quote],
                    events=[event], figures=[])


def test_a_text_without_permission_becomes_its_cited_sentences_in_text_order():
    (article,) = withhold_texts(_briefing(_article()), default=False).articles
    assert article.body == "" and article.excerpts == ("One.", "Two said it.")


@pytest.mark.parametrize("declared,default,kept", [(True, False, True), (None, True, True), (False, True, False)])
def test_the_seed_decides_and_the_site_default_covers_the_rest(declared, default, kept):
    (article,) = withhold_texts(_briefing(_article(declared)), default=default).articles
    assert bool(article.body) == kept


def test_excerpts_cite_and_do_not_copy():
    body = " ".join(f"Sentence number {n} says something about the war today." for n in range(40))
    sentences = [f"Sentence number {n} says something about the war today." for n in range(40)]
    briefing = _briefing(_article(body=body))
    briefing.quotes = [Quote(id=f"q{n}", text="x", kind="indirect", speaker_name=None, article="a", sentence=s)
                       for n, s in enumerate(sentences)]
    (article,) = withhold_texts(briefing, default=False).articles
    assert len(article.excerpts) <= MAX_EXCERPTS
    assert sum(len(e.split()) for e in article.excerpts) <= len(body.split()) * EXCERPT_SHARE


def test_seeds_declare_licence_and_permission():
    article, _ = parse_seed(b"---\ntitle: T\ndate: 2022-02-28\nlicense: CC-BY-4.0\npublish_text: yes\n---\nBody.\n",
                            "a.md")
    assert (article.license, article.publish_text) == ("CC-BY-4.0", True)
    article, _ = parse_seed(b"---\ntitle: T\ndate: 2022-02-28\n---\nBody.\n", "a.md")
    assert (article.license, article.publish_text) == ("", None)
    none, problems = parse_seed(b"---\ntitle: T\ndate: 2022-02-28\npublish_text: maybe\n---\nBody.\n", "a.md")
    assert none is None and problems[-1].code == "E108" and "publish_text" in problems[-1].reason


def test_the_date_headline_form_takes_an_optional_source():
    article, _ = parse_seed(b" date 2022-03-01 The headline\nsource: example.org\nThe text.\n", "b.txt")
    assert (article.source, article.body) == ("example.org", "The text.")
    article, _ = parse_seed(b" date 2022-03-01 The headline\nThe text.\n", "b.txt")
    assert (article.source, article.body) == ("", "The text.")


@pytest.mark.model
def test_no_full_text_without_permission_anywhere_in_the_site(tmp_path):
    copy_project(tmp_path, ROOT / "seeds")
    licensed = ("---\ntitle: A licensed release\ndate: 2022-03-02\nlicense: CC-BY-4.0\npublish_text: true\n"
                "url: https://example.org/release\n---\nThe President met the delegation in Kyiv on Wednesday.\n\n"
                "A second paragraph that may be republished in full.\n")
    (tmp_path / "seeds" / "licensed.md").write_text(licensed, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".yml", ".xml", ".md"}]
    assert any(p.name == "search_index.json" for p in files) and any(p.name == "briefing.yml" for p in files)
    for path in files:
        assert HUFFPOST_PARAGRAPH not in path.read_text(encoding="utf-8", errors="replace"), path
    page = (site / "sources" / "001-eae2988b17b06bab" / "index.html").read_text(encoding="utf-8")
    assert "Excerpts" in page and "The talks began just after 1 p.m. Ukraine time, CNN reported." in page
    assert 'href="https://www.huffpost.com/entry/russia-ukraine-talks_n_621951cfe4b03d0c8038bac9"' in html.unescape(page)
    release = (site / "sources" / "licensed" / "index.html").read_text(encoding="utf-8")
    assert "Licence" in release and "CC-BY-4.0" in release and "Licence" not in page
    assert "A second paragraph that may be republished in full." in release and "CC-BY-4.0" in (
        site / "data" / "briefing.yml").read_text(encoding="utf-8")
