"""Values derived from one text alone, kept between builds: after one new seed the other 2,000
articles' shingle samples (copies.py) and quotes' readable passages (statements.py) are as they
were, and computing them again took 2 s of every rebuild.

A value is found by a digest of its kind, the code that computes it and the text. The file is JSON,
read as hostile: an entry whose value fails the kind's shape check is computed again. Only the
entries this build used are written, so the file does not grow with every edition.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from generator.build_store import read_store, write_store

T = TypeVar("T")
MAX_BYTES = 256 * 1024 * 1024


def code_digest(module_name: str, *settings: Any) -> str:
    """The version of a derivation: its module's source and the settings it reads."""
    module = sys.modules[module_name]
    digest = hashlib.blake2b(Path(module.__file__).read_bytes(), digest_size=12)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()


class TextMemo:
    """`value(kind, version, text, compute, load, dump)`: compute(text), from the file when known."""

    def __init__(self, path: Optional[Path] = None):
        self.path = path
        self.known: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.computed = 0
        known = read_store(path, MAX_BYTES)
        if isinstance(known, dict):
            self.known = known

    def value(self, kind: str, version: str, text: str, compute: Callable[[str], T],
              load: Callable[[Any], T], dump: Callable[[T], Any]) -> T:
        """`load` turns a stored value back (raising ValueError or TypeError when it is not one);
        `dump` makes a computed one JSON."""
        key = hashlib.blake2b(f"{kind}\0{version}\0".encode() + text.encode("utf-8", "surrogatepass"),
                              digest_size=16).hexdigest()
        if key in self.known:
            try:
                found = load(self.known[key])
                self.used[key] = self.known[key]
                return found
            except (ValueError, TypeError):
                pass
        result = compute(text)
        self.computed += 1
        self.used[key] = dump(result)
        return result

    def absorb(self, used: dict[str, Any], computed: int) -> None:
        """What another process's copy of this memo used and computed (beside.py), as if used here."""
        self.used.update(used)
        self.computed += computed

    def save(self, in_child: bool = False) -> None:
        """`in_child`: written beside the build (build_store.py)."""
        if self.path is None or (not self.computed and len(self.used) == len(self.known)):
            return
        write_store(self.path, self.used, in_child)


def computed_here(kind: str, version: str, text: str, compute: Callable[[str], T], load, dump) -> T:
    """No memo: the value computed (the signature of TextMemo.value)."""
    return compute(text)


def ints(value: Any) -> frozenset[int]:
    if not isinstance(value, list) or not set(map(type, value)) <= {int}:
        raise ValueError("not a list of integers")
    return frozenset(value)


def strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of strings")
    return tuple(value)
