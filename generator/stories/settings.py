"""The story stage's settings and word lists, read once from `data/stories.yml`."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from generator.errors import E070

DATA = Path(__file__).parent / "data" / "stories.yml"


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    try:
        data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(E070(file=DATA.name, problem=f"cannot read the rules data ({exc.__class__.__name__})")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise RuntimeError(E070(file=DATA.name, problem="expected a mapping with an integer 'version'"))
    return data
