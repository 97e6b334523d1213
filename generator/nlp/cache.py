"""Per-article extraction cache.

An entry is keyed by the article (id, title, date, body), the spaCy model and version, and the
extractor's version (a hash of the extraction code), so adding a seed re-runs spaCy on that seed
only and changing the extractor re-runs everything. Entries carry a checksum; a corrupt or
truncated entry is ignored (and rewritten). Writes go to a temporary file renamed into place, so
an interrupted run never leaves a half-written entry.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Optional

from generator.fileio import file_identity as _identity, write_atomic
from generator.briefing.records import Article, ArticleExtraction, extraction_from_plain, to_plain


def cache_key(article: Article, model: str, extractor: str) -> str:
    material = json.dumps([article.id, article.file, article.title, article.date.isoformat(), article.body,
                           model, extractor], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


# Entries this process has read, with their file's identity (mtime, size, inode), when asked to keep
# them (`mkdocs serve`: many rebuilds in one process; reading 2,000 entries again took a second of every
# rebuild). A one-off build keeps none, so its peak memory does not grow.
_read: dict[str, tuple[tuple, ArticleExtraction]] = {}
_keeping = False
READ_KEPT = 50_000  # entries at most; then the memory starts again


def keep_entries_in_memory(on: bool) -> None:
    global _keeping
    _keeping = on
    if not on:
        _read.clear()


def _checked_payload(text: str, key: str) -> dict:
    """The payload of an entry's text, once its checksum holds. put() writes the payload's checksummed
    form verbatim between the envelope's key and checksum, so the checksum is taken over that slice of
    the text (dumping every payload again to check it took a third of reading 2,000 entries); an entry
    of any other shape is checked the long way. Raises ValueError on a mismatch."""
    head, tail = f'{{"key": {json.dumps(key)}, "payload": ', len(', "sha256": "') + 64 + 2
    if text.startswith(head) and len(text) > len(head) + tail and text.endswith('"}') \
            and text[-tail:-66] == ', "sha256": "':
        body, digest = text[len(head):-tail], text[-66:-2]
        if hashlib.sha256(body.encode()).hexdigest() != digest:
            raise ValueError("checksum mismatch")
        return json.loads(body)
    envelope = json.loads(text)
    payload = envelope["payload"]
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if envelope.get("key") != key or envelope.get("sha256") != digest:
        raise ValueError("checksum mismatch")
    return payload


class ExtractionCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.write_errors: list[str] = []  # entries that could not be written (the build goes on)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry for `key` is there (it may still be unreadable: get() says)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Optional[ArticleExtraction]:
        path = self._path(key)
        identity = _identity(path)
        known = _read.get(str(path)) if _keeping else None
        if known is not None and identity is not None and known[0] == identity:
            self.hits += 1
            return known[1]
        try:
            result = extraction_from_plain(_checked_payload(path.read_text(encoding="utf-8"), key))
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 - any unreadable entry (truncated, garbage, nested too deep,
            self.misses += 1  # a folder in its place, an old format...) is recomputed; put() replaces it
            return None
        self.hits += 1
        if identity is not None and _keeping:
            if len(_read) >= READ_KEPT:
                _read.clear()
            _read[str(path)] = (identity, result)
        return result

    def put(self, key: str, extraction: ArticleExtraction) -> None:
        payload = to_plain(extraction)
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        text = json.dumps({"key": key, "sha256": digest, "payload": payload}, ensure_ascii=False, sort_keys=True)
        try:
            write_atomic(self._path(key), text, fsync=True)
        except OSError as err:  # a full disk or a read-only cache folder costs speed, not the build
            self.write_errors.append(f"cache entry {key[:12]} not written: {err.strerror or err}")


def merge_caches(into: Path, sources: list[Path]) -> tuple[int, int]:
    """Copy every valid entry of the `sources` cache folders into `into` (shards' caches into the one
    the build reads): (entries copied, entries skipped: already there, corrupt or not an entry).
    An entry is checked as the build reads it, so a damaged artifact costs a re-parse, never a
    wrong result."""
    target = ExtractionCache(into)
    copied = skipped = 0
    for source in sources:
        reader = ExtractionCache(source)
        for path in sorted(Path(source).glob("??/*.json")):
            key = path.stem
            if len(key) != 64 or (target._path(key).is_file() and target.get(key) is not None):
                skipped += 1
                continue
            extraction = reader.get(key)
            if extraction is None:
                skipped += 1
                continue
            target.put(key, extraction)
            copied += 1
    return copied, skipped
