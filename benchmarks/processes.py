"""Benchmark: extraction in one process against worker processes on every core, on real articles.

Run: .venv/bin/python benchmarks/processes.py [--most 80] [--from 2022-02-24 --to 2022-06-24] [--rounds 3]
     [--many-only]

The whole corpus: --from 2000-01-01 --to 2030-12-31 --most 100000 --many-only (one process is left out:
the issue's bar compares extraction on every core with bare spaCy on every core).

Writes corpus articles (24 February to 24 June 2022, all sources) as seeds in a temporary folder
and extracts them without a cache, in one process and then in os.cpu_count() processes, three
times each (model already loaded, as in `mkdocs serve`), and runs a bare `nlp.pipe(n_process=cores)`
over the same texts; prints the medians, their ratios, and whether the extractions are identical.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from generator.briefing.records import to_plain
    from generator.nlp.extract import analysis_text, extract_articles
    from generator.nlp.model import model_name
    from generator.nlp.parse import load_pipeline
    from generator.sources.seeds import read_seeds
    from tools import corpus_window

    parser = argparse.ArgumentParser()
    parser.add_argument("--most", type=int, default=80)
    parser.add_argument("--from", dest="start", default="2022-02-24")
    parser.add_argument("--to", dest="end", default="2022-06-24")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--many-only", action="store_true", help="leave out the one-process extraction")
    args = parser.parse_args()
    model = model_name(None)
    nlp = load_pipeline(model)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-processes-") as work:
        corpus_window.main(["--corpus", str(ROOT.parent / "shared" / "corpus"), "--from", args.start,
                            "--to", args.end, "--most", str(args.most), "--out", str(Path(work) / "seeds")])
        articles = read_seeds(Path(work) / "seeds").articles
    times: dict[int, list[float]] = {cores: []} if args.many_only else {1: [], cores: []}
    bare: list[float] = []
    texts = [analysis_text(a.body) for a in articles]
    results = {}
    for _ in range(args.rounds):
        for n in times:
            start = time.perf_counter()
            results[n] = extract_articles(articles, model, processes=n, parallel_from=2)
            times[n].append(time.perf_counter() - start)
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, n_process=cores, batch_size=8):
            pass
        bare.append(time.perf_counter() - start)
    many, of = statistics.median(times[cores]), f"median of {args.rounds}"
    if not args.many_only:
        one = statistics.median(times[1])
        same = all(to_plain(results[1][k]) == to_plain(results[cores][k]) for k in results[1])
        print(f"{len(articles)} articles: 1 process {one:.1f} s, {cores} processes {many:.1f} s ({of}s): "
              f"x{one / many:.2f}; identical: {same}")
    else:
        print(f"{len(articles)} articles: {cores} processes {many:.1f} s ({of})")
    print(f"bare nlp.pipe(n_process={cores}) over the same texts: {statistics.median(bare):.1f} s ({of}); "
          f"extraction on {cores} processes / bare: {many / statistics.median(bare):.2f}")


if __name__ == "__main__":
    main()
