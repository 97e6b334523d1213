"""Figures a story's outlets disagree on: "47 killed" in one report, "50 killed" in another.

A figure belongs to a story when its sentence is one of the story's sources (an event's or an
undated report's). Figures are the same measure when tracked_figures.measure_key and the unit agree
(the same strict rule as the tracked series: two different measures are never compared). A measure
is disputed when two different values come from different outlets (copies count as their original's
outlet); one outlet updating its own count is no dispute. Only measures of two words or more count
("people killed", not a bare "GDP"), and a sentence that gives two values of one measure ("23
people, including three children, were killed") gives none."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from generator.briefing.records import Article, DisputedFigure, EventSource, Figure, FigureClaim
from generator.briefing.tracked_figures import measure_key


def disputed_figures(sources: Sequence[EventSource], by_sentence: Mapping[tuple[str, str], Sequence[Figure]],
                     articles: Mapping[str, Article], copies: Mapping[str, str]) -> tuple[DisputedFigure, ...]:
    found: dict[tuple[tuple[str, ...], str], list[Figure]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for source in sources:
        if (source.article, source.sentence) in seen:
            continue
        seen.add((source.article, source.sentence))
        in_sentence: dict[tuple[tuple[str, ...], str], list[Figure]] = defaultdict(list)
        for figure in by_sentence.get((source.article, source.sentence), ()):
            key = measure_key(figure.what)
            if len(key) >= 2 and figure.number is not None:  # "people killed", not a bare "GDP"
                in_sentence[(key, figure.unit)].append(figure)
        for measure, figures in in_sentence.items():
            # "23 people, including three children, were killed": one sentence giving two values of a
            # measure tells a part of a whole, not a disagreement
            if len({f.number for f in figures}) == 1:
                found[measure].extend(figures)
    disputes = []
    for (_, unit), figures in sorted(found.items()):
        by_value: dict[float, list[Figure]] = defaultdict(list)
        for figure in figures:
            by_value[float(figure.number)].append(figure)
        outlets = {value: {_outlet(f.article, articles, copies) for f in group} for value, group in by_value.items()}
        if len(by_value) < 2 or len(set().union(*outlets.values())) < 2:
            continue
        ranked = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        disputes.append(DisputedFigure(
            measure=figures[0].what, unit=unit,
            claims=tuple(FigureClaim(display=group[0].display or group[0].value,
                                     articles=tuple(dict.fromkeys(f.article for f in group)))
                         for _, group in ranked)))
    return tuple(disputes)


def figures_by_sentence(figures: Sequence[Figure]) -> dict[tuple[str, str], list[Figure]]:
    index: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        index[(figure.article, " ".join(figure.sentence.split()))].append(figure)
    return index


def _outlet(article_id: str, articles: Mapping[str, Article], copies: Mapping[str, str]) -> str:
    original = copies.get(article_id, article_id)
    return articles[original].source.lower() if original in articles else original
