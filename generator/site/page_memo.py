"""Markdown pages kept between builds, each with what its template read: after one new seed, most of
2,000 articles' pages are the text they were, and rendering all of them through Jinja took 5 s.

A page is rendered again unless all of these are as they were at the last build:
- the salt: every template's source, the rendering code, the settings the pages show (curate
  controls, site address) and the briefing-wide values every page may use (`salt_parts`);
- its template and the values passed to it (a digest of their pickle);
- every item of a shared index its template looked up (an article, an actor, a story's event, an
  actor's page or mark), by a digest of the item, or of the item's fields it read when it read only
  fields: a page that prints an actor's name is not drawn again when only the actor's list of
  articles grows (after one new seed that redrew 450 of 5,000 pages). The indexes are handed to
  templates wrapped (`Recorded`, `RecordedItem`), so a lookup is noted; a template that lists a whole
  index, or reads the briefing itself, makes its page one that is always rendered.
A lookup the wrappers do not see would keep a stale page, so templates reach shared data only through
them (the test of a rebuild against a clean build checks it). The file is JSON: a missing, oversized
or malformed one, or an entry of the wrong shape, means the page is rendered. Its text goes into the
site as it is, so the file is trusted like the site folder: it lives in the build cache, which the
publish workflow never restores from elsewhere (only the extraction cache, which is data).
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from generator.build_store import read_store, write_store

MAX_BYTES = 512 * 1024 * 1024
_MISSING = object()


def _digest(value: Any) -> str:
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()


def salt_parts(paths: Iterable[Path], *values: Any) -> str:
    """A digest of files (templates, code) and values: what every page depends on."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(set(paths)):
        digest.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(pickle.dumps(values, protocol=5))
    return digest.hexdigest()


class _Untracked(Exception):
    """A page read something that cannot be recorded item by item."""


class Recorded(Mapping):
    """A shared index as templates see it: each lookup is noted on the page being rendered."""

    __slots__ = ("_name", "_items", "_memo")

    def __init__(self, name: str, items: Any, memo: "PageMemo"):
        self._name, self._items, self._memo = name, items, memo

    def __getitem__(self, key):
        if isinstance(self._items, (set, frozenset)) or key not in self._items:
            self._memo.note(self._name, key)
            raise KeyError(key)
        return self._item(key, self._items[key])

    def get(self, key, default=None):
        if isinstance(self._items, (set, frozenset)) or key not in self._items:
            self._memo.note(self._name, key)
            return default
        return self._item(key, self._items[key])

    def _item(self, key, value):
        """A record (a dict) comes wrapped, so that the fields read are noted; anything else is noted whole."""
        if isinstance(value, dict) and isinstance(key, str) and self._memo._deps is not None:
            return RecordedItem(self._name, key, value, self._memo)
        self._memo.note(self._name, key)
        return value

    def __contains__(self, key) -> bool:
        self._memo.note(self._name, key)
        return key in self._items

    def __iter__(self):
        self._memo.whole()
        return iter(self._items)

    def __len__(self) -> int:
        self._memo.whole()
        return len(self._items)


class RecordedItem(Mapping):
    """One record of a shared index as templates see it: each field read is noted on the page being
    rendered (`actors[id].name`: Jinja reads the field as an item); iterating or measuring the record
    notes it whole."""

    __slots__ = ("_name", "_key", "_record", "_memo")

    def __init__(self, name: str, key: str, record: dict, memo: "PageMemo"):
        self._name, self._key, self._record, self._memo = name, key, record, memo

    def __getitem__(self, field):
        self._memo.note(self._name, self._key, field)
        return self._record[field]

    def get(self, field, default=None):
        self._memo.note(self._name, self._key, field)
        return self._record.get(field, default)

    def __contains__(self, field) -> bool:
        self._memo.note(self._name, self._key, field)
        return field in self._record

    def __iter__(self):
        self._memo.note(self._name, self._key)
        return iter(self._record)

    def __len__(self) -> int:
        self._memo.note(self._name, self._key)
        return len(self._record)


