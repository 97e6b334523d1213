"""Benchmark: is extraction linear in an article's length? Articles of 10, 50 and 200 kB.

Run: .venv/bin/python benchmarks/long_articles.py [--sizes 10 50 200] [--rounds 3]

Each article is made of whole Kremlin releases from the corpus (CC BY 4.0), in date order, until it
reaches the size; one article per size, extracted without a cache in one process (the model already
loaded), against a bare `nlp(text)` of the same analysis text in one Doc. Prints the medians of the
rounds, the time per kB of each, and the growth factors between sizes: a linear step grows about as the
size does (×5, ×4), one that grows faster is what a peer's 150 kB article exposed (142 s). Extraction
parses a text of more than 100,000 characters in paragraph-aligned parts (nlp/parse.py), so at 200 kB
it can take less than the one-Doc bare parse.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def _kremlin_texts() -> list[str]:
    """The corpus' Kremlin releases (their licence allows reuse), oldest first."""
    from tools.corpus_window import SOURCES, rows_in

    name = "zelenskyy-putin/putin.csv"
    body = SOURCES[name][3]
    rows = [(str(row.get("published") or row.get("date") or ""), n, row[body]) for source, n, row
            in rows_in(CORPUS, "2000-01-01", "2030-01-01") if source == name and len(row[body]) > 500]
    return [text for _, _, text in sorted(rows)]


def _article(kb: int, texts: list[str]):
    from generator.briefing.records import Article

    parts, size = [], 0
    for text in texts:
        if size >= kb * 1000:
            break
        parts.append(text.strip())
        size += len(text.encode("utf-8")) + 2
    body = "\n\n".join(parts)[: kb * 1000]
    return Article(id=f"long-{kb}", file=f"long-{kb}.md", title=f"A {kb} kB article", date=dt.date(2022, 3, 1),
                   source="kremlin.ru", url="", body=body)


def main() -> int:
    from generator.nlp.extract import analysis_text, extract_articles
    from generator.nlp.model import model_name
    from generator.nlp.parse import load_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = _kremlin_texts()
    if not texts:
        print(f"no Kremlin releases found in {CORPUS}")
        return 1
    model = model_name(None)
    nlp = load_pipeline(model)
    extract_articles([_article(1, texts)], model, processes=1)  # the extraction's own set-up, once
    rows = []
    for kb in args.sizes:
        article = _article(kb, texts)
        text = analysis_text(article.body)
        extract, bare = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            extract_articles([article], model, processes=1)
            extract.append(time.perf_counter() - start)
            start = time.perf_counter()
            nlp(text)
            bare.append(time.perf_counter() - start)
        rows.append((kb, len(article.body.encode("utf-8")) / 1000, statistics.median(extract), statistics.median(bare)))
    print(f"medians of {args.rounds} round(s), model {model}")
    print("| size kB | extraction s | extraction s per kB | bare nlp(text) s | bare s per kB | extraction / bare |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for kb, real, extract, bare in rows:
        print(f"| {real:.0f} | {extract:.2f} | {extract / real:.3f} | {bare:.2f} | {bare / real:.3f} "
              f"| {extract / bare:.2f} |")
    for (kb1, real1, e1, b1), (kb2, real2, e2, b2) in zip(rows, rows[1:]):
        print(f"{real1:.0f} -> {real2:.0f} kB (x{real2 / real1:.1f} the text): extraction x{e2 / e1:.1f}, "
              f"bare parse x{b2 / b1:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
