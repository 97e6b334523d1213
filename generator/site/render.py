"""Briefing data -> a tree of Markdown pages, through Jinja2 templates.

Rendering works from the plain briefing data (what briefing.yml holds), so the Markdown tree can
be built from the YAML alone and served by any builder. Every value printed by a template is
escaped for Markdown and HTML unless a filter built it as safe markup: text from a seed can never
become a tag, a link target or template code. A user overrides a template by putting a file of
the same name in their own templates folder, which is searched first.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.briefing.confidence import FRONT_PAGE_THRESHOLD
from generator.beside import side_by_side
from generator.briefing.io import YamlFragments, dump_json, dump_yaml, schema_text
from generator.site.download_files import Written, inside, write_downloads
from generator.site.chronology_pages import chronology_page, month_parts, page_days
from generator.site.page_memo import PageMemo, salt_parts
from generator.site.search_documents import search_documents
from generator.stories.settings import settings as story_settings
from generator.errors import E030, E040, E041, E045

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"
SEARCH_DOCUMENTS = "search/documents.json"  # what the site search indexes (search_documents.py)
# Characters that can start Markdown or HTML syntax; digits, letters, dashes and dots stay as they
# are so dates and names remain searchable.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]#|~<>&!$^=]")
_BIDI = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
HOME_LIMITS = {"stories": 10, "actors": 12, "quotes": 6, "figures": 8, "coming": 5, "days": 7}
HOME_DAYS = 14  # the front page's key stories are those of the last days before the newest article
HALF_LIFE_DAYS = 7  # a front-page story's weight halves each week back (see front_page_stories)
HEADLINES_PER_DAY = 3  # on the front page's day-by-day view
STORIES_PER_DAY = 3  # of one day in "What happened"
READOUTS_SHOWN = 3  # releases' own calls and meetings in "What happened": routine diplomacy does not fill it
OTHERS_SHOWN = 2  # one-outlet releases of other kinds than the war's own (a logo, a prize) in "What happened"
# ... and one-outlet news reports of no kind the rules know: a news outlet chose to report them, and the
# kinds miss much of the war ("Russia already controls most of Sievierodonetsk")
NEWS_OTHERS_SHOWN = 5
INDEX_TOP = 25  # actors per kind on the actors index; the full lists have pages of their own
KIND_PAGE_MAX = 300  # a kind with more actors lists them by initial, one page per letter
KIND_TOP = 100  # then its own page shows the most mentioned and the letters
QUOTES_PER_SPEAKER = 3  # on the quotes page; each speaker's page has the newest QUOTES_PER_ACTOR_PAGE
SPEAKERS_ON_QUOTES_PAGE = 60  # the most quoted; every quote is in the data and on its source page
QUOTES_PER_ACTOR_PAGE = 60  # newest first: no page lists everything an actor ever said
KEY_EVENTS_PER_MONTH = 8  # on the chronology index
ACTOR_ARTICLES = 60  # articles listed on an actor page (its events link to the month pages)
ACTOR_STORIES = 40  # stories listed on an actor page, newest first
FIGURES_SHOWN = 300  # rows of the figures page; all are in the data
WHATS_NEW_SHOWN = 60  # stories and actors per section of "What's new"; all are in the data (edition)
FRONT_PAGE_CONFIDENCE = FRONT_PAGE_THRESHOLD  # items below it stay off the front page and are marked uncertain


def escape_text(value: Any) -> Markup:
    """Plain text -> inert Markdown: HTML-escaped, Markdown punctuation as numeric entities,
    line breaks folded (a value never starts a block of its own)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = " ".join(str(value).split())
    if _BIDI.search(text):  # an unclosed override would reverse the page's own text after the value
        text = f"\u2068{text}\u2069"  # first-strong isolate: every embedding opened inside ends here
    text = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)
    if re.match(r"[-+]|\d+[.)]", text):
        text = f"&#{ord(text[0])};{text[1:]}"  # would start a list when it begins a line
    return Markup(text)


