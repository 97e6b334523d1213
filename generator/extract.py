"""Articles -> per-article extractions (cached) -> one merged Briefing.

Extraction of an article depends only on that article, so it is cached per article; merging
(actors across articles, speakers to actor ids, events reported by several sources) is cheap and
always re-run over all extractions.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional

from . import actors as actors_mod
from . import events as events_mod
from . import figures as figures_mod
from . import quotes as quotes_mod
from .cache import ExtractionCache, cache_key
from .model import model_identity
from .records import Article, ArticleExtraction, Briefing, Event, Mention, Quote, SeedProblem, unique_by_id
from .boilerplate import strip_boilerplate
from .typography import normalise

_EXTRACTOR_MODULES = ("boilerplate", "typography", "gazetteer", "nlp", "actors", "quotes", "speakers", "dates",
                      "events", "figures", "extract", "model")


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code itself: any change to it invalidates the cache."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _EXTRACTOR_MODULES:
        digest.update((here / f"{name}.py").read_bytes())
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
    mentions[speaker] = Mention(key=speaker, name=speaker, kind="person", forms=())
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
    from .nlp import load_pipeline, parse

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


def merge(articles: Sequence[Article], extractions: dict[str, ArticleExtraction],
          problems: Sequence[SeedProblem] = ()) -> Briefing:
    """One briefing from all article extractions: actors merged, speakers and events linked."""
    articles = sorted(articles, key=lambda a: (a.date, a.id))
    ordered = [extractions[a.id] for a in articles if a.id in extractions]
    actors, link = actors_mod.merge_actors({x.article: x.mentions for x in ordered})
    known = {a.id for a in actors}

    def actor_id(article: str, key: Optional[str]) -> Optional[str]:
        if key is None:
            return None
        found = link.get((article, key))
        if found:
            return found
        guess = actors_mod.slug(key)
        return guess if guess in known else None

    quotes = [
        Quote(id=q.id, text=q.text, kind=q.kind, speaker_name=q.speaker_name, article=q.article,
              sentence=q.sentence, speaker=actor_id(q.article, q.speaker_name))
        for x in ordered for q in x.quotes
    ]
    by_id = {a.id: a for a in actors}
    quotes = [q if q.speaker is None else dataclasses.replace(q, speaker_name=by_id[q.speaker].name) for q in quotes]
    events = [
        Event(id=e.id, date=e.date, precision=e.precision, title=e.title, actor_names=e.actor_names,
              sources=e.sources, keywords=e.keywords,
              actors=tuple(dict.fromkeys(i for n in e.actor_names if (i := actor_id(e.sources[0].article, n)))))
        for x in ordered for e in x.events
    ]
    events = sorted(events_mod.merge_events(events), key=lambda e: (e.date, e.id), reverse=True)
    figures = [f for x in ordered for f in x.figures]
    updated = max((a.date for a in articles), default=None)
    return Briefing(title="", summary="", updated=updated.isoformat() if updated else "", articles=list(articles),
                    actors=actors, quotes=unique_by_id(quotes), events=events, figures=unique_by_id(figures),
                    problems=list(problems))


