"""Undated reports -> the stories they tell of.

A sentence that tells of a happening without a date of its own ("The missile that hit Freedom Square
...") cannot date or start a story, but the outlet that wrote it reports that story. Each report joins
the story most like it among those dated on its article's day or the two days before (news reports
what has happened), when the report names an actor, both name the same kind of happening (attack,
talks ...), the people differ in nothing, and the likeness passes `report_join` (`report_join_told`
when the story already holds a sentence of the same article; `report_join_unnamed` when they have no
actor in common); otherwise it is left out."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence

from generator.briefing.records import Article, Event
from generator.stories.cluster import different_people, sentence_kinds, vectors
from generator.stories.settings import settings


def attach_reports(groups: Sequence[Sequence[Event]], reports: Sequence[Event], articles: Mapping[str, Article],
                   people_of: Callable[[Event], frozenset[str]] = lambda e: frozenset()) -> list[list[Event]]:
    """For each group (a story's events), the reports that join it, in the order given."""
    joined: list[list[Event]] = [[] for _ in groups]
    if not groups or not reports:
        return joined
    cfg = settings()["cluster"]
    threshold, back = float(cfg["report_join"]), int(cfg["report_days_back"])
    same_article, unnamed = float(cfg["report_join_told"]), float(cfg["report_join_unnamed"])
    members = [e for g in groups for e in g]
    vecs = vectors(members, reports)
    centroids, kinds, people = [], [], []
    by_day: dict[tuple[str, str], list[int]] = {}
    at = 0
    for n, group in enumerate(groups):
        total: dict[str, float] = {}
        for vector in vecs[at: at + len(group)]:
            for term, weight in vector.items():
                total[term] = total.get(term, 0.0) + weight
        at += len(group)
        norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
        centroids.append({t: w / norm for t, w in total.items()})
        kinds.append(frozenset().union(*(sentence_kinds(e) for e in group)))
        people.append(frozenset().union(*(people_of(e) for e in group)))
        for day in {e.date for e in group if len(e.date) == 10}:
            for kind in kinds[-1]:  # looked up by day and kind: a report meets only stories of its kinds
                by_day.setdefault((day, kind), []).append(n)
    told = [{s.article for e in group for s in e.sources} for group in groups]  # articles each story has
    named = [{a for e in group for a in e.actors} for group in groups]
    waiting = []
    for report, vector in zip(reports, vecs[len(members):]):
        article = articles.get(report.sources[0].article)
        if article is None:
            continue
        if not report.actors:
            continue  # "For every rocket and bomb.", "It was a meeting.": names nothing, tells of nothing
        mine, who = sentence_kinds(report), people_of(report)
        days = [(article.date - dt.timedelta(days=k)).isoformat() for k in range(back + 1)]
        best, best_score = None, 0.0
        for g in sorted({g for day in days for kind in mine for g in by_day.get((day, kind), ())}):
            if different_people(who, people[g]):
                continue
            score = sum(w * centroids[g].get(t, 0.0) for t, w in vector.items())
            if not named[g] & set(report.actors) and score < unnamed:
                continue  # no actor in common: only a close likeness tells it is the same happening
            if score > best_score:
                best, best_score = g, score
        if best is not None and best_score >= threshold:
            joined[best].append(report)
            told[best].add(article.id)
        elif best is not None:
            waiting.append((report, best, best_score))
    # An article goes on about the happening it has begun to tell: a report whose likeliest story
    # already holds a sentence of its own article joins it at a lower likeness.
    for report, best, score in waiting:
        if score >= same_article and report.sources[0].article in told[best]:
            joined[best].append(report)
    return joined