def _paragraph_parts(value: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", value or "") if p.strip()]


def _paragraphs(value: str) -> Markup:
    """Article text as Markdown paragraphs, each escaped (a filter for overriding templates)."""
    return Markup("\n\n".join(escape_text(p) for p in _paragraph_parts(value)))


def _unsearched(value: str) -> Markup:
    """An article's full text as one HTML block the site search leaves out (`data-search-exclude`:
    the index holds stories, quotes, actors, titles and cited sentences, not every text in full).
    Each paragraph is escaped text in its own <p>; plain HTML, so any Markdown builder shows it."""
    return Markup('<div class="article-text" data-search-exclude>'
                  + "".join(f"<p>{escape_text(p)}</p>" for p in _paragraph_parts(value)) + "</div>")


def _page_link(text: Any, target: str) -> Markup:
    """A link to another generated page; `target` is built from ids, never from seed text."""
    if not re.fullmatch(r"[a-z0-9./\-]+(#[a-z0-9\-]+)?", target):
        raise ValueError(E030(target=target))
    return Markup(f"[{escape_text(text)}]({target})")


MAX_URL_CHARS = 2_000
# Characters an href keeps as they are; every other one is written as a numeric character reference,
# so no URL can close the attribute, end a table row or be read as Markdown (the browser decodes them).
_URL_KEEP = re.compile(r"[A-Za-z0-9/:.?=,;@%+~-]")
_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def safe_url(url: Any) -> Optional[str]:
    """`url` when it may become a link: http(s) with a host, no whitespace or control characters,
    at most MAX_URL_CHARS long; None otherwise."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS or _URL_UNSAFE.search(url):
        return None
    try:
        parsed = urlsplit(url)
    except ValueError:
        return None
    return url if parsed.scheme.lower() in {"http", "https"} and parsed.hostname else None


def _attribute(value: str) -> str:
    return "".join(c if _URL_KEEP.fullmatch(c) else f"&#{ord(c)};" for c in value)


def _external_link(text: Any, url: str) -> Markup:
    """A link to an article's original: only safe http(s) URLs become links, shown as text otherwise."""
    target = safe_url(url)
    if target is None:
        return escape_text(text)
    return Markup(f'<a href="{_attribute(target)}" rel="nofollow noopener">{escape_text(text)}</a>')


def _anchor(item_id: Any) -> Markup:
    """An empty element a link can point at (#id); ids are generated, never seed text."""
    if not isinstance(item_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9\-]{0,80}", item_id):
        raise ValueError(E030(target=str(item_id)[:80]))
    return Markup(f'<a id="{item_id}"></a>')


def _refresh(target: str) -> Markup:
    """A redirect for browsers (the page's own link is there for everything else); the target is made
    of ids and assumes directory URLs (MkDocs' default, as mkdocs.yml sets)."""
    if not re.fullmatch(r"[a-z0-9./\-]+", target):
        raise ValueError(E030(target=target))
    return Markup(f'<meta http-equiv="refresh" content="0; url={target}">')


def _yaml_text(value: Any) -> str:
    """A YAML double-quoted scalar (JSON's string form is one), one line."""
    import json

    return json.dumps(" ".join(str(value or "").split())[:200], ensure_ascii=False)


def curate_snippet(kind: str, item: dict) -> str:
    """The curation.yml lines an editor pastes to correct this item (each section commented)."""
    i = item["id"]
    lines = [f"# {kind} {i}: keep the lines you need, in seeds/curation.yml", "hide:", f"  {kind}: [{i}]",
             "pin:", f"  {kind}: [{i}]"]
    if kind == "stories":
        lines += ["stories:", "  titles:", f"    {i}: {_yaml_text(item.get('headline') or 'A better headline')}",
                  "  dates:", f"    {i}: {item.get('date', '')}", "  merge:", f"    - {{into: {i}, ids: [OTHER-STORY-ID]}}"]
    elif kind == "quotes":
        lines += ["quotes:", "  speakers:", f"    {i}: {item.get('speaker') or 'ACTOR-ID-OR-NAME'}",
                  "  kinds:", f"    {i}: {item.get('kind', 'direct')}"]
    elif kind == "actors":
        lines += ["actors:", "  rename:", f"    {i}: {_yaml_text(item.get('name'))}", "  merge:",
                  f"    - {{into: {i}, ids: [OTHER-ACTOR-ID]}}", "  split:",
                  f"    - {{id: {i}, aliases: [{_yaml_text((item.get('aliases') or ['A SPELLING'])[0])}]}}"]
    return "\n".join(lines)


def _curate(item: dict, kind: str, enabled: bool) -> Markup:
    """A small "curate" control: the item's id and a ready-to-paste curation.yml snippet (raw HTML,
    every value escaped; one block with no blank line, so Markdown leaves it as it is)."""
    if not enabled:
        return Markup("")
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-]{0,80}", str(item.get("id", ""))):
        raise ValueError(E030(target=str(item.get("id"))[:80]))
    snippet = html.escape(curate_snippet(kind, item)).replace("\n", "&#10;")
    return Markup(f'<details class="curate" data-id="{item["id"]}"><summary>curate · <code>{item["id"]}</code>'
                  f'</summary><pre><code>{snippet}</code></pre></details>')


def _cited(sentence: Any, words: int = 20) -> str:
    """A source sentence shown in place of a headline: quoted, its first words only."""
    parts = str(sentence or "").split()
    return "“" + " ".join(parts[:words]) + ("…" if len(parts) > words else "") + "”"


def _chart(tracked: dict) -> Markup:
    """A tracked figure's small inline SVG chart (charts.py escapes every text it writes)."""
    from generator.site.charts import series_svg

    return Markup(series_svg(list(tracked.get("points", [])), str(tracked.get("measure", ""))))


def make_environment(override: Optional[Path] = None) -> Environment:
    loaders = [FileSystemLoader(str(override))] if override else []
    loaders.append(FileSystemLoader(str(DEFAULT_TEMPLATES)))
    # finalize escapes every printed value for Markdown; autoescape makes macro output Markup, so
    # it is not escaped a second time. Literal template text is never escaped.
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, finalize=escape_text,
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(page_link=_page_link, external_link=_external_link, paragraphs=_paragraphs, anchor=_anchor,
                       unsearched=_unsearched,
                       text=escape_text)
    return env


ALL_ACTOR_PAGES_UP_TO = 100  # articles: a small briefing gives every actor a page


def actor_pages(data: dict) -> set[str]:
    """The actors with a page of their own. In a large briefing, an actor named in one article only,
    never quoted, in no story and not pinned is listed on its kind's page without a page: most of
    the actors of 2,000 articles are such names, and their pages were most of the site."""
    actors = data["actors"]
    if len(data["articles"]) <= ALL_ACTOR_PAGES_UP_TO:
        return {a["id"] for a in actors}
    quoted = {q["speaker"] for q in data["quotes"] if q["speaker"]}
    in_stories = {a for st in data.get("stories", []) if len(st["articles"]) > 1 for a in st["actors"]}
    kept = quoted | in_stories | set(data.get("pinned", {}).get("actors", []))
    return {a["id"] for a in actors if len(a["articles"]) > 1 or a["id"] in kept}


def story_sources(story: dict, events: dict, articles: dict) -> list[dict]:
    """A story's sources, one per article sentence, oldest article first: its events' sources, then
    its undated reports (each marked `undated`: it tells of the story, it does not date it)."""
    seen, found = set(), []
    for source in [s for event_id in story.get("events", []) for s in events.get(event_id, {}).get("sources", [])] \
            + [dict(s, undated=True) for s in story.get("reports", [])]:
        key = (source.get("article", ""), source.get("sentence", ""))
        if key not in seen:
            seen.add(key)
            found.append(source)
    return sorted(found, key=lambda x: (str(articles.get(x.get("article"), {}).get("date", "")),
                                        str(x.get("article", "")), bool(x.get("undated"))))


