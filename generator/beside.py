"""Two independent pieces of work on two cores: one in a forked child, one here.

Rendering a 2,000-article briefing is half pages (Jinja) and half downloads (YAML, JSON, feeds, CSV),
independent of each other and each a few seconds of one core. A forked child shares the briefing
data without copying or pickling it; only its result comes back, pickled through a pipe. Where fork
is unavailable or there is one core, both run here, one after the other, with the same results.
"""
from __future__ import annotations

import os
import pickle
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Callable, Optional, TypeVar

A = TypeVar("A")
B = TypeVar("B")


class ChildFailed(RuntimeError):
    """The child ended without a result, or raised an exception that cannot be pickled (the others are
    raised here as they were)."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def side_by_side(here: Callable[[], A], child: Callable[[], B]) -> tuple[A, B]:
    """(here(), child()), `child` computed in a forked process while `here` runs in this one.

    The child's result (a hundred megabytes of downloads at 2,000 articles) goes through an unnamed
    temporary file, not a pipe: a pipe holds 64 kB, so the child would wait for this side to finish
    before it could hand over the rest, and the copying would follow the work instead of overlapping it."""
    if not hasattr(os, "fork") or cores() < 2:
        return here(), child()
    with tempfile.TemporaryFile() as result:
        pid = os.fork()
        if pid == 0:  # the child: compute, write, leave without running the parent's exit handlers
            code = 0
            try:
                try:
                    outcome: tuple = ("ok", child())
                except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                    outcome, code = ("error", exc), 1
                try:
                    payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled goes as text
                    payload = pickle.dumps(("error", ChildFailed(f"{outcome[1]!r} ({exc.__class__.__name__})")))
                view, offset = memoryview(payload), 0
                while offset < len(view):  # a write may take only part
                    offset += os.pwrite(result.fileno(), view[offset:], offset)
            finally:
                os._exit(code)
        try:
            mine = here()
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        os.waitpid(pid, 0)
        result.seek(0)
        try:
            status, value = pickle.load(result)
        except (EOFError, pickle.UnpicklingError) as exc:
            raise ChildFailed(f"the child process ended without a result ({exc.__class__.__name__})") from exc
    if status != "ok":
        raise value if isinstance(value, BaseException) else ChildFailed(str(value))
    return mine, value


def in_background(work: Callable[[], object]) -> Optional[int]:
    """Start `work` in a forked child that keeps no descriptor of this process (a pipe a caller reads
    this process's output from ends with this process, not with the child) and exits 0 when `work`
    returned, 1 when it raised. Returns its pid for os.waitpid; None where fork is unavailable
    (the work is then done here, and what it raises is raised)."""
    if not hasattr(os, "fork"):
        work()
        return None
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.closerange(3, _max_fd())
            work()
            code = 0
        finally:
            os._exit(code)
    return pid


_removers: list[int] = []  # children removing folders, reaped by the next removal of this process


def remove_in_background(folder: Path) -> Optional[int]:
    """Remove `folder` in a background child: deleting a 5,000-page site took 1.3-1.6 s of a rebuild
    that does not need to wait for it. Returns the child's pid (None: removed here)."""
    _reap()
    pid = in_background(lambda: shutil.rmtree(folder, ignore_errors=True))
    if pid is not None:
        _removers.append(pid)
    return pid


def _reap() -> None:
    for pid in list(_removers):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # waited for elsewhere
            done = pid
        if done:
            _removers.remove(pid)


def _max_fd() -> int:
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (AttributeError, ValueError, OSError):
        return 4096
