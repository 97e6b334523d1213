"""The typed records that flow through the pipeline.

seeds -> Article -> ArticleExtraction (per article, cacheable) -> Briefing (merged, curated)
Every extracted item keeps its provenance: the article id and the source sentence.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional

from generator.briefing.schema import INTERNAL, describe
from generator.errors import E199, printable

ACTOR_KINDS = ("person", "organization", "place", "group")
QUOTE_KINDS = ("direct", "partial", "indirect")
PRECISIONS = ("day", "month", "year")
# How an event's headline was found: an editor's title, a named actor as subject, a noun phrase ("the
# talks"), a pronoun or relative resolved to its actor, a courtesy or routine statement ("X thanked Y"),
# or a subject a reader cannot use (a pronoun, I/we, a bare "the country", none).
HEADLINE_FORMS = ("editor", "named", "noun", "resolved", "ceremonial", "pronoun", "first-person", "vague", "none")
STORY_STATUS = ("past", "coming")


@dataclass(frozen=True)
class Article:
    """One seed file, parsed. `id` is stable: derived from the file name, not its position."""

    PUBLISHED: ClassVar = ("id", "file", "title", "date", "source", "url", "license", "body", "excerpts",
                           "first_seen")

    id: str = field(metadata=describe("Stable id derived from the file name", pattern="^[a-z0-9-]+$"))
    file: str = field(metadata=describe("Seed path relative to the seeds folder (POSIX separators)"))
    title: str
    date: dt.date
    source: str = field(metadata=describe("Publisher: front matter 'source' or the URL's site; '' when unknown"))
    url: str = field(metadata=describe("'' when unknown"))
    # LF line endings, as written (typography is normalised later, for NLP only)
    body: str = field(metadata=describe("The article text as read from the seed; left out when its licence "
                                        "does not allow republishing it", key="text", optional=True,
                                        omit_empty=True))
    encoding: str = field(default="utf-8", metadata=INTERNAL)
    license: str = field(default="", metadata=describe("The licence the seed declares (SPDX id or text)",
                                                       optional=True, omit_empty=True))
    publish_text: Optional[bool] = field(default=None, metadata=INTERNAL)  # None: the site's default decides
    excerpts: tuple[str, ...] = field(default=(), metadata=describe(
        "The sentences the briefing cites, in text order, in place of a text that may not be republished",
        optional=True, omit_empty=True))
    first_seen: str = field(default="", metadata=describe(
        "Date of the first edition that had it (an edition is dated by its newest article)", optional=True,
        omit_empty=True, pattern="^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))


@dataclass(frozen=True)
class SeedProblem:
    """A seed that could not be read, or was read with a caveat (`fatal` False)."""

    PUBLISHED: ClassVar = ("file", "code", "reason", "fatal")

    file: str = field(metadata=describe("Relative to the seeds folder"))
    reason: str
    code: str = field(default=E199, metadata=describe("Error code (see the README's table)"))
    fatal: bool = field(default=True, metadata=describe("Whether the seed was refused"))

    def message(self, seeds_label: str = "seeds") -> str:
        """One log line: a file name's newlines or terminal escapes cannot forge another."""
        return printable(f"{seeds_label}/{self.file}: {self.reason}")


@dataclass(frozen=True)
class Mention:
    """An actor mention inside one article, before merging across articles."""

    key: str  # canonical name inside the article
    name: str
    kind: str
    forms: tuple[str, ...]
    roles: tuple[str, ...] = ()  # what the article calls the actor ("President of Ukraine"), in text order
    method: str = ""  # how the mention was found (see briefing/confidence.py)


