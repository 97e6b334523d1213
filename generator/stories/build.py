"""The story stage's entry point: merged briefing -> briefing with stories.

Events whose date cannot be a happening are moved to `excluded_events` with the reason; the others
are clustered (cluster.py), and each group becomes a Story: dated by its sources (dating.py),
headlined (headline.py), counted by distinct outlets (near-duplicate copies once, copies.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set

from generator.briefing.records import Actor, Article, Briefing, Event, Figure, Story
from generator.stories import dating
from generator.stories.cluster import cluster, happening_kinds
from generator.stories.copies import copy_groups
from generator.stories.disputes import disputed_figures, figures_by_sentence
from generator.stories.reports import attach_reports
from generator.stories.headline import choose, from_title, title_headlines
from generator.nlp.headlines import MAX_WORDS as HEADLINE_MAX_WORDS
from generator.nlp.lexicon import table, words


def build_stories(briefing: Briefing, copies: Mapping[str, str] | None = None,
                  confidence: Mapping[str, float] | None = None, preferred_ids: Set[str] = frozenset()) -> Briefing:
    """`copies`: article id -> the article it copies (copy_groups); `preferred_ids`: event ids an
    editor named, which a story takes as its id (so curation keeps naming it as articles join)."""
    articles = {a.id: a for a in briefing.articles}
    events, excluded = dating.exclude_impossible(briefing.events, articles)
    copies = copy_groups(briefing.articles) if copies is None else copies
    people_of = people_lookup(briefing)
    groups = cluster(events, articles, people_of, readout_of(articles))
    known = {a.id for a in briefing.actors}  # curation may have renamed, merged or hidden some
    reports = [dataclasses.replace(r, actors=tuple(a for a in r.actors if a in known)) for r in briefing.reports]
    joined = attach_reports(groups, reports, articles, people_of)
    stories = [story_of(group, articles, copies, briefing.updated, confidence or {}, preferred_ids, its_reports)
               for group, its_reports in zip(groups, joined)]
    stories = title_headlines(stories, {e.id: e for e in events}, articles)
    stories = with_canonical_names(stories, briefing.actors)
    stories = with_disputed_figures(stories, {e.id: e for e in events}, briefing.figures, articles, copies)
    stories.sort(key=lambda s: (s.date, s.id), reverse=True)
    return dataclasses.replace(briefing, events=events, excluded_events=excluded, stories=stories)


def with_canonical_names(stories: list[Story], actors: Sequence[Actor]) -> list[Story]:
    """Each headline names its people as the briefing does: "Zelenskiy said ..." and "Volodymyr
    Zelenskyy met ..." on one page spell him one way (the actor's name, its other spellings replaced
    as whole words)."""
    by_id = {a.id: a for a in actors if a.kind == "person"}
    out = []
    for story in stories:
        headline = story.headline
        for actor in (by_id[a] for a in story.actors if a in by_id):
            surname = actor.name.split()[-1]
            for alias in sorted(actor.aliases, key=len, reverse=True):
                if len(alias) > 3 and alias != actor.name and alias not in actor.name and surname not in alias:
                    headline = re.sub(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", lambda _: actor.name if " " in alias
                                      else surname, headline)
            headline = _full_name_once(headline, actor.name, surname)
        out.append(dataclasses.replace(story, headline=headline) if headline != story.headline else story)
    return out


_COURTESY = re.compile(r"(?<![\w.])(?:%s)\.? \Z" % "|".join(sorted(table("speakers", "gender_titles"), key=len, reverse=True)),
                       re.IGNORECASE)  # "Mr. " or "Ms " just before a surname
_TITLES = words("actors", "titles")


def _full_name_once(headline: str, name: str, surname: str) -> str:
    """A headline names a person in full, once: "Mr. Bettel visited ..." and "..., Haidai said" become
    "Xavier Bettel visited ..." and "..., Serhiy Haidai said" (a reader of a briefing may not know who
    Haidai is). Only a surname standing alone (at the start, after a lower-case word, a title or
    punctuation: never "Joseph Biden" for Joe Biden), only when the full name is not already there,
    and never past the headline's length limit."""
    if " " not in name or name in headline or len(surname) < 3:
        return headline
    for found in re.finditer(r"(?<![\w'-])" + re.escape(surname) + r"(?![\w-])", headline):
        start = found.start()
        courtesy = _COURTESY.search(headline[:start])
        if courtesy is not None:
            start = courtesy.start()
        else:
            before = headline[:start].split()[-1:] or [""]
            word = before[0].strip(",;:()\"'")
            if word[:1].isupper() and before[0][-1:] not in ",;:" and word.lower() not in _TITLES:
                continue  # another given name, or a name this surname ends ("Joseph Biden")
        longer = headline[:start] + name + headline[found.end():]
        return longer if len(longer.split()) <= HEADLINE_MAX_WORDS else headline
    return headline


