"""Downloads for other tools: a TimelineJS timeline, CSV tables and their Frictionless Data Package.

Like the feeds, every export is made from the briefing data alone (no clock, no build path) and in a
stable order, so the same data gives the same bytes. No article text is exported: the tables hold the
articles' metadata and the sentences that events, quotes and figures cite; a statement (a speech
quoted whole) is exported as its excerpt. CSV text cells that a spreadsheet would run as a formula
are defused with a leading apostrophe (see FORMULA_NOTE).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from generator.site.feeds import (BriefingIndex, actor_path, clean_text, source_path, story_html, story_path,
                                  without_controls)
from generator.site.render import actor_pages as site_actor_pages

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NOTE = ("A text cell that begins with =, +, -, @, a tab or a carriage return starts with an added "
                "apostrophe (') so that no spreadsheet runs it as a formula (a plain number such as -5 is left "
                "as it is): remove that first ' to get the text.")
TIMELINE_GROUPS = 6  # outlets with a row of their own on the timeline; the others share one
SEVERAL_OUTLETS = "Several outlets"
OTHER_OUTLETS = "Other outlets"
HEADLINE_WORDS = 20  # a story without a headline is shown by its first cited sentence, cut to these words
STORY_DATE_PATTERN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")  # what Table Schema's number reads by default
PACKAGE_PROFILE = "tabular-data-package"
RESOURCE_PROFILE = "tabular-data-resource"


# -- TimelineJS ----------------------------------------------------------------------------------

def _first_sentence(story: dict, index: BriefingIndex) -> str:
    reports = index.reports(story)
    return clean_text(reports[0].get("sentence", "")) if reports else ""


def story_title(story: dict, index: BriefingIndex, words: int = HEADLINE_WORDS) -> str:
    """The story's headline; without one, its first cited sentence, quoted and cut to `words` words."""
    if clean_text(story.get("headline")):
        return clean_text(story["headline"])
    parts = _first_sentence(story, index).split()
    if not parts:
        return clean_text(story.get("id"))
    return "“" + " ".join(parts[:words]) + ("…" if len(parts) > words else "") + "”"


def _start_date(date: str) -> dict[str, str]:
    """TimelineJS' date object: numbers as strings without leading zeros; month and day only when known."""
    parts = str(date).split("-")
    keys = ("year", "month", "day")
    return {key: str(int(part)) for key, part in zip(keys, parts[:3]) if part.isdigit()}


def _timeline_groups(stories: list[dict], index: BriefingIndex) -> Callable[[dict], str]:
    """Group = whose account it is: the outlet reporting the story (the TIMELINE_GROUPS outlets with
    the most stories each have a row; the rest share one), or "Several outlets" when more than one does."""
    counts = Counter(outlets[0] for st in stories if len(outlets := index.outlets(st)) == 1)
    rows = {name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TIMELINE_GROUPS]}

    def group(story: dict) -> str:
        outlets = index.outlets(story)
        if len(outlets) > 1:
            return SEVERAL_OUTLETS
        if outlets and outlets[0] in rows:
            return outlets[0]
        return OTHER_OUTLETS
    return group


def timelinejs(data: dict, *, site_url: str, own_path: str) -> dict:
    """Every story as a TimelineJS event, oldest first. TimelineJS shows headline and text as HTML, so
    both are escaped here; links are written for a timeline file at `own_path` (give `site_url` when the
    timeline is shown from another page, as relative links follow the page that embeds it)."""
    index = BriefingIndex(data)
    pages = site_actor_pages(data)
    seen: set[str] = set()
    stories = []
    for story in sorted(data.get("stories", []), key=lambda st: (str(st.get("date", "")), str(st.get("id", "")))):
        if story.get("id") not in seen and _start_date(story.get("date", "")).get("year"):
            seen.add(story["id"])
            stories.append(story)
    group = _timeline_groups(stories, index)
    events = [{"start_date": _start_date(story["date"]),
               "text": {"headline": html.escape(story_title(story, index)),
                        "text": story_html(story, index, site_url=site_url, own_path=own_path, actor_pages=pages)},
               "group": group(story), "unique_id": str(story["id"])} for story in stories]
    first, last = (stories[0]["date"], stories[-1]["date"]) if stories else ("", "")
    about = clean_text(data.get("summary")) or (f"{len(stories)} stories, {first} to {last}" if stories else "")
    return {"title": {"text": {"headline": html.escape(clean_text(data.get("title")) or "Briefing"),
                               "text": f"<p>{html.escape(about)}</p>" if about else ""}},
            "events": events}


