"""Per-article extractions -> one briefing: actors merged across articles, speakers and events linked
to actor ids (the story stage then groups the events). Cheap, so it always runs over all extractions."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Optional

from generator.briefing.records import Article, ArticleExtraction, Briefing, SeedProblem, unique_by_id
from generator.nlp import actors as actors_mod


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
        dataclasses.replace(q, speaker=actor_id(q.article, q.speaker_name))
        for x in ordered for q in x.quotes
    ]
    by_id = {a.id: a for a in actors}
    quotes = [q if q.speaker is None else dataclasses.replace(q, speaker_name=by_id[q.speaker].name) for q in quotes]
    def linked(event):
        return dataclasses.replace(event, actors=tuple(dict.fromkeys(
            i for n in event.actor_names if (i := actor_id(event.sources[0].article, n)))))

    events = [linked(e) for x in ordered for e in x.events]
    events = sorted(unique_by_id(events), key=lambda e: (e.date, e.id), reverse=True)  # grouped later, into stories
    reports = unique_by_id([linked(r) for x in ordered for r in x.reports])
    figures = [f for x in ordered for f in x.figures]
    updated = max((a.date for a in articles), default=None)
    return Briefing(title="", summary="", updated=updated.isoformat() if updated else "", articles=list(articles),
                    actors=actors, quotes=unique_by_id(quotes), events=events, figures=unique_by_id(figures),
                    reports=reports, problems=list(problems))


