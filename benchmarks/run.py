"""Benchmarks: incremental rebuild, pipeline overhead over raw spaCy, site size as articles grow.

Run: .venv/bin/python benchmarks/run.py [--articles 40] [--site-articles 0]

Reads real releases from ../shared/corpus (Kremlin and President of Ukraine, CC BY 4.0) into a
temporary seeds folder; nothing is written into the project. Ratios are measured in one run.
1. cold build (empty cache, fresh process, model load included) vs rebuild after adding one seed;
2. extraction time in-process vs raw `nlp.pipe` on the same texts;
3. with --site-articles N: a full `mkdocs build` over N articles: total and largest page size.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "zelenskyy-putin"
sys.path.insert(0, str(ROOT))


def releases(limit: int) -> list[dict]:
    """Releases from 24 February 2022 on, alternating Kremlin and Ukraine, oldest first."""
    csv.field_size_limit(10**9)
    rows = []
    for name, source in (("putin.csv", "kremlin.ru"), ("zelenskyy.csv", "president.gov.ua")):
        with open(CORPUS / name, newline="", encoding="utf-8") as handle:
            picked = [r for r in csv.DictReader(handle) if r["date"][:10] >= "2022-02-24" and len(r["body"]) > 300]
        picked.sort(key=lambda r: (r["date"], r["link"]))
        rows.append([dict(r, source=source) for r in picked])
    mixed = [r for pair in zip(*rows) for r in pair]
    return mixed[:limit]


def write_seed(folder: Path, n: int, row: dict) -> None:
    title = row["headline"].replace('"', "'").strip()
    body = row["body"].strip()
    (folder / f"{n:04d}-{row['source'].split('.')[0]}.md").write_text(
        f'---\ntitle: "{title}"\ndate: {row["date"][:10]}\nsource: {row["source"]}\nurl: {row["link"]}\n---\n{body}\n',
        encoding="utf-8")


def timed_cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args, "--quiet"], cwd=ROOT, check=True)
    return time.perf_counter() - start


def incremental(rows: list[dict], work: Path, repeats: int = 3) -> dict:
    """Cold build, then the rebuild after adding one seed, each in a fresh process; repeated, and
    the median of the per-run ratios reported (a busy machine slows single runs)."""
    runs = []
    for attempt in range(repeats):
        seeds, cache, out = work / f"seeds{attempt}", work / f"cache{attempt}", work / f"md{attempt}"
        seeds.mkdir()
        for n, row in enumerate(rows[:-1]):
            write_seed(seeds, n, row)
        common = ["--seeds", str(seeds), "--out", str(out), "--cache", str(cache)]
        cold = timed_cli("build", *common)
        write_seed(seeds, len(rows) - 1, rows[-1])
        warm = timed_cli("build", *common)
        noop = timed_cli("build", *common)
        runs.append((warm / cold, cold, warm, noop))
    ratio, cold, warm, noop = sorted(runs)[len(runs) // 2]
    startup = timed_cli("render", "--data", str(out / "briefing.yml"), "--out", str(work / "md-render"))
    return {"articles_before": len(rows) - 1, "cold_s": cold, "add_one_s": warm, "nothing_new_s": noop,
            "render_only_s": startup, "ratio": ratio, "ratios": [round(r[0], 2) for r in runs]}


def overhead(rows: list[dict]) -> dict:
    from generator.nlp.extract import extract_articles
    from generator.nlp.parse import load_pipeline, model_name
    from generator.sources.seeds import parse_seed
    from generator.sources.typography import normalise

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, row in enumerate(rows):
            write_seed(folder, n, row)
        articles = [parse_seed(p.read_bytes(), p.name)[0] for p in sorted(folder.iterdir())]
    nlp = load_pipeline(model_name())
    texts = [a.body for a in articles]
    raw, ours = [], []
    for _ in range(2):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=8):
            pass
        raw.append(time.perf_counter() - start)
        start = time.perf_counter()
        extract_articles(articles, model_name(), cache=None)
        ours.append(time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts)
    return {"articles": len(texts), "words": words, "raw_pipe_s": min(raw), "pipeline_s": min(ours),
            "ratio": min(ours) / min(raw), "normalise_check": len(normalise(texts[0])) > 0}


def scaling(work: Path) -> dict:
    """Extraction time (after parsing) on one article four times longer: about x4 means linear.
    A quadratic step would make a very long article look like a hang."""
    from generator.nlp.extract import extract_one
    from generator.nlp.parse import load_pipeline, model_name, parse
    from generator.briefing.records import Article
    from generator.sources.typography import normalise
    import datetime as dt

    nlp = load_pipeline(model_name())
    lines = [l for l in (ROOT / "seeds" / "001_eae2988b17b06bab.txt").read_text(encoding="utf-8").split("\n")[3:] if l.strip()]
    timings = {}
    for chars in (12_500, 50_000):
        paragraphs, size = [], 0
        while size < chars:
            paragraphs.append(lines[len(paragraphs) % len(lines)])
            size += len(paragraphs[-1]) + 2
        body = "\n\n".join(paragraphs)
        article = Article(id="long", file="long.md", title="Long", date=dt.date(2022, 3, 5), source="", url="", body=body)
        doc = next(parse(nlp, [normalise(body)]))
        title_doc = nlp("Long")
        start = time.perf_counter()
        extract_one(doc, title_doc, article)
        timings[chars] = time.perf_counter() - start
    return {"short_s": timings[12_500], "long_s": timings[50_000], "ratio": timings[50_000] / timings[12_500]}


def site_size(rows: list[dict], work: Path) -> dict:
    seeds = work / "site-seeds"
    seeds.mkdir()
    for n, row in enumerate(rows):
        write_seed(seeds, n, row)
    config = work / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}").replace("seeds: seeds", f"seeds: {seeds}")
    text = text.replace("cache: .cache/extraction", f"cache: {work / 'site-cache'}")
    config.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "site")],
                   cwd=ROOT, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    seconds = time.perf_counter() - start
    pages = [p for p in (work / "site").rglob("*.html")]
    sizes = sorted(p.stat().st_size for p in pages)
    about = (work / "site" / "about" / "index.html").stat().st_size
    return {"articles": len(rows), "build_s": seconds, "pages": len(pages), "total_mb": sum(sizes) / 1e6,
            "median_page_kb": statistics.median(sizes) / 1e3, "largest_page_kb": sizes[-1] / 1e3,
            "about_page_kb": about / 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40, help="seeds before the one added (default 40)")
    parser.add_argument("--site-articles", type=int, default=0, help="also build a site of N articles")
    args = parser.parse_args()
    rows = releases(max(args.articles + 1, args.site_articles))
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        inc = incremental(rows[: args.articles + 1], work)
        print(f"incremental: cold build of {inc['articles_before']} articles {inc['cold_s']:.1f} s; "
              f"after adding one seed {inc['add_one_s']:.1f} s; ratio {inc['ratio']:.2f} (target <= 0.35); "
              f"nothing new {inc['nothing_new_s']:.1f} s; render only {inc['render_only_s']:.1f} s "
              f"(median of ratios {inc['ratios']})")
        ov = overhead(rows[: args.articles + 1])
        print(f"overhead: {ov['articles']} articles, {ov['words']} words: raw nlp.pipe {ov['raw_pipe_s']:.2f} s, "
              f"extraction pipeline {ov['pipeline_s']:.2f} s, ratio {ov['ratio']:.2f}")
        sc = scaling(work)
        print(f"scaling: extraction after parsing {sc['short_s']:.2f} s on 12,500 characters, {sc['long_s']:.2f} s on "
              f"50,000: x{sc['ratio']:.1f} for x4 the text (linear is about x4)")
        if args.site_articles:
            size = site_size(rows[: args.site_articles], work)
            print(f"site: {size['articles']} articles, {size['pages']} pages, built in {size['build_s']:.1f} s, "
                  f"{size['total_mb']:.1f} MB in total, median page {size['median_page_kb']:.0f} kB, largest "
                  f"{size['largest_page_kb']:.0f} kB, about page {size['about_page_kb']:.0f} kB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"memory: peak RSS {peak:.0f} MB in-process, {children:.0f} MB largest child")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
