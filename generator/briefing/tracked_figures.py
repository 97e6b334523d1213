"""The same measure reported over time ("civilians killed", "refugees", "people displaced") as one series.

A figure's `what` is folded to a measure key by simple rules on words, without lemmas: lower case, no
punctuation, no function words or auxiliaries ("have been", "at least"), a plural "-s" dropped, the words
sorted ("killed civilians" is "civilians killed"). Two figures are the same measure when their keys and
units are equal; nothing fuzzier, so that two different measures are never drawn as one line (precision
over recall). A measure of two words or more becomes a series when at least two different articles
report it and its values grow over time (a count reported over time grows; falling values are
separate incidents sharing their words). Each source's value is kept as reported, never averaged; a
series is `conflicting` when two articles of the same day give different values.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Optional

from generator.briefing.records import Figure, SeriesPoint, TrackedFigure
from generator.nlp import lexicon

# Words that do not change what is counted ("have been killed" is "killed", "the refugees" is "refugees").
_STOPWORDS = lexicon.words("figures", "measure_stopwords")
# Measures too vague to draw one line through ("people", "money", "percent"): alone, never a series.
_GENERIC = lexicon.words("figures", "generic_measures")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")  # words, keeping "pro-Russian" and "Russia's" whole


def measure_key(what: str) -> tuple[str, ...]:
    """'Ukrainian civilians have been killed' -> ('civilian', 'killed', 'ukrainian'); () when nothing is
    left, or only a generic word."""
    words = []
    for word in _WORD.findall(what.lower()):
        word = word.replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word in _STOPWORDS or word.isdigit():
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"  # "casualties" -> "casualty"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
            word = word[:-1]  # "civilians" -> "civilian"; "press", "status" stay
        words.append(word)
    key = tuple(sorted(set(words)))
    if not key or len(key) == 1 and key[0] in _GENERIC:
        return ()
    return key


def series_id(key: tuple[str, ...], unit: str) -> str:
    """Stable: derived from the measure (and its unit), not from the figures or their order."""
    return "t-" + hashlib.sha1(f"{unit}\n{' '.join(key)}".encode()).hexdigest()[:10]


def _number(figure: Figure) -> Optional[float]:
    if figure.number is not None:
        return float(figure.number)
    try:
        return float(figure.value)
    except (TypeError, ValueError):
        return None


def track_figures(figures: list[Figure], article_dates: dict[str, str], limit: int = 12) -> list[TrackedFigure]:
    """Series of the measures that at least two articles report, the ones with most points first (at most
    `limit`); each series' points oldest first, one per figure (the same value twice in one article
    counts once)."""
    groups: dict[tuple[tuple[str, ...], str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.article not in article_dates or _number(figure) is None:
            continue
        key = measure_key(figure.what or "")
        if key:
            groups[(key, figure.unit or "")].append(figure)
    series = []
    for (key, unit), members in groups.items():
        if len({f.article for f in members}) < 2:
            continue
        seen: set[tuple[str, str]] = set()
        points = []
        for figure in sorted(members, key=lambda f: (article_dates[f.article], f.article, _number(f), f.id)):
            if (figure.article, figure.value) in seen:
                continue
            seen.add((figure.article, figure.value))
            points.append(SeriesPoint(figure=figure.id, date=article_dates[figure.article], value=figure.value,
                                      display=figure.display or figure.value, article=figure.article,
                                      reported_by=figure.reported_by))
        by_day: dict[str, list[SeriesPoint]] = defaultdict(list)
        for point in points:
            by_day[point.date].append(point)
        if len(key) < 2 or not any(len(word) >= 4 for word in key) or not _grows(by_day):
            continue  # "children" or "sq m" alone, or "people killed" of separate incidents (57, 47, 13,000)
        # two articles of one day with different values (one article giving two values is no conflict)
        conflicting = any(a.article != b.article and a.value != b.value
                          for day in by_day.values() for a in day for b in day)
        series.append(TrackedFigure(id=series_id(key, unit), measure=_measure(members), unit=unit,
                                    points=tuple(points), conflicting=conflicting))
    series.sort(key=lambda s: (-len(s.points), -len({p.article for p in s.points}), s.id))
    return series[:max(limit, 0)]


GROWTH_TOLERANCE = 0.9  # a later day's highest value may be this share of the highest so far


def _grows(by_day: dict[str, list[SeriesPoint]]) -> bool:
    """A count reported over time grows (refugees, civilians killed): each day's highest value is at least
    GROWTH_TOLERANCE of the highest before it. Values that fall are counts of different things or
    incidents that share their words, not one series. Same-day differences are conflicts, kept."""
    highest = 0.0
    for day in sorted(by_day):
        values = [v for p in by_day[day] if (v := _value(p.value)) is not None]
        if not values:
            continue
        if max(values) < GROWTH_TOLERANCE * highest:
            return False
        highest = max(highest, max(values))
    return True


def _value(text: str) -> Optional[float]:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _measure(members: list[Figure]) -> str:
    """The most frequent wording of the measure (then the shortest, then the first in order)."""
    counts: dict[str, int] = defaultdict(int)
    for figure in members:
        counts[" ".join(figure.what.split())] += 1
    return min(counts, key=lambda what: (-counts[what], len(what), what))
