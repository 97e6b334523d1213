"""Calibrate the briefing's confidence table: how often each extraction method was right on the gold sets.

    python -m tools.calibrate --corpus ../shared/corpus [--out generator/briefing/data/confidence.yml]

Every gold set (``GOLD_SETS``; the corpus ones get their seeds from ``--corpus``, as ``tools.evaluate``
does) is extracted and scored with the evaluator's own matching (``tools.evaluate.evaluate``), and each
scored item is counted under its method:

speakers
    over the matched quotes: right when the speaker is the gold speaker. The method is ``Quote.method``
    (the speaker rule, see ``generator/nlp/speakers.py``); "" for the quotes with no speaker.
actors
    over the predicted actors of each gold article (an actor is counted once per gold article it is
    in; actors named only in a title are not counted, as the evaluator ignores them): right when
    matched to a gold actor. The method is ``Actor.method``.
figures
    over the predicted figures: right when matched to a gold figure. The method is whatever
    ``Figure.method`` holds ("" allowed).
events
    over the predicted events with a source in a gold article: right when matched to a gold event
    (same date, the gold fragment in its sentence). The method is how its date was found
    (``generator.stories.dating.date_method``: article-date, weekday, adjacent-day, relative, written-date).

confidence = (right + 1) / (total + 2) (the rule of succession: a method seen twice is not "100%"),
rounded to 3 places; each category's ``default`` is the same over all its items, for a method the
table does not know. The table is written to ``generator/briefing/data/confidence.yml`` and read by
``generator/briefing/confidence.py``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

import yaml

from tools import evaluate as evaluate_mod

GOLD_SETS = ("gold", "gold_heldout", "gold_news", "gold_news2", "gold_blind2", "gold_blind3", "gold_blind4",
             "gold_blind5", "gold_blind6", "gold_blind7")
CALIBRATED = ("speakers", "actors", "figures", "events")
OUT = Path(__file__).resolve().parent.parent / "generator" / "briefing" / "data" / "confidence.yml"
COMMAND = "python -m tools.calibrate --corpus ../shared/corpus"

Tally = dict[str, dict[str, Counter]]  # category -> method -> Counter(right=, total=)


def new_tally() -> Tally:
    return {category: {} for category in CALIBRATED}


def method_of(category: str, item: dict, quote_methods: Optional[dict[str, str]] = None) -> str:
    """The method an item was found by. A quote's method comes from the briefing when it carries one,
    else from its extraction (`quote_methods`: quote id -> method)."""
    if category == "events":  # how its date was found (the story stage's confidence builds on it)
        from generator.stories.dating import date_method

        sources = item.get("sources") or [{}]
        return date_method(str(sources[0].get("date_text") or ""))
    method = str(item.get("method") or "")
    if category == "speakers" and not method and quote_methods:
        method = quote_methods.get(str(item.get("id")), "")
    return method


def count(report: evaluate_mod.Report, tally: Tally, quote_methods: Optional[dict[str, str]] = None) -> Tally:
    """Add a scored report's per-item outcomes to `tally` (and return it)."""
    for category in CALIBRATED:
        for outcome in report.outcomes.get(category, []):
            counter = tally[category].setdefault(method_of(category, outcome.item, quote_methods), Counter())
            counter["total"] += 1
            counter["right"] += int(outcome.right)
    return tally


def confidence(right: int, total: int) -> float:
    return round((right + 1) / (total + 2), 3)


def entry(right: int, total: int) -> dict:
    return {"right": right, "total": total, "confidence": confidence(right, total)}


def table(tally: Tally) -> dict:
    """The confidence table: per category its default and its methods (sorted by name)."""
    out: dict = {}
    for category in CALIBRATED:
        methods = tally.get(category, {})
        right = sum(c["right"] for c in methods.values())
        total = sum(c["total"] for c in methods.values())
        out[category] = {"default": entry(right, total),
                         "methods": {m: entry(c["right"], c["total"]) for m, c in sorted(methods.items())}}
    return out


