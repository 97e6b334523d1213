"""The map of a briefing's places: an inline SVG of the countries, cities, regions and seas it names.

It is drawn at build time from data the package ships (Natural Earth outlines in `data/world.json`,
the gazetteer's coordinates), so it requests nothing and needs no JavaScript. Like `charts.py` it
draws in `currentColor` with fill and stroke opacities, so it follows the page's text colour in light
and dark themes without a stylesheet; the class names `map-country`, `map-place`, `map-label` and
`map-background` let a theme refine it. Every text and attribute is escaped, every link checked, and
the same briefing gives the same bytes. The numbers and the country-name table are `data/map.yml`.

What a place weighs: the number of stories naming it, plus the articles naming it that belong to
none of those stories (such an article is a report of its own). A place in no story so counts its
articles, and one unit holds for every place: Kharkiv, in one story but named by 33 articles, is not
drawn smaller than a town named by five articles and no story. Only the `top` heaviest places are
drawn, so the picture stays bounded at any number of articles.

How: a place whose name (or an alias) is a Natural Earth country is filled in one of five classes of
opacity; one with coordinates (`gazetteer.coordinates`) is a circle whose area grows with its weight;
the largest few are labelled, every one has its name and counts as a tooltip and links to its page.
The frame is the smallest box holding most (`fit_share`) of the places' weight, countries by their
mainland, except huge ones (Russia, the United States), which are drawn where they meet the frame but
do not decide it: a Ukraine briefing gets Ukraine and its neighbours, not the whole world for one
mention of Washington. `unmapped_places` gives the places left off (outside that frame, or with no
known position) for the page to list beneath the map. Projection: equirectangular, east-west scaled
by the cosine of the frame's middle latitude.
"""
from __future__ import annotations

import functools
import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import yaml

from generator.errors import E030, E070
from generator.nlp import gazetteer

DATA = Path(__file__).parent / "data"
WORLD_FILE = DATA / "world.json"
SETTINGS_FILE = DATA / "map.yml"
_SAFE_HREF = re.compile(r"[a-z0-9./\-]+(#[a-z0-9\-]+)?")
_SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
_CHAR_WIDTH = 0.56  # of the font size: an average sans-serif letter, to keep labels from overlapping
_LABEL_ROOM = 4.0  # units between a label and a circle it is not the name of

Href = Callable[[str, str], Optional[str]]
LonLat = tuple[float, float]
Box = tuple[float, float, float, float]  # west, south, east, north, in degrees
XY = tuple[float, float]


# --- data ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The map's numbers and country-name table (data/map.yml), read once."""
    try:
        data = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuntimeError(E070(file=SETTINGS_FILE.name,
                                problem=f"cannot read the map settings ({exc.__class__.__name__})")) from exc
    numbers = ("top", "labels", "fit_share", "huge_country_span", "min_span", "padding", "width", "label_size",
               "country_label_size", "smallest_country", "thinning", "speck")
    pairs = ("aspect", "radius")
    good = (isinstance(data, dict) and isinstance(data.get("version"), int)
            and all(_is_number(data.get(k)) for k in numbers)
            and all(isinstance(data.get(k), list) and len(data[k]) == 2 and all(map(_is_number, data[k]))
                    for k in pairs)
            and isinstance(data.get("class_shares"), list) and all(map(_is_number, data["class_shares"]))
            and isinstance(data.get("class_opacity"), list) and all(map(_is_number, data["class_opacity"]))
            and len(data["class_opacity"]) == len(data["class_shares"]) + 1
            and isinstance(data.get("country_names"), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in data["country_names"].items()))
    if not good:
        raise RuntimeError(E070(file=SETTINGS_FILE.name, problem="expected a mapping with an integer 'version', "
                                "the numbers, two-number lists, classes and a country_names table"))
    return data


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@functools.lru_cache(maxsize=1)
def world() -> dict[str, tuple[tuple[LonLat, ...], ...]]:
    """Natural Earth name -> its rings of (lon, lat) (data/world.json, built by tools/build_outline)."""
    try:
        countries = json.loads(WORLD_FILE.read_text(encoding="utf-8"))["countries"]
        return {str(name): tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in rings)
                for name, rings in countries.items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(E070(file=WORLD_FILE.name,
                                problem=f"cannot read the country outlines ({exc.__class__.__name__})")) from exc


def _ring_box(ring: tuple[LonLat, ...]) -> Box:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _area(ring: Sequence[tuple[float, float]]) -> float:
    """The shoelace area of a ring (in square degrees or square units)."""
    points = list(ring)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


