"""Editors' curation, applied to the merged briefing on every build.

The curation file (seeds/curation.yml) is only ever read: the generator never writes it. Entries
name items by their stable ids; an entry that matches nothing is reported by name (a warning, an
error in strict mode), never dropped silently. See README.md for the format.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any

from dataclasses import dataclass, field
from typing import Optional, Union

import yaml

from generator.briefing.records import ACTOR_KINDS, QUOTE_KINDS, Actor, Briefing, Event, EventSource, Story, StoryDate
from generator.briefing.schema import TooLarge, describe, load_yaml_with_nodes, validate, without
from generator.errors import E040, E041, E042, E043, E044, E045
from generator.nlp.actors import slug as actors_slug

KINDS = ("actors", "quotes", "events", "figures")  # what hide/pin name before the story stage
STORY_KINDS = ("stories",)  # ... and after it (apply_story_curation)


# The shape of curation.yml (curation.schema.json is generated from it). Every section may be left out.
def _ids(doc: str) -> list[str]:
    return field(default_factory=list, metadata=describe(doc, optional=True))


@dataclass(frozen=True)
class ActorMerge:
    into: str = field(metadata=describe("The actor id that stays"))
    ids: list[str] = field(metadata=describe("Actor ids folded into it"))


@dataclass(frozen=True)
class ActorSplit:
    id: str = field(metadata=describe("The actor the machine merged wrongly"))
    aliases: list[str] = field(metadata=describe("The spellings that belong to another actor", minItems=1))
    name: str = field(default="", metadata=describe("That actor's name (default: the first alias)", optional=True))
    kind: str = field(default="", metadata=describe("Its kind (default: the actor's)", optional=True,
                                                    enum=["", *ACTOR_KINDS]))


@dataclass(frozen=True)
class ActorCuration:
    merge: list[ActorMerge] = field(default_factory=list, metadata=describe(
        "Fold actors the machine kept apart", optional=True))
    split: list[ActorSplit] = field(default_factory=list, metadata=describe(
        "Take spellings out of an actor into an actor of their own", optional=True))
    rename: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Actor id -> name; the actor's id and page follow the new name, its old page redirects there",
        optional=True, additionalProperties={"type": "string", "pattern": "\\S"}))
    aliases: dict[str, Union[str, list[str]]] = field(default_factory=dict, metadata=describe(
        "Actor id -> more spellings", optional=True))
    kinds: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Actor id -> kind", optional=True, additionalProperties={"enum": list(ACTOR_KINDS), "type": "string"}))


@dataclass(frozen=True)
class ItemIds:
    actors: list[str] = _ids("Actor ids")
    quotes: list[str] = _ids("Quote ids")
    events: list[str] = _ids("Event ids (an event's id also names its story)")
    figures: list[str] = _ids("Figure ids")
    stories: list[str] = _ids("Story ids, or the id of any of a story's events")


@dataclass(frozen=True)
class AddedEventSource:
    article: str = field(metadata=describe("The article id the event comes from"))
    sentence: str = field(default="", metadata=describe(optional=True))
    date_text: str = field(default="", metadata=describe(optional=True))


@dataclass(frozen=True)
class AddedEvent:
    date: str = field(metadata=describe("YYYY-MM-DD, YYYY-MM or YYYY", pattern="^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))
    title: str = field(metadata=describe(minLength=1))
    source: AddedEventSource
    actors: list[str] = _ids("Actor ids")


@dataclass(frozen=True)
class EventCuration:
    titles: dict[str, str] = field(default_factory=dict, metadata=describe("Event id -> title", optional=True))
    add: list[AddedEvent] = field(default_factory=list, metadata=describe(
        "Events the articles imply but the machine missed", optional=True))


@dataclass(frozen=True)
class QuoteCuration:
    speakers: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Quote id -> its speaker: an actor id, or a name", optional=True,
        additionalProperties={"type": "string", "pattern": "\\S"}))
    kinds: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Quote id -> kind", optional=True, additionalProperties={"type": "string", "enum": list(QUOTE_KINDS)}))


@dataclass(frozen=True)
class StoryMerge:
    into: str = field(metadata=describe("The story id that stays"))
    ids: list[str] = field(metadata=describe("Story ids folded into it"))


@dataclass(frozen=True)
class StoryCuration:
    titles: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Story id -> headline", optional=True, additionalProperties={"type": "string", "pattern": "\\S"}))
    dates: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Story id -> date (YYYY-MM-DD, YYYY-MM or YYYY)", optional=True,
        additionalProperties={"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}))
    merge: list[StoryMerge] = field(default_factory=list, metadata=describe(
        "Fold stories the machine kept apart", optional=True))


@dataclass(frozen=True)
class Curation:
    title: str = field(default="", metadata=describe("The briefing's title", optional=True))
    summary: str = field(default="", metadata=describe("One paragraph under the title", optional=True))
    actors: Optional[ActorCuration] = field(default=None, metadata=describe(optional=True))
    hide: Optional[ItemIds] = field(default=None, metadata=describe("Items to leave out, by id", optional=True))
    events: Optional[EventCuration] = field(default=None, metadata=describe(optional=True))
    stories: Optional[StoryCuration] = field(default=None, metadata=describe(optional=True))
    quotes: Optional[QuoteCuration] = field(default=None, metadata=describe(optional=True))
    pin: Optional[ItemIds] = field(default=None, metadata=describe("Items shown first, by id", optional=True))


KNOWN_KEYS = {f.name for f in dataclasses.fields(Curation)}


class CurationError(ValueError):
    """E040: the curation file cannot be read at all."""


MAX_CURATION_BYTES = 1_000_000  # a year of heavy curation is a few hundred kB


def _check_file(path: Path) -> None:
    """Refuse what no editor's curation file is: a link out of its folder, a non-file, a huge file."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.parent.resolve()):
            raise CurationError(E045(file=path.name, problem="a symbolic link leading outside its folder"))
    if not path.is_file():
        raise CurationError(E045(file=path.name, problem="not a regular file"))
    size = path.stat().st_size
    if size > MAX_CURATION_BYTES:
        raise CurationError(E045(file=path.name, problem=f"larger than the {MAX_CURATION_BYTES // 1_000_000} MB limit"))


