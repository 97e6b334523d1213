"""Reading a stage's rules data file (a versioned YAML mapping), with the one error code for a bad one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import E070


def read_rules(path: Path) -> dict[str, Any]:
    """The mapping in `path`; E070 when it cannot be read or has no integer `version`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(E070(file=path.name, problem=f"cannot read the rules data ({exc.__class__.__name__})")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise RuntimeError(E070(file=path.name, problem="expected a mapping with an integer 'version'"))
    return data