_NEAR = 1.0  # degrees: a ring this near a country's largest ring is part of its mainland (Crimea, Corsica)


@functools.lru_cache(maxsize=None)
def _mainland(country: str) -> Box:
    """The box of a country's largest ring and the rings near it: France with Corsica but without
    French Guiana, Norway without Svalbard, the United States without Alaska."""
    rings = world()[country]
    west, south, east, north = _ring_box(max(rings, key=lambda ring: (_area(ring), ring)))
    grown = (west, south, east, north)
    for ring in rings:
        w, s, e, n = _ring_box(ring)
        if w <= east + _NEAR and e >= west - _NEAR and s <= north + _NEAR and n >= south - _NEAR:
            grown = (min(grown[0], w), min(grown[1], s), max(grown[2], e), max(grown[3], n))
    return grown


def _span(box: Box) -> float:
    """The larger side of a box in degrees, east-west scaled to its middle latitude."""
    west, south, east, north = box
    return max((east - west) * math.cos(math.radians((south + north) / 2)), north - south)


# --- which places, how heavy, where --------------------------------------------------------------

@dataclass(frozen=True)
class _Place:
    id: str
    name: str
    stories: int
    articles: int
    weight: int
    country: Optional[str] = None  # its Natural Earth name, when it is drawn as a shape
    lon_lat: Optional[LonLat] = None  # when it is drawn as a circle

    @property
    def order(self) -> tuple[int, str, str]:
        return -self.weight, self.name, self.id

    def tooltip(self) -> str:
        return f"{self.name}: {_count(self.stories, 'story', 'stories')}, {_count(self.articles, 'article')}"


def _heaviest_places(data: dict, top: int) -> list[_Place]:
    """The `top` place actors by weight (see the module's docstring), heaviest first."""
    stories_of: dict[str, list[dict]] = {}
    for story in data.get("stories") or []:
        if isinstance(story, dict):
            for actor_id in sorted({str(a) for a in story.get("actors") or []}):
                stories_of.setdefault(actor_id, []).append(story)
    places = []
    for actor in data.get("actors") or []:
        if not isinstance(actor, dict) or actor.get("kind") != "place" or not actor.get("id"):
            continue
        actor_id = str(actor["id"])
        stories = stories_of.get(actor_id, [])
        told = {str(a) for story in stories for a in story.get("articles") or []}
        articles = {str(a) for a in actor.get("articles") or []}
        weight = len(stories) + len(articles - told)
        if weight > 0:
            places.append(_Place(actor_id, str(actor.get("name") or actor_id), len(stories), len(articles), weight,
                                 *_position(actor)))
    places.sort(key=lambda p: p.order)
    return places[:max(0, int(top))]


def _position(actor: dict) -> tuple[Optional[str], Optional[LonLat]]:
    """(Natural Earth country, None) for a country, (None, (lon, lat)) for a place with coordinates,
    (None, None) for one with neither (a continent, a street, a misread name)."""
    names = [str(actor.get("name") or "")] + [str(a) for a in actor.get("aliases") or []]
    table = settings()["country_names"]
    for name in names:
        country = name if name in world() else table.get(name)
        if country in world():
            return country, None
    for name in names:
        found = gazetteer.coordinates(name) if name else None
        if found:
            return None, (found[1], found[0])
    return None, None


# --- the frame ---------------------------------------------------------------------------------

def _fit_items(places: list[_Place], huge_span: float) -> list[tuple[Box, int]]:
    items = []
    for place in places:
        if place.lon_lat:
            lon, lat = place.lon_lat
            items.append(((lon, lat, lon, lat), place.weight))
        elif place.country and _span(_mainland(place.country)) <= huge_span:
            items.append((_mainland(place.country), place.weight))
    if not items:  # only huge countries: then they decide
        items = [(_mainland(p.country), p.weight) for p in places if p.country]
    return items