def dump(data: dict, sets: tuple[str, ...]) -> str:
    header = (
        "# How often each extraction method was right on the hand-annotated gold sets: the confidence\n"
        "# the briefing gives its speakers, actors and figures (generator/briefing/confidence.py).\n"
        f"# Made by `{COMMAND}` (tools/calibrate.py) over the gold sets\n"
        f"# {', '.join(sets)};\n"
        "# do not edit by hand, run it again after changing the extraction.\n"
        "# speakers: over the matched quotes, right = the speaker is the gold one (method \"\": no speaker);\n"
        "# actors: over the predicted actors of each gold article, right = matched to a gold actor;\n"
        "# figures: over the predicted figures, right = matched to a gold figure;\n"
        "# events: over the predicted events of gold articles, by how the date was found, right = a gold event.\n"
        "# confidence = (right + 1) / (total + 2), rounded to 3 places; default: the category over all methods.\n")
    lines = ["version: 1"]
    for category, rates in data.items():
        lines += [f"{category}:", f"  default: {_flow(rates['default'])}",
                  "  methods:" + ("" if rates["methods"] else " {}")]
        lines += [f"    {_key(method)}: {_flow(value)}" for method, value in rates["methods"].items()]
    return header + "\n".join(lines) + "\n"


def _key(method: str) -> str:
    """A method name as a YAML key: plain when it is a plain word, else double-quoted ("" too)."""
    return method if re.fullmatch(r"[a-z][a-z0-9_+\-]*", method) else json.dumps(method)


def _flow(value: dict) -> str:
    return f"{{right: {value['right']}, total: {value['total']}, confidence: {value['confidence']}}}"


def extract_set(gold_dir: Path, corpus: Path, model: Optional[str], cache: Optional[Path],
                progress=lambda m: None) -> tuple[list[dict], dict, dict[str, str]]:
    """(gold, briefing data, quote id -> method) of one gold set, extracted as tools.evaluate does."""
    from generator.nlp.cache import ExtractionCache
    from generator.nlp.extract import extract_articles
    from generator.nlp.model import model_name
    from generator.pipeline import Settings, build_data
    from generator.sources.seeds import read_seeds

    from tools import corpus_gold

    with tempfile.TemporaryDirectory(prefix="briefing-calibrate-") as scratch:
        if corpus_gold.is_corpus_gold(gold_dir):
            gold_dir = corpus_gold.materialise(gold_dir, corpus, Path(scratch))
        cache = cache or Path(scratch) / "cache"  # the second pass reads what the first one parsed
        settings = Settings(seeds=gold_dir / "seeds", model=model, cache=cache, publish_text=True)  # all, as extracted
        data = build_data(settings, progress).data
        # The briefing's quotes may not carry their method (merge builds them anew): the extractions do.
        extractions = extract_articles(read_seeds(settings.seeds).articles, model_name(model), ExtractionCache(cache))
        methods: dict[str, str] = {}
        for extraction in extractions.values():
            for quote in extraction.quotes:
                methods.setdefault(quote.id, quote.method)
        return evaluate_mod.load_gold(gold_dir), data, methods


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.calibrate",
                                     description="Count per extraction method how often it was right on the gold sets "
                                                 "and write the confidence table.")
    parser.add_argument("--tests", default="tests", help="folder holding the gold sets (default: tests)")
    parser.add_argument("--gold", action="append", default=None,
                        help=f"a gold set name under --tests (repeatable; default: all of {', '.join(GOLD_SETS)})")
    parser.add_argument("--corpus", default="../shared/corpus", help="shared corpus folder (default: ../shared/corpus)")
    parser.add_argument("--model", default=None, help="spaCy pipeline to extract with")
    parser.add_argument("--cache", default=".cache/extraction", help="per-article extraction cache folder")
    parser.add_argument("--no-cache", action="store_true", help="parse every article again")
    parser.add_argument("--out", default=str(OUT), help=f"where to write the table (default: {OUT}); '-' prints it")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    args = parser.parse_args(argv)
    sets = tuple(args.gold or GOLD_SETS)
    say = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    tally = new_tally()
    for name in sets:
        say(f"== {name}")
        try:
            gold, data, methods = extract_set(Path(args.tests) / name, Path(args.corpus), args.model,
                                              None if args.no_cache else Path(args.cache), say)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            return 2
        count(evaluate_mod.evaluate(gold, data), tally, methods)
    text = dump(table(tally), sets)
    if args.out == "-":
        print(text, end="")
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