def curation_schema() -> dict:
    from generator.briefing.schema import json_schema

    return json_schema(Curation)


def load_curation(path: Path, problems: Optional[list[str]] = None) -> dict:
    """The curation file's entries that fit its schema. Each entry that does not fit is reported in
    `problems` (file, line, field, what was expected) and skipped; the rest still applies."""
    if not path.exists() and not path.is_symlink():
        return {}
    _check_file(path)
    try:
        data, node = load_yaml_with_nodes(path.read_text(encoding="utf-8-sig"))
    except TooLarge as exc:
        raise CurationError(E045(file=path.name, problem=str(exc))) from exc
    except OSError as exc:
        raise CurationError(E045(file=path.name, problem=f"cannot be read ({exc.strerror or exc})")) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path.name  # line:column
        raise CurationError(E040(where=where, reason=str(exc).splitlines()[0])) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CurationError(E041(file=path.name, sections=", ".join(sorted(KNOWN_KEYS))))
    violations = validate(data, curation_schema(), node)
    if problems is not None:
        problems.extend(E042(problem=v.describe(path.name)) for v in violations)
    return without(data, violations)


def apply_curation(briefing: Briefing, curation: dict, label: str = "curation.yml") -> Briefing:
    """Return the briefing with the editors' decisions applied; problems go to curation_problems."""
    problems: list[str] = []
    for key in sorted(set(curation) - KNOWN_KEYS):
        problems.append(E044(where=f"{label}: {key}", problem="unknown section"))
    b = dataclasses.replace(briefing, actors=list(briefing.actors), quotes=list(briefing.quotes),
                            events=list(briefing.events), figures=list(briefing.figures))
    b.title = str(curation.get("title") or b.title or "Briefing")
    b.summary = str(curation.get("summary") or b.summary or "")

    actors_cfg = _mapping(curation.get("actors"), f"{label}: actors", problems)
    _merge_actors(b, actors_cfg.get("merge") or [], label, problems)
    _split_actors(b, actors_cfg.get("split") or [], label, problems)
    actor_ids = {a.id for a in b.actors}
    for section, field in (("kinds", "kind"), ("aliases", "aliases")):
        for actor_id, value in _mapping(actors_cfg.get(section), f"{label}: actors.{section}", problems).items():
            if actor_id not in actor_ids:
                problems.append(E043(file=label, section=f"actors.{section}", kind="actor", id=actor_id))
                continue
            if field == "kind" and value not in ACTOR_KINDS:
                problems.append(E044(where=f"{label}: actors.kinds", problem=f"'{value}' is not {'/'.join(ACTOR_KINDS)}"))
                continue
            b.actors = [_update_actor(a, field, value) if a.id == actor_id else a for a in b.actors]
    _rename_actors(b, _mapping(actors_cfg.get("rename"), f"{label}: actors.rename", problems), label, problems)
    _correct_quotes(b, _mapping(curation.get("quotes"), f"{label}: quotes", problems), label, problems)

    events_cfg = _mapping(curation.get("events"), f"{label}: events", problems)
    event_ids = {e.id for e in b.events}
    for event_id, title in _mapping(events_cfg.get("titles"), f"{label}: events.titles", problems).items():
        if event_id not in event_ids:
            problems.append(E043(file=label, section="events.titles", kind="event", id=event_id))
        b.events = [dataclasses.replace(e, title=str(title), headline=" ".join(str(title).split()), form="editor")
                    if e.id == event_id else e for e in b.events]
    for n, entry in enumerate(events_cfg.get("add") or [], start=1):
        event = _added_event(entry, n, label, problems, {a.id for a in b.articles})
        if event is not None:
            b.events.append(event)
    b.events.sort(key=lambda e: (e.date, e.id), reverse=True)

    hide = _mapping(curation.get("hide"), f"{label}: hide", problems)
    for key in sorted(set(hide) - set(KINDS) - set(STORY_KINDS)):
        problems.append(E044(where=f"{label}: hide.{key}", problem=f"unknown kind (one of {', '.join(KINDS + STORY_KINDS)})"))
    for kind in KINDS:
        wanted = {b.redirects.get(i, i) if kind == "actors" else i
                  for i in _id_list(hide.get(kind), f"{label}: hide.{kind}", problems)}
        items = getattr(b, kind)
        for missing in sorted(wanted - {i.id for i in items}):
            problems.append(E043(file=label, section=f"hide.{kind}", kind=kind[:-1], id=missing))
        setattr(b, kind, [i for i in items if i.id not in wanted])
    hidden_actors = {b.redirects.get(i, i) for i in _id_list(hide.get("actors"), "", [])}
    if hidden_actors:
        b.quotes = [dataclasses.replace(q, speaker=None) if q.speaker in hidden_actors else q for q in b.quotes]
        b.events = [dataclasses.replace(e, actors=tuple(a for a in e.actors if a not in hidden_actors))
                    for e in b.events]

    pin = _mapping(curation.get("pin"), f"{label}: pin", problems)
    b.pinned = {}
    for kind in KINDS:
        ids = [b.redirects.get(i, i) if kind == "actors" else i for i in _id_list(pin.get(kind), f"{label}: pin.{kind}", problems)]
        present = {i.id for i in getattr(b, kind)}
        for missing in [i for i in ids if i not in present]:
            problems.append(E043(file=label, section=f"pin.{kind}", kind=kind[:-1], id=missing))
        if ids:
            b.pinned[kind] = [i for i in ids if i in present]
    b.curation_problems = problems
    return b


