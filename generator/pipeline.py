"""The whole pipeline as one plain function, shared by the CLI and the MkDocs adapter:
seeds -> Article -> extractions (cached) -> merged briefing (+ curation) -> stories (+ the editors'
story curation) -> confidence, readable quotes, tracked figures -> what may be republished -> what is
new since the previous edition -> data -> Markdown tree."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from generator.briefing.curation import (CurationError, apply_curation, apply_story_curation, curated_story_ids,
                                         load_curation)
from generator.briefing.confidence import apply_confidence, event_table
from generator.briefing.editions import PreviousEditionError, load_previous, mark_edition
from generator.briefing.io import YamlFragments, briefing_data
from generator.briefing.merge import merge
from generator.briefing.rights import withhold_texts
from generator.briefing.statements import readable_quotes
from generator.beside import side_by_side
from generator.collector import relaxed
from generator.derived import TextMemo
from generator.briefing.tracked_figures import track_figures
from generator.errors import E050, E100, printable
from generator.nlp.cache import ExtractionCache
from generator.nlp.extract import extract_articles, extractor_version
from generator.nlp.model import model_name
from generator.site.download_files import Written
from generator.site.page_memo import PageMemo
from generator.site.render import page_salt, render_tree
from generator.sources.memo import ParsedSeeds
from generator.sources.seeds import read_seeds
from generator.stories.build import build_stories, outlets
from generator.stories.copies import copy_groups

CURATION_FILE = "curation.yml"
YAML_FRAGMENTS = "briefing-yaml.json"  # in the build cache (briefing/io.py: YamlFragments)
PARSED_SEEDS = "seeds.json"  # in the build cache (sources/memo.py)
DERIVED = "derived.json"  # in the build cache (derived.py)
PAGES = "markdown{}.json"  # in the build cache (site/page_memo.py); editors' pages (curate) apart


def _save_quietly(kept, progress: Callable[[str], None]) -> None:
    """A build cache that cannot be written costs the next build time, never this one. It is written by
    a child process beside the rest of the build (build_store.py)."""
    try:
        kept.save(in_child=True)
    except OSError as exc:
        progress(f"briefing: the build cache was not written ({exc.__class__.__name__})")


class BuildFailed(RuntimeError):
    """E050: strict mode and a seed or curation entry had a problem; `problems` lists them all."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Settings:
    seeds: Path
    model: Optional[str] = None
    cache: Optional[Path] = None  # None: no cache
    templates: Optional[Path] = None  # a folder whose templates override the defaults
    curation: Optional[Path] = None  # default: <seeds>/curation.yml
    strict: bool = False
    label: Optional[str] = None  # how problems name the seeds folder (default: the path as given)
    publish_text: bool = False  # republish full texts of seeds that do not say (see briefing/rights.py)
    curate: bool = False  # show each item's id and a curation snippet on the pages (editors' view)
    processes: Optional[int] = None  # extraction processes for a large uncached batch (None: every core)
    previous: Optional[Path] = None  # the previous edition's briefing.json, for "What's new"
    site_url: str = ""  # the published site's address, for feeds and exports ("": links relative to each file)
    site_name: str = ""  # the feeds' title (default: the briefing's title)
    build_cache: Optional[Path] = None  # what the next build can reuse (the data files' YAML, item by item)
    downloads: Optional[Path] = None  # where the downloads are written (site/download_files.py); None: in the tree


@dataclass
class Result:
    data: dict
    warnings: list[str] = field(default_factory=list)
    parsed: int = 0
    cached: int = 0
    cache_write_errors: int = 0


