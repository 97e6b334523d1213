"""The timeline: an inline SVG of how much was reported each day (or week), with the key stories
labelled on their day.

Drawn at build time and deterministic (the same briefing gives the same bytes); it needs no
JavaScript and requests nothing. Everything is drawn in `currentColor` with opacities, so it reads
with no stylesheet at all and follows the page's text colour in light and dark themes; class names
(`timeline-bar`, `timeline-label`, `timeline-disputed`, ...) let a theme refine it. Every text and
attribute is escaped with `html.escape`, every link target is checked (ValueError otherwise).

The helpers at the top (`esc`, `num`, `checked_href`, `picture_open`, `text_width`) are shared
with network.py so both pictures write numbers, links and their root element the same way.
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from generator.errors import E030

Href = Callable[[str, str], Optional[str]]

KEY_STORIES = 8  # labelled stories (the `key` argument's default)
KEY_CONFIDENCE = 0.8  # a key story's confidence is None (an editor's) or at least this
KEY_PER_BAR = 2  # labels on one bar at most: the key stories spread over the period
HEADLINE_CHARS = 40  # a label's headline is cut at a word before this, with "…"
DAY_BARS_UP_TO = 120  # days; a longer period is drawn by week (or by several weeks)
MAX_BARS = 120  # never more bars, however long the period
LOOKBACK_DAYS = 7  # stories this long before the first article are part of the period; older ones are background

WIDTH = 760
LEFT, RIGHT = 34, 14  # room for the count labels (left)
TOP = 8
ROW_HEIGHT = 16  # one row of key-story labels
MAX_LABEL_ROWS = 10  # labels that would need more rows are left out
BAR_AREA = 140  # height of the tallest bar
AXIS_AREA = 48  # dates (two lines: day and month, then the year) and the legend
LABEL_FONT = 12
AXIS_FONT = 11
CHAR_WIDTH = 0.56  # an estimate of a character's width in sans-serif, in font sizes
POLE_GAP = 4  # between a label's leader line and its text

_HREF = re.compile(r"[a-z0-9./\-]+(#[a-z0-9\-]+)?")
_UID = re.compile(r"[a-z][a-z0-9\-]{0,40}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---- shared by the pictures -------------------------------------------------------------------

def esc(value: Any) -> str:
    """Text or an attribute value, escaped (None is empty)."""
    return html.escape(str(value if value is not None else ""), quote=True)


def num(x: float) -> str:
    """A coordinate or length, always written with one decimal."""
    return f"{x:.1f}"


def checked_href(href: Href, kind: str, item_id: str) -> Optional[str]:
    """What `href` gives for the item, checked: None (no link) or a relative target made of ids."""
    target = href(kind, item_id)
    if target is None:
        return None
    if not isinstance(target, str) or not _HREF.fullmatch(target):
        raise ValueError(E030(target=str(target)[:80]))
    return target


def picture_open(uid: str, kind: str, width: float, height: float, title: str, desc: str) -> str:
    """The root element, its title and its one-sentence description; ids are prefixed with uid."""
    if not isinstance(uid, str) or not _UID.fullmatch(uid):
        raise ValueError(f"not a picture id: {str(uid)[:80]!r}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
            f'class="briefing-picture {esc(kind)}" role="group" aria-labelledby="{uid}-title" width="100%" '
            f'font-family="sans-serif">'
            f'<title id="{uid}-title">{esc(title)}</title><desc>{esc(desc)}</desc>')


def shorten_middle(text: str, limit: int) -> str:
    """`text` cut in its middle, keeping its first and last words: "Putin speaks by phone … Macron"
    tells two labels apart that differ only at their end."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    words = text.split(" ")
    tail: list[str] = []
    while words and len(" ".join([words[-1]] + tail)) <= limit * 0.45:
        tail.insert(0, words.pop())
    if not tail:
        return shorten(text, limit)
    head = shorten(" ".join(words), limit - len(" ".join(tail)) - 2).rstrip("…")
    return f"{head} … {' '.join(tail)}"


