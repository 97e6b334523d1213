"""The build cache's JSON files, read once per process and written beside the build.

At 2,000 articles the stores (parsed seeds, derived values, YAML fragments, kept pages) are 80 MB of
JSON: reading them took a second of every rebuild and writing them another. `mkdocs serve` is one
process for many rebuilds, so there (`keep_in_memory`) a store this process wrote or read is
remembered with the file's identity (mtime, size, inode) and not read again while the file is
unchanged; a one-off build keeps nothing, so its peak memory does not grow. Writing is done by a
forked child (`in_child`), which keeps no descriptor of this process: the build goes on, and a
reader of this process in the meantime waits for that child (a failed write is only a store that
is not remembered). Values handed out are shared: callers must not change them.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

from generator.beside import in_background
from generator.fileio import file_identity as _identity, write_atomic

_remembered: dict[str, tuple[Optional[tuple], Any]] = {}  # path -> (file identity, or None while written; value)
_writers: dict[str, int] = {}  # path -> the pid of the child writing it
_keeping = False


def keep_in_memory(on: bool) -> None:
    """Remember stores (and extraction entries, nlp/cache.py) between builds of this process."""
    global _keeping
    _keeping = on
    if not on:
        _remembered.clear()


def keeping() -> bool:
    return _keeping


def _finish(key: str, status: Optional[int] = None) -> None:
    """Wait for the child writing `key` (`status`: its wait status, when it was already waited for):
    its value is then the file's, or forgotten if the write failed."""
    pid = _writers.pop(key, None)
    if pid is None:
        return
    try:
        if status is None:
            _, status = os.waitpid(pid, 0)
        written = os.waitstatus_to_exitcode(status) == 0
    except ChildProcessError:
        written = False
    value = _remembered.get(key, (None, None))[1]
    identity = _identity(Path(key)) if written and key in _remembered else None
    if identity is None:
        _remembered.pop(key, None)
    else:
        _remembered[key] = (identity, value)


def finish_writes() -> None:
    """Wait for every store this process is writing (tests, and a process about to read them as files)."""
    for key in list(_writers):
        _finish(key)


def read_store(path: Optional[Path], max_bytes: int) -> Any:
    """The file's JSON value; None when it is missing, larger than `max_bytes` or not JSON."""
    if path is None:
        return None
    key = str(path)
    _finish(key)
    identity = _identity(path)
    if identity is None:
        return None
    known = _remembered.get(key)
    if known is not None and known[0] == identity:
        return known[1]
    if identity[1] > max_bytes:
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if _keeping:
        _remembered[key] = (identity, value)
    return value


def write_store(path: Path, value: Any, in_child: bool = False) -> None:
    """Write `value` as compact JSON, atomically; with `in_child`, in a forked child (where fork is
    available). Raises OSError only when written here."""
    key = str(path)
    _finish(key)  # two writes of one file happen in order
    _reap()
    if not in_child or not hasattr(os, "fork"):
        write_atomic(path, _json(value))
        identity = _identity(path)
        if identity is not None and _keeping:
            _remembered[key] = (identity, value)
        return
    pid = in_background(lambda: write_atomic(path, _json(value)))
    _writers[key] = pid
    if _keeping:
        _remembered[key] = (None, value)
    else:
        _remembered.pop(key, None)


def _json(value: Any) -> str:
    """Compact JSON in ASCII (non-ASCII characters escaped): the file is read back as one string, and
    one character beyond U+FFFF (an emoji in a seed) made all of a 42-million-character page store take
    four bytes a character: reading it peaked at 386 MB and took 0.66 s, in ASCII 135 MB and 0.31 s."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def _reap() -> None:
    """Children that are done are waited for, so none is left a zombie in a long-lived process."""
    for key, pid in list(_writers.items()):
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # waited for elsewhere: what it wrote is unknown
            done, status = pid, 1 << 8
        if done:
            _finish(key, status)