class _Context:
    """Indexes over the briefing data that several templates need."""

    def __init__(self, data: dict):
        self.data = data
        self.articles = {a["id"]: a for a in data["articles"]}
        self.actors = {a["id"]: a for a in data["actors"]}
        self.quotes_by_speaker: dict[str, list[dict]] = defaultdict(list)
        for q in data["quotes"]:
            self.quotes_by_speaker[q["speaker"] or ""].append(q)
        self.events = {e["id"]: e for e in data["events"]}
        self.stories = data.get("stories", [])
        self.actor_pages = actor_pages(data)
        self.parts = month_parts(self.stories)  # the months whose chronology is split into pages
        self.stories_by_actor: dict[str, list[dict]] = defaultdict(list)
        for st in self.stories:
            for actor in st["actors"]:
                self.stories_by_actor[actor].append(st)
        edition = data.get("edition") or {}
        # "new"/"updated" only against a previous edition: without one, everything would be new
        self.marks: dict[str, str] = {}
        if edition.get("compared"):
            self.marks.update({u["story"]: "updated" for u in edition.get("updated_stories", [])})
            self.marks.update({i: "new" for i in edition.get("new_stories", [])})
            self.marks.update({f"actor:{i}": "new" for i in edition.get("new_actors", [])})

    def reports(self, story: dict) -> list[dict]:
        return story_sources(story, self.events, self.articles)

    def common(self) -> dict:
        return {"briefing": self.data, "articles": self.articles, "actors": self.actors, "reports": self.reports,
                "threshold": FRONT_PAGE_CONFIDENCE, "actor_pages": self.actor_pages, "marks": self.marks,
                "edition": self.data.get("edition") or {"compared": False, "date": self.data.get("updated", "")}}


UNCURATED = (E040, E041, E045)  # the curation file could not be used at all


def _uncurated_banner(data: dict) -> str:
    """A warning for every page when curation.yml could not be read: editors must not miss that their
    corrections are not applied (and readers see the machine's briefing)."""
    broken = [p for p in data.get("curation_problems", []) if str(p).startswith(UNCURATED)]
    if not broken:
        return ""
    return (f'!!! warning "The editors\' corrections are not applied"\n    {escape_text(broken[0])}. '
            "This briefing is shown uncurated until the file is fixed.\n\n")


