"""The downloads (data files, feeds, exports) written where they are made, not handed back as text.

At 2,000 articles they are 5,500 files and 95 MB of text. Made in a forked child beside the pages
(render.py), they went back to the build process pickled: 1.3 s of every rebuild and 200 MB more at
its peak. With a folder, the child writes them there itself and hands back only each file's place and
digest (`Written`); MkDocs copies the file (or takes the previous build's output, mkdocs_reuse.py).

A file is written only when its text changed since the folder's manifest (path -> digest) was
written; the manifest is removed before any file is rewritten and written again after, so a child
killed half-way leaves no manifest to trust. A file the manifest lists but whose size is not the
size of the text is written again. Files no longer made are removed. The folder lives in the build
cache, which is trusted like the site folder (the publish workflow never restores it from elsewhere);
paths come from ids and are still checked to stay inside it. One folder serves one kind of process
(`mkdocs serve` or `mkdocs build`: mkdocs_plugin.py), so two at work in one project do not share one.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.build_store import read_store
from generator.errors import E031
from generator.fileio import write_atomic

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Written:
    """A generated file on disk: where it is, and a digest of its text (what page reuse keys on)."""

    path: Path
    digest: str

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def inside(root: Path, rel: str, follow_links: bool = True) -> Path:
    """`root / rel`, raising E031 when `rel` would leave `root`: an absolute path, `..`, and with
    `follow_links` a link out (a folder of the build cache, trusted, is checked by name alone: resolving
    5,500 paths took 0.2 s of every build)."""
    target = root / rel
    if Path(rel).is_absolute() or ".." in Path(rel).parts or not rel or \
            (follow_links and not target.resolve().is_relative_to(root.resolve())):
        raise ValueError(E031(path=rel))
    return target


def write_downloads(folder: Path, files: Iterable[tuple[str, str]]) -> dict[str, Written]:
    """Write `files` ((relative path, text) pairs) under `folder`, only those that changed; their
    `Written`. Each text is written as it comes, so a caller handing out a generator never holds more
    than one (the data files are 30 MB each at 2,000 articles)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    known = read_store(manifest_path, MAX_MANIFEST_BYTES)
    known = known if isinstance(known, dict) else {}
    made: dict[str, Written] = {}
    trusted = True
    for rel, text in files:
        target = inside(folder, rel, follow_links=False)
        if rel == MANIFEST:
            raise ValueError(E031(path=rel))
        digest, size = _digest_and_size(text)
        made[rel] = Written(target, digest)
        if known.get(rel) != digest or not _has_size(target, size):
            if trusted:  # from here until the new manifest is written, nothing is trusted
                manifest_path.unlink(missing_ok=True)
                trusted = False
            write_atomic(target, text)
    gone = [rel for rel in known if isinstance(rel, str) and rel not in made]
    if trusted and not gone:
        return made
    manifest_path.unlink(missing_ok=True)
    for rel in gone:
        try:
            inside(folder, rel, follow_links=False).unlink(missing_ok=True)
        except (ValueError, OSError):  # a manifest entry that points elsewhere is left alone
            pass
    write_atomic(manifest_path, _manifest_text({rel: w.digest for rel, w in made.items()}))
    return made


def _digest_and_size(text: str, chunk: int = 1 << 20) -> tuple[str, int]:
    """The digest and UTF-8 size of `text`, encoded a megabyte at a time (not a second copy of a 30 MB
    data file at once)."""
    digest, size = hashlib.blake2b(digest_size=16), 0
    for start in range(0, len(text), chunk):
        encoded = text[start:start + chunk].encode("utf-8", "surrogatepass")
        digest.update(encoded)
        size += len(encoded)
    return digest.hexdigest(), size


def _has_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _manifest_text(digests: dict[str, str]) -> str:
    return json.dumps(digests, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
