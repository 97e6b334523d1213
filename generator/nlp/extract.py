"""Articles -> per-article extractions, cached.

Extraction of an article depends only on that article (and the code and data that extract), so it is
cached per article; merging the extractions is the briefing stage (`generator.briefing.merge`).
"""
from __future__ import annotations

import functools
import hashlib
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


def extraction_inputs() -> list[Path]:
    """Every file whose content decides what extraction yields: all code and data of the sources and
    nlp stages, and the shared modules they import (the record shape among them)."""
    files = [p for stage in ("sources", "nlp") for p in (_PACKAGE / stage).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
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
    figures = figures_mod.extract_figures(doc, article.id, found)
    return ArticleExtraction(article=article.id, mentions=tuple(sorted(found.mentions.values(), key=lambda m: m.key)),
                             quotes=tuple(quotes), events=tuple(events), figures=tuple(figures))


def _with_headline_person(found: actors_mod.ArticleActors, speaker: str) -> actors_mod.ArticleActors:
    folded = actors_mod.fold(speaker)
    for key, mention in found.mentions.items():
        if mention.kind == "person" and (actors_mod.fold(key) == folded or folded.endswith(actors_mod.fold(key))):
            return found
    mentions = dict(found.mentions)
    mentions[speaker] = Mention(key=speaker, name=speaker, kind="person", forms=(), method="headline")
    return actors_mod.ArticleActors(mentions=mentions, spans=found.spans, titles=found.titles)


def extract_articles(articles: Sequence[Article], model: str, cache: Optional[ExtractionCache] = None,
                     progress: Callable[[str], None] = lambda message: None) -> dict[str, ArticleExtraction]:
    """Run spaCy (one nlp.pipe pass) over the articles the cache does not already hold; spaCy is
    not even imported when the cache holds them all."""
    version = f"{model_identity(model)}+{extractor_version()}"
    results: dict[str, ArticleExtraction] = {}
    todo: list[tuple[Article, str]] = []
    for article in articles:
        key = cache_key(article, model, version)
        cached = cache.get(key) if cache else None
        if cached is not None:
            results[article.id] = cached
        else:
            todo.append((article, key))
    progress(f"{len(results)} article(s) from the cache, {len(todo)} to parse with {model}")
    if not todo:
        return results
    from generator.nlp.parse import load_pipeline, parse

    nlp = load_pipeline(model)
    texts = [analysis_text(a.body) for a, _ in todo]
    titles = list(nlp.pipe(normalise(a.title) for a, _ in todo))
    for n, ((article, key), doc, title_doc) in enumerate(zip(todo, parse(nlp, texts), titles), start=1):
        extraction = extract_one(doc, title_doc, article)
        results[article.id] = extraction
        if cache:
            cache.put(key, extraction)
        if n % 25 == 0 or n == len(todo):
            progress(f"parsed {n}/{len(todo)}")
    return results
