"""Rendered-page reuse: after one new seed most pages' Markdown is unchanged, and so is their HTML.

MkDocs renders every page on every build (4,700 pages, most of the time of a rebuild at 2,000 articles).
A page's HTML depends on its Markdown, its address, its edit link and the site (configuration, theme,
nav, the versions of everything that renders it): its *key* hashes all of these. After a build, a
manifest records each page's key, the output file's size and modification time and the anchors the
page holds (other pages' links into it are checked against them). The next build takes a page's
previous output as it is, hard-linked (copied where links are impossible) into the new site, when the
key is the same and the file is untouched since; everything else is rendered. Pages in the nav are
always rendered (their neighbours and the nav's state are part of them).

The manifest lives in the project's cache (one per site folder), never in the published site; a missing,
unreadable or foreign manifest only means a full build.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional

from generator.fileio import write_atomic

MANIFEST_VERSION = 1
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # a cache file, but read as hostile: never an unbounded read


def fingerprint(parts: Iterable[object]) -> str:
    """The site's part of every key: whatever renders every page (JSON of the given values)."""
    text = json.dumps(list(parts), sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_key(site: str, path: str, markdown: str, extra: str = "") -> str:
    digest = hashlib.sha256()
    for part in (site, path, extra, markdown):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class Entry:
    key: str
    dest: str  # the output file, relative to the site folder
    size: int
    mtime_ns: int
    anchors: list[str] = field(default_factory=list)


MAX_MANIFESTS = 8  # one per site folder built from this project (tests build many): the oldest go


def manifest_path(cache: Path, site_dir: Path, serve: bool = False) -> Path:
    """One manifest per site folder; `mkdocs serve` builds into a new temporary folder each session,
    so it has one of its own, whatever the folder (its first build finds nothing there to reuse)."""
    name = "serve" if serve else hashlib.sha256(str(Path(site_dir).resolve()).encode("utf-8", "surrogatepass")
                                                 ).hexdigest()[:20]
    return Path(cache) / f"pages-{name}.json"


def load_manifest(path: Path) -> dict[str, Entry]:
    """{page path: Entry}; {} for a missing, oversized, unreadable or malformed manifest."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return {}
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("version") != MANIFEST_VERSION or not isinstance(raw.get("pages"), dict):
        return {}
    found = {}
    for page, value in raw["pages"].items():
        if (isinstance(value, list) and len(value) == 5 and isinstance(value[0], str) and isinstance(value[1], str)
                and isinstance(value[2], int) and isinstance(value[3], int) and isinstance(value[4], list)
                and all(isinstance(a, str) for a in value[4]) and _inside(value[1])):
            found[page] = Entry(*value)
    return found


def _inside(dest: str) -> bool:
    """A relative path that stays inside the site folder (a manifest never points elsewhere)."""
    parts = Path(dest).parts
    return bool(parts) and not Path(dest).is_absolute() and ".." not in parts


def save_manifest(path: Path, entries: Mapping[str, Entry]) -> None:
    """Written beside and renamed into place: a crash never leaves half a manifest."""
    data = {"version": MANIFEST_VERSION,
            "pages": {p: [e.key, e.dest, e.size, e.mtime_ns, sorted(e.anchors)] for p, e in sorted(entries.items())}}
    write_atomic(path, json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    for stale in sorted(path.parent.glob("pages-*.json"), key=_age)[MAX_MANIFESTS:]:
        stale.unlink(missing_ok=True)


def _age(path: Path) -> int:
    """Newest first; a file another build just removed sorts last."""
    try:
        return -path.stat().st_mtime_ns
    except OSError:
        return 0


def unchanged(entry: Entry, key: str, previous_site: Path) -> bool:
    """The previous output of this page can stand: same key, file as the manifest saw it."""
    if entry.key != key:
        return False
    try:
        found = (previous_site / entry.dest).stat()
    except OSError:
        return False
    return found.st_size == entry.size and found.st_mtime_ns == entry.mtime_ns


def place(previous_site: Path, site: Path, dest: str, made: Optional[set] = None) -> bool:
    """The previous output at the same place in the new site (another folder: `plan` checks that once,
    not per page, since resolving both paths costs a dozen system calls). `made`: folders this build
    has already created, so that each is made once."""
    source, target = previous_site / dest, site / dest
    try:
        folder = target.parent
        if made is None or folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            if made is not None:
                made.add(folder)
        try:
            os.link(source, target)
        except FileExistsError:  # a file left there: replaced, unless it is the previous output itself
            if os.path.samefile(source, target):
                return True
            target.unlink()
            os.link(source, target)
    except OSError:
        try:  # another file system, or links not allowed: a copy with the same times
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        except OSError:
            return False
    return True


def record(site: Path, pages: Mapping[str, tuple[str, str, Iterable[str]]]) -> dict[str, Entry]:
    """Entries for the pages as written now: {page: (key, dest, anchors)}; a page without output is left out."""
    entries = {}
    for page, (key, dest, anchors) in pages.items():
        try:
            found = (site / dest).stat()
        except OSError:
            continue
        entries[page] = Entry(key, dest, found.st_size, found.st_mtime_ns, sorted(anchors))
    return entries
