"""Two independent pieces of work on two cores: one in a forked child, one here.

Rendering a 2,000-article briefing is half pages (Jinja) and half downloads (YAML, JSON, feeds, CSV),
independent of each other and each a few seconds of one core. A forked child shares the briefing
data without copying or pickling it; only its result comes back, pickled through a pipe. Where fork
is unavailable or there is one core, both run here, one after the other, with the same results.
"""
from __future__ import annotations

import os
import pickle
import signal
from typing import Callable, TypeVar

A = TypeVar("A")
B = TypeVar("B")


class ChildFailed(RuntimeError):
    """The child ended without a result, or raised an exception that cannot be pickled (the others are
    raised here as they were)."""


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def side_by_side(here: Callable[[], A], child: Callable[[], B]) -> tuple[A, B]:
    """(here(), child()), `child` computed in a forked process while `here` runs in this one."""
    if not hasattr(os, "fork") or _cores() < 2:
        return here(), child()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        code = 0
        try:
            os.close(read)
            try:
                outcome: tuple = ("ok", child())
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                outcome, code = ("error", exc), 1
            try:
                payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled goes as text
                payload = pickle.dumps(("error", ChildFailed(f"{outcome[1]!r} ({exc.__class__.__name__})")))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        finally:
            os._exit(code)
    os.close(write)
    try:
        mine = here()
    except BaseException:
        os.close(read)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    try:
        with os.fdopen(read, "rb") as inp:
            status, value = pickle.load(inp)
    except (EOFError, pickle.UnpicklingError) as exc:
        os.waitpid(pid, 0)
        raise ChildFailed(f"the child process ended without a result ({exc.__class__.__name__})") from exc
    os.waitpid(pid, 0)
    if status != "ok":
        raise value if isinstance(value, BaseException) else ChildFailed(str(value))
    return mine, value