@dataclass(frozen=True)
class Quote:
    PUBLISHED: ClassVar = ("id", "text", "kind", "speaker", "speaker_name", "via", "method", "confidence", "article",
                           "sentence", "excerpt", "statement", "passages", "first_seen")

    id: str
    text: str = field(metadata=describe("The quoted words, without quotation marks"))
    kind: str = field(metadata=describe(enum=list(QUOTE_KINDS)))
    speaker_name: Optional[str] = field(metadata=describe("Speaker's name, resolved from pronouns and titles"))
    article: str
    sentence: str = field(metadata=describe("The source sentence(s)"))
    speaker: Optional[str] = field(default=None, metadata=describe("Actor id of the speaker (filled when merged)"))
    method: str = field(default="", metadata=describe(
        "How the speaker was found: the speaker rule's name ('' when no speaker was found)", optional=True))
    confidence: Optional[float] = field(default=None, metadata=describe(
        "Share of the gold sets' speakers found by this method that were right (0-1)", optional=True,
        minimum=0, maximum=1))
    excerpt: str = field(default="", metadata=describe(
        "What a page shows: at most two sentences and about 60 words of the quote", optional=True))
    statement: bool = field(default=False, metadata=describe(
        "A speech, address or transcript: shown as one statement with its key passages", optional=True))
    passages: tuple[str, ...] = field(default=(), metadata=describe(
        "A statement's key passages, each at most two sentences", optional=True, omit_empty=True))
    first_seen: str = field(default="", metadata=describe(
        "Date of the first edition that had it (an edition is dated by its newest article)", optional=True,
        omit_empty=True, pattern="^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))
    via: str = field(default="", metadata=describe(
        "The agency or outlet that relayed the speaker's words ('X said, Tass reported'; 'according to "
        "Reuters, X said')", optional=True, omit_empty=True))


@dataclass(frozen=True)
class EventSource:
    article: str
    sentence: str
    date_text: str = field(metadata=describe("The phrase the date was resolved from ('' for the article's own date)"))


@dataclass(frozen=True)
class Event:
    PUBLISHED: ClassVar = ("id", "date", "precision", "title", "headline", "form", "scheduled", "actors",
                           "sources")

    id: str
    date: str = field(metadata=describe("YYYY-MM-DD, YYYY-MM or YYYY", pattern="^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))
    precision: str = field(metadata=describe(enum=list(PRECISIONS)))
    title: str
    actor_names: tuple[str, ...] = field(metadata=INTERNAL)
    sources: tuple[EventSource, ...] = field(metadata=describe(minItems=1))
    actors: tuple[str, ...] = field(default=(), metadata=describe("Actor ids (filled when merged)"))
    # what happened, synonyms folded: used to merge reports
    keywords: tuple[str, ...] = field(default=(), metadata=INTERNAL)
    headline: str = field(default="", metadata=describe(
        "A headline candidate: named subject, verb and object, at most 16 words ('' when the clause has none)",
        optional=True))
    form: str = field(default="", metadata=describe(
        "How the headline's subject was found", optional=True, enum=["", *HEADLINE_FORMS]))
    scheduled: bool = field(default=False, metadata=describe(
        "Every source reports it as still to come (dated after the article)", optional=True))
    terms: tuple[str, ...] = field(default=(), metadata=INTERNAL)  # the sentence's content lemmas, for stories
    # the kinds of happening its verb, subject and object name (talks, attack ...); None: not worked out
    kinds: Optional[tuple[str, ...]] = field(default=None, metadata=INTERNAL)


@dataclass(frozen=True)
class Figure:
    PUBLISHED: ClassVar = ("id", "value", "display", "unit", "what", "reported_by", "method", "confidence",
                           "article", "sentence", "first_seen")

    id: str
    value: str = field(metadata=describe("The number, in digits"))
    number: Optional[float] = field(metadata=INTERNAL)
    what: str = field(metadata=describe("What the number counts"))
    reported_by: Optional[str] = field(metadata=describe("Who gave the number", optional=True))
    article: str
    sentence: str
    display: str = field(default="", metadata=describe(
        "The number as a newspaper writes it: '$500bn', '2 million', '500,000'", optional=True))
    unit: str = field(default="", metadata=describe(
        "Currency code or unit ('USD', 'GBP', '%', 'km'); '' for a count", optional=True))
    method: str = field(default="", metadata=describe("How the figure was found", optional=True))
    confidence: Optional[float] = field(default=None, metadata=describe(
        "Share of the gold sets' figures found by this method that were right (0-1)", optional=True,
        minimum=0, maximum=1))
    first_seen: str = field(default="", metadata=describe(
        "Date of the first edition that had it (an edition is dated by its newest article)", optional=True,
        omit_empty=True, pattern="^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))


@dataclass(frozen=True)
class SeriesPoint:
    figure: str = field(metadata=describe("Figure id"))
    date: str = field(metadata=describe("The article's date (YYYY-MM-DD)"))
    value: str
    display: str
    article: str
    reported_by: Optional[str] = field(default=None, metadata=describe(optional=True))


@dataclass(frozen=True)
class TrackedFigure:
    """The same measure reported over time ("civilians killed"): every source's value, never averaged."""

    id: str
    measure: str = field(metadata=describe("What is counted, as a noun phrase"))
    unit: str = field(default="", metadata=describe(optional=True))
    points: tuple[SeriesPoint, ...] = field(default=(), metadata=describe("Oldest first", minItems=2))
    conflicting: bool = field(default=False, metadata=describe(
        "Two sources give different values on the same day", optional=True))


@dataclass(frozen=True)
class StoryDate:
    date: str
    articles: tuple[str, ...] = field(metadata=describe("Ids of the articles that give this date"))


@dataclass(frozen=True)
class FigureClaim:
    display: str = field(metadata=describe("The value as a newspaper writes it"))
    articles: tuple[str, ...] = field(metadata=describe("Ids of the articles that give it"))


@dataclass(frozen=True)
class DisputedFigure:
    """One measure of a story that its outlets give different values for."""

    measure: str = field(metadata=describe("What is counted, as the first source writes it"))
    unit: str = field(metadata=describe(optional=True))
    claims: tuple[FigureClaim, ...] = field(metadata=describe("Each value with its articles, most given first",
                                                              minItems=2))


@dataclass(frozen=True)
class Story:
    """One happening, reported by one or more sources: a group of events."""

    id: str = field(metadata=describe("Stable: an id of one of its events (a curated one when curated)"))
    date: str = field(metadata=describe("The date most of its sources give",
                                        pattern="^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))
    precision: str = field(metadata=describe(enum=list(PRECISIONS)))
    headline: str = field(metadata=describe("Named subject, verb and object; '' when no source has one"))
    status: str = field(metadata=describe("past: on or before the newest article; coming: scheduled or later",
                                          enum=list(STORY_STATUS)))
    events: tuple[str, ...] = field(metadata=describe("Ids of its events", minItems=1))
    articles: tuple[str, ...] = field(metadata=describe("Ids of the articles that report it"))
    outlets: int = field(metadata=describe("Number of distinct publishers (near-duplicate copies count once)"))
    actors: tuple[str, ...] = field(default=(), metadata=describe("Actor ids"))
    first_reported: str = field(default="", metadata=describe("Date of the first article that reports it"))
    last_reported: str = field(default="", metadata=describe("Date of the last article that reports it"))
    disputed: bool = field(default=False, metadata=describe("Its sources give different dates", optional=True))
    scheduled: bool = field(default=False, metadata=describe(
        "Every source reports it before its date: planned, not known to have happened", optional=True))
    dates: tuple[StoryDate, ...] = field(default=(), metadata=describe(
        "Each date its sources give, with the articles giving it (more than one when disputed)"))
    method: str = field(default="", metadata=describe("How the headline was found", optional=True))
    confidence: Optional[float] = field(default=None, metadata=describe(
        "How likely the story is a real, correctly dated happening (0-1)", optional=True, minimum=0, maximum=1))
    pinned: bool = field(default=False, metadata=describe("An editor pinned it", optional=True, omit_empty=True))
    first_seen: str = field(default="", metadata=describe(
        "Date of the first edition that had it (an edition is dated by its newest article)", optional=True,
        omit_empty=True, pattern="^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))
    reports: tuple[EventSource, ...] = field(default=(), metadata=describe(
        "Sentences that tell of it without a date of their own (they count as its reports, never date it)",
        optional=True, omit_empty=True))
    disputed_figures: tuple[DisputedFigure, ...] = field(default=(), metadata=describe(
        "Measures its outlets give different values for (each value kept, never averaged)",
        optional=True, omit_empty=True))
    kinds: tuple[str, ...] = field(default=(), metadata=describe(
        "The kinds of happening its events tell of (attack, talks, call, capture ...)", optional=True,
        omit_empty=True))


@dataclass(frozen=True)
class ExcludedEvent:
    """An extracted date that cannot be a happening of the story: kept out, with the reason."""

    id: str
    date: str
    article: str
    sentence: str
    reason: str


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article: the unit of the per-article cache."""

    article: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    # Undated sentences that tell of a happening: they join the story of a dated event, never start one.
    reports: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Actor:
    id: str
    name: str = field(metadata=describe("Canonical name"))
    kind: str = field(metadata=describe(enum=list(ACTOR_KINDS)))
    aliases: tuple[str, ...] = field(metadata=describe("Other spellings and forms merged into this actor"))
    articles: tuple[str, ...] = field(metadata=describe("Ids of the articles that mention the actor"))
    role: str = field(default="", metadata=describe(
        "What the articles most often call the actor ('President of Ukraine')", optional=True))
    method: str = field(default="", metadata=describe("How the actor was found", optional=True))
    confidence: Optional[float] = field(default=None, metadata=describe(
        "Share of the gold sets' actors found by this method that were right (0-1)", optional=True,
        minimum=0, maximum=1))
    first_seen: str = field(default="", metadata=describe(
        "Date of the first edition that had it (an edition is dated by its newest article)", optional=True,
        omit_empty=True, pattern="^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))


@dataclass(frozen=True)
class StoryUpdate:
    story: str = field(metadata=describe("Story id"))
    articles: tuple[str, ...] = field(metadata=describe("Ids of its articles the previous edition did not have"))


@dataclass(frozen=True)
class FigureChange:
    """A tracked measure whose latest value differs from the previous edition's."""

    measure: str
    old: str = field(metadata=describe("The previous edition's latest value, as written"))
    old_date: str
    old_article: str = field(metadata=describe("The article that gave the old value"))
    new: str = field(metadata=describe("This edition's latest value, as written"))
    new_date: str
    new_article: str = field(metadata=describe("The article that gives the new value"))
    tracked: str = field(default="", metadata=describe("Tracked figure id in this edition", optional=True))


@dataclass(frozen=True)
class Edition:
    """What this edition adds to the previous one (its briefing.json): the "What's new" page."""

    date: str = field(default="", metadata=describe("This edition's date: its newest article's", optional=True))
    previous: str = field(default="", metadata=describe(
        "The previous edition's date; '' when there was none to compare with", optional=True))
    compared: bool = field(default=False, metadata=describe("Whether a previous edition was read", optional=True))
    new_stories: tuple[str, ...] = field(default=(), metadata=describe("Story ids", optional=True))
    updated_stories: tuple[StoryUpdate, ...] = field(default=(), metadata=describe(
        "Stories with sources the previous edition did not have", optional=True))
    new_actors: tuple[str, ...] = field(default=(), metadata=describe("Actor ids", optional=True))
    new_articles: tuple[str, ...] = field(default=(), metadata=describe("Article ids", optional=True))
    changed_figures: tuple[FigureChange, ...] = field(default=(), metadata=describe(optional=True))


@dataclass(frozen=True)
class GeneratorInfo:
    """What made the briefing."""

    version: str = ""
    model: str = field(default="", metadata=describe("The spaCy pipeline"))


@dataclass
class Briefing:
    """The merged, curated briefing: what the YAML file holds and the templates render."""

    PUBLISHED: ClassVar = ("title", "summary", "updated", "generator", "articles", "actors", "quotes", "stories",
                           "events", "excluded_events", "figures", "tracked_figures", "pinned", "redirects",
                           "problems", "curation_problems", "edition")

    title: str = field(metadata=describe(optional=True))
    summary: str = field(metadata=describe(optional=True))
    # newest article date: reproducible, unlike the clock
    updated: str = field(metadata=describe("Date of the newest article (YYYY-MM-DD)", optional=True))
    articles: list[Article]
    actors: list[Actor]
    quotes: list[Quote]
    events: list[Event]
    figures: list[Figure]
    reports: list[Event] = field(default_factory=list, metadata=INTERNAL)  # undated: joined to stories
    stories: list[Story] = field(default_factory=list, metadata=describe(
        "Events grouped by happening, newest first", optional=True))
    excluded_events: list[ExcludedEvent] = field(default_factory=list, metadata=describe(
        "Dates that cannot be happenings (more than a year after their article, before 1900)", optional=True))
    tracked_figures: list[TrackedFigure] = field(default_factory=list, metadata=describe(
        "Measures reported over time", optional=True))
    pinned: dict[str, list[str]] = field(default_factory=dict, metadata=describe(
        "Ids shown first, by kind (events, quotes ...)", optional=True))
    redirects: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Old actor id -> new id, for actors an editor renamed (their old pages redirect)", optional=True))
    problems: list[SeedProblem] = field(default_factory=list, metadata=describe(
        "Seeds that could not be read, or were read with a caveat", optional=True))
    curation_problems: list[str] = field(default_factory=list, metadata=describe(
        "Entries of curation.yml that matched nothing or did not fit", optional=True))
    generator: GeneratorInfo = field(default_factory=GeneratorInfo, metadata=describe(optional=True))
    edition: Edition = field(default_factory=Edition, metadata=describe(
        "What is new since the previous edition", optional=True))


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
        mentions=tuple(Mention(m["key"], m["name"], m["kind"], tuple(m["forms"]), tuple(m.get("roles", ())),
                               m.get("method", "")) for m in data["mentions"]),
        quotes=tuple(Quote(**{**q, "passages": tuple(q.get("passages", ()))}) for q in data["quotes"]),
        events=tuple(_event_from_plain(e) for e in data["events"]),
        figures=tuple(Figure(**f) for f in data["figures"]),
        reports=tuple(_event_from_plain(e) for e in data.get("reports", ())),
    )


def _event_from_plain(e: dict) -> Event:
    return Event(
        id=e["id"],
        date=e["date"],
        precision=e["precision"],
        title=e["title"],
        actor_names=tuple(e["actor_names"]),
        sources=tuple(EventSource(**s) for s in e["sources"]),
        actors=tuple(e["actors"]),
        keywords=tuple(e.get("keywords", ())),
        headline=e.get("headline", ""),
        form=e.get("form", ""),
        scheduled=e.get("scheduled", False),
        terms=tuple(e.get("terms", ())),
        kinds=None if e.get("kinds") is None else tuple(e["kinds"]),
    )