def _smallest_box(items: list[tuple[Box, int]], share: float, min_span: float) -> Box:
    """The box of least area (sides of at least min_span) that holds `share` of the items' weight;
    its sides are the items' own sides, all of which are tried."""
    target = share * sum(weight for _, weight in items)
    by_north = sorted(items, key=lambda item: (item[0][3], item[0]))
    wests, easts = sorted({b[0] for b, _ in items}), sorted({b[2] for b, _ in items})
    best: Optional[tuple[float, float, float, float, float]] = None
    for west in wests:
        for east in easts:
            if east < west:
                continue
            inside = [item for item in by_north if item[0][0] >= west and item[0][2] <= east]
            if sum(weight for _, weight in inside) < target:
                continue
            for south in sorted({b[1] for b, _ in inside}):
                held, north = 0, None
                for box, weight in inside:
                    if box[1] >= south:
                        held += weight
                        if held >= target:
                            north = box[3]
                            break
                if north is None:
                    continue
                across = (east - west) * math.cos(math.radians((south + north) / 2))
                candidate = (max(across, min_span) * max(north - south, min_span), west, south, east, north)
                if best is None or candidate < best:
                    best = candidate
    assert best is not None  # the box of every item holds all of the weight
    return best[1:]


def _whole_countries(box: Box, items: list[tuple[Box, int]]) -> Box:
    """The box grown to hold every country (of the fitted items) whose middle it holds: Ukraine is
    shown with Crimea, not cut where most of its weight ends."""
    west, south, east, north = box
    for (w, s, e, n), _ in items:
        if (w, s) != (e, n) and west <= (w + e) / 2 <= east and south <= (s + n) / 2 <= north:
            west, south, east, north = min(west, w), min(south, s), max(east, e), max(north, n)
    return west, south, east, north


def _framed(box: Box, conf: dict[str, Any]) -> Box:
    """The fitted box widened to the least span, padded, and brought within the aspect limits."""
    west, south, east, north = box
    middle_lat, middle_lon = (south + north) / 2, (west + east) / 2
    cos_mid = max(math.cos(math.radians(middle_lat)), 0.1)
    across, tall = max((east - west) * cos_mid, conf["min_span"]), max(north - south, conf["min_span"])
    across, tall = across * (1 + 2 * conf["padding"]), tall * (1 + 2 * conf["padding"])
    low, high = conf["aspect"]
    across, tall = max(across, tall * low), max(tall, across / high)
    tall = min(tall, 170.0)
    south, north = middle_lat - tall / 2, middle_lat + tall / 2
    if south < -85 or north > 85:  # keep inside the mapped latitudes
        shift = (-85 - south) if south < -85 else (85 - north)
        south, north = max(south + shift, -85), min(north + shift, 85)
    cos_mid = max(math.cos(math.radians((south + north) / 2)), 0.1)
    wide = min(across / cos_mid, 360.0)
    west, east = middle_lon - wide / 2, middle_lon + wide / 2
    if west < -180 or east > 180:
        shift = (-180 - west) if west < -180 else (180 - east)
        west, east = max(west + shift, -180), min(east + shift, 180)
    return west, south, east, north


@dataclass(frozen=True)
class _Projection:
    """Equirectangular, east-west scaled by the cosine of the frame's middle latitude."""
    frame: Box
    width: float

    @property
    def cos_mid(self) -> float:
        return math.cos(math.radians((self.frame[1] + self.frame[3]) / 2))

    @property
    def scale(self) -> float:
        return self.width / ((self.frame[2] - self.frame[0]) * self.cos_mid)

    @property
    def height(self) -> float:
        return (self.frame[3] - self.frame[1]) * self.scale

    def xy(self, lon: float, lat: float) -> XY:
        return (lon - self.frame[0]) * self.cos_mid * self.scale, (self.frame[3] - lat) * self.scale

    def meets(self, box: Box) -> bool:
        west, south, east, north = self.frame
        return box[0] <= east and box[2] >= west and box[1] <= north and box[3] >= south


# --- geometry in picture units ------------------------------------------------------------------