# -- CSV tables ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the Table Schema type it has when every value fits; "string" otherwise
    description: str
    value: Callable[[dict], Any]
    constraints: dict = field(default_factory=dict)


def _joined(values: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values or [])


def _statement_safe(quote: dict, key: str) -> Any:
    """A statement's text and sentence are the whole speech: its excerpt stands for both."""
    if not quote.get("statement"):
        return quote.get(key)
    return quote.get("excerpt") or "" if key == "text" else ""


def _story_columns(index: BriefingIndex) -> list[Column]:
    return [
        Column("id", "string", "Stable id of the story (the id of one of its events)", lambda s: s["id"]),
        Column("date", "string", "The date most of its sources give: YYYY-MM-DD, YYYY-MM or YYYY (see precision)",
               lambda s: s.get("date"), {"pattern": STORY_DATE_PATTERN}),
        Column("precision", "string", "How precise the date is: day, month or year", lambda s: s.get("precision"),
               {"enum": ["day", "month", "year"]}),
        Column("headline", "string", "Named subject, verb and object; empty when no source has one",
               lambda s: s.get("headline")),
        Column("status", "string", "past: on or before the newest article; coming: scheduled or later",
               lambda s: s.get("status"), {"enum": ["past", "coming"]}),
        Column("scheduled", "boolean", "Every source reports it before its date: planned, not known to have happened",
               lambda s: s.get("scheduled")),
        Column("disputed", "boolean", "Its sources give different dates (see dates)", lambda s: s.get("disputed")),
        Column("dates", "string", "Each date its sources give, with how many articles give it: '2022-03-01 (2)'",
               lambda s: _joined(f"{d.get('date', '')} ({len(d.get('articles', []))})" for d in s.get("dates", []))),
        Column("outlets", "integer", "Number of distinct publishers reporting it", lambda s: s.get("outlets")),
        Column("first_reported", "date", "Date of the first article that reports it",
               lambda s: s.get("first_reported")),
        Column("last_reported", "date", "Date of the last article that reports it", lambda s: s.get("last_reported")),
        Column("confidence", "number", "How likely the story is a real, correctly dated happening (0-1)",
               lambda s: s.get("confidence"), {"minimum": 0, "maximum": 1}),
        Column("method", "string", "How the headline was found", lambda s: s.get("method")),
        Column("pinned", "boolean", "An editor pinned it", lambda s: s.get("pinned")),
        Column("sentence", "string", "The first sentence its sources cite (oldest article first)",
               lambda s: _first_sentence(s, index)),
        Column("actors", "string", "Ids of its actors (actors.csv), '; '-separated",
               lambda s: _joined(s.get("actors"))),
        Column("articles", "string", "Ids of the articles reporting it (sources.csv), '; '-separated",
               lambda s: _joined(s.get("articles"))),
        Column("events", "string", "Ids of its events, '; '-separated", lambda s: _joined(s.get("events"))),
        Column("page", "string", "Its place on the site, relative to the site's root",
               lambda story: story_path(story, index.parts)),
    ]


