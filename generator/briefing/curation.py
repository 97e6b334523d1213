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
from typing import Any

from dataclasses import dataclass, field
from typing import Optional, Union

import yaml

from generator.briefing.records import ACTOR_KINDS, Actor, Briefing, Event, EventSource
from generator.briefing.schema import TooLarge, describe, load_yaml_with_nodes, validate, without
from generator.errors import E040, E041, E042, E043, E044, E045

KINDS = ("actors", "quotes", "events", "figures")


# The shape of curation.yml (curation.schema.json is generated from it). Every section may be left out.
def _ids(doc: str) -> list[str]:
    return field(default_factory=list, metadata=describe(doc, optional=True))


@dataclass(frozen=True)
class ActorMerge:
    into: str = field(metadata=describe("The actor id that stays"))
    ids: list[str] = field(metadata=describe("Actor ids folded into it"))


@dataclass(frozen=True)
class ActorCuration:
    merge: list[ActorMerge] = field(default_factory=list, metadata=describe(
        "Fold actors the machine kept apart", optional=True))
    rename: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Actor id -> name", optional=True, additionalProperties={"type": "string", "pattern": "\\S"}))
    aliases: dict[str, Union[str, list[str]]] = field(default_factory=dict, metadata=describe(
        "Actor id -> more spellings", optional=True))
    kinds: dict[str, str] = field(default_factory=dict, metadata=describe(
        "Actor id -> kind", optional=True, additionalProperties={"enum": list(ACTOR_KINDS), "type": "string"}))


@dataclass(frozen=True)
class ItemIds:
    actors: list[str] = _ids("Actor ids")
    quotes: list[str] = _ids("Quote ids")
    events: list[str] = _ids("Event ids")
    figures: list[str] = _ids("Figure ids")


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
class Curation:
    title: str = field(default="", metadata=describe("The briefing's title", optional=True))
    summary: str = field(default="", metadata=describe("One paragraph under the title", optional=True))
    actors: Optional[ActorCuration] = field(default=None, metadata=describe(optional=True))
    hide: Optional[ItemIds] = field(default=None, metadata=describe("Items to leave out, by id", optional=True))
    events: Optional[EventCuration] = field(default=None, metadata=describe(optional=True))
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
        where = f"{path.name}:{mark.line + 1}" if mark is not None else path.name
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
    actor_ids = {a.id for a in b.actors}
    for section, field in (("rename", "name"), ("kinds", "kind"), ("aliases", "aliases")):
        for actor_id, value in _mapping(actors_cfg.get(section), f"{label}: actors.{section}", problems).items():
            if actor_id not in actor_ids:
                problems.append(E043(file=label, section=f"actors.{section}", kind="actor", id=actor_id))
                continue
            if field == "kind" and value not in ACTOR_KINDS:
                problems.append(E044(where=f"{label}: actors.kinds", problem=f"'{value}' is not {'/'.join(ACTOR_KINDS)}"))
                continue
            b.actors = [_update_actor(a, field, value) if a.id == actor_id else a for a in b.actors]
    if actors_cfg.get("rename"):
        names = {a.id: a.name for a in b.actors}
        b.quotes = [dataclasses.replace(q, speaker_name=names.get(q.speaker, q.speaker_name)) for q in b.quotes]

    events_cfg = _mapping(curation.get("events"), f"{label}: events", problems)
    event_ids = {e.id for e in b.events}
    for event_id, title in _mapping(events_cfg.get("titles"), f"{label}: events.titles", problems).items():
        if event_id not in event_ids:
            problems.append(E043(file=label, section="events.titles", kind="event", id=event_id))
        b.events = [dataclasses.replace(e, title=str(title)) if e.id == event_id else e for e in b.events]
    for n, entry in enumerate(events_cfg.get("add") or [], start=1):
        event = _added_event(entry, n, label, problems, {a.id for a in b.articles})
        if event is not None:
            b.events.append(event)
    b.events.sort(key=lambda e: (e.date, e.id), reverse=True)

    hide = _mapping(curation.get("hide"), f"{label}: hide", problems)
    for kind in KINDS:
        wanted = set(_id_list(hide.get(kind), f"{label}: hide.{kind}", problems))
        items = getattr(b, kind)
        for missing in sorted(wanted - {i.id for i in items}):
            problems.append(E043(file=label, section=f"hide.{kind}", kind=kind[:-1], id=missing))
        setattr(b, kind, [i for i in items if i.id not in wanted])
    hidden_actors = set(_id_list(hide.get("actors"), "", []))
    if hidden_actors:
        b.quotes = [dataclasses.replace(q, speaker=None) if q.speaker in hidden_actors else q for q in b.quotes]
        b.events = [dataclasses.replace(e, actors=tuple(a for a in e.actors if a not in hidden_actors))
                    for e in b.events]

    pin = _mapping(curation.get("pin"), f"{label}: pin", problems)
    b.pinned = {}
    for kind in KINDS:
        ids = _id_list(pin.get(kind), f"{label}: pin.{kind}", problems)
        present = {i.id for i in getattr(b, kind)}
        for missing in [i for i in ids if i not in present]:
            problems.append(E043(file=label, section=f"pin.{kind}", kind=kind[:-1], id=missing))
        if ids:
            b.pinned[kind] = [i for i in ids if i in present]
    b.curation_problems = problems
    return b


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
