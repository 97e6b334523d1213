"""Replacing a built site as a whole: a build writes into a fresh folder beside the site and swaps it in
only when it is complete, so a failed build (a template error, a full disk, a crash) leaves the previous
site as it was; a lock beside the site makes two builds of one checkout take turns.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Optional


class SiteSwap:
    """`begin` takes the lock and gives the folder to build into; `commit` swaps it in; `abort` drops it."""

    def __init__(self, site: Path, say: Callable[[str], None] = lambda m: None):
        self.site = Path(site).resolve()
        self.say = say
        self.building: Optional[Path] = None
        self._lock: Optional[int] = None

    @property
    def _prefix(self) -> str:
        return f".{self.site.name}.building-"

    def begin(self) -> Path:
        self.site.parent.mkdir(parents=True, exist_ok=True)
        self._lock = os.open(self.site.parent / f".{self.site.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.say(f"another build is writing {self.site}: waiting for it")
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        for leftover in self.site.parent.glob(self._prefix + "*"):  # from a build that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        self.building = Path(tempfile.mkdtemp(prefix=self._prefix, dir=self.site.parent))
        os.chmod(self.building, 0o755)
        return self.building

    def commit(self) -> None:
        """The new site in place of the old: two renames, the old one removed afterwards."""
        if self.building is None:
            return
        old = None
        if self.site.exists() or self.site.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.site.name}.old-", dir=self.site.parent))
            os.rename(self.site, old / "site")
        os.rename(self.building, self.site)
        self.building = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        self._release()

    def abort(self) -> None:
        if self.building is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None
