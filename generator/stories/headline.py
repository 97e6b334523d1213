"""A story's headline: the best-formed candidate among its events (see nlp/headlines.py). A report of
the happening most of them tell of, at the finest date they give, beats a later remark on it; a report
whose words the story's other reports share beats a side remark (in a story of many reports); then a
named subject beats a resolved pronoun, which beats a noun phrase; a news report beats a first-person
release; then a headline of about nine words beats a longer or shorter one; then the earliest report.
Once one report tells that it happened, no report from before (scheduled) heads it."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from generator.briefing.records import Article, Event
from generator.stories.cluster import happening_kinds
from generator.stories.settings import settings


def choose(events: Sequence[Event], articles: Mapping[str, Article]) -> tuple[str, str]:
    """(headline, method): method is the chosen candidate's form; ('', '') when no event has one."""
    forms = list(settings()["headline_forms"])
    releases = {p.lower() for p in settings()["release_publishers"]}
    shared = Counter(k for e in events for k in set(e.keywords))
    # the happening most of its reports tell of, and the finest date they give: "Orban has condemned
    # Russia's invasion [in February]" is a later remark in the invasion's story, "Russia invaded [on 24
    # February]" its report
    kinds = Counter(k for e in events for k in happening_kinds(e))
    main_kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else None
    finest = max((len(e.date) for e in events), default=0)
    happened = any(not e.scheduled for e in events)  # then "is expected to call" is not its headline
    best = None
    for e in events:
        if not e.headline or e.form not in forms or happened and e.scheduled and e.form != "editor":
            continue  # a story known to have happened is not headed "X is expected to ..."
        article = articles.get(e.sources[0].article)
        release = bool(article and article.source.lower() in releases)
        central = min(3, sum(1 for k in set(e.keywords) if shared[k] > 1))  # words other reports share
        key = (e.form != "editor", bool(main_kind) and main_kind not in happening_kinds(e), len(e.date) < finest,
               -central, forms.index(e.form), release, abs(len(e.headline.split()) - 9) // 3,
               article.date.isoformat() if article else "", e.id)
        if best is None or key < best[0]:
            best = (key, e)
    return (best[1].headline, best[1].form) if best else ("", "")


def from_title(article: Article, max_words: int = 16) -> str:
    """The headline a release's own title gives its main story ('' when it gives none): "Telephone
    conversation with X" -> "Vladimir Putin speaks by phone with X"; a plain-sentence title that names
    the publisher's principal first and quotes no one, as it is."""
    cfg = settings()
    principal = cfg["principals"].get(article.source.lower())
    title = " ".join(article.title.split())
    if not principal or not title:
        return ""
    for prefix, template in cfg["title_headlines"]:
        match = re.match(prefix, title)
        if match and title[match.end():]:
            text = template.format(principal=principal, rest=title[match.end():].rstrip(". "))
            return text if len(text.split()) <= max_words else ""
    if article.source.lower() in cfg["sentence_titles"] and title.startswith(principal) \
            and not any(mark in title for mark in (":", " - ", " – ", "\"", "“")) and len(title.split()) <= max_words:
        return title.rstrip(".")
    return ""


def title_headlines(stories: list, events: Mapping[str, Event], articles: Mapping[str, Article]) -> list:
    """Each release's main story (the one holding most of its events of the release's own day) takes
    the headline the release's title gives, unless an editor titled it."""
    import dataclasses

    best: dict[str, tuple[int, int]] = {}  # article -> (events of its day in the story, story index)
    for n, story in enumerate(stories):
        counts: Counter[str] = Counter()
        for event_id in story.events:
            event = events.get(event_id)
            for source in event.sources if event else ():
                article = articles.get(source.article)
                if article is not None and event.date == article.date.isoformat():
                    counts[source.article] += 1
        for article_id, count in counts.items():
            if count > best.get(article_id, (0, -1))[0]:
                best[article_id] = (count, n)
    out = list(stories)
    for article_id, (_, n) in sorted(best.items()):
        text = from_title(articles[article_id])
        if text and out[n].method not in {"editor", "readout"}:
            out[n] = dataclasses.replace(out[n], headline=text, method="readout")
    return out