def _clip(ring: list[XY], left: float, top: float, right: float, bottom: float) -> list[XY]:
    """Sutherland-Hodgman: the ring cut to the rectangle (a filled shape stays filled)."""
    edges = ((lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
             (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
             (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
             (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)))
    points = ring
    for inside, cross in edges:
        if not points:
            break
        out: list[XY] = []
        for k, current in enumerate(points):
            previous = points[k - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        points = out
    return points


def _cross_x(a: XY, b: XY, x: float) -> XY:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _cross_y(a: XY, b: XY, y: float) -> XY:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def simplified(points: list[XY], tolerance: float) -> list[XY]:
    """Douglas-Peucker on an open line: the points that stray more than `tolerance` from the
    simplified line; both ends are always kept. (tools/build_outline.py thins the arcs with it too.)"""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        farthest, widest = None, tolerance * tolerance
        for k in range(first + 1, last):
            x, y = points[k]
            t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
            distance2 = (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2
            if distance2 > widest:
                farthest, widest = k, distance2
        if farthest is not None:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep) if kept]


def _thin(points: list[XY], tolerance: float) -> list[XY]:
    """A closed ring simplified in picture units (a wiggle smaller than a pixel is noise, not shape)."""
    if len(points) < 4:
        return points
    return simplified(points + [points[0]], tolerance)[:-1]


def _outline(country: str, projection: _Projection, conf: dict[str, Any]) -> list[list[XY]]:
    """The country's rings that show in the frame, in picture units, cut a little outside the frame
    (the cut edges are not seen) and thinned; specks (islands smaller than `speck` across) dropped,
    except the country's largest ring."""
    margin = 4.0
    rings = []
    for ring in world()[country]:
        if not projection.meets(_ring_box(ring)):
            continue
        points = _clip([projection.xy(lon, lat) for lon, lat in ring[:-1]], -margin, -margin,
                       projection.width + margin, projection.height + margin)
        points = _thin(points, conf["thinning"])
        if len(points) >= 3:
            rings.append(points)
    if not rings:
        return []
    largest = max(rings, key=_area)
    return [ring for ring in rings if ring is largest or _across(ring) >= conf["speck"]]


def _across(ring: list[XY]) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _path(rings: list[list[XY]]) -> str:
    parts = []
    for ring in rings:
        words = [f"{_num(x)} {_num(y)}" for x, y in ring]
        words = [w for k, w in enumerate(words) if k == 0 or w != words[k - 1]]
        if len(words) >= 3:
            parts.append("M" + "L".join(words) + "Z")
    return "".join(parts)


def _centroid(ring: list[XY]) -> XY:
    """Where a country's label goes: the centre of mass of its largest visible ring."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area, cx, cy = area + cross, cx + (x1 + x2) * cross, cy + (y1 + y2) * cross
    if abs(area) < 1e-9:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


# --- the layout: what is drawn where, what is left off -------------------------------------------

@dataclass(frozen=True)
class _Shape:
    place: _Place
    rings: tuple[tuple[XY, ...], ...] = ()  # a country's outline
    centre: XY = (0.0, 0.0)  # a circle's centre, or a country label's anchor
    radius: float = 0.0  # > 0: drawn as a circle


@dataclass(frozen=True)
class _Layout:
    projection: Optional[_Projection]
    shapes: tuple[_Shape, ...]
    left_off: tuple[tuple[_Place, str], ...]  # (place, why it is not on the map)


def _layout(data: dict, top: int) -> _Layout:
    conf = settings()
    places = _heaviest_places(data, top)
    located = [p for p in places if p.country or p.lon_lat]
    if not located:
        return _Layout(None, (), tuple((p, "no known position") for p in places))
    items = _fit_items(located, conf["huge_country_span"])
    fitted = _whole_countries(_smallest_box(items, conf["fit_share"], conf["min_span"]), items)
    projection = _Projection(_framed(fitted, conf), float(conf["width"]))
    drawn: list[tuple[_Place, tuple[tuple[XY, ...], ...], XY]] = []  # rings () for a circle
    first_of: dict[str, _Place] = {}  # Natural Earth name -> the place drawn as that country
    left_off: list[tuple[_Place, str]] = []
    for place in places:
        if place.country in first_of:
            left_off.append((place, f"drawn as {first_of[place.country].name}"))
            continue
        where = (_country_shape(place.country, projection, conf) if place.country
                 else _circle_centre(place.lon_lat, projection) if place.lon_lat else None)
        if where is None:
            left_off.append((place, "outside the map" if place.country or place.lon_lat else "no known position"))
            continue
        if place.country:
            first_of[place.country] = place
        drawn.append((place, *where))
    heaviest_circle = max((p.weight for p, rings, _ in drawn if not rings), default=1)
    smallest, largest = conf["radius"]
    shapes = tuple(_Shape(place, rings, centre, 0.0 if rings else
                          max(smallest, largest * math.sqrt(place.weight / heaviest_circle)))
                   for place, rings, centre in drawn)
    return _Layout(projection, shapes, tuple(left_off))


def _circle_centre(lon_lat: LonLat, projection: _Projection) -> Optional[tuple[tuple, XY]]:
    x, y = projection.xy(*lon_lat)
    return ((), (x, y)) if 0 <= x <= projection.width and 0 <= y <= projection.height else None


def _country_shape(country: str, projection: _Projection,
                   conf: dict[str, Any]) -> Optional[tuple[tuple[tuple[XY, ...], ...], XY]]:
    """(rings, label anchor) of a country in the frame; ((), centre) for one too small to see at this
    scale, which is drawn as a circle; None when no part of it is in the frame."""
    rings = _outline(country, projection, conf)
    if not rings:
        return None
    west, south, east, north = _mainland(country)
    (x1, y1), (x2, y2) = projection.xy(west, north), projection.xy(east, south)
    if max(x2 - x1, y2 - y1) < conf["smallest_country"]:
        centre = (x1 + x2) / 2, (y1 + y2) / 2
        inside = 0 <= centre[0] <= projection.width and 0 <= centre[1] <= projection.height
        return ((), centre) if inside else None
    return tuple(map(tuple, rings)), _centroid(max(rings, key=_area))


def unmapped_places(data: dict, top: int = 40) -> list[dict]:
    """The places among the `top` that the map leaves off, heaviest first: {id, name, stories,
    articles, reason}, the reason 'outside the map', 'no known position' or 'drawn as <name>' (a
    second name of one country). The page lists them beneath the map so nothing is lost."""
    return [{"id": p.id, "name": p.name, "stories": p.stories, "articles": p.articles, "reason": reason}
            for p, reason in _layout(data, top).left_off]


# --- the picture -------------------------------------------------------------------------------

def _num(x: float) -> str:
    """A coordinate, always written the same way (as charts.py writes them)."""
    return f"{x:.1f}"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _esc(text: Any) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def _checked_href(href: Href, actor_id: str) -> Optional[str]:
    target = href("place", actor_id)
    if target is None:
        return None
    if not isinstance(target, str) or not _SAFE_HREF.fullmatch(target):
        raise ValueError(E030(target=str(target)[:80]))
    return target


def _class_opacity(weight: int, heaviest: int, conf: dict[str, Any]) -> float:
    share = weight / heaviest
    return conf["class_opacity"][sum(share >= bound for bound in conf["class_shares"])]


def _linked(target: Optional[str], css_class: str, tooltip: str, body: str) -> str:
    """A place's element: a link when it has a page, with its name and counts as the tooltip."""
    inner = f"<title>{_esc(tooltip)}</title>{body}"
    if target is None:
        return f'<g class="{css_class}">{inner}</g>'
    return f'<a href="{_esc(target)}" class="{css_class}">{inner}</a>'


def map_svg(data: dict, href: Href, uid: str = "map", top: int = 40) -> str:
    """The map as an inline SVG (see the module's docstring); "" when no place can be drawn.
    `href("place", actor_id)` gives a place's page (a safe relative link) or None for no link."""
    if not isinstance(uid, str) or not _SAFE_ID.fullmatch(uid):
        raise ValueError(f"map id {str(uid)[:40]!r}: expected a letter, then letters, digits, '_' or '-'")
    conf = settings()
    layout = _layout(data, top)
    projection = layout.projection
    if projection is None or not layout.shapes:
        return ""
    width, height = projection.width, projection.height
    countries = [s for s in layout.shapes if not s.radius]
    circles = sorted((s for s in layout.shapes if s.radius), key=lambda s: s.place.order)
    heaviest_country = max((s.place.weight for s in countries), default=1)
    title = "Map of the places the briefing names"
    desc = (f"{_count(len(countries), 'country', 'countries')} shaded by how much the briefing names them "
            f"(darker: more), and {_count(len(circles), 'place')} (cities, regions, seas) as circles, larger "
            f"for more stories and articles." + (f" {_count(len(layout.left_off), 'more place')} not on the map."
                                                   if layout.left_off else ""))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
           f'class="briefing-picture briefing-map" role="group" aria-labelledby="{_esc(uid)}-title" '
           f'font-family="sans-serif" font-size="{conf["label_size"]}">',
           f'<title id="{_esc(uid)}-title">{_esc(title)}</title><desc>{_esc(desc)}</desc>',
           f'<rect class="map-frame" x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="none" '
           f'stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>']
    shown = {s.place.country for s in countries} | {s.place.country for s in circles if s.place.country}
    background = "".join(_path(_outline(name, projection, conf)) for name in sorted(world()) if name not in shown)
    if background:
        out.append(f'<path class="map-background" d="{background}" fill="currentColor" fill-opacity="0.04" '
                   f'fill-rule="evenodd" stroke="currentColor" stroke-opacity="0.3" stroke-width="0.5" '
                   f'stroke-linejoin="round"/>')
    for shape in sorted(countries, key=lambda s: s.place.order):
        opacity = _class_opacity(shape.place.weight, heaviest_country, conf)
        body = (f'<path d="{_path([list(r) for r in shape.rings])}" fill="currentColor" '
                f'fill-opacity="{opacity:g}" fill-rule="evenodd" stroke="currentColor" stroke-opacity="0.6" '
                f'stroke-width="0.7" stroke-linejoin="round"/>')
        out.append(_linked(_checked_href(href, shape.place.id), "map-country", shape.place.tooltip(), body))
    for shape in sorted(circles, key=lambda s: (-s.radius,) + s.place.order):  # small ones on top
        x, y = shape.centre
        body = (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(shape.radius)}" fill="currentColor" '
                f'fill-opacity="0.55" stroke="currentColor" stroke-opacity="0.9" stroke-width="1"/>')
        out.append(_linked(_checked_href(href, shape.place.id), "map-place", shape.place.tooltip(), body))
    out.append(_labels(layout.shapes, width, height, conf))
    out.append("</svg>")
    return "".join(out)


