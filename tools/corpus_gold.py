"""Gold sets whose article texts may not be copied into the project (Guardian, New York Times).

Such a gold file names its article by corpus CSV and row, and gives every text fragment (quote
text, event sentence fragment, figure fragment) as ``{at: offset, len: length}`` into the article
body instead of the words themselves. At evaluation time the body is read from the shared corpus,
written as a seed, and the fragments are cut back out of it; a changed corpus is caught by the
body's SHA-256.

    python -m generator evaluate --gold tests/gold_news --corpus ../shared/corpus
    python -m generator.corpus_gold pack DRAFTS/ tests/gold_news/annotations --corpus ../shared/corpus
"""
from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import sys
from pathlib import Path
from typing import Any, Callable

import yaml
from generator.errors import E060, E061, E062, E063

FRAGMENT_FIELDS: tuple[tuple[str, str], ...] = (("quotes", "text"), ("events", "sentence_contains"),
                                                ("events", "alternatives"), ("figures", "sentence_contains"))


class CorpusGoldError(ValueError):
    """E060: a corpus gold file does not fit the corpus (missing row, changed text, bad fragment)."""


@functools.lru_cache(maxsize=8)
def _rows(csv_path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(10**9)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def article_of(source: dict, corpus: Path) -> tuple[str, str]:
    """(headline, body) of the CSV row a gold file names; the body stripped of outer whitespace."""
    path = Path(corpus) / str(source["csv"])
    if not path.is_file():
        raise CorpusGoldError(E060(path=path, problem="corpus file not found"))
    rows = _rows(path)
    row = int(source["row"])
    if not 0 <= row < len(rows):
        raise CorpusGoldError(E060(path=path, problem=f"no row {row}"))
    record = rows[row]
    published = record.get("published", record.get("date"))  # news CSVs / release CSVs
    if "published" in source and str(published) != str(source["published"]):
        raise CorpusGoldError(E060(path=path, problem=f"row {row} is dated {published}, not {source['published']}"))
    return (record.get("headlines") or record.get("headline") or "").strip(), \
        (record.get("articles") or record.get("body") or "").strip()


def _map_fragments(gold: dict, convert: Callable[[Any], Any]) -> dict:
    out = dict(gold)
    for section, key in FRAGMENT_FIELDS:
        items = []
        for item in out.get(section) or []:
            item = dict(item)
            if key in item:
                value = item[key]
                item[key] = [convert(v) for v in value] if isinstance(value, list) else convert(value)
            items.append(item)
        if section in out:
            out[section] = items
    return out


def pack(gold: dict, body: str) -> dict:
    """Fragments -> offsets (the text of each must occur in the body)."""
    def offset(fragment: Any) -> dict:
        at = body.find(str(fragment))
        if at < 0:
            raise CorpusGoldError(E061(file=gold.get("file"), fragment=str(fragment)[:60]))
        return {"at": at, "len": len(str(fragment))}

    packed = _map_fragments(gold, offset)
    packed["source"] = dict(packed["source"], sha256=hashlib.sha256(body.encode("utf-8")).hexdigest())
    return packed


def unpack(gold: dict, body: str) -> dict:
    """Offsets -> fragments, after checking the body is the one the gold was made on."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if gold["source"].get("sha256") not in (None, digest):
        raise CorpusGoldError(E062(file=gold.get("file")))

    def text(span: Any) -> str:
        if not isinstance(span, dict) or {"at", "len"} - set(span):
            raise CorpusGoldError(E063(file=gold.get("file"), span=span))
        return body[int(span["at"]): int(span["at"]) + int(span["len"])]

    return _map_fragments(gold, text)


def seed_text(gold: dict, headline: str, body: str) -> str:
    """A seed file for the article: front matter (title, date, source) and the body."""
    front = {"title": headline, "date": str(gold["date"]), "source": str(gold["source"]["csv"])}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def materialise(gold_dir: Path, corpus: Path, seeds_out: Path) -> Path:
    """Write the seeds of a corpus gold set and its unpacked annotations under `seeds_out`;
    returns the folder to hand to `load_gold` (it has annotations/ and seeds/)."""
    folder = Path(gold_dir) / "annotations"
    target = Path(seeds_out)
    (target / "seeds").mkdir(parents=True, exist_ok=True)
    (target / "annotations").mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        headline, body = article_of(gold["source"], corpus)
        (target / "seeds" / gold["file"]).write_text(seed_text(gold, headline, body), encoding="utf-8")
        (target / "annotations" / path.name).write_text(
            yaml.safe_dump(unpack(gold, body), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def is_corpus_gold(gold_dir: Path) -> bool:
    """Whether the gold files of a folder name corpus rows instead of shipping seeds."""
    first = next(iter(sorted((Path(gold_dir) / "annotations").glob("*.yml"))), None)
    return first is not None and "source" in (yaml.safe_load(first.read_text(encoding="utf-8")) or {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus_gold",
                                     description="Turn draft gold files (with text fragments) into offset form.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="drafts with text fragments -> annotations with {at, len}")
    p.add_argument("drafts", help="folder of draft gold files (*.yml) with a source: {csv, row} block")
    p.add_argument("out", help="annotations folder to write")
    p.add_argument("--corpus", default="../shared/corpus", help="the shared corpus folder")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(args.drafts).glob("*.yml")):
        draft = yaml.safe_load(path.read_text(encoding="utf-8"))
        _, body = article_of(draft["source"], Path(args.corpus))
        (out / path.name).write_text(yaml.safe_dump(pack(draft, body), allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
        print(f"packed {path.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