def _quote_columns() -> list[Column]:
    return [
        Column("id", "string", "Stable id of the quote", lambda q: q["id"]),
        Column("text", "string", "The quoted words, without quotation marks (a statement: its excerpt)",
               lambda q: _statement_safe(q, "text")),
        Column("kind", "string", "direct, partial or indirect (reported speech)", lambda q: q.get("kind"),
               {"enum": ["direct", "partial", "indirect"]}),
        Column("statement", "boolean", "A speech or address quoted whole: only its excerpt is exported",
               lambda q: q.get("statement", False)),
        Column("speaker", "string", "Actor id of the speaker (actors.csv); empty when not resolved",
               lambda q: q.get("speaker")),
        Column("speaker_name", "string", "The speaker's name as resolved from names, pronouns and titles",
               lambda q: q.get("speaker_name")),
        Column("via", "string", "The agency or outlet that relayed the speaker's words; empty when none is named",
               lambda q: q.get("via", "")),
        Column("method", "string", "The speaker rule that found the speaker", lambda q: q.get("method")),
        Column("confidence", "number", "Share of the gold sets' speakers found by this rule that were right (0-1)",
               lambda q: q.get("confidence"), {"minimum": 0, "maximum": 1}),
        Column("article", "string", "Id of the article quoted (sources.csv)", lambda q: q.get("article")),
        Column("sentence", "string", "The sentence(s) the quote is in; empty for a statement",
               lambda q: _statement_safe(q, "sentence")),
        Column("excerpt", "string", "What the site shows: at most two sentences and about 60 words",
               lambda q: q.get("excerpt")),
        Column("page", "string", "The quote on its source's page, relative to the site's root",
               lambda q: f"{source_path(q['article'])}#{q['id']}" if q.get("article") else ""),
    ]


def _actor_columns(pages: set[str]) -> list[Column]:
    return [
        Column("id", "string", "Stable id of the actor", lambda a: a["id"]),
        Column("name", "string", "Canonical name", lambda a: a.get("name")),
        Column("kind", "string", "person, organization, place or group", lambda a: a.get("kind"),
               {"enum": ["person", "organization", "place", "group"]}),
        Column("role", "string", "What the articles most often call the actor", lambda a: a.get("role")),
        Column("aliases", "string", "Other spellings merged into this actor, '; '-separated",
               lambda a: _joined(a.get("aliases"))),
        Column("article_count", "integer", "Number of articles that mention the actor",
               lambda a: len(a.get("articles", []))),
        Column("articles", "string", "Ids of the articles that mention the actor (sources.csv), '; '-separated",
               lambda a: _joined(a.get("articles"))),
        Column("confidence", "number", "Share of the gold sets' actors found by this method that were right (0-1)",
               lambda a: a.get("confidence"), {"minimum": 0, "maximum": 1}),
        Column("page", "string", "The actor's page, relative to the site's root; empty when it has none",
               lambda a: actor_path(a["id"]) if a["id"] in pages else ""),
    ]


def _figure_columns() -> list[Column]:
    return [
        Column("id", "string", "Stable id of the figure", lambda f: f["id"]),
        Column("value", "number", "The number, in digits", lambda f: f.get("value")),
        Column("display", "string", "The number as the article writes it ('2 million', '$500bn')",
               lambda f: f.get("display")),
        Column("unit", "string", "Currency code or unit; empty for a count", lambda f: f.get("unit")),
        Column("what", "string", "What was counted or measured", lambda f: f.get("what")),
        Column("reported_by", "string", "Who gave the figure, when the sentence says so",
               lambda f: f.get("reported_by")),
        Column("method", "string", "The rule that found the figure", lambda f: f.get("method")),
        Column("confidence", "number", "Share of the gold sets' figures found by this rule that were right (0-1)",
               lambda f: f.get("confidence"), {"minimum": 0, "maximum": 1}),
        Column("article", "string", "Id of the article (sources.csv)", lambda f: f.get("article")),
        Column("sentence", "string", "The sentence the figure is in", lambda f: f.get("sentence")),
    ]


def _source_columns() -> list[Column]:
    return [
        Column("id", "string", "Stable id of the article (from its seed file's name)", lambda a: a["id"]),
        Column("title", "string", "The article's title", lambda a: a.get("title")),
        Column("date", "date", "Publication date", lambda a: a.get("date")),
        Column("source", "string", "Publisher; empty when unknown", lambda a: a.get("source")),
        Column("url", "string", "The original article's address; empty when unknown", lambda a: a.get("url")),
        Column("license", "string", "The licence the seed declares for the article (SPDX id or text)",
               lambda a: a.get("license")),
        Column("file", "string", "Seed file, relative to the seeds folder", lambda a: a.get("file")),
        Column("page", "string", "The article's page on the site, relative to the site's root",
               lambda a: source_path(a["id"])),
    ]


TABLE_DESCRIPTIONS = {
    "stories": "One row per story: a happening reported by one or more sources, oldest first.",
    "quotes": "One row per quote, with its speaker and the sentence it is cited from.",
    "actors": "One row per actor (person, organization, place or group) named in the articles.",
    "figures": "One row per figure (a count or amount) found in the articles, with its sentence.",
    "sources": "One row per article: its metadata only (the text is not exported).",
}


