"""Run a Python module with the wall clock moved by a fixed offset, for reproducibility tests:

    python tests/shifted_clock.py SECONDS -m mkdocs build ...

Instead of sleeping between two builds and hoping the clock moved far enough, the second build runs
with a clock that is, deterministically, days, hours, minutes and seconds away from the first one's,
so anything in the output that comes from the time of the build (at any resolution) differs.

time.time()/time_ns() and the time functions that default to "now" are shifted. datetime's C module
reads the system clock itself, so it is blocked and Python's own pure-Python datetime (which reads
time.time()) is used instead, and so is zoneinfo's; a C extension that needs datetime's C API (numpy, hence spaCy) cannot
be imported then, so use this for builds that parse nothing (a warm extraction cache).
"""
from __future__ import annotations

import os
import runpy
import sys
import time


def shift_clock(offset: float) -> None:
    if "datetime" in sys.modules or "_datetime" in sys.modules:
        raise RuntimeError("shift_clock() must run before datetime is imported")
    real_time, real_time_ns = time.time, time.time_ns
    real_localtime, real_gmtime, real_ctime, real_strftime = time.localtime, time.gmtime, time.ctime, time.strftime
    time.time = lambda: real_time() + offset
    time.time_ns = lambda: real_time_ns() + int(offset * 1_000_000_000)
    time.localtime = lambda secs=None: real_localtime(time.time() if secs is None else secs)
    time.gmtime = lambda secs=None: real_gmtime(time.time() if secs is None else secs)
    time.ctime = lambda secs=None: real_ctime(time.time() if secs is None else secs)
    time.strftime = lambda fmt, t=None: real_strftime(fmt, time.localtime() if t is None else t)
    # -> the pure-Python datetime and zoneinfo (_zoneinfo needs the C datetime's API)
    sys.modules["_datetime"] = sys.modules["_zoneinfo"] = None  # type: ignore[assignment]
    import datetime

    now = datetime.datetime.now(datetime.timezone.utc).timestamp()
    if abs(now - real_time() - offset) > 60:
        raise RuntimeError("datetime.now() does not follow the shifted clock")


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[1] != "-m":
        raise SystemExit("usage: shifted_clock.py SECONDS -m MODULE [ARGS...]")
    shift_clock(float(argv[0]))
    sys.argv = [argv[2], *argv[3:]]
    sys.path[0] = os.getcwd()  # as `python -m` does, instead of this file's folder
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
