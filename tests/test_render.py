"""Rendering: Markdown escaping of seed text, template overrides, stable output (no model)."""
import json
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.render import escape_text, render_tree

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<iframe src='https://evil.example'></iframe>",
    "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}",
    "<a href='javascript:alert(1)'>x</a>",
    "# heading\n\n- list\n\n```\ncode\n```",
    "![img](https://evil.example/x.png)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


def briefing(text: str) -> dict:
    """A minimal briefing whose every free-text field carries `text`."""
    return {
        "title": text, "summary": text, "updated": "2022-03-01", "generator": {"version": "t", "model": "t"},
        "articles": [{"id": "a1", "file": "a1.md", "title": text, "date": "2022-03-01", "source": text,
                      "url": "javascript:alert(1)", "text": text + "\n\n" + text}],
        "actors": [{"id": "x", "name": text, "kind": "person", "aliases": [text], "articles": ["a1"]}],
        "quotes": [{"id": "q1", "text": text, "kind": "direct", "speaker": "x", "speaker_name": text,
                    "article": "a1", "sentence": text, "via": text},
                   {"id": "q2", "text": text, "kind": "indirect", "speaker": None, "speaker_name": text,
                    "article": "a1", "sentence": text}],
        "events": [{"id": "e1", "date": "2022-02-24", "precision": "day", "title": text, "actors": ["x"],
                    "sources": [{"article": "a1", "sentence": text, "date_text": text}]}],
        "figures": [{"id": "f1", "value": "352", "what": text, "reported_by": text, "article": "a1",
                     "sentence": text}],
        "pinned": {}, "problems": [{"file": text, "code": "E1", "reason": text, "fatal": True}],
        "curation_problems": [],
    }


def to_html(md_text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", md_text, flags=re.S)
    return markdown.markdown(body, extensions=["admonition", "tables", "toc"])


_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def assert_inert(html: str) -> None:
    for block in _JSONLD.findall(html):  # data for machines, never run: JSON with no markup character
        assert "<" not in block and ">" not in block and "&" not in block
        json.loads(block)
    html = _JSONLD.sub("", html)
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html), "event handler attribute"
    assert "javascript:" not in re.sub(r"&#\d+;", "", " ".join(re.findall(r'href="([^"]*)"', html)))
    assert "49" not in html.replace("2022", "")  # {{ 7*7 }} never evaluated


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_seed_text_is_inert_on_every_page(text):
    for path, content in render_tree(briefing(text)).items():
        if path.endswith(".md"):
            assert_inert(to_html(content))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_curate_snippets_and_stories_is_inert(text):
    """The editors' controls carry names and headlines from seeds; a story's headline and cited sentence too."""
    data = briefing(text)
    data["stories"] = [{"id": "e1", "date": "2022-02-24", "precision": "day", "headline": text, "status": "past",
                        "events": ["e1"], "articles": ["a1"], "outlets": 1, "actors": ["x"], "dates": [],
                        "first_reported": "2022-03-01", "last_reported": "2022-03-01"},
                       {"id": "e2", "date": "2022-02-24", "precision": "day", "headline": "", "status": "past",
                        "events": ["e1"], "articles": ["a1"], "outlets": 1, "actors": [], "dates": [],
                        "first_reported": "2022-03-01", "last_reported": "2022-03-01"}]
    tree = render_tree(data, curate=True)
    assert '<details class="curate"' in tree["chronology/2022-02.md"]
    for path, content in tree.items():
        if path.endswith(".md"):
            assert_inert(to_html(content))


def test_hostile_text_still_shows_as_text():
    tree = render_tree(briefing("<script>alert(1)</script>"))
    html = to_html(tree["sources/a1.md"])
    assert "&lt;script&gt;" in html or "&#60;script&#62;" in html


def test_non_http_url_is_not_a_link():
    html = to_html(render_tree(briefing("t"))["sources/a1.md"])
    assert 'href="javascript' not in html


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_renders_without_a_tag_from_the_seed(text):
    html = to_html(render_tree(briefing(f"<b>{text}</b>"))["index.md"])
    assert "<b>" not in html


def test_escape_keeps_dates_and_names_searchable():
    assert escape_text("2022-02-24 Volodymyr Zelensky, Kyiv.") == "2022-02-24 Volodymyr Zelensky, Kyiv."
    assert str(escape_text("- a list?")).startswith("&#45;")