def _columns(data: dict) -> dict[str, tuple[list[Column], list[dict]]]:
    """Each table's columns and rows, in the order they are written."""
    index = BriefingIndex(data)

    def by_id(item: dict) -> str:
        return str(item.get("id", ""))

    return {
        "stories": (_story_columns(index), sorted(data.get("stories", []), key=lambda s: (str(s.get("date", "")),
                                                                                            by_id(s)))),
        "quotes": (_quote_columns(), sorted(data.get("quotes", []), key=by_id)),
        "actors": (_actor_columns(site_actor_pages(data)), sorted(data.get("actors", []), key=by_id)),
        "figures": (_figure_columns(), sorted(data.get("figures", []), key=by_id)),
        "sources": (_source_columns(), sorted(data.get("articles", []), key=lambda a: (str(a.get("date", "")),
                                                                                      by_id(a)))),
    }


def defuse_formula(text: str) -> str:
    """A text a spreadsheet would run as a formula, with a leading apostrophe (FORMULA_NOTE); a plain
    number ("-5") is a value, not a formula, and stays as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text) else text


def cell(value: Any) -> str:
    """One CSV cell: booleans as true/false, numbers as Python writes them, lists '; '-joined, missing as
    empty; every text without control characters, its line breaks as "\n" (a lone carriage return
    would end a row for a reader but not for the writer), and defused (defuse_formula)."""
    if type(value) is str:  # most cells: the same steps as below, without the type tests
        text = without_controls(value)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "'" + text if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text) else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, (list, tuple)):
        value = _joined(value)
    return defuse_formula(without_controls(str(value)).replace("\r\n", "\n").replace("\r", "\n"))


def csv_cells(data: dict) -> dict[str, tuple[list[str], list[list[str]]]]:
    """{file name: (header, rows of cells)}: what csv_tables writes, for datapackage to describe
    without reading the text back (that took half of its second at 2,000 articles)."""
    return {f"{name}.csv": ([c.name for c in columns], [[cell(c.value(row)) for c in columns] for row in rows])
            for name, (columns, rows) in _columns(data).items()}


def csv_tables(data: dict, cells: Optional[dict[str, tuple[list[str], list[list[str]]]]] = None) -> dict[str, str]:
    """{file name: CSV text} for stories, quotes, actors, figures and sources: a header row, then one
    row per item in a stable order; "\\n" line endings; write them as UTF-8. `cells`: csv_cells(data)."""
    tables = {}
    for name, (header, rows) in (cells if cells is not None else csv_cells(data)).items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        tables[name] = out.getvalue()
    return tables


# -- Data Package --------------------------------------------------------------------------------

FOREIGN_KEYS = [("quotes", "article", "sources"), ("quotes", "speaker", "actors"), ("figures", "article", "sources")]
_INTEGER = re.compile(r"-?[0-9]+")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NAME = re.compile(r"[^a-z0-9._-]+")


def _fits(value: str, kind: str) -> bool:
    """Whether a non-empty cell reads as a value of Table Schema type `kind` (default formats)."""
    if kind == "integer":
        return bool(_INTEGER.fullmatch(value))
    if kind == "number":
        return bool(_NUMBER.fullmatch(value))
    if kind == "boolean":
        return value in {"true", "false"}
    if kind == "date":
        try:
            return bool(_ISO_DAY.fullmatch(value)) and dt.date.fromisoformat(value) is not None
        except ValueError:
            return False
    return True


def _holds(values: list[str], kind: str, constraint: str, rule: Any) -> bool:
    if constraint == "enum":
        return all(v in rule for v in values)
    if constraint == "pattern":
        return all(re.fullmatch(rule, v) for v in values)
    if constraint in {"minimum", "maximum"} and kind in {"integer", "number"}:
        return all((float(v) >= rule) if constraint == "minimum" else (float(v) <= rule) for v in values)
    return False


def _field(column: Column, values: list[str]) -> dict:
    """The column's Table Schema field: its type and constraints only where every value fits them."""
    present = [v for v in values if v != ""]
    kind = column.type if all(_fits(v, column.type) for v in present) else "string"
    description = column.description + (" " + FORMULA_NOTE if kind == "string" else "")
    result: dict[str, Any] = {"name": column.name, "type": kind, "description": description}
    constraints = {k: rule for k, rule in column.constraints.items() if _holds(present, kind, k, rule)}
    if constraints:
        result["constraints"] = constraints
    return result


