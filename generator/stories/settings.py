"""The story stage's settings and word lists, read once from `data/stories.yml`."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from generator.rules_file import read_rules

DATA = Path(__file__).parent / "data" / "stories.yml"


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    return read_rules(DATA)