def _labels(shapes: tuple[_Shape, ...], width: float, height: float, conf: dict[str, Any]) -> str:
    """The names of the heaviest circles and countries (`labels` of each), heaviest first, each where
    it overlaps no other label and, if it can, no circle (a name that fits nowhere is left to the
    tooltip). Labels repeat the links' names: hidden from readers
    of the accessibility tree, which get the links' titles."""
    room = _LABEL_ROOM  # a name kept this far from another place's circle is not read as its name
    taken: list[Box] = [(s.centre[0] - s.radius - room, s.centre[1] - s.radius - room, s.centre[0] + s.radius + room,
                         s.centre[1] + s.radius + room) for s in shapes if s.radius]
    labels: list[Box] = []
    most = int(conf["labels"])
    circles = [s for s in shapes if s.radius][:most]
    countries = [s for s in shapes if not s.radius][:most]
    texts = []
    for shape in sorted(circles + countries, key=lambda s: s.place.order):
        size = conf["label_size"] if shape.radius else conf["country_label_size"]
        spot = _label_spot(shape, size, taken, labels, width, height)
        if spot is None:
            continue
        x, y, anchor, box = spot
        taken.append(box)
        labels.append(box)
        extra = "" if shape.radius else f' font-size="{size}" font-style="italic" fill-opacity="0.8"'
        texts.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}"{extra}>{_esc(shape.place.name)}</text>')
    if not texts:
        return ""
    return ('<g class="map-label" aria-hidden="true" fill="currentColor" stroke="Canvas" stroke-width="3" '
            'stroke-opacity="0.8" stroke-linejoin="round" paint-order="stroke">' + "".join(texts) + "</g>")