def build_data(settings: Settings, progress: Callable[[str], None] = lambda m: None) -> Result:
    """Seeds folder -> briefing data (the content of briefing.yml). Raises BuildFailed in strict mode."""
    seeds_label = settings.label or (os.path.relpath(settings.seeds) if not Path(settings.seeds).is_absolute()
                                     else str(settings.seeds))
    memo = ParsedSeeds(settings.build_cache / PARSED_SEEDS, extractor_version()) if settings.build_cache else None
    report = read_seeds(settings.seeds, memo)
    if memo is not None:
        _save_quietly(memo, progress)
    if any(p.code == E100 for p in report.problems):  # a typo in --seeds must not publish an empty briefing
        raise BuildFailed(printable(f"{E100} {seeds_label}: {E100.text()}"))
    warnings: list[str] = []

    def warn(line: str) -> None:  # every problem as one log line, whatever a file name holds
        warnings.append(printable(line))
        progress(warnings[-1])

    for problem in report.problems:
        warn(problem.message(seeds_label.rstrip("/")))
    model = model_name(settings.model)
    cache = ExtractionCache(settings.cache) if settings.cache else None
    curation_path = settings.curation or Path(settings.seeds) / CURATION_FILE
    shape_problems: list[str] = []
    derived = TextMemo(settings.build_cache / DERIVED if settings.build_cache else None)

    def curated():
        """Extraction, merge and curation, in this process."""
        extractions = extract_articles(report.articles, model, cache, progress, processes=settings.processes)
        merged = merge(report.articles, extractions, report.problems)
        try:
            curation = load_curation(curation_path, shape_problems)
        except CurationError as exc:  # the briefing still builds, uncurated (every page says so); strict fails below
            curation = {}
            shape_problems.append(str(exc))
        return apply_curation(merged, curation, curation_path.name), curation

    def grouped():
        """Near-duplicate copies, from the texts alone: in a forked child, beside the extraction."""
        return copy_groups(report.articles, derived), derived.used, derived.computed

    (briefing, curation), (copies, used, computed) = side_by_side(curated, grouped)
    derived.absorb(used, computed)
    # Stories are grouped from the curated events (hidden ones gone, added ones in), then curated themselves.
    briefing = build_stories(briefing, copies, event_table(), preferred_ids=curated_story_ids(curation))
    by_id = {a.id: a for a in briefing.articles}
    briefing = apply_story_curation(briefing, curation, curation_path.name,
                                    lambda ids: outlets(ids, by_id, copies))
    briefing.curation_problems[:0] = shape_problems
    for line in briefing.curation_problems:
        warn(line)
    briefing = readable_quotes(apply_confidence(briefing), derived)
    _save_quietly(derived, progress)
    briefing.tracked_figures = track_figures(briefing.figures, {a.id: a.date.isoformat() for a in briefing.articles})
    briefing = withhold_texts(briefing, settings.publish_text)
    if settings.strict and warnings:
        raise BuildFailed(E050(count=len(warnings), first=warnings[0]), warnings)
    # After the strict check: a missing or broken previous edition costs "What's new", never the site.
    previous = None
    if settings.previous:
        try:
            previous = load_previous(settings.previous)
        except PreviousEditionError as exc:
            warn(str(exc))
    briefing = mark_edition(briefing, previous)
    result = Result(data=briefing_data(briefing, model), warnings=warnings)
    if cache:
        result.parsed, result.cached, result.cache_write_errors = cache.misses, cache.hits, len(cache.write_errors)
        for line in cache.write_errors[:1]:
            progress(f"{line} ({len(cache.write_errors)} in all)")
    return result


def extract_shard(settings: Settings, shard: tuple[int, int], progress: Callable[[str], None] = lambda m: None
                  ) -> tuple[int, int]:
    """Parse shard (I, N) of the seeds' uncached articles into the cache, and nothing else: N such runs
    (on N machines), their caches merged (nlp/cache.py: merge_caches), then one build that finds every
    article cached, give the same briefing as one run. Returns (parsed, already cached)."""
    if settings.cache is None:
        raise ValueError("a shard fills the extraction cache: give it one")
    index, count = shard
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count}: I must be between 1 and N")
    report = read_seeds(settings.seeds)
    cache = ExtractionCache(settings.cache)
    extract_articles(report.articles, model_name(settings.model), cache, progress, processes=settings.processes,
                     shard=shard)
    return cache.misses, cache.hits


def build_tree(settings: Settings, progress: Callable[[str], None] = lambda m: None
               ) -> tuple[dict[str, Union[str, Written]], Result]:
    with relaxed():  # (collector.py)
        return _build_tree(settings, progress)


def _build_tree(settings: Settings, progress: Callable[[str], None]) -> tuple[dict[str, Union[str, Written]], Result]:
    result = build_data(settings, progress)
    fragments = YamlFragments(settings.build_cache / YAML_FRAGMENTS if settings.build_cache else None)
    shown = (result.data, settings.templates, settings.curate, settings.site_url, settings.site_name)
    memo = PageMemo(settings.build_cache / PAGES.format("-curate" if settings.curate else ""), page_salt(*shown)) \
        if settings.build_cache else None
    tree = render_tree(*shown, fragments=fragments, memo=memo, downloads_dir=settings.downloads)
    if fragments.unsaved:  # saved where the YAML was written (render.py)
        progress(f"briefing: the build cache was not written ({fragments.unsaved})")
    if memo is not None:
        progress(f"{memo.drawn} page(s) rendered, {memo.reused} as the previous build left them")
        _save_quietly(memo, progress)
    return tree, result
