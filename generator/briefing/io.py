"""The YAML data layer: the briefing as plain data, written as YAML and JSON, read back safely.

The field order is fixed and lists are sorted, so the same inputs give byte-identical files.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import yaml

from generator import __version__
from generator.briefing.records import Briefing, GeneratorInfo
from generator.briefing.schema import load_yaml_with_nodes, to_data, validate
from generator.errors import E020, E021

SCHEMA_PATH = Path(__file__).parent / "briefing.schema.json"


def briefing_data(briefing: Briefing, model: str = "") -> dict:
    """The briefing as the documented plain structure (generated schema: briefing.schema.json)."""
    return to_data(dataclasses.replace(briefing, generator=GeneratorInfo(version=__version__, model=model)))


# libyaml's emitter and parser are an order of magnitude faster than the pure-Python ones.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


def dump_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class DataError(ValueError):
    """E020: a briefing data file is unreadable or does not fit briefing.schema.json."""


MAX_SHOWN_PROBLEMS = 5


def load_yaml(path: Path) -> dict:
    """Read a briefing.yml or briefing.json (safe loader only: no tags, no objects), validated against
    the schema; a problem names the file, the field and (YAML) the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            data, node = json.loads(text), None
        else:
            data, node = load_yaml_with_nodes(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise DataError(E020(path=path, problem=f"cannot be read ({str(exc).splitlines()[0][:200]})")) from exc
    if not isinstance(data, dict) or "articles" not in data:
        raise DataError(E020(path=path, problem="not a briefing file (no 'articles' mapping)"))
    problems = validate(data, json.loads(schema_text()), node)
    if problems:
        shown = "; ".join(p.describe(str(path)) for p in problems[:MAX_SHOWN_PROBLEMS])
        more = f" (and {len(problems) - MAX_SHOWN_PROBLEMS} more)" if len(problems) > MAX_SHOWN_PROBLEMS else ""
        raise DataError(E021(problems=shown + more))
    return data


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")
