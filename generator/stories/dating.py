"""Time sense for stories: which extracted dates cannot be happenings, which date a story takes when
its sources disagree, and whether it lies ahead of the briefing."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from generator.briefing.records import Article, Event, ExcludedEvent, StoryDate
from generator.stories.settings import settings


def _start(value: str) -> dt.date:
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return dt.date(int(year), int(month), int(day))


def impossible(event: Event, articles: Mapping[str, Article]) -> str:
    """Why the event's date cannot be a happening its articles report ('' when it can)."""
    cfg = settings()
    try:
        start = _start(event.date)
    except ValueError:
        return "not a calendar date"
    if start.year < int(cfg["least_year"]):
        return f"before {cfg['least_year']}"
    dates = [articles[s.article].date for s in event.sources if s.article in articles]
    if dates and all((start - d).days > int(cfg["most_days_ahead"]) for d in dates):
        return "more than a year after its article"
    return ""


def exclude_impossible(events: Sequence[Event], articles: Mapping[str, Article]) -> tuple[list[Event], list[ExcludedEvent]]:
    kept, excluded = [], []
    for event in events:
        reason = impossible(event, articles)
        if reason:
            source = event.sources[0]
            excluded.append(ExcludedEvent(id=event.id, date=event.date, article=source.article,
                                          sentence=source.sentence, reason=reason))
        else:
            kept.append(event)
    return kept, excluded


def story_dates(events: Sequence[Event], articles: Mapping[str, Article]) -> tuple[str, str, tuple[StoryDate, ...], bool]:
    """(date, precision, every date given with its articles, disputed).

    news-tls' rule: the date most sources give; each article votes once per date (an article that
    repeats a date does not outvote two outlets). A date phrase outvotes the article's own date (a
    readout published after midnight is not a second date); ties go to the most precise, then the one
    more often written as a date or weekday (not "five days earlier"), then the most mentioned, then
    the earliest. Disputed: the date phrases of its sources (or of one source, in two places) give two
    different days."""
    votes: dict[str, set[str]] = {}
    phrased: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    written: Counter[str] = Counter()
    precision = {}
    for e in events:
        precision[e.date] = e.precision
        for s in e.sources:
            votes.setdefault(e.date, set()).add(s.article)
            if s.date_text:
                phrased.setdefault(e.date, set()).add(s.article)
            mentions[e.date] += 1
            written[e.date] += date_method(s.date_text) in {"written-date", "weekday"}
    rank = {"day": 0, "month": 1, "year": 2}
    deciding = phrased or votes
    date = min(deciding, key=lambda d: (-len(deciding[d]), rank[precision[d]], -written[d], -mentions[d], d))
    dates = tuple(StoryDate(date=d, articles=tuple(sorted(votes[d], key=lambda a: (_article_date(a, articles), a))))
                  for d in sorted(votes))
    disputed = sum(precision[d] == "day" for d in deciding) > 1
    return date, precision[date], dates, disputed


def _article_date(article_id: str, articles: Mapping[str, Article]) -> str:
    article = articles.get(article_id)
    return article.date.isoformat() if article else ""


def scheduled(date: str, article_dates: Sequence[dt.date]) -> bool:
    """Every report came before the day: planned, not known to have happened."""
    if len(date) != 10 or not article_dates:
        return False
    day = dt.date.fromisoformat(date)
    return all(d < day for d in article_dates)


def _end(value: str) -> dt.date:
    """The last day of a date's period ('2021' -> 2021-12-31, '2022-02' -> 2022-02-28)."""
    parts = value.split("-")
    if len(parts) == 1:
        return dt.date(int(parts[0]), 12, 31)
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(value)


def look_back(date: str, article_dates: Sequence[dt.date]) -> bool:
    """A story only one article tells of, whose date ended long before it ("In 2009, he was accused of
    libel", "Last year, a new poultry farm was put into operation"): background to that article, not a
    happening of the story the briefing follows (it keeps its sentence, not a headline)."""
    cfg = settings()
    if not article_dates or len(article_dates) > int(cfg["background_most_articles"]):
        return False
    try:
        end = _end(date)
    except ValueError:
        return False
    return all((d - end).days > int(cfg["background_days"]) for d in article_dates)


def ahead_of(date: str, newest: str) -> bool:
    """The date lies after the newest article ('2022-03' is not ahead of '2022-03-05')."""
    return bool(newest) and date > newest[:len(date)]


def date_method(date_text: str) -> str:
    """How an event's date was found, for its confidence: the article's own date, a weekday, the
    day itself or the one beside it ("yesterday", "this morning"), another relative phrase ("five days
    earlier", "last week"), or a written date."""
    text = date_text.lower()
    if not text:
        return "article-date"
    if any(w in text for w in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
        return "weekday"
    if any(w in text for w in ("ago", "earlier", "later", "week", "month", "year", "next", "previous", "same day")):
        return "relative"
    if any(w in text for w in ("yesterday", "today", "tonight", "tomorrow", "last", "this", "morning", "evening",
                               "night")):
        return "adjacent-day"
    return "written-date"