def test_user_template_overrides_one_default(tmp_path):
    (tmp_path / "figures.md.j2").write_text("# My figures\n\n{{ briefing.figures | length }} figures\n")
    tree = render_tree(briefing("x"), tmp_path)
    assert tree["figures.md"] == "# My figures\n\n1 figures\n"
    assert tree["chronology/index.md"].startswith("# Chronology")  # the others are the defaults


def test_rendering_is_deterministic():
    assert render_tree(briefing("same")) == render_tree(briefing("same"))


def test_a_relayed_quote_names_its_relay_beside_the_speaker():
    data = briefing("text")
    data["quotes"][0]["via"] = "TASS"
    tree = render_tree(data)
    assert "(via TASS)" in tree["sources/a1.md"]  # beside the speaker
    assert "— via TASS, *direct*" in tree["actors/x.md"]  # on the speaker's own page


def test_an_actor_page_lists_only_the_newest_quotes():
    from generator.site.render import QUOTES_PER_ACTOR_PAGE

    data = briefing("text")
    data["quotes"] = [{"id": f"q{n:03d}", "text": f"words number {n}", "kind": "direct", "speaker": "x",
                       "speaker_name": "X", "article": "a1", "sentence": "s"} for n in range(QUOTES_PER_ACTOR_PAGE + 40)]
    page = render_tree(data)["actors/x.md"]
    assert page.count("<!-- end of quote -->") == QUOTES_PER_ACTOR_PAGE
    assert f"The {QUOTES_PER_ACTOR_PAGE} newest of {QUOTES_PER_ACTOR_PAGE + 40} quotes" in page


def test_words_told_again_in_a_later_report_are_shown_once():
    data = briefing("text")
    data["articles"].append({**data["articles"][0], "id": "a2", "file": "a2.md", "date": "2022-03-02"})
    told = "the rights group was drawing a false equivalence between Ukraine as the victim of aggression and the invaders"
    data["quotes"] = [
        {"id": "q1", "text": told, "kind": "indirect", "speaker": "x", "speaker_name": "X", "article": "a1", "sentence": "s"},
        {"id": "q2", "text": told.replace("as the victim", "as victim"), "kind": "indirect", "speaker": "x",
         "speaker_name": "X", "article": "a2", "sentence": "s"},
        {"id": "q3", "text": "more time was needed to see whether other grain shipments would follow", "kind": "indirect",
         "speaker": "x", "speaker_name": "X", "article": "a1", "sentence": "s"}]
    tree = render_tree(data)
    for page in (tree["actors/x.md"], tree["quotes.md"]):
        page = _JSONLD.sub("", page)  # the page's JSON-LD cites the quotes shown
        assert page.count("false equivalence") == 1 and page.count("grain shipments") == 1
    assert "as victim of aggression" in tree["actors/x.md"]  # the newest report's words
    assert "2 newest of 3 quotes, words told again in later reports shown once" in tree["actors/x.md"]


def test_a_long_kind_is_listed_by_initial_and_no_kind_page_grows():
    from generator.site.render import KIND_PAGE_MAX, KIND_TOP

    data = briefing("text")
    names = [f"{letter}name {n}" for n in range(KIND_PAGE_MAX // 2) for letter in ("A", "b", "Ó", "7")]
    data["actors"] = [{"id": f"p{k}", "name": name, "kind": "person", "aliases": [], "articles": ["a1"]}
                      for k, name in enumerate(names)]
    tree = render_tree(data)
    kind = tree["actors/kinds/person.md"]
    assert kind.count("\n| ") == KIND_TOP + 2  # the most mentioned, plus the table's header and rule
    letters = sorted(p for p in tree if p.startswith("actors/kinds/person-"))
    assert letters == ["actors/kinds/person-a.md", "actors/kinds/person-b.md", "actors/kinds/person-o.md",
                       "actors/kinds/person-other.md"]
    assert sum(tree[p].count("\n| ") - 2 for p in letters) == len(names)  # every actor on its letter's page
    assert "[Óname 3]" in tree["actors/kinds/person-o.md"] and "[7name 3]" in tree["actors/kinds/person-other.md"]
    assert "**O** · [other](person-other.md)\n\n| Name" in tree["actors/kinds/person-o.md"]
    assert "[A](person-a.md) (150)" in kind and "[other](person-other.md) (150)" in kind
    small = briefing("text")
    assert not any(p.startswith("actors/kinds/person-") for p in render_tree(small))  # a short kind: one page


def test_coming_up_says_so_when_nothing_is_scheduled():
    home = render_tree(briefing("t"))["index.md"]
    assert "## Coming up" in home and "Nothing the articles report as planned or scheduled after" in home
