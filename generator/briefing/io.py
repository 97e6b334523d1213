"""The YAML data layer: the briefing as plain data, written as YAML and JSON, read back safely.

The field order is fixed and lists are sorted, so the same inputs give byte-identical files.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from pathlib import Path
from typing import Optional

import yaml

from generator import __version__
from generator.briefing.records import Briefing, GeneratorInfo
from generator.briefing.schema import load_yaml_with_nodes, to_data, validate
from generator.errors import E020, E021
from generator.build_store import read_store, write_store

SCHEMA_PATH = Path(__file__).parent / "briefing.schema.json"


def briefing_data(briefing: Briefing, model: str = "") -> dict:
    """The briefing as the documented plain structure (generated schema: briefing.schema.json)."""
    return to_data(dataclasses.replace(briefing, generator=GeneratorInfo(version=__version__, model=model)))


# libyaml's emitter and parser are an order of magnitude faster than the pure-Python ones.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No anchors or aliases: a value written twice is written out twice, so that each item's YAML is
    the same alone as inside the whole file (what YamlFragments relies on)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _yaml(value) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


class YamlFragments:
    """The YAML of each list item of the briefing (an article, an actor, a quote ...), kept between
    builds: after one new seed almost every item is as it was, and writing 40,000 items through the
    pure-Python representer took 5 s of a 2,000-article rebuild. Items are found by a digest of their
    pickle (equal data, equal bytes). The file is JSON (a cache is read as hostile: no pickle); a
    missing, oversized or malformed one only means every item is written. It is read when the first
    item is asked for: the build writes its YAML in a forked child (site/render.py), and the build
    process then never holds the 30 MB it is at 2,000 articles."""

    MAX_BYTES = 512 * 1024 * 1024

    def __init__(self, path: Optional[Path] = None):
        self.path = path
        self._known: Optional[dict[str, str]] = None
        self.used: dict[str, str] = {}
        self.written = 0
        self.unsaved = ""  # why the last save failed (an exception's name), "" when it did not

    @property
    def known(self) -> dict[str, str]:
        if self._known is None:
            known = read_store(self.path, self.MAX_BYTES)
            self._known = {k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, str)} \
                if isinstance(known, dict) else {}
        return self._known

    def item(self, value: dict) -> str:
        digest = hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=20).hexdigest()
        text = self.known.get(digest)
        if text is None:
            text = _yaml([value])
            self.written += 1
        self.used[digest] = text
        return text

    def save(self, in_child: bool = False) -> None:
        """Only this build's items are kept (the file does not grow with every edition); `in_child`:
        written beside the build (build_store.py)."""
        if self.path is None or (not self.written and len(self.used) == len(self.known)):
            return
        write_store(self.path, self.used, in_child)


def dump_yaml(data: dict, fragments: Optional[YamlFragments] = None) -> str:
    """The briefing as YAML, written item by item (the same text as one yaml.dump of the whole: a test
    holds them equal; twice as fast even without kept fragments)."""
    fragments = fragments if fragments is not None else YamlFragments()
    out = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) and item for item in value):
            head = _yaml({key: None})  # the key as YAML writes it ('yes' quoted, say), then its items
            out.append(head[:-len(" null\n")] + "\n")
            out.extend(fragments.item(item) for item in value)
        else:
            out.append(_yaml({key: value}))
    return "".join(out)


def dump_json(data: dict) -> str:
    """Compact and ASCII (the YAML is the file to read): with indentation, json uses its pure-Python
    encoder, a second of every 2,000-article build; and one emoji in a seed made all of a 32-million-
    character text take four bytes a character (128 MB at once)."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n"


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
