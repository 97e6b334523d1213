"""Articles -> per-article extractions, cached.

Extraction of an article depends only on that article (and the code and data that extract), so it is
cached per article; merging the extractions is the briefing stage (`generator.briefing.merge`).
"""
from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional

from generator.briefing.records import Article, ArticleExtraction, Mention
from generator.nlp import actors as actors_mod
from generator.nlp import events as events_mod
from generator.nlp import figures as figures_mod
from generator.nlp import quotes as quotes_mod
from generator.nlp.cache import ExtractionCache, cache_key
from generator.nlp.model import model_identity
from generator.sources.boilerplate import strip_boilerplate
from generator.sources.typography import normalise

_PACKAGE = Path(__file__).resolve().parent.parent


# Modules outside the sources and nlp stages that extraction imports (a test checks the list is whole).
_SHARED_MODULES = ("__init__.py", "errors.py", "fileio.py", "briefing/__init__.py", "briefing/records.py",
                   "briefing/schema.py")


# Code of those stages that decides nothing extraction yields: the parsed-seeds store keeps results,
# it does not make them (and a change to it must not re-parse every article).
_NOT_EXTRACTION = frozenset({"sources/memo.py"})


def extraction_inputs() -> list[Path]:
    """Every file whose content decides what extraction yields: all code and data of the sources and
    nlp stages, and the shared modules they import (the record shape among them)."""
    files = [p for stage in ("sources", "nlp") for p in (_PACKAGE / stage).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
             and p.relative_to(_PACKAGE).as_posix() not in _NOT_EXTRACTION]
    return sorted(files + [_PACKAGE / name for name in _SHARED_MODULES])


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code and data themselves: any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for path in extraction_inputs():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def analysis_text(body: str) -> str:
    """The text spaCy reads: the body without page furniture, with typography repaired."""
    return normalise(strip_boilerplate(body))


def extract_one(doc, title_doc, article: Article) -> ArticleExtraction:
    """Everything one parsed article yields, with provenance."""
    found = actors_mod.article_actors(doc)
    speaker = quotes_mod.headline_speaker(article.title, title_doc)
    if speaker:
        # The speaker named only in the headline is still an actor of the article.
        found = _with_headline_person(found, speaker)
    turns = quotes_mod.transcript_turns(doc, found)
    marked = quotes_mod.marked_spans(doc.text)
    quotes = quotes_mod.extract_quotes(doc, article.id, found, article.title, speaker, turns, marked)
    # Sentences inside quote marks are someone's words, not the article's report of events; a
    # transcript or an address is all speech, yet still reports what happened.
    events = events_mod.extract_events(doc, article.id, article.date, found, [(q.start, q.end) for q in marked],
                                       readout=bool(events_mod.READOUT.search(article.title)),
                                       turns=[(start, end) for _, start, end in turns])
    reports = events_mod.extract_reports(doc, article.id, article.date, found, [(q.start, q.end) for q in marked],
                                         events, turns=[(start, end) for _, start, end in turns])
    figures = figures_mod.extract_figures(doc, article.id, found)
    return ArticleExtraction(article=article.id, mentions=tuple(sorted(found.mentions.values(), key=lambda m: m.key)),
                             quotes=tuple(quotes), events=tuple(events), figures=tuple(figures),
                             reports=tuple(reports))


def _with_headline_person(found: actors_mod.ArticleActors, speaker: str) -> actors_mod.ArticleActors:
    folded = actors_mod.fold(speaker)
    for key, mention in found.mentions.items():
        if mention.kind == "person" and (actors_mod.fold(key) == folded or folded.endswith(actors_mod.fold(key))):
            return found
    mentions = dict(found.mentions)
    mentions[speaker] = Mention(key=speaker, name=speaker, kind="person", forms=(), method="headline")
    return actors_mod.ArticleActors(mentions=mentions, spans=found.spans, titles=found.titles)


PARALLEL_FROM = 16  # uncached articles from which extraction runs in worker processes (starting one costs ~2 s)
_CHUNK = 8  # articles a worker extracts at a time (results come back in order)
_WORKER_NLP = None  # the pipeline a worker process loaded (see _start_worker)


def _start_worker(model: str) -> None:
    global _WORKER_NLP
    from generator.nlp.parse import load_pipeline

    _WORKER_NLP = load_pipeline(model)


def _extract_chunk(articles: list[Article]) -> list[ArticleExtraction]:
    """One worker's share: parse and extract these articles, in order."""
    from generator.nlp.parse import parse

    nlp = _WORKER_NLP
    titles = list(nlp.pipe(normalise(a.title) for a in articles))
    docs = parse(nlp, [analysis_text(a.body) for a in articles])
    return [extract_one(doc, title_doc, article) for article, doc, title_doc in zip(articles, docs, titles)]


def processes_for(requested: Optional[int], todo: int, parallel_from: int = PARALLEL_FROM) -> int:
    """How many processes extract `todo` uncached articles: every core (or `requested`) for a batch
    worth starting workers for, else this process alone."""
    available = requested if requested and requested > 0 else (os.cpu_count() or 1)
    return available if available > 1 and todo >= parallel_from else 1


def in_shard(key: str, shard: Optional[tuple[int, int]]) -> bool:
    """Whether the article with cache key `key` belongs to shard (I, N), 1 <= I <= N: by its key, so
    every shard agrees on the split whatever each one's cache already holds."""
    return shard is None or int(key[:16], 16) % shard[1] == shard[0] - 1