class PageMemo:
    """`render(path, template, values, draw)`: draw() (the template's text), or the kept text when
    nothing it read has changed. With no path, every page is drawn and nothing is recorded."""

    def __init__(self, path: Optional[Path] = None, salt: str = ""):
        self.path, self.salt = path, salt
        self.known: dict[str, Any] = {}
        self.kept: dict[str, dict] = {}
        self.sources: dict[str, Any] = {}
        self._digests: dict[tuple[str, str], str] = {}
        self._deps: Optional[dict[tuple[str, str], None]] = None
        self._whole = False
        self.drawn = self.reused = 0
        raw = read_store(path, MAX_BYTES)
        if isinstance(raw, dict) and raw.get("salt") == salt and isinstance(raw.get("pages"), dict):
            self.known = raw["pages"]

    @property
    def active(self) -> bool:
        return self.path is not None

    def index(self, name: str, items: Any) -> Any:
        """`items` (a dict, or a set looked up with `in`) as templates should see it."""
        if not self.active:
            return items
        self.sources[name] = items
        return Recorded(name, items, self)

    def note(self, name: str, key: Any, field: Any = None) -> None:
        """The page read item `key` of index `name` (its `field` only, when given)."""
        if self._deps is None:
            return
        if not isinstance(key, str):
            self._whole = True
            return
        self._deps[(name, key) if not isinstance(field, str) else (name, key, field)] = None

    def whole(self) -> None:
        if self._deps is not None:
            self._whole = True

    def _item_digest(self, dep: tuple) -> Optional[str]:
        """(name, key) or (name, key, field): a digest of the item, or of its field."""
        found = self._digests.get(dep)
        if found is None:
            items = self.sources.get(dep[0])
            if items is None:
                return None
            if isinstance(items, (set, frozenset)):
                found = "in" if dep[1] in items else "out"
            else:
                value = items.get(dep[1], _MISSING)
                if value is _MISSING:
                    found = "missing"
                elif len(dep) == 3:
                    field = value.get(dep[2], _MISSING) if isinstance(value, dict) else _MISSING
                    found = "no field" if field is _MISSING else _digest(field)
                else:
                    found = _digest(value)
            self._digests[dep] = found
        return found

    def _deps_digest(self, deps: Iterable) -> Optional[str]:
        digest = hashlib.blake2b(digest_size=16)
        for dep in deps:
            if not (isinstance(dep, list) and len(dep) in (2, 3) and all(isinstance(x, str) for x in dep)):
                return None
            item = self._item_digest(tuple(dep))
            if item is None:
                return None
            digest.update(("\0".join(dep) + f"\0{item}\0").encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def render(self, path: str, template: str, values: dict, draw: Callable[[], str]) -> str:
        if not self.active:
            return draw()
        try:
            key = _digest((template, values))
        except Exception:  # noqa: BLE001 - a value that cannot be pickled: the page is always drawn
            key = None
        entry = self.known.get(path)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key \
                and isinstance(entry.get("text"), str) and isinstance(entry.get("deps"), list) \
                and entry.get("digest") == self._deps_digest(entry["deps"]):
            self.kept[path] = entry
            self.reused += 1
            return entry["text"]
        self._deps, self._whole = {}, False
        try:
            text = draw()
        finally:
            deps, whole, self._deps = self._deps, self._whole, None
        self.drawn += 1
        if key is not None and not whole:
            listed = [list(dep) for dep in deps]
            self.kept[path] = {"key": key, "deps": listed, "digest": self._deps_digest(listed), "text": text}
        return text

    def save(self, in_child: bool = False) -> None:
        """This build's pages only (a page no longer made goes with it); `in_child`: written beside the
        build (build_store.py)."""
        if self.path is None or (not self.drawn and len(self.kept) == len(self.known)):
            return
        write_store(self.path, {"salt": self.salt, "pages": self.kept}, in_child)