def curated_story_ids(curation: dict) -> set[str]:
    """Every id the curation names for a story: a story keeps the id an editor used for it."""
    stories = curation.get("stories") if isinstance(curation.get("stories"), dict) else {}
    named: set[str] = set()
    for section in ("titles", "dates"):
        if isinstance(stories.get(section), dict):
            named.update(str(k) for k in stories[section])
    for entry in stories.get("merge") or [] if isinstance(stories.get("merge") or [], list) else []:
        if isinstance(entry, dict):
            named.add(str(entry.get("into", "")))
            named.update(str(i) for i in entry.get("ids") or [] if isinstance(entry.get("ids"), list))
    for section in ("hide", "pin"):
        chosen = curation.get(section) if isinstance(curation.get(section), dict) else {}
        for kind in ("stories", "events"):
            if isinstance(chosen.get(kind), list):
                named.update(str(i) for i in chosen[kind])
    events = curation.get("events") if isinstance(curation.get("events"), dict) else {}
    if isinstance(events.get("titles"), dict):
        named.update(str(k) for k in events["titles"])
    return named


def apply_story_curation(briefing: Briefing, curation: dict, label: str = "curation.yml",
                         count_outlets: Callable[[Sequence[str]], int] = len) -> Briefing:
    """The editors' decisions on stories, after the story stage: headlines, dates, merges, hidden and
    pinned stories. A story is named by its id or the id of any of its events."""
    problems = list(briefing.curation_problems)
    b = dataclasses.replace(briefing, stories=list(briefing.stories), pinned=dict(briefing.pinned))

    def find(item_id: str) -> Optional[int]:
        return next((n for n, st in enumerate(b.stories) if st.id == item_id or item_id in st.events), None)

    cfg = _mapping(curation.get("stories"), f"{label}: stories", problems)
    for entry in cfg.get("merge") or []:
        if not isinstance(entry, dict) or "into" not in entry:
            problems.append(E044(where=f"{label}: stories.merge", problem="each entry needs 'into' and 'ids'"))
            continue
        into = find(str(entry["into"]))
        if into is None:
            problems.append(E043(file=label, section="stories.merge", kind="story", id=entry["into"]))
            continue
        for other_id in _id_list(entry.get("ids"), f"{label}: stories.merge.ids", problems):
            other = find(other_id)
            if other is None:
                problems.append(E043(file=label, section="stories.merge", kind="story", id=other_id))
                continue
            if other == into:
                problems.append(E044(where=f"{label}: stories.merge", problem=f"'{other_id}' cannot be merged into itself"))
                continue
            b.stories[into] = _merged_story(b.stories[into], b.stories[other], count_outlets)
            b.stories[other] = None  # type: ignore[call-overload]
        b.stories = [st for st in b.stories if st is not None]
    for item_id, headline in _mapping(cfg.get("titles"), f"{label}: stories.titles", problems).items():
        n = find(item_id)
        if n is None:
            problems.append(E043(file=label, section="stories.titles", kind="story", id=item_id))
            continue
        b.stories[n] = dataclasses.replace(b.stories[n], headline=" ".join(str(headline).split()), method="editor")
    for item_id, date in _mapping(cfg.get("dates"), f"{label}: stories.dates", problems).items():
        n = find(item_id)
        date = date.isoformat() if isinstance(date, dt.date) else str(date)
        if n is None:
            problems.append(E043(file=label, section="stories.dates", kind="story", id=item_id))
            continue
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) or not _real_date(date):
            problems.append(E044(where=f"{label}: stories.dates", problem=f"date '{date[:40]}' is not YYYY-MM-DD, YYYY-MM or YYYY"))
            continue
        newest = b.updated
        b.stories[n] = dataclasses.replace(
            b.stories[n], date=date, precision={10: "day", 7: "month", 4: "year"}[len(date)],
            status="coming" if newest and date > newest[:len(date)] else "past", disputed=False, scheduled=False)

    hide = _mapping(curation.get("hide"), f"{label}: hide", problems)
    hidden = set()
    for item_id in _id_list(hide.get("stories"), f"{label}: hide.stories", problems):
        n = find(item_id)
        if n is None:
            problems.append(E043(file=label, section="hide.stories", kind="story", id=item_id))
        else:
            hidden.add(b.stories[n].id)
    b.stories = [st for st in b.stories if st.id not in hidden]

    pin = _mapping(curation.get("pin"), f"{label}: pin", problems)
    order: list[str] = []
    for item_id in _id_list(pin.get("stories"), f"{label}: pin.stories", problems) + b.pinned.get("events", []):
        n = find(item_id)
        if n is None:
            problems.append(E043(file=label, section="pin.stories", kind="story", id=item_id))
        elif b.stories[n].id not in order:
            order.append(b.stories[n].id)
    b.stories = [dataclasses.replace(st, pinned=True) if st.id in order else st for st in b.stories]
    b.stories.sort(key=lambda st: (st.date, st.id), reverse=True)
    if order:
        b.pinned["stories"] = order
    b.curation_problems = problems
    return b


