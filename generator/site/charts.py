"""Small inline SVG charts of a tracked figure: one line through every source's value, oldest first.

The SVG is deterministic (the same points give the same bytes), needs no JavaScript and requests
nothing; it draws in `currentColor`, so it follows the page's text colour in light and dark themes.
Every text it writes (title, dates, values, sources) is escaped with `html.escape`.
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any, Optional

WIDTH, HEIGHT = 320, 120
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 10, 10, 22  # room for the value labels (left) and the dates (below)
_RADIUS = 3


def _value(point: dict[str, Any]) -> Optional[float]:
    try:
        value = float(str(point.get("value", "")).replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None  # no NaN, no infinity


def _day(text: Any) -> Optional[int]:
    """'2022-03-01' (or '2022-03', '2022') as a day number; None when it is no date."""
    parts = str(text or "").split("-")
    try:
        numbers = [int(p) for p in parts[:3]] + [1] * (3 - min(len(parts), 3))
        return dt.date(*numbers[:3]).toordinal()
    except (TypeError, ValueError):
        return None


def _num(x: float) -> str:
    """A coordinate, always written the same way."""
    return f"{x:.1f}"


def _esc(text: Any) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def series_svg(points: list[dict], title: str) -> str:
    """An inline SVG (about 320x120) of the points (dicts with date, value, display, and the source as
    'source', 'reported_by' or 'article'), in the order given; "" for fewer than two usable points."""
    usable = [(p, v, d) for p in points if isinstance(p, dict)
              and (v := _value(p)) is not None and (d := _day(p.get("date"))) is not None]
    if len(usable) < 2:
        return ""
    usable.sort(key=lambda item: item[2])  # by date; one day's points keep their order
    days = [d for _, _, d in usable]
    first, last = min(days), max(days)
    top = max(v for _, v, _ in usable)
    bottom = min(0.0, min(v for _, v, _ in usable))  # counts start at zero: the line does not exaggerate
    span_y = (top - bottom) or 1.0
    inner_w, inner_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x_of(k: int, day: int) -> float:
        if last == first:  # every point on one day: spread them out in order
            return _LEFT + inner_w * (k / (len(usable) - 1))
        return _LEFT + inner_w * ((day - first) / (last - first))

    def y_of(value: float) -> float:
        return _TOP + inner_h * (1 - (value - bottom) / span_y)

    coords = [(x_of(k, d), y_of(v)) for k, (_, v, d) in enumerate(usable)]
    top_label = next(p for p, v, _ in usable if v == top)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
           f'height="{HEIGHT}" role="img" aria-label="{_esc(title)}" class="briefing-chart" '
           f'fill="none" stroke="currentColor" font-family="sans-serif" font-size="10">',
           f"<title>{_esc(title)}</title>",
           # axes, faint
           f'<path d="M{_LEFT} {_TOP}V{_num(_TOP + inner_h)}H{WIDTH - _RIGHT}" stroke-opacity="0.35" '
           f'stroke-width="1"/>',
           f'<polyline points="{" ".join(f"{_num(x)},{_num(y)}" for x, y in coords)}" stroke-width="1.5" '
           f'stroke-linejoin="round" stroke-linecap="round"/>']
    for (point, _, _), (x, y) in zip(usable, coords):
        source = point.get("source") or point.get("reported_by") or point.get("article") or ""
        label = f"{point.get('date', '')}: {point.get('display') or point.get('value', '')}"
        if source:
            label += f" ({source})"
        out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_RADIUS}" fill="currentColor">'
                   f"<title>{_esc(label)}</title></circle>")
    out.append('<g fill="currentColor" stroke="none">')
    out.append(f'<text x="{_LEFT - 4}" y="{_num(y_of(top) + 3)}" text-anchor="end">'
               f"{_esc(top_label.get('display') or top_label.get('value', ''))}</text>")
    out.append(f'<text x="{_LEFT - 4}" y="{_num(_TOP + inner_h + 3)}" text-anchor="end">'
               f"{_esc(_short_number(bottom))}</text>")
    first_point = next(p for p, _, d in usable if d == first)
    last_point = next(p for p, _, d in reversed(usable) if d == last)
    out.append(f'<text x="{_LEFT}" y="{HEIGHT - 6}" text-anchor="start">{_esc(first_point.get("date", ""))}</text>')
    if last != first:
        out.append(f'<text x="{WIDTH - _RIGHT}" y="{HEIGHT - 6}" text-anchor="end">'
                   f'{_esc(last_point.get("date", ""))}</text>')
    out.append("</g></svg>")
    return "".join(out)


def _short_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