def text_width(text: str, size: float) -> float:
    """An estimate of the width of a text (no font is measured at build time)."""
    return len(text) * size * CHAR_WIDTH


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut before a word so it has at most `limit` characters with the "…"."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


# ---- dates ------------------------------------------------------------------------------------

def _ordinal(text: Any) -> Optional[int]:
    """'YYYY-MM-DD' as a day number; None for anything else."""
    try:
        return dt.date.fromisoformat(str(text)[:10]).toordinal() if len(str(text)) == 10 else None
    except ValueError:
        return None


def _day_label(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{date.day} {_MONTHS[date.month - 1]}"


def _long_date(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


# ---- the data drawn ---------------------------------------------------------------------------

@dataclass
class _Bar:
    start: int  # first day of the bar (a day number)
    days: int  # how many days it covers
    stories: list[dict] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @property
    def link_day(self) -> str:
        """The bar's first day with stories: a week's bar leads to where its reporting starts."""
        return min(s["date"] for s in self.stories)


def _period_stories(data: dict) -> tuple[list[dict], list[dict]]:
    """(past day stories of the reporting period, older ones): a story dated long before the first
    article (a war of 1941 recalled in 2022) is background, and would stretch the period to decades."""
    dated = [s for s in data.get("stories", []) if s.get("status") == "past" and s.get("precision") == "day"
             and _ordinal(s.get("date")) is not None]
    firsts = [d for a in data.get("articles", []) if (d := _ordinal(a.get("date"))) is not None]
    if not firsts:
        return dated, []
    since = min(firsts) - LOOKBACK_DAYS
    shown = [s for s in dated if _ordinal(s["date"]) >= since]
    if not shown:  # only background: show it rather than nothing
        return dated, []
    return shown, [s for s in dated if _ordinal(s["date"]) < since]


def _bars(stories: list[dict]) -> list[_Bar]:
    """One bar a day, or a week (Monday first) when the period is long, or several weeks so that
    there are at most MAX_BARS; empty bars included, so the x axis is time."""
    days = [_ordinal(s["date"]) for s in stories]
    first, last = min(days), max(days)
    if last - first + 1 <= DAY_BARS_UP_TO:
        width, start = 1, first
    else:
        start = first - dt.date.fromordinal(first).weekday()
        width = 7
        while math.ceil((last - start + 1) / width) > MAX_BARS:
            width += 7
    bars = [_Bar(start + k * width, width) for k in range(math.ceil((last - start + 1) / width))]
    for story, day in sorted(zip(stories, days), key=lambda sd: (sd[1], sd[0]["id"])):
        bar = bars[(day - start) // width]
        bar.stories.append(story)
        bar.articles.update(story.get("articles", []))
    return bars


def is_key_candidate(story: dict) -> bool:
    """A story a reader would want named: a headline, confident, not a ceremony, not a schedule."""
    confidence = story.get("confidence")
    return bool(story.get("headline")) and (confidence is None or confidence >= KEY_CONFIDENCE) \
        and story.get("method") != "ceremonial" and not story.get("scheduled")


def _key_stories(bars: list[_Bar], key: int) -> list[tuple[int, dict]]:
    """(bar index, story) of the `key` most reported stories: most outlets, then most articles, then
    newest; at most KEY_PER_BAR on one bar."""
    candidates = [(k, s) for k, bar in enumerate(bars) for s in bar.stories if is_key_candidate(s)]
    candidates.sort(key=lambda ks: (-int(ks[1].get("outlets") or 0), -len(ks[1].get("articles", [])),
                                    -_ordinal(ks[1]["date"]), ks[1]["id"]))
    per_bar: dict[int, int] = defaultdict(int)
    chosen = []
    for k, story in candidates:
        if len(chosen) < key and per_bar[k] < KEY_PER_BAR:
            chosen.append((k, story))
            per_bar[k] += 1
    return chosen


# ---- placing the labels -----------------------------------------------------------------------

@dataclass
class _Label:
    rank: int
    bar: int
    story: dict
    text: str
    x: float  # the leader line's x (the bar's centre)
    width: float
    anchor: str = "start"  # "start": the text right of its leader line, "end": left of it
    row: int = -1

    def span(self, anchor: str = "") -> tuple[float, float]:
        """Left and right of the text (with its anchor, or the one given)."""
        if (anchor or self.anchor) == "start":
            return self.x + POLE_GAP, self.x + POLE_GAP + self.width
        return self.x - POLE_GAP - self.width, self.x - POLE_GAP

    def covers(self, x: float) -> bool:
        """Whether a leader line at x would cross this text."""
        a, b = self.span()
        return a - 2 <= x <= b + 2


def _fits(label: _Label, anchor: str) -> bool:
    a, b = label.span(anchor)
    return a >= 2 and b <= WIDTH - 2


def _place_labels(labels: list[_Label]) -> list[_Label]:
    """Rows for the labels, row 0 nearest the bars, so that no two texts overlap and no leader line
    crosses a text: a label whose leader line runs under another's text must sit below it. Labels
    that cannot be placed so, or not in MAX_LABEL_ROWS rows, are left out; the others keep their
    rank order in the output."""
    for label in labels:
        label.anchor = "start" if _fits(label, "start") else "end"
    active = list(labels)
    turns = 4 * len(labels)  # each clash turns a label round or leaves one out: this ends
    while True:  # two labels each over the other's leader line: turn one round, or leave the lesser out
        clash = next(((a, b) for a in active for b in active
                      if a.rank < b.rank and a.covers(b.x) and b.covers(a.x)), None)
        if clash is None:
            break
        better, lesser = clash
        turns -= 1
        if turns >= 0 and _turn_round(lesser, better) or turns >= 0 and _turn_round(better, lesser):
            continue
        active.remove(lesser)
    # a label whose text is over another's leader line is placed after it (the other is lower)
    order: list[_Label] = []
    remaining = list(active)
    while remaining:
        free = [a for a in remaining if not any(b is not a and a.covers(b.x) for b in remaining)]
        if not free:  # a longer cycle: leave the lesser label out
            remaining.remove(max(remaining, key=lambda lab: lab.rank))
            continue
        pick = min(free, key=lambda lab: (-lab.x, lab.rank))
        order.append(pick)
        remaining.remove(pick)
    done: list[_Label] = []
    for label in order:  # the labels that must be lower are placed; none placed covers its leader line
        row = max((p.row + 1 for p in done if label.covers(p.x)), default=0)
        while any(p.row == row and _overlap(p.span(), label.span()) for p in done):
            row += 1
        if row < MAX_LABEL_ROWS:
            label.row = row
            done.append(label)
    kept = {id(label) for label in done}
    return [label for label in labels if id(label) in kept]


def _turn_round(label: _Label, other: _Label) -> bool:
    """Put `label`'s text on the other side of its leader line if that fits and ends the clash."""
    before = label.anchor
    label.anchor = "end" if before == "start" else "start"
    if _fits(label, label.anchor) and not (label.covers(other.x) and other.covers(label.x)):
        return True
    label.anchor = before
    return False


def _overlap(a: tuple[float, float], b: tuple[float, float], gap: float = 10.0) -> bool:
    return a[0] < b[1] + gap and b[0] < a[1] + gap


# ---- the axes ---------------------------------------------------------------------------------

def _tick_days(first: int, last: int, bar_days: int) -> list[int]:
    """Days to name under the axis: more of them when the period is short."""
    span = last - first + 1
    if bar_days == 1:
        if span <= 14:
            wanted = set(range(1, 32))
        elif span <= 35:
            wanted = {1, 5, 10, 15, 20, 25}
        elif span <= 70:
            wanted = {1, 8, 15, 22}
        else:
            wanted = {1, 15}
        return [d for d in range(first, last + 1) if dt.date.fromordinal(d).day in wanted]
    months = [d for d in range(first, last + 1) if dt.date.fromordinal(d).day == 1]
    step = 1 if len(months) <= 24 else 3 if len(months) <= 72 else 12
    return [d for d in months if (dt.date.fromordinal(d).month - 1) % step == 0]


def _nice_step(top: int) -> int:
    """A round step for at most four gridlines up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 4:
            return step
    return max(1, math.ceil(top / 4))


# ---- the picture ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Frame:
    """Where things go: the bars side by side over the period, the axis at `base`."""
    bars: list[_Bar]
    base: float  # y of the axis
    scale_top: int  # the count at the top of the bar area
    step: int  # between gridlines

    @property
    def slot(self) -> float:
        return (WIDTH - LEFT - RIGHT) / len(self.bars)

    @property
    def unit(self) -> str:
        days = self.bars[0].days
        return "day" if days == 1 else "week" if days == 7 else f"{days // 7} weeks"

    def bar_centre(self, k: int) -> float:
        return LEFT + self.slot * (k + 0.5)

    def x_of_day(self, day: float) -> float:
        start, end = self.bars[0].start, self.bars[-1].start + self.bars[-1].days
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start) / (end - start)

    def y_of(self, count: float) -> float:
        return self.base - BAR_AREA * count / self.scale_top

    def bar_top(self, k: int) -> float:
        return self.y_of(len(self.bars[k].articles))


def timeline_svg(data: dict, href: Href, uid: str = "timeline", key: int = KEY_STORIES) -> str:
    """The timeline of the briefing's past stories of known day, as an inline SVG ("" without any).

    A bar's height is the number of distinct articles reporting the stories of its day (or week),
    not the number of stories: one event reported by six articles is more news than one line of a
    single readout, and an article telling three stories of a day counts once. The `key` most
    reported stories are labelled (stacked rows above the bars, each on a thin leader line); stories
    whose sources give different dates carry a small diamond. Links: every bar to
    href("day", its first day with stories), every label to href("story", id).
    """
    stories, older = _period_stories(data)
    if not stories:
        return ""
    bars = _bars(stories)
    slot = (WIDTH - LEFT - RIGHT) / len(bars)
    key_stories = _key_stories(bars, max(0, int(key)))
    texts = _label_texts([story for _, story in key_stories])
    labels = _place_labels([_Label(rank, k, story, text, LEFT + slot * (k + 0.5), text_width(text, LABEL_FONT))
                            for rank, ((k, story), text) in enumerate(zip(key_stories, texts))])
    rows = max((label.row + 1 for label in labels), default=0)
    top_count = max(len(bar.articles) for bar in bars)
    step = _nice_step(top_count)
    frame = _Frame(bars, TOP + rows * ROW_HEIGHT + (12 if rows else 4) + BAR_AREA, max(top_count, step), step)
    first_day, last_day = min(_ordinal(s["date"]) for s in stories), max(_ordinal(s["date"]) for s in stories)
    n_articles = len({a for s in stories for a in s.get("articles", [])})
    desc = (f"Articles reporting the stories of the briefing, by {frame.unit}, from {_long_date(first_day)} to "
            f"{_long_date(last_day)}: {len(stories)} stories in {n_articles} articles"
            + (f", with the {len(labels)} most reported named" if labels else "")
            + (f"; {_count(len(older), 'older story is', 'older stories are')} background, not shown"
               if older else "") + ".")
    disputed, marker_tops = _disputed_svg(frame)
    return "".join([picture_open(uid, "briefing-timeline", WIDTH, frame.base + AXIS_AREA, "Timeline of the stories",
                                 desc),
                    _grid_svg(frame), _bars_svg(frame, href), disputed, _labels_svg(frame, labels, marker_tops, href),
                    _axis_svg(frame, last_day), _legend_svg(frame, bool(disputed)), "</svg>"])


def _grid_svg(frame: _Frame) -> str:
    """Faint gridlines at round counts, the counts left of them."""
    values = range(frame.step, frame.scale_top + 1, frame.step)
    lines = "".join(f'<path d="M{num(LEFT)} {num(frame.y_of(v))}H{num(WIDTH - RIGHT)}"/>' for v in values)
    counts = "".join(f'<text x="{num(LEFT - 5)}" y="{num(frame.y_of(v) + 4)}">{v}</text>' for v in values)
    return (f'<g class="timeline-grid" stroke="currentColor" stroke-opacity="0.2" stroke-width="1.0">{lines}</g>'
            f'<g class="timeline-count" fill="currentColor" fill-opacity="0.8" font-size="{AXIS_FONT}" '
            f'text-anchor="end">{counts}</g>')


def _bars_svg(frame: _Frame, href: Href) -> str:
    """One bar for each day (or week) with stories, a link to its day; the link's target area is the
    bar's whole column, so a short bar is as easy to hit as a tall one."""
    out = ['<g class="timeline-bars">']
    slot, gap = frame.slot, min(2.0, frame.slot * 0.2)
    for k, bar in enumerate(frame.bars):
        if not bar.stories:
            continue
        x0, top = LEFT + slot * k, frame.bar_top(k)
        when = _long_date(bar.start) if bar.days == 1 else \
            f"{_long_date(bar.start)} to {_long_date(bar.start + bar.days - 1)}"
        tip = f"{when}: {_count(len(bar.stories), 'story', 'stories')} in {_count(len(bar.articles), 'article')}"
        body = (f"<title>{esc(tip)}</title>"
                f'<rect class="timeline-hit" x="{num(x0)}" y="{num(frame.base - BAR_AREA)}" width="{num(slot)}" '
                f'height="{num(BAR_AREA)}" fill="currentColor" fill-opacity="0.0"/>'
                f'<rect class="timeline-bar" x="{num(x0 + gap / 2)}" y="{num(top)}" width="{num(slot - gap)}" '
                f'height="{num(frame.base - top)}" fill="currentColor" fill-opacity="0.6"/>')
        target = checked_href(href, "day", bar.link_day)
        out.append(f'<g class="timeline-day">{body}</g>' if target is None
                   else f'<a class="timeline-day" href="{esc(target)}">{body}</a>')
    out.append("</g>")
    return "".join(out)


def _disputed_svg(frame: _Frame) -> tuple[str, dict[int, float]]:
    """A small diamond above each bar with a story whose sources give different dates; and, for the
    leader lines, the y of each diamond's top."""
    tops: dict[int, float] = {}
    out = []
    for k, bar in enumerate(frame.bars):
        found = [s for s in bar.stories if s.get("disputed")]
        if found:
            cx, cy = frame.bar_centre(k), frame.bar_top(k) - 7
            tops[k] = cy - 5
            out.append(f'<path d="M{num(cx)} {num(cy - 4)}L{num(cx + 4)} {num(cy)}L{num(cx)} {num(cy + 4)}'
                       f'L{num(cx - 4)} {num(cy)}Z"><title>{esc(_disputed_text(found))}</title></path>')
    if not out:
        return "", tops
    return ('<g class="timeline-disputed" fill="none" stroke="currentColor" stroke-width="1.2">'
            + "".join(out) + "</g>"), tops


def _labels_svg(frame: _Frame, labels: list[_Label], marker_tops: dict[int, float], href: Href) -> str:
    """The key stories' leader lines, then their labels, each a link to its story."""
    if not labels:
        return ""
    poles, texts = [], []
    for label in labels:
        y = frame.base - BAR_AREA - 12 - label.row * ROW_HEIGHT
        bottom = marker_tops.get(label.bar, frame.bar_top(label.bar) - 2)
        poles.append(f'<path d="M{num(label.x)} {num(y - LABEL_FONT + 2)}V{num(bottom)}"/>')
        story = label.story
        tip = (f"{_long_date(_ordinal(story['date']))}: {' '.join(str(story['headline']).split())} "
               f"({_count(int(story.get('outlets') or 0), 'outlet')}, "
               f"{_count(len(story.get('articles', [])), 'article')})")
        x = label.x + POLE_GAP if label.anchor == "start" else label.x - POLE_GAP
        anchor = ' text-anchor="end"' if label.anchor == "end" else ""
        text = (f'<text class="timeline-label" x="{num(x)}" y="{num(y)}"{anchor}>'
                f"<title>{esc(tip)}</title>{esc(label.text)}</text>")
        target = checked_href(href, "story", str(story["id"]))
        texts.append(text if target is None else f'<a href="{esc(target)}">{text}</a>')
    return ('<g class="timeline-leader" stroke="currentColor" stroke-opacity="0.5" stroke-width="1.0">'
            + "".join(poles) + f'</g><g class="timeline-labels" fill="currentColor" font-size="{LABEL_FONT}">'
            + "".join(texts) + "</g>")


def _axis_svg(frame: _Frame, last_day: int) -> str:
    """The axis, and dates under it (day and month, or the month for weeks; the year under the
    first one and at each new year), as many as fit without touching."""
    by_day = frame.bars[0].days == 1
    ticks, dates = [], []
    last_right, shown_year = -1e9, None
    for day in _tick_days(frame.bars[0].start, last_day, frame.bars[0].days):
        x = frame.x_of_day(day + 0.5) if by_day else frame.x_of_day(day)
        date = dt.date.fromordinal(day)
        text = _day_label(day) if by_day else _MONTHS[date.month - 1]
        half = text_width(text, AXIS_FONT) / 2
        if x - half < last_right + 6 or x - half < 0 or x + half > WIDTH:
            continue
        last_right = x + half
        ticks.append(f'<path d="M{num(x)} {num(frame.base)}v4.0"/>')
        dates.append(f'<text x="{num(x)}" y="{num(frame.base + 16)}">{esc(text)}</text>')
        if date.year != shown_year:
            dates.append(f'<text x="{num(x)}" y="{num(frame.base + 29)}" fill-opacity="0.7">{date.year}</text>')
            shown_year = date.year
    return (f'<g class="timeline-axis" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.0">'
            f'<path d="M{num(LEFT)} {num(frame.base)}H{num(WIDTH - RIGHT)}"/>{"".join(ticks)}</g>'
            f'<g class="timeline-dates" fill="currentColor" fill-opacity="0.8" font-size="{AXIS_FONT}" '
            f'text-anchor="middle">{"".join(dates)}</g>')


def _legend_svg(frame: _Frame, disputed: bool) -> str:
    """What a bar counts, and (when there is one) what the diamond means."""
    y = frame.base + AXIS_AREA - 4
    out = [f'<g class="timeline-legend" font-size="{AXIS_FONT}" fill="currentColor" fill-opacity="0.8">'
           f'<text x="{num(LEFT)}" y="{num(y)}">Bars: articles per {esc(frame.unit)}</text>']
    if disputed:
        text = "sources give different dates"
        x = WIDTH - RIGHT - text_width(text, AXIS_FONT) - 12
        out.append(f'<path d="M{num(x)} {num(y - 8)}l4.0 4.0l-4.0 4.0l-4.0 -4.0Z" fill="none" stroke="currentColor" '
                   f'stroke-width="1.2"/><text x="{num(x + 8)}" y="{num(y)}">{text}</text>')
    out.append("</g>")
    return "".join(out)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _label_texts(stories: list[dict]) -> list[str]:
    """Short headlines; those that would read the same when cut at their end are cut in the middle."""
    cut = [shorten(story["headline"], HEADLINE_CHARS) for story in stories]
    same = {text for text in cut if cut.count(text) > 1 and text.endswith("…")}
    return [shorten_middle(story["headline"], HEADLINE_CHARS) if text in same else text
            for story, text in zip(stories, cut)]


def _disputed_text(stories: list[dict]) -> str:
    """'dates differ: ' and, for each story, its headline and the dates its sources give."""
    parts = []
    for story in stories:
        dates = ", ".join(f"{d.get('date', '')} ({_count(len(d.get('articles', [])), 'article')})"
                          for d in story.get("dates", []))
        headline = shorten(story.get("headline") or "untitled story", 60)
        parts.append(f"{headline}: {dates}" if dates else headline)
    return "dates differ: " + "; ".join(parts)