def extract_articles(articles: Sequence[Article], model: str, cache: Optional[ExtractionCache] = None,
                     progress: Callable[[str], None] = lambda message: None, processes: Optional[int] = None,
                     parallel_from: int = PARALLEL_FROM, start_method: Optional[str] = None,
                     shard: Optional[tuple[int, int]] = None, beside: Optional[bool] = None
                     ) -> dict[str, ArticleExtraction]:
    """Run spaCy over the articles the cache does not already hold, in one process or, for a large
    batch, in worker processes on every core (the results are the same, in the same order); spaCy is
    not even imported when the cache holds them all. With `shard` (I, N), only the articles of that
    shard are looked at (see in_shard): a shard run fills the cache for a later merge and build.

    A few new articles beside many cached ones (an editor's new seed) are parsed in a forked child
    while this process reads the cache: spaCy's import and load (3 s on a slow machine) and reading
    2,000 entries (1 s) then overlap. `beside` forces that (True) or forbids it (False); None: when
    it applies and this process has one thread (see _can_fork)."""
    version = f"{model_identity(model)}+{extractor_version()}"
    keyed = [(article, cache_key(article, model, version)) for article in articles]
    keyed = [(article, key) for article, key in keyed if in_shard(key, shard)]
    absent = [(a, k) for a, k in keyed if cache is None or not cache.has(k)]
    fork_parse = bool(absent) and cache is not None and len(absent) < len(keyed) \
        and processes_for(processes, len(absent), parallel_from) == 1 \
        and (beside if beside is not None else _can_fork())
    parsed: dict[str, ArticleExtraction] = {}
    if fork_parse:
        from generator.beside import side_by_side

        read, parsed = side_by_side(lambda: _read_cached(keyed, absent, cache),
                                    lambda: _parse_here([a for a, _ in absent], model))
    else:
        read = _read_cached(keyed, absent, cache) if cache else {}
    if cache is not None:
        cache.misses += len(absent)
    results: dict[str, ArticleExtraction] = {}
    todo: list[tuple[Article, str]] = []
    for article, key in keyed:
        if article.id in read:
            results[article.id] = read[article.id]
        else:
            todo.append((article, key))
    workers = processes_for(processes, len(todo), parallel_from)
    progress(f"{len(results)} article(s) from the cache, {len(todo)} to parse with {model}"
             + (f" in {workers} processes" if workers > 1 else ""))
    if not todo:
        return results

    started, step = time.monotonic(), max(1, min(25, len(todo) // 20))

    def keep(n: int, article: Article, key: str, extraction: ArticleExtraction) -> None:
        results[article.id] = extraction
        if cache:
            cache.put(key, extraction)
        if n == 1 or n % step == 0 or n == len(todo):  # from the first article on, about every 5%
            progress(f"parsed {n}/{len(todo)} ({time.monotonic() - started:.0f} s)")

    if parsed:  # the child's; an entry that was there but could not be read is parsed here now
        rest = [a for a, k in todo if a.id not in parsed]
        parsed.update(_parse_here(rest, model) if rest else {})
        for n, (article, key) in enumerate(todo, start=1):
            keep(n, article, key, parsed[article.id])
        return results
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        import threading

        chunks = [todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
        # fork (fast, nothing re-imported) in a single-threaded process; spawn where threads run
        # (`mkdocs serve`), since a forked child may inherit a lock another thread holds
        method = start_method or ("fork" if threading.active_count() == 1
                                  and "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                 initializer=_start_worker, initargs=(model,)) as pool:
            n = 0
            for chunk, extractions in zip(chunks, pool.map(_extract_chunk, [[a for a, _ in c] for c in chunks])):
                for (article, key), extraction in zip(chunk, extractions):
                    n += 1
                    keep(n, article, key, extraction)
        return results
    extractions = _parse_here([a for a, _ in todo], model)
    for n, (article, key) in enumerate(todo, start=1):
        keep(n, article, key, extractions[article.id])
    return results


def _read_cached(keyed: list[tuple[Article, str]], absent: list[tuple[Article, str]],
                 cache: ExtractionCache) -> dict[str, ArticleExtraction]:
    """The cache's entries for every article but the `absent` ones, by article id (an unreadable one left out)."""
    skip = {key for _, key in absent}
    found = {}
    for article, key in keyed:
        if key not in skip:
            extraction = cache.get(key)
            if extraction is not None:
                found[article.id] = extraction
    return found


def _parse_here(articles: list[Article], model: str) -> dict[str, ArticleExtraction]:
    """Parse and extract these articles in this process, by article id."""
    from generator.nlp.parse import load_pipeline, parse

    nlp = load_pipeline(model)
    titles = list(nlp.pipe(normalise(a.title) for a in articles))
    docs = parse(nlp, [analysis_text(a.body) for a in articles])
    return {article.id: extract_one(doc, title_doc, article) for article, doc, title_doc in zip(articles, docs, titles)}


def _can_fork() -> bool:
    """A forked child is safe in a process with one thread (`mkdocs serve` runs several, and keeps its
    pipeline loaded anyway) and worth it with a second core."""
    import threading

    from generator.beside import cores

    return hasattr(os, "fork") and threading.active_count() == 1 and cores() > 1
