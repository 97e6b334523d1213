"""Parsed seeds kept between builds: reading 2,000 seeds (front matter through the safe pure-Python YAML
loader, typography, boilerplate) took a second of every rebuild, for files that had not changed.

A file's result is found by a digest of its bytes, its path and the version of the reading code and
data (the extraction version covers them); the file is JSON, read as hostile: an entry that does not
have the exact shape of an Article is read again from its seed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from typing import Callable, Optional

from generator.briefing.records import Article, SeedProblem
from generator.build_store import read_store, write_store

Parsed = tuple[Optional[Article], list[SeedProblem]]
MAX_BYTES = 512 * 1024 * 1024
_TEXT_FIELDS = ("id", "file", "title", "source", "url", "body", "encoding", "license", "first_seen")


def _article_data(article: Article) -> dict:
    data = dataclasses.asdict(article)
    data["date"] = article.date.isoformat()
    data["excerpts"] = list(article.excerpts)
    return data


def _article(data: object) -> Article:
    """An Article from its JSON, or ValueError when anything is not exactly as written."""
    if not isinstance(data, dict) or set(data) != {f.name for f in dataclasses.fields(Article)}:
        raise ValueError("not an article")
    if not all(isinstance(data[k], str) for k in _TEXT_FIELDS) or data["publish_text"] not in (None, True, False) \
            or not isinstance(data["excerpts"], list) or not all(isinstance(x, str) for x in data["excerpts"]) \
            or not isinstance(data["date"], str):
        raise ValueError("not an article")
    return Article(**{**data, "date": dt.date.fromisoformat(data["date"]), "excerpts": tuple(data["excerpts"])})


def _problem(data: object) -> SeedProblem:
    if not isinstance(data, dict) or set(data) != {"file", "reason", "code", "fatal"} \
            or not all(isinstance(data[k], str) for k in ("file", "reason", "code")) or not isinstance(data["fatal"], bool):
        raise ValueError("not a problem")
    return SeedProblem(**data)


class ParsedSeeds:
    """`parse(data, file, parser)`: the parser's result for these bytes, from the file when known."""

    def __init__(self, path: Optional[Path], version: str):
        self.path, self.version = path, version
        self.known: dict[str, object] = {}
        self.used: dict[str, object] = {}
        self.parsed = 0
        raw = read_store(path, MAX_BYTES)
        if isinstance(raw, dict):
            self.known = raw

    def _key(self, data: bytes, file: str) -> str:
        digest = hashlib.sha256(self.version.encode() + b"\0" + file.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def parse(self, data: bytes, file: str, parser: Callable[[bytes, str], Parsed]) -> Parsed:
        key = self._key(data, file)
        entry = self.known.get(key)
        if isinstance(entry, dict) and set(entry) == {"article", "problems"} and isinstance(entry["problems"], list):
            try:
                article = None if entry["article"] is None else _article(entry["article"])
                found = (article, [_problem(p) for p in entry["problems"]])
                self.used[key] = entry
                return found
            except (ValueError, TypeError):
                pass
        article, problems = parser(data, file)
        self.parsed += 1
        self.used[key] = {"article": None if article is None else _article_data(article),
                          "problems": [{"file": p.file, "reason": p.reason, "code": str(p.code), "fatal": p.fatal}
                                       for p in problems]}
        return article, problems

    def save(self, in_child: bool = False) -> None:
        """This build's entries only (a removed seed's entry goes with it); `in_child`: written beside
        the build (build_store.py)."""
        if self.path is None or (not self.parsed and len(self.used) == len(self.known)):
            return
        write_store(self.path, self.used, in_child)