def _front_matter(text: str) -> tuple[str, str]:
    """(the page's YAML front matter block, or "", the rest)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[:end + 5], text[end + 5:]
    return "", text


def page_salt(data: dict, override: Optional[Path], curate: bool, site_url: str, site_name: str) -> str:
    """What every page may depend on (page_memo.py): the templates, the rendering code, the settings
    and the briefing-wide values templates read besides their own."""
    from importlib import metadata

    templates = [p for folder in (override, DEFAULT_TEMPLATES) if folder and Path(folder).is_dir()
                 for p in Path(folder).iterdir() if p.is_file()]
    code = [p for p in Path(__file__).parent.glob("*.py") if not p.name.startswith("mkdocs_")]  # not the adapter
    code.append(Path(__file__).parent.parent / "__init__.py")
    ctx_parts = month_parts(data.get("stories", []))
    return salt_parts(templates + code, [str(p) for p in templates], curate, site_url, site_name,
                      metadata.version("jinja2"), metadata.version("markupsafe"), FRONT_PAGE_CONFIDENCE, ctx_parts)


def render_tree(data: dict, override: Optional[Path] = None, curate: bool = False, site_url: str = "",
                site_name: str = "", fragments: Optional[YamlFragments] = None,
                memo: Optional[PageMemo] = None, downloads_dir: Optional[Path] = None
                ) -> dict[str, Union[str, Written]]:
    """All pages and downloads, as {relative path: content}, in a stable order. With `curate`, every
    quote, story, actor and figure shows its id and a curation snippet (for editors: `mkdocs serve`).
    `site_url` is the published address feeds and exports link with ("": relative links), `site_name`
    the feeds' title (default: the briefing's title); `fragments`, the YAML of the previous build's items;
    `memo`, the previous build's pages (made with `page_salt` of the same arguments); `downloads_dir`:
    the downloads are written there and the tree holds them as `Written`. The fragments are saved here."""
    env = make_environment(override)
    env.filters["curate"] = lambda item, kind: _curate(item, kind, curate)
    env.filters["chart"] = _chart
    env.filters["cited"] = _cited
    ctx = _Context(data)
    env.globals["chronology_page"] = lambda date: chronology_page(str(date), ctx.parts)
    pinned = data.get("pinned", {})
    home = _home_selection(data, ctx, pinned)
    tree: dict[str, str] = {}

    banner = _uncurated_banner(data)
    memo = memo if memo is not None else PageMemo()
    common = ctx.common()
    # What templates look up is recorded page by page (page_memo.py): an item of an index by its id, a
    # part of the briefing or of the edition by its name (`briefing.figures`: the whole list).
    articles, events = memo.index("articles", ctx.articles), memo.index("events", ctx.events)
    common.update(briefing=memo.index("briefing", data), articles=articles,
                  actors=memo.index("actors", ctx.actors), actor_pages=memo.index("actor_pages", ctx.actor_pages),
                  marks=memo.index("marks", ctx.marks), edition=memo.index("edition", common["edition"]),
                  reports=lambda story: story_sources(story, events, articles))

    def page(path: str, template: str, **values: Any) -> None:
        text = memo.render(path, template, values, lambda: env.get_template(template).render(**common, **values))
        if banner:  # after the front matter and the page's title line, so MkDocs still reads both
            front, body = _front_matter(text)
            head, _, rest = body.lstrip("\n").partition("\n")
            text = front + (f"{head}\n\n{banner}{rest}" if head.startswith("# ") else banner + body)
        tree[path] = text

    # Every index is split so that no page grows with the number of articles: chronology and
    # sources by month, actors by kind (the index shows the most mentioned), quotes a few per
    # speaker with the rest on the speaker's page.
    def pages() -> dict[str, str]:
        """Every page (Jinja) and the search documents, in this process."""
        art = _Pictures(data, ctx)
        page("index.md", "home.md.j2", **home, timeline=art.timeline(0, "timeline-home"))
        months = _by_month(ctx.stories)
        dates = sorted(a["date"] for a in data["articles"])
        first, newest = (dates[0][:7], dates[-1][:7]) if dates else ("", "")
        listed = [(month, days, _key_events(days)) for month, days in months]
        month_pages: dict[str, dict[str, list]] = {}  # month -> its pages (in day order) -> their days
        for month, days in months:
            for date, day_stories in days:
                month_pages.setdefault(month, {}).setdefault(chronology_page(date, ctx.parts), []).append(
                    (date, day_stories))
        page("chronology/index.md", "chronology_index.md.j2", timeline=art.timeline(1, "timeline"),
             month_pages={m: list(p) for m, p in month_pages.items()},
             months=[m for m in reversed(listed) if first <= m[0][:7] <= newest or not dates],
             later=[m for m in listed if dates and m[0][:7] > newest],
             earlier=[m for m in reversed(listed) if dates and m[0][:7] < first])
        linked = _LinkedData(data, ctx, site_url)
        for month, pages in month_pages.items():
            siblings = [(name, page_days(name, ctx.parts)) for name in pages] if len(pages) > 1 else []
            for name, days in pages.items():
                page(f"chronology/{name}.md", "chronology.md.j2", month=month, part=name, siblings=siblings,
                     span=page_days(name, ctx.parts), days=days,
                     jsonld=linked.stories([st for _, day in days for st in day], f"chronology/{name}/"))
        quote_counts = {k: len(v) for k, v in ctx.quotes_by_speaker.items()}

        def _counts_of(group: list[dict]) -> dict[str, int]:  # a page's own: it changes with its actors only
            return {a["id"]: quote_counts[a["id"]] for a in group if a["id"] in quote_counts}
        kinds = _actors_by_kind(data["actors"])
        page("actors/index.md", "actors_index.md.j2", quote_counts=quote_counts,
             network=art.network(1), place_map=art.place_map(1, "map"), unmapped=art.unmapped(),
             kinds=[(kind, sorted(group, key=lambda a: (-len(a["articles"]), a["name"].lower()))[:INDEX_TOP], len(group))
                    for kind, group in kinds])
        for kind, group in kinds:
            letters = _by_initial(group) if len(group) > KIND_PAGE_MAX else []
            shown = sorted(group, key=lambda a: (-len(a["articles"]), a["name"].lower()))[:KIND_TOP] if letters else group
            page(f"actors/kinds/{kind}.md", "actors_kind.md.j2", kind=kind, group=shown, quote_counts=_counts_of(shown),
                 letters=[(letter, len(members)) for letter, members in letters], total=len(group),
                 place_map=art.place_map(2, "map-places") if kind == "place" else Markup(""))
            for letter, members in letters:
                # the initials alone (not their counts), so a new actor redraws its own letter's page only
                page(f"actors/kinds/{kind}-{letter}.md", "actors_letter.md.j2", kind=kind, letter=letter,
                     group=members, quote_counts=_counts_of(members), letters=[x for x, _ in letters])
        for actor in data["actors"]:
            if actor["id"] not in ctx.actor_pages:
                continue
            recent = sorted(actor["articles"], key=lambda i: (ctx.articles[i]["date"], i), reverse=True)
            shown = _distinct_quotes(_newest_quotes(ctx.quotes_by_speaker.get(actor["id"], []), ctx), QUOTES_PER_ACTOR_PAGE)
            page(f"actors/{actor['id']}.md", "actor.md.j2", actor=actor, recent_articles=recent[:ACTOR_ARTICLES],
                 quotes=shown, quote_count=len(ctx.quotes_by_speaker.get(actor["id"], [])),
                 stories=_newest(ctx.stories_by_actor.get(actor["id"], []))[:ACTOR_STORIES],
                 story_count=len(ctx.stories_by_actor.get(actor["id"], [])), ego=art.ego(actor["id"]),
                 jsonld=linked.quotes(shown, f"actors/{actor['id']}/"))
        for old_id, new_id in sorted(data.get("redirects", {}).items()):
            if new_id in ctx.actor_pages and old_id not in ctx.actors:  # a renamed actor's old address leads to it
                page(f"actors/{old_id}.md", "redirect.md.j2", new=new_id, refresh=_refresh(f"../{new_id}/"))
        speakers = sorted(((k, v) for k, v in ctx.quotes_by_speaker.items() if k),
                          key=lambda kv: (-len(kv[1]), ctx.actors[kv[0]]["name"] if kv[0] in ctx.actors else kv[0]))
        quoted = [(k, _distinct_quotes(_best_quotes(v), QUOTES_PER_SPEAKER), len(v)) for k, v in speakers[:SPEAKERS_ON_QUOTES_PAGE]]
        page("quotes.md", "quotes.md.j2", speakers=quoted,
             unattributed=len(ctx.quotes_by_speaker.get("", [])), more_speakers=max(0, len(speakers) - SPEAKERS_ON_QUOTES_PAGE),
             jsonld=linked.quotes([q for _, shown, _ in quoted for q in shown], "quotes/"))
        page("figures.md", "figures.md.j2", shown_figures=sorted(
            data["figures"], key=lambda f: (_neg_date(ctx.articles.get(f["article"], {}).get("date", "")), f["id"]))[:FIGURES_SHOWN])
        by_month: dict[str, list[dict]] = defaultdict(list)
        for article in data["articles"]:
            by_month[article["date"][:7]].append(article)
        page("sources/index.md", "sources_index.md.j2",
             months=[(m, len(by_month[m])) for m in sorted(by_month, reverse=True)])
        for month, articles in by_month.items():
            page(f"sources/months/{month}.md", "sources_month.md.j2", month=month,
                 month_articles=sorted(articles, key=lambda a: (a["date"], a["id"]), reverse=True))
        quotes_by_article: dict[str, list[dict]] = defaultdict(list)
        for q in data["quotes"]:
            quotes_by_article[q["article"]].append(q)
        for article in data["articles"]:
            page(f"sources/{article['id']}.md", "article.md.j2", article=article,
                 quotes=quotes_by_article.get(article["id"], []), jsonld=linked.article(article))
        page("data.md", "data.md.j2")
        page("whats-new.md", "whats_new.md.j2", **_whats_new(ctx))
        # here rather than in the child, which has more to do
        tree[SEARCH_DOCUMENTS] = json.dumps(search_documents(data, ctx.actor_pages, ctx.parts), ensure_ascii=False,
                                            separators=(",", ":"))
        return tree

    used = fragments if fragments is not None else YamlFragments()

    def downloads() -> tuple[dict[str, Union[str, Written]], int, str]:
        """The data files, feeds and exports (in a forked child, beside the pages), written into
        `downloads_dir` when there is one (download_files.py); the YAML fragments saved here too, so
        neither goes back to the build process. Also how many fragments were new, and why they were
        not saved ("" when they were)."""
        from generator.site.downloads import exports, feeds  # they use this module's escaping and links

        def made() -> Iterator[tuple[str, str]]:  # one at a time: written and let go (download_files.py)
            yield "data/briefing.yml", dump_yaml(data, used)
            yield "data/briefing.json", dump_json(data)
            yield "data/briefing.schema.json", schema_text()
            yield "assets/briefing.css", (ASSETS / "briefing.css").read_text(encoding="utf-8")
            yield from feeds(data, ctx.stories_by_actor, ctx.actor_pages, site_url=site_url,
                             site_name=site_name or data.get("title") or "Briefing").items()
            yield from exports(data, site_url=site_url).items()

        out = write_downloads(downloads_dir, made()) if downloads_dir else dict(made())
        try:
            used.save()
            unsaved = ""
        except OSError as exc:  # the next build writes every fragment again, nothing worse
            unsaved = exc.__class__.__name__
        return out, used.written, unsaved

    tree, (files, used.written, used.unsaved) = side_by_side(pages, downloads)
    tree.update(files)
    return tree


PICTURE_CAPTIONS = {
    "timeline": "Reporting by day: each bar is a day (a week on a long span), as high as the articles that "
                "report its stories; the most reported stories are labelled, disputed dates marked. "
                "Each bar links to its day.",
    "network": "Who appears with whom in the stories (solid lines) and who is quoted about whom (dashed), "
               "circles sized by the articles that mention them. Each name links to its page.",
    "ego": "Who {name} appears with in the stories, and is quoted about, most often.",
    "map": "Places in the stories: countries shaded and places circled by the number of stories naming them. "
           "Each links to its page.",
}


class _Pictures:
    """The pages' pictures, each drawn once per briefing (the network is indexed once for every
    actor page); links are made relative to the page depth asked for."""

    def __init__(self, data: dict, ctx: _Context):
        from generator.site.network import ActorNetwork

        self.data, self.ctx = data, ctx
        self.story_dates = {st["id"]: st["date"] for st in ctx.stories}
        self.network_index = ActorNetwork(data)

    def _hrefs(self, depth: int):
        from generator.site.pictures import page_hrefs

        return page_hrefs(depth, self.story_dates, self.ctx.actor_pages, self.ctx.parts)

    def timeline(self, depth: int, uid: str) -> Markup:
        from generator.site.pictures import figure
        from generator.site.timeline import timeline_svg

        return figure(timeline_svg(self.data, self._hrefs(depth), uid=uid), PICTURE_CAPTIONS["timeline"])

    def network(self, depth: int) -> Markup:
        from generator.site.pictures import figure

        return figure(self.network_index.svg(self._hrefs(depth), uid="network"), PICTURE_CAPTIONS["network"])

    def ego(self, actor_id: str) -> Markup:
        from generator.site.pictures import figure

        name = self.ctx.actors[actor_id]["name"]
        return figure(self.network_index.ego_svg(actor_id, self._hrefs(2), uid="ego"),
                      PICTURE_CAPTIONS["ego"].format(name=name))

    def place_map(self, depth: int, uid: str) -> Markup:
        from generator.site.pictures import figure
        from generator.site.placemap import map_svg

        return figure(map_svg(self.data, self._hrefs(depth), uid=uid), PICTURE_CAPTIONS["map"])

    def unmapped(self) -> list[dict]:
        from generator.site.placemap import unmapped_places

        return unmapped_places(self.data)


JSONLD_STORIES = 40  # Event objects on one month page (its most reported stories): the page stays small


class _LinkedData:
    """schema.org JSON-LD for the pages: NewsArticle (sources), Event (stories), Quotation (quotes)."""

    def __init__(self, data: dict, ctx: _Context, site_url: str):
        from generator.site.feeds import BriefingIndex

        self.data, self.ctx, self.site_url = data, ctx, site_url
        self.index = BriefingIndex(data)

    def article(self, article: dict) -> Markup:
        from generator.site.jsonld import news_article, script_block

        own = f"sources/{article['id']}/"
        return Markup(script_block([news_article(article, site_url=self.site_url, own_path=own)]))

    def stories(self, stories: list[dict], own: str) -> Markup:
        from generator.site.jsonld import script_block, story_event

        top = sorted((st for st in stories if st["headline"]), key=lambda st: (-st["outlets"], st["date"], st["id"]))
        return Markup(script_block([story_event(st, self.data, site_url=self.site_url, own_path=own, index=self.index,
                                                actor_pages=self.ctx.actor_pages) for st in top[:JSONLD_STORIES]]))

    def quotes(self, quotes: list[dict], own: str) -> Markup:
        from generator.site.jsonld import quotation, script_block

        return Markup(script_block([quotation(q, self.data, site_url=self.site_url, own_path=own, index=self.index,
                                              actor_pages=self.ctx.actor_pages) for q in quotes]))


def _whats_new(ctx: _Context) -> dict:
    """The new stories (past, headlined, confident and dated to the day first, then the most reported, then the
    newest), the updated ones (most new sources first) and the new actors (most reported first), each bounded."""
    edition = ctx.data.get("edition") or {}
    stories = {st["id"]: st for st in ctx.stories}
    new = sorted((stories[i] for i in edition.get("new_stories", []) if i in stories),
                 key=lambda st: (st["status"] != "past", not st["headline"], not confident(st),
                                 st["precision"] != "day", -st["outlets"], _neg_date(st["date"]), st["id"]))
    updated = [(stories[u["story"]], u["articles"]) for u in edition.get("updated_stories", []) if u["story"] in stories]
    updated.sort(key=lambda su: (-len(su[1]), _neg_date(su[0]["date"]), su[0]["id"]))
    actors = sorted((ctx.actors[i] for i in edition.get("new_actors", []) if i in ctx.actors),
                    key=lambda a: (-len(a["articles"]), a["name"].lower(), a["id"]))
    return {"new_stories": new[:WHATS_NEW_SHOWN], "more_new_stories": max(0, len(new) - WHATS_NEW_SHOWN),
            "updated_stories": updated[:WHATS_NEW_SHOWN], "more_updated_stories": max(0, len(updated) - WHATS_NEW_SHOWN),
            "new_actors": actors[:WHATS_NEW_SHOWN], "more_new_actors": max(0, len(actors) - WHATS_NEW_SHOWN)}


def confident(item: dict) -> bool:
    """An item without a confidence (an editor's, or not calibrated) counts as confident."""
    value = item.get("confidence")
    return value is None or value >= FRONT_PAGE_CONFIDENCE


def names_in(data: dict) -> dict[str, tuple[str, ...]]:
    """Each actor's name and aliases (the forms a headline may name it by)."""
    return {a["id"]: (a["name"], *a.get("aliases", ())) for a in data.get("actors", [])}


def names_an_actor(story: dict, names: dict[str, tuple[str, ...]]) -> bool:
    """Whether its headline names one of its actors: "The petition was put up" or "A former state TV
    journalist was found guilty" tell a reader neither who nor where."""
    headline = story.get("headline", "")
    return any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", headline)
               for a in story.get("actors", ()) for name in names.get(a, ()) if len(name) > 1)