def _label_spot(shape: _Shape, size: float, taken: list[Box], labels: list[Box], width: float,
                height: float) -> Optional[tuple[float, float, str, Box]]:
    """The first spot inside the picture that covers no circle and no label (`taken`): right, left,
    above, below a circle, then diagonally; on a country's centre, a line above or below it; failing
    that, the first that covers no label."""
    text_width = len(shape.place.name) * size * _CHAR_WIDTH
    (cx, cy), r, gap = shape.centre, shape.radius, _LABEL_ROOM + 1
    if r:
        d = (r + gap) * 0.75  # the diagonal spots: as far from the circle as the straight ones
        spots = [(cx + r + gap, cy + size * 0.35, "start"), (cx - r - gap, cy + size * 0.35, "end"),
                 (cx, cy - r - gap - size * 0.25, "middle"), (cx, cy + r + gap + size * 0.8, "middle"),
                 (cx + d, cy - d - size * 0.25, "start"), (cx + d, cy + d + size * 0.8, "start"),
                 (cx - d, cy - d - size * 0.25, "end"), (cx - d, cy + d + size * 0.8, "end")]
    else:
        spots = [(cx, cy + size * 0.35, "middle"), (cx, cy - size * 1.1, "middle"), (cx, cy + size * 1.8, "middle")]
    boxes = []
    for x, y, anchor in spots:
        left = {"start": x, "end": x - text_width, "middle": x - text_width / 2}[anchor]
        box = (left, y - size * 0.8, left + text_width, y + size * 0.25)
        if box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height:
            boxes.append((x, y, anchor, box))
    for avoided in (taken, labels):  # no circle hidden if possible, but never one name over another
        for x, y, anchor, box in boxes:
            if not any(_overlap(box, other) for other in avoided):
                return x, y, anchor, box
    return None


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
