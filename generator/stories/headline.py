"""A story's headline: the best-formed candidate among its events (see nlp/headlines.py). A report
whose words the story's other reports share beats a side remark (in a story of many reports); then a
named subject beats a resolved pronoun, which beats a noun phrase; a news report beats a first-person
release; then a headline of about nine words beats a longer or shorter one; then the earliest report."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from generator.briefing.records import Article, Event
from generator.stories.settings import settings


def choose(events: Sequence[Event], articles: Mapping[str, Article]) -> tuple[str, str]:
    """(headline, method): method is the chosen candidate's form; ('', '') when no event has one."""
    forms = list(settings()["headline_forms"])
    releases = {p.lower() for p in settings()["release_publishers"]}
    shared = Counter(k for e in events for k in set(e.keywords))
    best = None
    for e in events:
        if not e.headline or e.form not in forms:
            continue
        article = articles.get(e.sources[0].article)
        release = bool(article and article.source.lower() in releases)
        central = min(3, sum(1 for k in set(e.keywords) if shared[k] > 1))  # words other reports share
        key = (e.form != "editor", -central, forms.index(e.form), release, abs(len(e.headline.split()) - 9) // 3,
               article.date.isoformat() if article else "", e.id)
        if best is None or key < best[0]:
            best = (key, e)
    return (best[1].headline, best[1].form) if best else ("", "")