_WORDS = re.compile(r"[^\W\d_]+")  # (a linear scan)


def off_topic(data: dict) -> Callable[[dict], bool]:
    """Whether a one-outlet story of none of the war's own kinds, or a release's readout of any kind, is
    off the war's business: no sentence that reports it has a word of `front_page_topic_words` (stories
    data): a prize, a logo, a board's decision, a meeting with a regional governor. Stories several
    outlets report are never off topic."""
    topic = frozenset(story_settings()["front_page_topic_words"])
    war = frozenset(story_settings()["front_page_kinds"])
    sentences = {e["id"]: [s.get("sentence", "") for s in e.get("sources", ())] for e in data.get("events", [])}
    memo: dict[str, bool] = {}

    def check(st: dict) -> bool:
        if st["outlets"] >= 2 or war & set(st.get("kinds", ())) and st.get("method") != "readout":
            return False
        if st["id"] not in memo:
            told = [s for e in st.get("events", ()) for s in sentences.get(e, ())]
            told += [r.get("sentence", "") for r in st.get("reports", ())]
            memo[st["id"]] = not any(w.lower() in topic for s in told for w in _WORDS.findall(s))
        return memo[st["id"]]
    return check


_MEETING_KINDS = frozenset({"talks", "call"})  # what a release's own meeting is told as