def _merged_story(keep: Story, other: Story, count_outlets: Callable[[Sequence[str]], int]) -> Story:
    """Two stories as one: the kept story's id, headline and date; the sources of both."""
    articles = tuple(dict.fromkeys(keep.articles + other.articles))
    dates: dict[str, set[str]] = {d.date: set(d.articles) for d in keep.dates}
    for d in other.dates:
        dates.setdefault(d.date, set()).update(d.articles)
    disputed = sum(len(d) == 10 for d in dates) > 1
    reported = [x for x in (keep.first_reported, other.first_reported) if x]
    return dataclasses.replace(
        keep, events=tuple(sorted(set(keep.events) | set(other.events))), articles=articles,
        actors=tuple(dict.fromkeys(keep.actors + other.actors)), outlets=count_outlets(articles),
        first_reported=min(reported) if reported else "", last_reported=max(keep.last_reported, other.last_reported),
        disputed=disputed, dates=tuple(StoryDate(date=d, articles=tuple(sorted(a))) for d, a in sorted(dates.items())),
        reports=tuple(dict.fromkeys(keep.reports + other.reports)),
        disputed_figures=tuple(dict.fromkeys(keep.disputed_figures + other.disputed_figures)),
        kinds=tuple(sorted(set(keep.kinds) | set(other.kinds))))