def _read(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return (rows[0], rows[1:]) if rows else ([], [])


def _licenses(data: dict) -> Optional[list[dict]]:
    """The briefing's own licence when its data names one (an id such as "CC-BY-4.0", or Data Package
    licence objects); None otherwise: the articles' own licences are in sources.csv."""
    given = data.get("license")
    if isinstance(given, str) and re.fullmatch(r"[-a-zA-Z0-9._]+", given.strip()):
        return [{"name": given.strip()}]
    if isinstance(given, dict) and (given.get("name") or given.get("path")):
        return [given]
    if isinstance(given, list) and given and all(isinstance(g, dict) and (g.get("name") or g.get("path"))
                                                 for g in given):
        return list(given)
    return None


def datapackage(data: dict, tables: dict[str, str],
                cells: Optional[dict[str, tuple[list[str], list[list[str]]]]] = None) -> dict:
    """A Frictionless (tabular) Data Package descriptor of `tables` (what csv_tables gives), to be
    written as datapackage.json beside them: each field typed where every value fits the type, `id` the
    primary key where ids are unique, foreign keys where every value resolves, sizes and hashes."""
    specs = {name: columns for name, (columns, _) in _columns(data).items()}
    # the cells the tables were written from (a CSV reader gives them back unchanged), else read back
    parsed = {name.removesuffix(".csv"): cells[name] if cells is not None and name in cells else _read(text)
              for name, text in tables.items()}
    ids = {name: [row[header.index("id")] for row in rows] for name, (header, rows) in parsed.items() if "id" in header}
    resources = []
    for file_name, text in tables.items():
        name = file_name.removesuffix(".csv")
        header, rows = parsed[name]
        by_name = {c.name: c for c in specs.get(name, [])}
        fields = [_field(by_name.get(col) or Column(col, "string", col, lambda _: None),
                         [row[i] if i < len(row) else "" for row in rows]) for i, col in enumerate(header)]
        schema: dict[str, Any] = {"fields": fields}
        if name in ids and "" not in ids[name] and len(set(ids[name])) == len(ids[name]):
            schema["primaryKey"] = ["id"]
        keys = []
        for table, column, target in FOREIGN_KEYS:
            if table != name or column not in header or target not in ids:
                continue
            values = {row[header.index(column)] for row in rows} - {""}
            if values <= set(ids[target]):
                keys.append({"fields": [column], "reference": {"resource": target, "fields": ["id"]}})
        if keys:
            schema["foreignKeys"] = keys
        encoded = text.encode("utf-8")
        resources.append({"name": name, "path": file_name, "profile": RESOURCE_PROFILE,
                          "title": name.capitalize(), "description": TABLE_DESCRIPTIONS.get(name, ""),
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "bytes": len(encoded), "hash": "sha256:" + hashlib.sha256(encoded).hexdigest(),
                          "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"',
                                      "doubleQuote": True, "header": True},
                          "schema": schema})
    title = clean_text(data.get("title")) or "Briefing"
    package: dict[str, Any] = {
        "profile": PACKAGE_PROFILE,
        "name": _NAME.sub("-", title.lower()).strip("-._") or "briefing",
        "title": title,
        "description": " ".join(filter(None, [
            clean_text(data.get("summary")),
            f"The briefing's stories, quotes, actors and figures, and the articles they come from"
            f"{', up to ' + data['updated'] if data.get('updated') else ''}. Article texts are not included: "
            "only the sentences the briefing cites. Lists in a cell are '; '-separated.", FORMULA_NOTE])),
    }
    licenses = _licenses(data)
    if licenses:
        package["licenses"] = licenses
    outlets = sorted({clean_text(a.get("source")) for a in data.get("articles", [])} - {""})
    if outlets:
        package["sources"] = [{"title": outlet} for outlet in outlets]
    package["resources"] = resources
    return package
