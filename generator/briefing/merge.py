"""Per-article extractions -> one briefing: actors merged across articles, speakers and events linked
to actor ids (the story stage then groups the events). Cheap, so it always runs over all extractions."""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from generator.briefing.records import Article, ArticleExtraction, Briefing, Mention, SeedProblem, unique_by_id
from generator.nlp import actors as actors_mod
from generator.nlp import gazetteer
from generator.rules_file import read_rules


def merge(articles: Sequence[Article], extractions: dict[str, ArticleExtraction],
          problems: Sequence[SeedProblem] = ()) -> Briefing:
    """One briefing from all article extractions: actors merged, speakers and events linked."""
    articles = sorted(articles, key=lambda a: (a.date, a.id))
    ordered = [extractions[a.id] for a in articles if a.id in extractions]
    source = {a.id: a.source for a in articles}
    written = {actors_mod.fold(m.key): m.key for x in ordered for m in x.mentions}
    mentions = {x.article: of_publishers_country(x.mentions, source.get(x.article, ""), written) for x in ordered}
    actors, link = actors_mod.merge_actors({article: tuple(m for m, _ in pairs) for article, pairs in mentions.items()})
    for article, pairs in mentions.items():  # quotes and events name the body as the article wrote it
        for m, written in pairs:
            if written != m.key and (article, m.key) in link:
                link[(article, written)] = link[(article, m.key)]
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


RULES = Path(__file__).parent / "data" / "merge.yml"


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The merge stage's word lists, read once from `data/merge.yml`."""
    return read_rules(RULES)


def of_publishers_country(mentions: tuple[Mention, ...], publisher: str,
                          written: Optional[dict[str, str]] = None) -> list[tuple[Mention, str]]:
    """Each mention with the key it was written under; a body every country has ("the Government",
    "the Armed Forces") named in a release of a country's own publisher becomes that country's: under the
    name another article writes it by ("Russian Armed Forces"; `written`: folded key -> key), else "...
    of Russia"."""
    country = rules()["publisher_countries"].get(publisher.lower())
    generic = frozenset(rules()["generic_bodies"])
    written = written or {}
    out = []
    for m in mentions:
        if country and m.kind == "organization" and m.key in generic:
            forms = [f"{adjective} {m.key}" for adjective, c in sorted(gazetteer.NATIONALITY_TO_COUNTRY.items())
                     if c == country] + [f"{m.key} of {country}"]
            named = next((written[k] for f in forms if (k := actors_mod.fold(f)) in written), forms[-1])
            out.append((dataclasses.replace(m, key=named, name=named), m.key))
        else:
            out.append((m, m.key))
    return out