def front_page_stories(data: dict, pinned: dict) -> list[dict]:
    """What happened: past stories with a headline, confident, of the last days before the newest
    article, ranked by distinct outlets, then whether a news outlet (not only a release) reports them,
    then whether they tell of the war's own kinds of happening (stories data), then recency, then how
    much their actors are reported; at most a few a day, a few readouts (a release's own call or
    meeting), a few one-outlet releases of other kinds and some more one-outlet news reports of other
    kinds; pinned stories first, in pin order. Shown
    newest first (pins ahead)."""
    newest = data.get("updated", "")
    since = (dt.date.fromisoformat(newest) - dt.timedelta(days=HOME_DAYS)).isoformat() if newest else ""
    salience = {a["id"]: len(a["articles"]) for a in data["actors"]}
    order = pinned.get("stories", [])
    stories = data.get("stories", [])
    first = sorted((st for st in stories if st["id"] in order), key=lambda st: order.index(st["id"]))
    named = names_in(data)
    elsewhere = off_topic(data)
    usable = [st for st in stories if st["id"] not in order and st["status"] == "past" and not st.get("scheduled")
              and st["headline"] and st["precision"] == "day" and confident(st) and st.get("method") != "ceremonial"
              and names_an_actor(st, named) and not elsewhere(st)]
    recent = [st for st in usable if st["date"] >= since] or usable
    releases = {p.lower() for p in story_settings()["release_publishers"]}
    sources = {a["id"]: a["source"].lower() for a in data["articles"]}

    def only_releases(st: dict) -> bool:  # a news outlet reporting it says it is news; a readout alone less so
        return all(sources.get(a, "") in releases for a in st["articles"])

    def weight(st: dict) -> float:
        """Recency and the salience of its actors together: a story a day older must name actors
        reported more widely to rank above a newer one (half the weight a week)."""
        age = (dt.date.fromisoformat(newest) - dt.date.fromisoformat(st["date"])).days if newest else 0
        named = sum(math.log1p(salience.get(a, 0)) for a in st["actors"][:4])
        return named * 0.5 ** (max(0, age) / HALF_LIFE_DAYS)

    war = frozenset(story_settings()["front_page_kinds"])
    ranked = sorted(recent, key=lambda st: (-st["outlets"], only_releases(st), not war & set(st.get("kinds", ())),
                                            -weight(st), _neg_date(st["date"]), st["id"]))
    per_day: dict[str, int] = defaultdict(int)
    picked, readouts, release_others, news_others = [], 0, 0, 0
    for st in ranked:  # at most a few a day (one busy live blog does not fill the page), a few readouts and
        # a few one-outlet releases of other kinds; a release's own meeting or call ("Zelenskyy met with ...")
        # is a readout whatever its title says, and a news outlet's one-outlet story is news, not "other"
        kinds = set(st.get("kinds", ()))
        readout = st.get("method") == "readout" or (only_releases(st) and bool(kinds) and kinds <= _MEETING_KINDS)
        other = st["outlets"] < 2 and not war & kinds
        release_other = other and only_releases(st)
        if len(picked) < max(0, HOME_LIMITS["stories"] - len(first)) and per_day[st["date"]] < STORIES_PER_DAY \
                and not (readout and readouts >= READOUTS_SHOWN) \
                and not (release_other and release_others >= OTHERS_SHOWN) \
                and not (other and not release_other and news_others >= NEWS_OTHERS_SHOWN):
            picked.append(st)
            per_day[st["date"]] += 1
            readouts += readout
            release_others += release_other
            news_others += other and not release_other
    chosen = sorted(picked, key=lambda st: (_neg_date(st["date"]), st["id"]))
    return first + chosen


_AUXILIARIES = frozenset({"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "has", "have",
                          "had", "so", "far", "now", "also", "reportedly"})


def measure_key(what: str) -> str:
    """The counted thing without tense or filler: "civilians have been killed" and "civilians killed"
    are one measure."""
    return " ".join(sorted({w for w in re.findall(r"[a-z]+", what.lower()) if w not in _AUXILIARIES}))


