"""Score the story stage against hand-annotated story windows (tests/gold_stories/*.yml).

    python -m tools.story_eval --corpus ../shared/corpus [--gold tests/gold_stories] [--verbose] [--json]

A window file names corpus rows (`articles`) and the happenings they report (`stories`), each with
the sentence fragments (offsets into the body) of every article sentence that reports it. The rows
are written as seeds (publisher as source), the whole pipeline runs, and each gold mention is matched
to the events whose source is that article's sentence containing the fragment, or to the story whose
undated reports hold that sentence.

Scores, pairwise over gold mentions from different articles that were matched (as in clustering
evaluation): tp = a pair of one gold story in one predicted story; fp = a pair of two gold stories
in one predicted story (a wrong merge); fn = a pair of one gold story split across predicted stories.
`merged` counts the gold stories of two or more articles whose matched mentions all lie in one story.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

import yaml

from tools.corpus_gold import article_of
from tools.evaluate import contains

PUBLISHERS = {"Guardians_Russia_Ukraine.csv": "theguardian.com", "NYT_Russia_Ukraine.csv": "nytimes.com",
              "zelenskyy.csv": "president.gov.ua", "putin.csv": "kremlin.ru"}


def seed_for(source: dict, corpus: Path) -> str:
    import csv

    from tools.corpus_gold import _rows

    headline, body = article_of(source, corpus)
    row = _rows(Path(corpus) / source["csv"])[int(source["row"])]
    published = str(row.get("published") or row.get("date") or "").replace("/", "-")[:10]
    front = {"title": headline or "Untitled", "date": published,
             "source": PUBLISHERS.get(Path(source["csv"]).name, Path(source["csv"]).name)}
    if row.get("link"):
        front["url"] = row["link"]
    del csv
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def score_window(gold: dict, data: dict, corpus: Path) -> dict:
    bodies = {a["key"]: article_of(a, corpus)[1] for a in gold["articles"]}
    story_of_event = {e: s["id"] for s in data.get("stories", []) for e in s["events"]}
    headline = {s["id"]: s["headline"] for s in data.get("stories", [])}
    told: dict[str, list[tuple[str, str, str]]] = {}  # article -> (story id, sentence, date phrase) of its events and reports
    for e in data["events"]:
        for src in e["sources"]:
            told.setdefault(src["article"], []).append((story_of_event.get(e["id"]), src["sentence"], src.get("date_text", "")))
    for s in data.get("stories", []):
        for src in s.get("reports", []):
            told.setdefault(src["article"], []).append((s["id"], src["sentence"], ""))
    mentions = []  # (gold story index, article key, predicted story id or None)
    for n, story in enumerate(gold["stories"]):
        for m in story["mentions"]:
            fragment = bodies[m["article"]][int(m["at"]): int(m["at"]) + int(m["len"])]
            # a sentence of several dated events: the mention is the event whose date phrase it holds
            # ("Jamala, who won Eurovision in 2016 ..., a comment on Russia's 2014 invasion of Crimea")
            found = Counter()
            for sid, sentence, date_text in told.get(m["article"], []):
                if contains(sentence, fragment):
                    found[sid] += 2 if date_text and date_text.lower() in fragment.lower() else 1
            mentions.append((n, m["article"], found.most_common(1)[0][0] if found else None, fragment))
    matched = [m for m in mentions if m[2] is not None]
    tp = fp = fn = 0
    wrong, split = [], []
    for a, b in itertools.combinations(matched, 2):
        if a[1] == b[1]:
            continue
        same_gold, same_pred = a[0] == b[0], a[2] == b[2]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append((gold["stories"][a[0]]["what"], gold["stories"][b[0]]["what"], headline.get(a[2], "")))
        elif same_gold:
            fn += 1
            split.append((gold["stories"][a[0]]["what"], headline.get(a[2], ""), headline.get(b[2], "")))
    multi = [n for n, s in enumerate(gold["stories"]) if len({m["article"] for m in s["mentions"]}) > 1]
    merged = sum(1 for n in multi if len({m[2] for m in matched if m[0] == n}) == 1
                 and len({m[1] for m in matched if m[0] == n}) > 1)
    return {"window": gold.get("window", ""), "articles": len(gold["articles"]), "stories": len(gold["stories"]),
            "mentions": len(mentions), "matched": len(matched), "tp": tp, "fp": fp, "fn": fn,
            "multi_article_stories": len(multi), "merged": merged,
            "wrong_merges": sorted(set(wrong)), "splits": sorted(set(split))}


def run(gold_path: Path, corpus: Path, cache: Optional[Path], dump: Optional[Path] = None) -> dict:
    from generator.pipeline import Settings, build_data

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="briefing-stories-") as scratch:
        seeds = Path(scratch) / "seeds"
        seeds.mkdir()
        for a in gold["articles"]:
            (seeds / f"{a['key']}.md").write_text(seed_for(a, corpus), encoding="utf-8")
        data = build_data(Settings(seeds=seeds, cache=cache, publish_text=True)).data  # scored as extracted
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{gold_path.stem}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return score_window(gold, data, corpus)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.story_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="tests/gold_stories")
    parser.add_argument("--corpus", default="../shared/corpus")
    parser.add_argument("--cache", default=".cache/extract")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dump", help="also write each window's briefing data as JSON into this folder")
    args = parser.parse_args(argv)
    gold = Path(args.gold)
    files = sorted(gold.glob("*.yml")) if gold.is_dir() else [gold]
    results = [run(f, Path(args.corpus), None if args.no_cache else Path(args.cache), Path(args.dump) if args.dump else None)
               for f in files]
    total = {k: sum(r[k] for r in results) for k in ("tp", "fp", "fn", "merged", "multi_article_stories",
                                                     "mentions", "matched")}
    if args.json:
        print(json.dumps({"windows": results, "total": total}, indent=1))
        return 0
    for r in results + [dict(total, window="all")]:
        p, rc, f = prf(r["tp"], r["fp"], r["fn"])
        print(f"{r['window']:<24} pairs P {p:.3f} R {rc:.3f} F1 {f:.3f} (tp {r['tp']} fp {r['fp']} fn {r['fn']}); "
              f"multi-article stories merged {r['merged']}/{r['multi_article_stories']}; "
              f"mentions matched {r['matched']}/{r['mentions']}")
        if args.verbose and "wrong_merges" in r:
            for w in r["wrong_merges"]:
                print("   wrong merge:", w)
            for s in r["splits"]:
                print("   split:", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
