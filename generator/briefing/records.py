"""The typed records that flow through the pipeline.

seeds -> Article -> ArticleExtraction (per article, cacheable) -> Briefing (merged, curated)
Every extracted item keeps its provenance: the article id and the source sentence.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

ACTOR_KINDS = ("person", "organization", "place", "group")


@dataclass(frozen=True)
class Article:
    """One seed file, parsed. `id` is stable: derived from the file name, not its position."""

    id: str
    file: str  # path relative to the seeds folder, POSIX separators
    title: str
    date: dt.date
    source: str  # e.g. "huffpost.com"; "" when unknown
    url: str  # "" when unknown
    body: str  # LF line endings, as written (typography is normalised later, for NLP only)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class SeedProblem:
    """A seed that could not be read, or was read with a caveat (`fatal` False)."""

    file: str  # relative to the seeds folder
    reason: str
    code: str = "E000"
    fatal: bool = True

    def message(self, seeds_label: str = "seeds") -> str:
        return f"{seeds_label}/{self.file}: {self.reason}"


@dataclass(frozen=True)
class Mention:
    """An actor mention inside one article, before merging across articles."""

    key: str  # canonical name inside the article
    name: str
    kind: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    kind: str  # direct | partial | indirect
    speaker_name: Optional[str]  # canonical name of the speaker, resolved from pronouns/titles
    article: str
    sentence: str
    speaker: Optional[str] = None  # actor id, filled when merged into the briefing


@dataclass(frozen=True)
class EventSource:
    article: str
    sentence: str
    date_text: str


@dataclass(frozen=True)
class Event:
    id: str
    date: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str
    title: str
    actor_names: tuple[str, ...]
    sources: tuple[EventSource, ...]
    actors: tuple[str, ...] = ()  # actor ids, filled when merged
    keywords: tuple[str, ...] = ()  # what happened, synonyms folded: used to merge reports


@dataclass(frozen=True)
class Figure:
    id: str
    value: str
    number: Optional[float]
    what: str
    reported_by: Optional[str]
    article: str
    sentence: str


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article: the unit of the per-article cache."""

    article: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass
class Briefing:
    """The merged, curated briefing: what the YAML file holds and the templates render."""

    title: str
    summary: str
    updated: str  # YYYY-MM-DD: newest article date (reproducible, unlike the clock)
    articles: list[Article]
    actors: list[Actor]
    quotes: list[Quote]
    events: list[Event]
    figures: list[Figure]
    pinned: dict[str, list[str]] = field(default_factory=dict)
    problems: list[SeedProblem] = field(default_factory=list)
    curation_problems: list[str] = field(default_factory=list)


def unique_by_id(items: list) -> list:
    """The first item of each id, in order (the same quote may be found by two rules)."""
    seen: set[str] = set()
    return [item for item in items if not (item.id in seen or seen.add(item.id))]


def to_plain(obj: Any) -> Any:
    """Dataclasses/tuples/dates -> plain dicts/lists/strings, for YAML/JSON and the cache."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def extraction_from_plain(data: dict) -> ArticleExtraction:
    """Inverse of to_plain for an ArticleExtraction (used by the cache)."""
    return ArticleExtraction(
        article=data["article"],
        mentions=tuple(Mention(m["key"], m["name"], m["kind"], tuple(m["forms"])) for m in data["mentions"]),
        quotes=tuple(Quote(**q) for q in data["quotes"]),
        events=tuple(
            Event(
                id=e["id"],
                date=e["date"],
                precision=e["precision"],
                title=e["title"],
                actor_names=tuple(e["actor_names"]),
                sources=tuple(EventSource(**s) for s in e["sources"]),
                actors=tuple(e["actors"]),
                keywords=tuple(e.get("keywords", ())),
            )
            for e in data["events"]
        ),
        figures=tuple(Figure(**f) for f in data["figures"]),
    )