def distinct_counts(figures: list[dict]) -> list[dict]:
    """The figures, in the order given, with each measure once (the first given): a live blog repeats
    its summary ("5,000 civilians have been killed" twice), and an older count of the same measure
    beside a newer one ("45 children wounded", "64 children wounded") reads as a contradiction."""
    seen: set[str] = set()
    out = []
    for f in figures:
        key = measure_key(f.get("what") or "") or str(f.get("id"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def coming_up(data: dict) -> list[dict]:
    """Scheduled and future stories whose headline names one of their actors: soonest first."""
    newest = data.get("updated", "")
    named = names_in(data)
    ahead = [st for st in data.get("stories", []) if st["headline"] and confident(st) and names_an_actor(st, named)
             and (st["status"] == "coming" or st.get("scheduled") and st["date"] >= newest)]
    return sorted(ahead, key=lambda st: (st["date"], st["id"]))[: HOME_LIMITS["coming"]]


def day_by_day(data: dict) -> list[tuple[str, int, list[dict]]]:
    """The last days with a headlined past story: (day, number of stories, the most reported headlines
    that name one of their actors, the war's own news before other stories, at most one readout and
    one one-outlet story of another kind a day)."""
    war = frozenset(story_settings()["front_page_kinds"])
    named = names_in(data)
    elsewhere = off_topic(data)
    days: dict[str, list[dict]] = defaultdict(list)
    for st in data.get("stories", []):
        if st["status"] == "past" and st["precision"] == "day":
            days[st["date"]].append(st)
    out = []
    for day in sorted(days, reverse=True):  # the last days with a headline to show ("see the day" tells nothing)
        top = sorted((st for st in days[day] if st["headline"] and confident(st) and not st.get("scheduled")
                      and st.get("method") != "ceremonial" and names_an_actor(st, named) and not elsewhere(st)),
                     key=lambda st: (-st["outlets"], st.get("method") == "readout",
                                     not war & set(st.get("kinds", ())), st["id"]))
        picked, readouts, others = [], 0, 0
        for st in top:  # a day's news first, then at most one of its calls or meetings and one other story
            readout = st.get("method") == "readout"
            other = st["outlets"] < 2 and not readout and not war & set(st.get("kinds", ()))
            if len(picked) < HEADLINES_PER_DAY and not (readout and readouts) and not (other and others):
                picked.append(st)
                readouts += readout
                others += other
        if picked:
            out.append((day, len(days[day]), picked))
        if len(out) == HOME_LIMITS["days"]:
            break
    return out


def main_actors(actors: list[dict], quote_counts: dict[str, int], pinned: dict) -> list[dict]:
    """Who is involved: the pinned ones, then people and organisations (places and peoples are the
    setting), most reported first; a platform statements are posted on ("said on Telegram") is a channel."""
    channels = frozenset(story_settings()["front_page_channels"])
    order = pinned.get("actors", [])
    first = sorted((a for a in actors if a["id"] in order), key=lambda a: order.index(a["id"]))
    rest = sorted((a for a in actors if a["id"] not in order and a["name"] not in channels), key=lambda a: (
        a["kind"] not in {"person", "organization"}, -len(a["articles"]), -quote_counts.get(a["id"], 0), a["name"]))
    return (first + rest)[: max(HOME_LIMITS["actors"], len(first))]


def _home_selection(data: dict, ctx: _Context, pinned: dict) -> dict:
    def pick(items: list[dict], kind: str, rank, keep=lambda i: True) -> list[dict]:
        order = pinned.get(kind, [])
        first = sorted((i for i in items if i["id"] in order), key=lambda i: order.index(i["id"]))
        rest = sorted((i for i in items if i["id"] not in order and keep(i)), key=rank)
        return (first + rest)[: max(HOME_LIMITS[kind], len(first))]

    actors = main_actors(data["actors"], {k: len(v) for k, v in ctx.quotes_by_speaker.items()}, pinned)
    # Short, confident quotes of named speakers, one per speaker: six words at least (not a scare quote).
    speakers: set[str] = set()

    def one_each(q: dict) -> bool:
        if q["speaker"] is None or q["speaker"] in speakers or q.get("statement") or not confident(q) \
                or _GLUED.search(q["text"]) \
                or not 6 <= len((q.get("excerpt") or q["text"]).split()) <= 60 or q["kind"] == "indirect":
            return False
        speakers.add(q["speaker"])
        return True

    salience = {a["id"]: len(a["articles"]) for a in data["actors"]}
    newest = data.get("updated", "")
    since = (dt.date.fromisoformat(newest) - dt.timedelta(days=HOME_DAYS)).isoformat() if newest else ""
    ranked_quotes = sorted(data["quotes"], key=lambda q: (
        ctx.articles.get(q["article"], {}).get("date", "") < since,  # of the last days
        _KIND_ORDER[q["kind"]], -min(salience.get(q["speaker"] or "", 0), 40) // 10,  # a main actor's words
        -_substance(q.get("excerpt") or q["text"]), q["id"]))
    quotes = pick([q for q in ranked_quotes if one_each(q)], "quotes", lambda q: 0)
    # A measure of two words or more (not a bare "children"), reported three times at least.
    # ... that says what happened to them ("children killed", not "5 million children" or "different missiles").
    tracked = [t for t in data.get("tracked_figures", []) if len(t["measure"].split()) >= 2
               and len(t["points"]) >= 3 and _WAR_MEASURE.search(t["measure"])
               and _COUNTED_HAPPENING.search(t["measure"])][: HOME_LIMITS["figures"]]
    # Without tracked measures: the war's own counts of the last days (who or what was counted), newest first.
    recent = {a["id"] for a in data["articles"] if a["date"] >= since}
    newest_first = sorted(data["figures"], key=lambda f: (_neg_date(ctx.articles.get(f["article"], {}).get("date", "")),
                                                          f["id"]))
    shown_ids = {f["id"] for f in distinct_counts([f for f in newest_first if confident(f) and f.get("display")
                                                   and f["article"] in recent and _WAR_MEASURE.search(f["what"] or "")
                                                   and _COUNTED_HAPPENING.search(f["what"] or "")])}
    rank = {f["id"]: n for n, f in enumerate(newest_first)}
    figures = [] if tracked else pick(data["figures"], "figures", lambda f: rank[f["id"]],
                                      keep=lambda f: f["id"] in shown_ids)  # pinned ones first, as they are
    dates = sorted(a["date"] for a in data["articles"])
    return {"key_stories": front_page_stories(data, pinned), "coming": coming_up(data), "days": day_by_day(data),
            "main_actors": actors, "notable_quotes": quotes, "key_figures": figures, "tracked": tracked,
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else ""}


_KIND_ORDER = {"direct": 0, "partial": 1, "indirect": 2}
# The measures a war briefing tracks on its front page (the figures page has every series).
# A bare "people killed" lumps unrelated incidents together; the page keeps measures that name who or what.
_WAR_MEASURE = re.compile(r"\b(civilians?|soldiers|troops|servicemen|refugees|displaced|evacuated|prisoners?|"
                          r"children|missiles|drones|tanks)\b", re.I)
_COUNTED_HAPPENING = re.compile(r"\b(killed|dead|died|wounded|injured|hurt|evacuated|fled|displaced|deported|"
                                r"captured|detained|arrested|held|missing|freed|released|exchanged|returned|rescued|"
                                r"fired|launched|shot down|destroyed|damaged|lost|mobili[sz]ed|registered|trapped)\b",
                                re.I)  # what happened to the counted ones: a figure a reader can place
_GLUED = re.compile(r"[a-z][A-Z][a-z]")  # "Gerasimov ValeryChief of the General Staff": a transcript label leaked in
_PLEASANTRIES = re.compile(r"(thank you|good (afternoon|morning|evening)|colleagues|mr\.? president|friends)\b", re.I)


def _substance(text: str) -> int:
    """How much a quote says: names and numbers in it, nothing for a greeting or thanks (capped words)."""
    words = text.split()[:60]
    if _PLEASANTRIES.match(text.strip(" “\"'")):
        return -1
    return sum(1 for w in words[1:] if w[:1].isupper() or any(c.isdigit() for c in w)) + min(len(words), 40) // 10


def _newest_quotes(quotes: list[dict], ctx: "_Context") -> list[dict]:
    return sorted(quotes, key=lambda q: (_neg_date(ctx.articles.get(q["article"], {}).get("date", "")), q["id"]))


NEAR_SAME_QUOTE = 0.8  # share of words in common (Jaccard) above which two quotes read as one


def _distinct_quotes(quotes: Iterable[dict], limit: int) -> list[dict]:
    """The first `limit` quotes in their order with no repeat: a daily round-up tells the same words
    again each day ("... as the victim of aggression", "... as victim of aggression"), and a page that
    shows them twice wastes a reader's time. The first of each is kept (its article is still listed)."""
    kept: list[dict] = []
    words: list[frozenset[str]] = []
    for quote in quotes:
        if len(kept) >= limit:
            break
        these = frozenset(_WORD.findall(quote["text"].lower()))
        if any(len(these & w) >= NEAR_SAME_QUOTE * len(these | w) for w in words if these | w):
            continue
        kept.append(quote)
        words.append(these)
    return kept


_WORD = re.compile(r"\w+")


def _best_quotes(quotes: list[dict]) -> list[dict]:
    """Direct quotes first, then longer ones: the words most worth reading."""
    return sorted(quotes, key=lambda q: (_KIND_ORDER[q["kind"]], -len(q["text"]), q["id"]))


def _key_events(days: list[tuple[str, list[dict]]]) -> list[dict]:
    """The month's most reported stories, those with a headline first, in date order."""
    stories = [st for _, day_stories in days for st in day_stories]  # headlined first; a month without any
    top = sorted(stories, key=lambda st: (not st["headline"], -st["outlets"], -len(st["articles"]), st["date"], st["id"]))
    return sorted(top[:KEY_EVENTS_PER_MONTH], key=lambda st: (st["date"], st["id"]))


def _newest(stories: list[dict]) -> list[dict]:
    return sorted(stories, key=lambda st: (_neg_date(st["date"]), st["id"]))


def _neg_date(value: str) -> str:
    """Sort key for newest first on ISO date strings."""
    return "".join(chr(0x10FFFF - ord(c)) for c in value.ljust(10, "9"))


def _by_month(stories: Iterable[dict]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Chronological order, oldest first: [(YYYY-MM or YYYY, [(date, stories)])]; within a day,
    pinned stories first, then the most reported, then those with a headline."""
    months: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for st in sorted(stories, key=lambda st: (st["date"], not st.get("pinned"), -st["outlets"], not st["headline"],
                                             st["id"])):
        months[st["date"][:7]][st["date"]].append(st)
    return [(m, sorted(days.items())) for m, days in sorted(months.items())]


def _initial(name: str) -> str:
    """The letter a name is listed under: a-z (accents dropped), "other" for anything else."""
    first = unicodedata.normalize("NFKD", name.strip()[:1].casefold())[:1]
    return first if "a" <= first <= "z" else "other"


def _by_initial(group: list[dict]) -> list[tuple[str, list[dict]]]:
    """A kind's actors by initial, in alphabetical order (a new actor changes one letter's page only)."""
    letters: dict[str, list[dict]] = defaultdict(list)
    for a in group:
        letters[_initial(a["name"])].append(a)
    return sorted(letters.items(), key=lambda item: (item[0] == "other", item[0]))


def _actors_by_kind(actors: list[dict]) -> list[tuple[str, list[dict]]]:
    order = ["person", "organization", "place", "group"]
    groups = {k: sorted((a for a in actors if a["kind"] == k), key=lambda a: a["name"].lower()) for k in order}
    return [(k, groups[k]) for k in order if groups[k]]


def write_tree(tree: dict[str, Union[str, Written]], out: Path) -> None:
    """Write the rendered tree; files that did not change are left untouched (mtime kept).

    Every changed file is first written in full to a staging folder beside `out`, then renamed into
    place: a failure while writing (a full disk) leaves the previous tree as it was."""
    import shutil
    import tempfile

    from generator.fileio import write_atomic

    root = Path(out).resolve()
    for rel in tree:  # page paths come from ids; never let one climb out of `out`
        inside(root, rel)
    texts = ((rel, content.text() if isinstance(content, Written) else content) for rel, content in sorted(tree.items()))
    changed = [(rel, content) for rel, content in texts
               if not ((root / rel).is_file() and (root / rel).read_text(encoding="utf-8") == content)]
    if not changed:
        return
    root.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{root.name}.staging-", dir=root.parent))
    try:
        for rel, content in changed:
            write_atomic(stage / rel, content)
        for rel, _ in changed:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / rel, root / rel)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
