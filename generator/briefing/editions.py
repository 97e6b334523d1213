"""Compare this edition of the briefing with the previous one: what is new, what has new sources.

An edition is dated by its newest article (like `updated`: reproducible, never the clock). The previous
edition is the briefing.json the live site published (the publish workflow fetches it before building;
nothing is written into the repository). It is foreign input: only ids, dates and short values are
read from it, each checked for its type and length, and a malformed entry is skipped.

Items are matched by id. A story is matched by its id or by any event it shares with a previous story
(a story's id can move to another of its events when a new report joins it); it is *updated* when it
has articles the matched stories did not have. An actor renamed by an editor is matched through
`redirects`. Every item carries `first_seen`: the previous edition's value, or this edition's date.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Optional

from generator.briefing.records import Briefing, Edition, FigureChange, StoryUpdate
from generator.errors import E022

MAX_PREVIOUS_BYTES = 512 * 1024 * 1024  # a previous edition larger than this is not read
MAX_VALUE_CHARS = 200  # ids, dates and figure values read from the previous edition


class PreviousEditionError(ValueError):
    """E022: the previous edition's file could not be read as a briefing."""


def load_previous(path: Path) -> dict:
    """The previous edition's briefing.json as plain data; PreviousEditionError when it cannot be used."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PREVIOUS_BYTES:
            raise PreviousEditionError(E022(path=path, problem=f"larger than {MAX_PREVIOUS_BYTES} bytes"))
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        if isinstance(exc, PreviousEditionError):
            raise
        raise PreviousEditionError(E022(path=path, problem=str(exc).splitlines()[0][:200] if str(exc) else
                                        type(exc).__name__)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise PreviousEditionError(E022(path=path, problem="not a briefing (no 'articles' list)"))
    return data


def _text(value: Any) -> str:
    return value if isinstance(value, str) and len(value) <= MAX_VALUE_CHARS else ""


def _strings(value: Any) -> list[str]:
    return [v for v in value if _text(v)] if isinstance(value, list) else []


def _items(previous: dict, key: str) -> list[dict]:
    value = previous.get(key)
    return [item for item in value if isinstance(item, dict) and _text(item.get("id"))] if isinstance(value, list) \
        else []


class _Previous:
    """Indexes over the previous edition, built from checked values only."""

    def __init__(self, previous: dict):
        self.date = _text(previous.get("updated"))
        self.first_seen: dict[tuple[str, str], str] = {}
        for key in ("articles", "actors", "quotes", "figures", "stories"):
            for item in _items(previous, key):
                self.first_seen[(key, item["id"])] = _text(item.get("first_seen")) or self.date
        self.stories = {s["id"]: s for s in _items(previous, "stories")}
        self.story_of_event: dict[str, str] = {}
        for story in self.stories.values():
            for event in _strings(story.get("events")):
                self.story_of_event.setdefault(event, story["id"])
        self.tracked: dict[str, dict] = {}
        for tracked in _items(previous, "tracked_figures"):
            points = [p for p in tracked.get("points", []) if isinstance(p, dict)] \
                if isinstance(tracked.get("points"), list) else []
            measure = _text(tracked.get("measure")).lower()
            if measure and points:
                self.tracked[measure] = points[-1]

    def seen(self, key: str, item_id: str) -> Optional[str]:
        return self.first_seen.get((key, item_id))

    def matching_stories(self, story_id: str, events: tuple[str, ...]) -> list[dict]:
        ids = ([story_id] if story_id in self.stories else []) + [self.story_of_event[e] for e in events
                                                                  if e in self.story_of_event]
        return [self.stories[i] for i in dict.fromkeys(ids)]


def mark_edition(briefing: Briefing, previous: Optional[dict]) -> Briefing:
    """`briefing` with `first_seen` on its articles, actors, quotes, figures and stories, and `edition`
    saying what is new since `previous` (None: no previous edition, so nothing is marked new)."""
    date = briefing.updated or ""
    if previous is None:
        def stamp(items: list) -> list:
            return [dataclasses.replace(i, first_seen=date) for i in items]

        return dataclasses.replace(
            briefing, articles=stamp(briefing.articles), actors=stamp(briefing.actors), quotes=stamp(briefing.quotes),
            figures=stamp(briefing.figures), stories=stamp(briefing.stories), edition=Edition(date=date))
    before = _Previous(previous)

    def stamped(key: str, items: list, other_ids=lambda item: ()) -> tuple[list, list[str]]:
        out, new = [], []
        for item in items:
            seen = [s for i in (item.id, *other_ids(item)) if (s := before.seen(key, i)) is not None]
            if not seen:
                new.append(item.id)
            out.append(dataclasses.replace(item, first_seen=min(seen) if seen else date))
        return out, new

    old_ids: dict[str, list[str]] = {}
    for old, new in briefing.redirects.items():  # an actor renamed since: matched under its old id
        old_ids.setdefault(new, []).append(old)
    articles, new_articles = stamped("articles", briefing.articles)
    actors, new_actors = stamped("actors", briefing.actors, lambda a: old_ids.get(a.id, ()))
    quotes, _ = stamped("quotes", briefing.quotes)
    figures, _ = stamped("figures", briefing.figures)
    stories, new_stories, updated = [], [], []
    for story in briefing.stories:
        matches = before.matching_stories(story.id, story.events)
        if not matches:
            new_stories.append(story.id)
            stories.append(dataclasses.replace(story, first_seen=date))
            continue
        reported = {a for m in matches for a in _strings(m.get("articles"))}
        added = tuple(a for a in story.articles if a not in reported)
        if added:
            updated.append(StoryUpdate(story=story.id, articles=added))
        first = min(before.seen("stories", m["id"]) or before.date for m in matches)
        stories.append(dataclasses.replace(story, first_seen=first))
    edition = Edition(date=date, previous=before.date, compared=True, new_stories=tuple(new_stories),
                      updated_stories=tuple(updated), new_actors=tuple(new_actors),
                      new_articles=tuple(new_articles), changed_figures=_changed_figures(briefing, before))
    return dataclasses.replace(briefing, articles=articles, actors=actors, quotes=quotes, figures=figures,
                               stories=stories, edition=edition)


def _changed_figures(briefing: Briefing, before: _Previous) -> tuple[FigureChange, ...]:
    """Tracked measures whose latest value differs from the previous edition's latest value."""
    changes = []
    for tracked in briefing.tracked_figures:
        old = before.tracked.get(tracked.measure.lower())
        if old is None or not tracked.points:
            continue
        latest = tracked.points[-1]
        old_value = _text(old.get("display")) or _text(old.get("value"))
        new_value = latest.display or latest.value
        if _text(old.get("value")) != latest.value and old_value:
            changes.append(FigureChange(measure=tracked.measure, old=old_value, old_date=_text(old.get("date")),
                                        old_article=_text(old.get("article")), new=new_value, new_date=latest.date,
                                        new_article=latest.article, tracked=tracked.id))
    return tuple(changes)
