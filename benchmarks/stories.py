"""Benchmark: the cost of the story stage against extraction, on real articles.

Run: .venv/bin/python benchmarks/stories.py [--from 2022-02-24] [--to 2022-06-24] [--most 200]

Writes the corpus articles of the window as seeds in a temporary folder (tools/corpus_window.py),
extracts them once with an empty cache (the extraction time), then times the story stage (copies,
clustering, dating, headlines) three times over the same merged briefing and reports the median:
seconds per 1,000 events and its share of extraction time (the target: under 10%).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from generator.briefing.merge import merge
    from generator.nlp.extract import extract_articles
    from generator.nlp.model import model_name
    from generator.sources.seeds import read_seeds
    from generator.stories.build import build_stories
    from generator.stories.copies import copy_groups
    from tools import corpus_window

    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="start", default="2022-02-24")
    parser.add_argument("--to", dest="end", default="2022-06-24")
    parser.add_argument("--most", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as work:
        seeds = Path(work) / "seeds"
        corpus_window.main(["--corpus", str(ROOT.parent / "shared" / "corpus"), "--from", args.start,
                            "--to", args.end, "--most", str(args.most), "--out", str(seeds)])
        report = read_seeds(seeds)
        started = time.perf_counter()
        extractions = extract_articles(report.articles, model_name(None))
        extraction = time.perf_counter() - started
        briefing = merge(report.articles, extractions)
        runs, copies_runs = [], []
        for _ in range(3):
            started = time.perf_counter()
            copies = copy_groups(briefing.articles)
            copies_runs.append(time.perf_counter() - started)
            result = build_stories(briefing, copies)
            runs.append(time.perf_counter() - started)
    events, stories = len(briefing.events), len(result.stories)
    median = statistics.median(runs)
    print(f"{len(report.articles)} articles, {events} events -> {stories} stories "
          f"({sum(s.outlets > 1 for s in result.stories)} reported by 2+ outlets)")
    print(f"extraction (one run, model load included): {extraction:.1f} s")
    print(f"story stage, median of 3: {median:.3f} s (copies {statistics.median(copies_runs):.3f} s); "
          f"{1000 * median / max(1, events):.3f} s per 1,000 events; {100 * median / extraction:.2f}% of extraction")


if __name__ == "__main__":
    main()
