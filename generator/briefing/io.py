"""The YAML data layer: the briefing as plain data, written as YAML and JSON, read back safely.

The field order is fixed and lists are sorted, so the same inputs give byte-identical files.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator import __version__
from generator.briefing.records import Briefing, to_plain

SCHEMA_PATH = Path(__file__).parent / "briefing.schema.json"


def briefing_data(briefing: Briefing, model: str = "") -> dict:
    """The briefing as the documented plain structure (see briefing.schema.json)."""
    return {
        "title": briefing.title,
        "summary": briefing.summary,
        "updated": briefing.updated,
        "generator": {"version": __version__, "model": model},
        "articles": [
            {"id": a.id, "file": a.file, "title": a.title, "date": a.date.isoformat(), "source": a.source,
             "url": a.url, "text": a.body}
            for a in briefing.articles
        ],
        "actors": [
            {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "articles": list(a.articles)}
            for a in briefing.actors
        ],
        "quotes": [
            {"id": q.id, "text": q.text, "kind": q.kind, "speaker": q.speaker, "speaker_name": q.speaker_name,
             "article": q.article, "sentence": q.sentence}
            for q in briefing.quotes
        ],
        "events": [
            {"id": e.id, "date": e.date, "precision": e.precision, "title": e.title, "actors": list(e.actors),
             "sources": [to_plain(s) for s in e.sources]}
            for e in briefing.events
        ],
        "figures": [
            {"id": f.id, "value": f.value, "what": f.what, "reported_by": f.reported_by, "article": f.article,
             "sentence": f.sentence}
            for f in briefing.figures
        ],
        "pinned": {k: list(v) for k, v in sorted(briefing.pinned.items())},
        "problems": [{"file": p.file, "code": p.code, "reason": p.reason, "fatal": p.fatal}
                     for p in briefing.problems],
        "curation_problems": list(briefing.curation_problems),
    }


# libyaml's emitter and parser are an order of magnitude faster than the pure-Python ones.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


def dump_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load_yaml(path: Path) -> dict:
    """Read a briefing.yml (safe loader only: no tags, no objects)."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)  # safe: no tags, no objects
    if not isinstance(data, dict) or "articles" not in data:
        raise ValueError(f"E020 {path}: not a briefing file (no 'articles' mapping)")
    return data


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")