def with_disputed_figures(stories: list[Story], events: Mapping[str, Event], figures: Sequence[Figure],
                          articles: Mapping[str, Article], copies: Mapping[str, str]) -> list[Story]:
    """Each story with the measures its outlets give different values for (disputes.py)."""
    by_sentence = figures_by_sentence(figures)
    out = []
    for story in stories:
        sources = [s for e in story.events if e in events for s in events[e].sources] + list(story.reports)
        found = disputed_figures(sources, by_sentence, articles, copies)
        out.append(dataclasses.replace(story, disputed_figures=found) if found else story)
    return out


def readout_of(articles: Mapping[str, Article]):
    """The sentences a readout reports of its own day are one happening (its title says which)."""
    readouts = {a.id for a in articles.values() if from_title(a)}

    def key(event: Event) -> str | None:
        source = event.sources[0]
        article = articles.get(source.article)
        if source.article in readouts and article is not None and event.date == article.date.isoformat() \
                and not source.date_text:
            return source.article
        return None

    return key


def people_lookup(briefing: Briefing):
    """The people an event is about: the persons it names, and those its article's title names (a
    readout's sentences say "Vladimir Putin stressed ..."; only the title says with whom he spoke)."""
    kinds = {a.id: a.kind for a in briefing.actors}
    titles = {a.id: a.title.lower() for a in briefing.articles}
    in_title: dict[str, set[str]] = {}
    for actor in briefing.actors:
        if actor.kind != "person":
            continue
        names = [n.lower() for n in (actor.name, *actor.aliases) if len(n) > 3]
        for article in actor.articles:
            title = titles.get(article, "")
            if any(n in title for n in names):
                in_title.setdefault(article, set()).add(actor.id)

    def people_of(event: Event) -> frozenset[str]:
        found = {a for a in event.actors if kinds.get(a) == "person"}
        for source in event.sources:
            found |= in_title.get(source.article, set())
        return frozenset(found)

    return people_of


def outlets(article_ids: Sequence[str], articles: Mapping[str, Article], copies: Mapping[str, str]) -> int:
    """Distinct publishers; an article that copies another counts as the original's publisher."""
    return len({articles[copies.get(a, a)].source.lower() for a in article_ids if copies.get(a, a) in articles})


def story_of(group: Sequence[Event], articles: Mapping[str, Article], copies: Mapping[str, str], newest: str,
             confidence: Mapping[str, float], preferred_ids: Set[str] = frozenset(),
             reports: Sequence[Event] = ()) -> Story:
    """`reports`: undated sentences that joined the story (reports.py): they add articles and outlets,
    never its date, headline or confidence."""
    article_ids = list(dict.fromkeys(s.article for e in (*group, *reports) for s in e.sources))
    article_ids.sort(key=lambda a: (articles[a].date.isoformat() if a in articles else "", a))
    report_dates = [articles[a].date for a in article_ids if a in articles]
    date, precision, dates, disputed = dating.story_dates(group, articles)
    curated = sorted(e.id for e in group if e.id in preferred_ids)
    founder_id = curated[0] if curated else min(group, key=lambda e: (_first(e, articles), e.id)).id
    headline, method = choose(group, articles)
    if method != "editor" and dating.look_back(date, report_dates):
        headline, method = "", "background"  # one article's look back: its sentence, no headline
    actor_counts = Counter(a for e in group for a in dict.fromkeys(e.actors))
    actors = tuple(sorted(actor_counts, key=lambda a: (-actor_counts[a], a)))
    n_outlets = outlets(article_ids, articles, copies)
    return Story(
        id=founder_id, date=date, precision=precision, headline=headline,
        status="coming" if dating.ahead_of(date, newest) else "past",
        events=tuple(sorted(e.id for e in group)), articles=tuple(article_ids), outlets=n_outlets,
        actors=actors, first_reported=min(report_dates).isoformat() if report_dates else "",
        last_reported=max(report_dates).isoformat() if report_dates else "", disputed=disputed, dates=dates,
        scheduled=dating.scheduled(date, report_dates) or all(e.scheduled for e in group), method=method,
        confidence=story_confidence(group, articles, copies, confidence),
        kinds=tuple(sorted(frozenset().union(*(happening_kinds(e) for e in group)))),
        reports=tuple(sorted((s for r in reports for s in r.sources),
                             key=lambda s: (articles[s.article].date if s.article in articles else dt.date.min,
                                            s.article, s.sentence))))


def story_confidence(group: Sequence[Event], articles: Mapping[str, Article], copies: Mapping[str, str],
                     table: Mapping[str, float]) -> float:
    """How likely at least one outlet reports a real, rightly dated happening: each distinct outlet's
    best source is taken as an independent report, right with its date method's calibrated precision."""
    best: dict[str, float] = {}
    for e in group:
        for s in e.sources:
            original = copies.get(s.article, s.article)
            outlet = articles[original].source.lower() if original in articles else original
            p = table.get(dating.date_method(s.date_text), table.get("", 0.8))
            best[outlet] = max(best.get(outlet, 0.0), p)
    miss = 1.0
    for p in best.values():
        miss *= 1 - p
    return round(1 - miss, 3)


def _first(event: Event, articles: Mapping[str, Article]) -> str:
    dates = [articles[s.article].date.isoformat() for s in event.sources if s.article in articles]
    return min(dates) if dates else ""

