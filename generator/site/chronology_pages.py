"""Which chronology page a date's stories are on: one page per month, split into halves or quarters
when the month has many stories, so that no page grows with the number of articles.

A part is named by its first day ("2022-05-16"); the first part keeps the month's name ("2022-05"),
so a link to a month still reaches its first days. The split depends on the stories only (the same
briefing gives the same pages), and every module that links a story or a day asks this one.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

STORIES_PER_PAGE = 100  # a month with more is split: halves up to twice this, quarters beyond
HALVES = (1, 16)
QUARTERS = (1, 8, 15, 22)
Parts = Mapping[str, tuple[int, ...]]


def month_parts(stories: Iterable[dict]) -> dict[str, tuple[int, ...]]:
    """Month ("2022-05", or a year "2023") -> the first days of its pages, for the months split."""
    counts = Counter(str(st.get("date", ""))[:7] for st in stories)
    return {month: HALVES if n <= 2 * STORIES_PER_PAGE else QUARTERS
            for month, n in counts.items() if n > STORIES_PER_PAGE}


def chronology_page(date: str, parts: Parts) -> str:
    """The page ("2022-05", "2022-05-16") a story or day of `date` is on. Month- and year-precise
    stories are on the month's first page."""
    month = date[:7]
    starts = parts.get(month)
    if not starts or len(date) < 10:
        return month
    day = int(date[8:10])
    start = max(s for s in starts if s <= day)
    return month if start == 1 else f"{month}-{start:02d}"


def page_days(page: str, parts: Parts) -> tuple[int, int]:
    """The first and last day of the month a page covers (1..31 for an unsplit month)."""
    month = page[:7]
    starts = parts.get(month, (1,))
    first = int(page[8:10]) if len(page) > 7 else 1
    later = [s for s in starts if s > first]
    return first, (later[0] - 1 if later else 31)