def _mapping(value: Any, where: str, problems: list[str]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(E044(where=where, problem="must be a mapping"))
        return {}
    return {str(k): v for k, v in value.items()}


def _id_list(value: Any, where: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(E044(where=where, problem="must be a list of ids"))
        return []
    return [str(v) for v in value]


def _update_actor(actor: Actor, field: str, value: Any) -> Actor:
    if field == "aliases":
        extra = [str(v) for v in (value if isinstance(value, list) else [value])]
        return dataclasses.replace(actor, aliases=tuple(sorted(set(actor.aliases) | set(extra))))
    return dataclasses.replace(actor, **{field: str(value)})


def _merge_actors(b: Briefing, merges: Any, label: str, problems: list[str]) -> None:
    """`- {into: id, ids: [id, ...]}`: fold actors the machine kept apart into one."""
    if not isinstance(merges, list):
        problems.append(E044(where=f"{label}: actors.merge", problem="must be a list of {into, ids}"))
        return
    for entry in merges:
        if not isinstance(entry, dict) or "into" not in entry:
            problems.append(E044(where=f"{label}: actors.merge", problem=f"entry {str(entry)[:60]!r} needs 'into' and 'ids'"))
            continue
        by_id = {a.id: a for a in b.actors}
        target = by_id.get(str(entry["into"]))
        if target is None:
            problems.append(E043(file=label, section="actors.merge", kind="actor", id=entry["into"]))
            continue
        for other_id in _id_list(entry.get("ids"), f"{label}: actors.merge.ids", problems):
            if other_id == target.id:  # merging an actor into itself would delete it
                problems.append(E044(where=f"{label}: actors.merge", problem=f"'{other_id}' cannot be merged into itself"))
                continue
            other = by_id.get(other_id)
            if other is None:
                problems.append(E043(file=label, section="actors.merge", kind="actor", id=other_id))
                continue
            target = dataclasses.replace(
                target, aliases=tuple(sorted((set(target.aliases) | set(other.aliases) | {other.name}) - {target.name})),
                articles=tuple(sorted(set(target.articles) | set(other.articles))))
            b.actors = [a for a in b.actors if a.id != other_id]
            b.quotes = [dataclasses.replace(q, speaker=target.id, speaker_name=target.name)
                        if q.speaker == other_id else q for q in b.quotes]
            b.events = [dataclasses.replace(e, actors=tuple(dict.fromkeys(target.id if a == other_id else a
                                                                          for a in e.actors)))
                        for e in b.events]
        b.actors = [target if a.id == target.id else a for a in b.actors]


def _split_actors(b: Briefing, splits: Any, label: str, problems: list[str]) -> None:
    """`- {id, aliases, name?, kind?}`: spellings the machine merged into the wrong actor get an actor of
    their own; the quotes, events and articles whose sentences or text use those spellings follow them."""
    if not isinstance(splits, list):
        problems.append(E044(where=f"{label}: actors.split", problem="must be a list of {id, aliases}"))
        return
    for entry in splits:
        where = f"{label}: actors.split"
        if not isinstance(entry, dict) or not isinstance(entry.get("aliases"), list) or not entry["aliases"]:
            problems.append(E044(where=where, problem="each entry needs 'id' and a list of 'aliases'"))
            continue
        by_id = {a.id: a for a in b.actors}
        old = by_id.get(str(entry.get("id", "")))
        if old is None:
            problems.append(E043(file=label, section="actors.split", kind="actor", id=entry.get("id", "")))
            continue
        moved = [str(x) for x in entry["aliases"]]
        unknown = [m for m in moved if m not in old.aliases and m != old.name]
        if unknown:
            problems.append(E044(where=where, problem=f"'{unknown[0][:60]}' is not a spelling of '{old.id}'"))
            continue
        name = str(entry.get("name") or moved[0])
        new_id = actors_slug(name)
        if new_id in by_id or new_id == old.id:
            problems.append(E044(where=where, problem=f"an actor '{new_id}' exists already: merge instead"))
            continue
        kept = [n for n in (old.name, *old.aliases) if n not in moved]
        if not kept:
            problems.append(E044(where=where, problem=f"'{old.id}' would keep no name"))
            continue
        bodies = {a.id: a.body for a in b.articles}

        def uses(text: str, names: list[str]) -> bool:
            return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names)

        new = Actor(id=new_id, name=name, kind=str(entry.get("kind") or old.kind),
                    aliases=tuple(sorted(set(moved) - {name})),
                    articles=tuple(a for a in old.articles if uses(bodies.get(a, ""), moved)))
        rest = dataclasses.replace(old, name=kept[0] if old.name in moved else old.name,
                                   aliases=tuple(sorted(set(kept) - {kept[0] if old.name in moved else old.name})),
                                   articles=tuple(a for a in old.articles if uses(bodies.get(a, ""), kept)
                                                  or not uses(bodies.get(a, ""), moved)))
        b.actors = [rest if a.id == old.id else a for a in b.actors] + [new]
        b.quotes = [dataclasses.replace(q, speaker=new.id, speaker_name=new.name, method="editor", confidence=None)
                    if q.speaker == old.id and uses(q.sentence, moved) and not uses(q.sentence, kept) else q
                    for q in b.quotes]
        b.events = [dataclasses.replace(e, actors=tuple(dict.fromkeys(
            new.id if a == old.id and any(uses(s.sentence, moved) and not uses(s.sentence, kept) for s in e.sources)
            else a for a in e.actors))) for e in b.events]


def _rename_actors(b: Briefing, renames: dict, label: str, problems: list[str]) -> None:
    """`old-id: New Name`: the actor takes the name and the id it makes; the old id redirects to it."""
    for actor_id, value in renames.items():
        actor = next((a for a in b.actors if a.id == actor_id), None)
        if actor is None:
            problems.append(E043(file=label, section="actors.rename", kind="actor", id=actor_id))
            continue
        name = " ".join(str(value).split())
        new_id = actors_slug(name)
        if new_id != actor.id and any(a.id == new_id for a in b.actors):
            problems.append(E044(where=f"{label}: actors.rename", problem=f"'{new_id}' is another actor: merge instead"))
            continue
        renamed = dataclasses.replace(actor, id=new_id, name=name,
                                      aliases=tuple(sorted((set(actor.aliases) | {actor.name}) - {name})))
        b.actors = [renamed if a.id == actor.id else a for a in b.actors]
        b.quotes = [dataclasses.replace(q, speaker=new_id, speaker_name=name) if q.speaker == actor.id else q
                    for q in b.quotes]
        b.events = [dataclasses.replace(e, actors=tuple(new_id if a == actor.id else a for a in e.actors))
                    for e in b.events]
        if new_id != actor.id:
            b.redirects = {**{k: (new_id if v == actor.id else v) for k, v in b.redirects.items()}, actor.id: new_id}


def _correct_quotes(b: Briefing, cfg: dict, label: str, problems: list[str]) -> None:
    """`quotes.speakers` gives a quote to its speaker (an actor id, an actor's name, or a name the
    briefing has no actor for); `quotes.kinds` sets its kind."""
    ids = {q.id for q in b.quotes}
    actors = {a.id: a for a in b.actors}
    by_name = {n.lower(): a for a in b.actors for n in (a.name, *a.aliases)}
    for quote_id, speaker in _mapping(cfg.get("speakers"), f"{label}: quotes.speakers", problems).items():
        if quote_id not in ids:
            problems.append(E043(file=label, section="quotes.speakers", kind="quote", id=quote_id))
            continue
        speaker = " ".join(str(speaker).split())
        actor = actors.get(b.redirects.get(speaker, speaker)) or by_name.get(speaker.lower())
        b.quotes = [dataclasses.replace(q, speaker=actor.id if actor else None,
                                        speaker_name=actor.name if actor else speaker, method="editor", confidence=None)
                    if q.id == quote_id else q for q in b.quotes]
    for quote_id, kind in _mapping(cfg.get("kinds"), f"{label}: quotes.kinds", problems).items():
        if quote_id not in ids:
            problems.append(E043(file=label, section="quotes.kinds", kind="quote", id=quote_id))
        elif kind not in QUOTE_KINDS:
            problems.append(E044(where=f"{label}: quotes.kinds", problem=f"'{str(kind)[:40]}' is not {'/'.join(QUOTE_KINDS)}"))
        else:
            b.quotes = [dataclasses.replace(q, kind=kind) if q.id == quote_id else q for q in b.quotes]


def _added_event(entry: Any, n: int, label: str, problems: list[str], articles: set[str]) -> Event | None:
    where = f"{label}: events.add[{n}]"
    if not isinstance(entry, dict) or not entry.get("title") or not entry.get("date"):
        problems.append(E044(where=where, problem="needs 'date' and 'title'"))
        return None
    date = entry["date"].isoformat() if isinstance(entry["date"], dt.date) else str(entry["date"])
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) or not _real_date(date):
        problems.append(E044(where=where, problem=f"date '{date[:40]}' is not YYYY-MM-DD, YYYY-MM or YYYY"))
        return None
    source = entry.get("source") or {}
    if not isinstance(source, dict) or source.get("article") not in articles:
        named = str(source.get("article", ""))[:80] if isinstance(source, dict) else ""
        problems.append(E043(file=where, section="source.article", kind="article", id=named))
        return None
    precision = {10: "day", 7: "month", 4: "year"}[len(date)]
    digest = hashlib.sha1(f"{date}\n{entry['title']}".encode()).hexdigest()[:10]
    return Event(id=f"e-ed-{digest}", date=date, precision=precision, title=str(entry["title"]),
                 actor_names=(), actors=tuple(str(a) for a in entry.get("actors") or []),
                 sources=(EventSource(article=str(source["article"]), sentence=str(source.get("sentence", "")),
                                      date_text=str(source.get("date_text", ""))),))


def _real_date(text: str) -> bool:
    """2022-02-30 and 2022-13 match the pattern but are no dates; years stay in 1900-2100."""
    year, month, day = (text.split("-") + ["01", "01"])[:3]
    try:
        return 1900 <= dt.date(int(year), int(month), int(day)).year <= 2100
    except ValueError:
        return False
