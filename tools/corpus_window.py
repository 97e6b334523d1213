"""Write the shared corpus's articles of a date window as seeds, for realistic builds and benchmarks.

    python -m tools.corpus_window --from 2022-02-24 --to 2022-03-10 --out /tmp/w1/seeds [--most 120]

Every source of the window is taken, up to --most articles (drawn with a fixed seed, in proportion
to each source's share). Kremlin and President of Ukraine releases declare their licence (CC BY 4.0)
and may be republished; Guardian and New York Times articles declare neither, so a site built from
them shows excerpts only.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path
from typing import Optional

import yaml

SOURCES = {  # csv -> (publisher, licence, headline column, body column)
    "News_Analytics_Project/Guardians_Russia_Ukraine.csv": ("theguardian.com", "", "headlines", "articles"),
    "News_Analytics_Project/NYT_Russia_Ukraine.csv": ("nytimes.com", "", "headlines", "articles"),
    "zelenskyy-putin/zelenskyy.csv": ("president.gov.ua", "CC-BY-4.0", "headline", "body"),
    "zelenskyy-putin/putin.csv": ("kremlin.ru", "CC-BY-4.0", "headline", "body"),
}


def rows_in(corpus: Path, start: str, end: str) -> list[tuple[str, int, dict]]:
    csv.field_size_limit(10**9)
    found = []
    for name in SOURCES:
        with (corpus / name).open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                day = str(row.get("published") or row.get("date") or "").replace("/", "-")[:10]
                if start <= day <= end and (row.get(SOURCES[name][3]) or "").strip():
                    found.append((name, n, row))
    return found


def seed_text(name: str, row: dict) -> str:
    publisher, licence, head, body = SOURCES[name]
    front = {"title": " ".join((row.get(head) or "Untitled").split()) or "Untitled",
             "date": str(row.get("published") or row.get("date")).replace("/", "-")[:10], "source": publisher}
    if row.get("link"):
        front["url"] = row["link"]
    if licence:
        front["license"] = licence
        front["publish_text"] = True
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + row[body].strip() + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus_window", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus")
    parser.add_argument("--from", dest="start", required=True)
    parser.add_argument("--to", dest="end", required=True)
    parser.add_argument("--most", type=int, default=120)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    found = rows_in(Path(args.corpus), args.start, args.end)
    random.Random(1).shuffle(found)
    chosen = sorted(found[: args.most], key=lambda x: (x[0], x[1]))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, n, row in chosen:
        stem = f"{SOURCES[name][0].split('.')[0]}-{n:04d}"
        (out / f"{stem}.md").write_text(seed_text(name, row), encoding="utf-8")
    counts: dict[str, int] = {}
    for name, _, _ in chosen:
        counts[SOURCES[name][0]] = counts.get(SOURCES[name][0], 0) + 1
    print(f"{len(chosen)} of {len(found)} articles: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
