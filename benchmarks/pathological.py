"""Every stage that runs a regular expression over seed text, on hostile 100 kB inputs, under a time
budget: a quadratic or exponential pattern shows as seconds here (a linear one as milliseconds).

    .venv/bin/python benchmarks/pathological.py [--budget 1.0]

Exits 1 when any input takes longer than the budget (seconds, default 1.0) in any stage.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.nlp.quotes import _LABEL, _label_fits  # noqa: E402
from generator.sources.boilerplate import strip_boilerplate  # noqa: E402
from generator.sources.seeds import parse_seed  # noqa: E402
from generator.sources.typography import normalise  # noqa: E402

SIZE = 100_000
INPUTS = {
    "capitals": "A" * SIZE,
    "capital words": "AB " * (SIZE // 3),
    "capitals and colon": "A" * SIZE + ":",
    "spaces": " " * SIZE,
    "spaces then text": " " * SIZE + "x",
    "tabs": "\t" * SIZE,
    "hyphen run": "a-" * (SIZE // 2),
    "capital hyphen run": "A-" * (SIZE // 2),
    "s-words": "as " * (SIZE // 3),
    "dashes and spaces": " \u2014" * (SIZE // 2),
    "hashes": "a#" * (SIZE // 2),
    "sentence starts": "A. " * (SIZE // 3),
    "newlines": "\n" * SIZE,
    "quotes": '"' * SIZE,
    "curly quotes": "\u201c" * SIZE,
    "one long line of words": "Photograph contributed Sign up " * (SIZE // 30),
    "brackets": "[" * SIZE,
}


def _labels(text: str) -> None:
    for m in _LABEL.finditer(text):
        _label_fits(m.group(1))


def _seed(text: str) -> None:
    for form in (f"---\ntitle: T\ndate: 2022-02-28\n---\n{text}\n", f"T\n20220228\nhttps://x.org/a\n{text}\n",
                 f" date 2022-02-28 {text[:5000]}\n{text}\n", f"{text}\n"):
        parse_seed(form.encode("utf-8"), "x.md")


STAGES = {"typography": normalise, "boilerplate": strip_boilerplate, "transcript labels": _labels,
          "seed reader": _seed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=1.0, help="seconds allowed per input and stage")
    args = parser.parse_args(argv)
    worst, failures = 0.0, []
    print(f"{'input (100 kB)':<26}" + "".join(f"{s:>20}" for s in STAGES))
    for name, text in INPUTS.items():
        row = []
        for stage, run in STAGES.items():
            times = []
            for _ in range(3):
                start = time.perf_counter()
                run(text)
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            worst = max(worst, seconds)
            row.append(f"{seconds * 1000:>18.1f}ms")
            if seconds > args.budget:
                failures.append(f"{stage} on {name}: {seconds:.2f} s")
        print(f"{name:<26}" + "".join(row))
    print(f"worst: {worst * 1000:.1f} ms (median of 3); budget {args.budget * 1000:.0f} ms")
    for line in failures:
        print("OVER BUDGET:", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
