"""The word lists and tables the extraction rules read, kept as data in `data/*.yml`.

Each rule module has one YAML file of its own (`data/<module>.yml`), a mapping of named entries,
with a `version` key that is raised whenever an entry changes meaning. Files are read once per
process with the safe loader. The cache key of the extraction covers every file in `data/`
(`generator.nlp.extract.extraction_inputs`), so editing a list re-extracts every article.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from generator.errors import E070

DATA = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconError(RuntimeError):
    """E070: a rules data file is missing, unreadable, or an entry has the wrong shape."""


@functools.lru_cache(maxsize=None)
def entries(module: str) -> dict[str, Any]:
    """All entries of `data/<module>.yml`."""
    path = DATA / f"{module}.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        problem = f"cannot read the rules data ({exc.__class__.__name__})"
        raise LexiconError(E070(file=path.name, problem=problem)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise LexiconError(E070(file=path.name, problem="expected a mapping with an integer 'version'"))
    return data


def _wrong_shape(module: str, name: str, shape: str) -> LexiconError:
    return LexiconError(E070(file=f"{module}.yml", problem=f"'{name}' should be {shape}"))


def _entry(module: str, name: str, kind: type) -> Any:
    value = entries(module).get(name)
    if not isinstance(value, kind):
        raise _wrong_shape(module, name, f"a {kind.__name__}")
    return value


def words(module: str, name: str) -> frozenset[str]:
    """A set of words or phrases (order does not matter)."""
    return frozenset(str(x) for x in _entry(module, name, list))


def ordered(module: str, name: str) -> tuple[str, ...]:
    """A list whose order matters (e.g. tried first to last)."""
    return tuple(str(x) for x in _entry(module, name, list))


def table(module: str, name: str) -> dict[str, Any]:
    """A mapping (e.g. a spelling to its canonical form)."""
    return dict(_entry(module, name, dict))


def tables(module: str, name: str) -> dict[str, dict[str, Any]]:
    """A mapping of mappings (e.g. an office -> a country -> its holder)."""
    value = _entry(module, name, dict)
    if not all(isinstance(inner, dict) for inner in value.values()):
        raise _wrong_shape(module, name, "a dict of dicts")
    return {key: dict(inner) for key, inner in value.items()}
