"""The actor network: who appears with whom in the briefing's stories, and who is quoted about whom,
as inline SVG pictures (the whole network, and one actor's own neighbourhood).

Nodes are people, organizations and groups. Places are left out: they are where things happen, not
who takes part, and a country named in most stories would tie every actor to every other. Two actors
are linked by the number of stories both are in (a story's first ACTORS_PER_STORY participants, so a
story listing fifty names costs no more than one of twelve), and, directed, by the number of quotes
one of them says that name the other by its name or an alias.

ActorNetwork is built once per briefing (linear in stories × actors per story and in the total
length of the quotes); its pictures are then cheap enough for every actor page. They are
deterministic (the whole network's force layout has a fixed seed, on a graph built in sorted
order, with rounded coordinates), need no JavaScript, request nothing, draw in `currentColor`
and escape every text and attribute.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Optional

import networkx as nx

from generator.site.layout import force_layout
from generator.site.timeline import Href, checked_href, esc, num, picture_open, shorten, text_width

TOP_NODES = 30  # the whole network's actors, most mentioned first (the `top` argument's default)
EGO_NEIGHBOURS = 12  # around one actor
ACTORS_PER_STORY = 12  # pairs are counted among a story's first participants only
MAX_NAME_TOKENS = 8  # longer names and aliases are not looked for in quotes
MIN_NAME_CHARS = 2  # a one-letter alias names no one
PARTICIPANTS = ("person", "organization", "group")
LAYOUT_SEED = 7
LAYOUT_ITERATIONS = 300
SPACING = 1.6  # the layout's ideal distance between nodes, times 1/sqrt(nodes) (networkx's default is 1)
GROUP_PULL = 0.05  # the weight of the undrawn edge tying a separate group of actors to the biggest
NAME_CHARS = 24  # a label's name is cut before this
# The whole network draws only its heaviest links: at 2,000 articles every pair of the top actors is
# linked by something, and all of them drawn made a hairball no reader could follow.
MAX_STORY_EDGES = 60
MAX_QUOTE_EDGES = 25

WIDTH, HEIGHT = 760, 540
EGO_HEIGHT = 430
MARGIN = 24
LEGEND_HEIGHT = 26
MIN_RADIUS, MAX_RADIUS = 4.0, 20.0
MIN_EDGE, MAX_EDGE = 0.8, 2.4  # stroke widths: the heaviest edge is three times the thinnest
FONT = 11
KIND_OPACITY = {"person": 0.8, "organization": 0.5, "group": 0.2}  # fill: kinds told apart without colour

# Names are written on a halo of the page's background (the CSS system colour Canvas follows the
# page's light or dark colour scheme), so the lines they cross do not run through the letters.
_LABELS_OPEN = (f'<g class="network-labels" fill="currentColor" font-size="{FONT}" stroke="Canvas" '
                f'stroke-width="3.0" stroke-opacity="0.9" stroke-linejoin="round" paint-order="stroke">')
_TOKEN = re.compile(r"\w+")
_END = ""  # the trie key under which a name's actor is stored


def _token_key(token: str) -> tuple[str, bool]:
    """A name token as looked up: case folded, but a capital stays a capital ("Nato" is NATO, "west"
    is not the West)."""
    return token.casefold(), token[:1].isupper()


class ActorNetwork:
    """The network of one briefing: counts and indexes built once, pictures drawn on demand."""

    def __init__(self, data: dict):
        self.actors: dict[str, dict] = {a["id"]: a for a in data.get("actors", [])
                                        if a.get("kind") in PARTICIPANTS}
        self.mentions: dict[str, int] = {i: len(a.get("articles", [])) for i, a in self.actors.items()}
        self.story_count: Counter[str] = Counter()
        self.together: Counter[tuple[str, str]] = Counter()  # (a, b) with a < b: stories both are in
        self.quoted: Counter[tuple[str, str]] = Counter()  # (speaker, named): quotes naming the other
        for story in data.get("stories", []):
            present = list(dict.fromkeys(a for a in story.get("actors", []) if a in self.actors))
            self.story_count.update(present)
            first = sorted(present[:ACTORS_PER_STORY])
            for i, a in enumerate(first):
                for b in first[i + 1:]:
                    self.together[(a, b)] += 1
        names = self._name_index()
        for quote in data.get("quotes", []):
            speaker = quote.get("speaker")
            if speaker in self.actors:
                for named in _names_in(str(quote.get("text") or ""), names):
                    if named != speaker:
                        self.quoted[(speaker, named)] += 1
        neighbours: dict[str, Counter[str]] = defaultdict(Counter)  # stories together plus quotes either way
        for (a, b), n in [*self.together.items(), *self.quoted.items()]:
            neighbours[a][b] += n
            neighbours[b][a] += n
        self.neighbours: dict[str, Counter[str]] = dict(neighbours)

    def _name_index(self) -> dict:
        """A trie of name tokens: {token key: {token key: ..., "": actor id}}. A name that is several
        actors' alias names none of them; an actor's own name wins over another's alias."""
        owners: dict[tuple, dict[str, bool]] = defaultdict(dict)  # tokens -> {actor: is its name}
        for actor_id in sorted(self.actors):
            actor = self.actors[actor_id]
            for k, name in enumerate([actor.get("name")] + list(actor.get("aliases") or [])):
                tokens = tuple(_token_key(t) for t in _TOKEN.findall(str(name or "")))
                if tokens and len(str(name)) >= MIN_NAME_CHARS and len(tokens) <= MAX_NAME_TOKENS:
                    owners[tokens][actor_id] = owners[tokens].get(actor_id, False) or k == 0
        trie: dict = {}
        for tokens, by in sorted(owners.items()):
            named = [a for a, is_name in by.items() if is_name]
            candidates = named if named else list(by)
            if len(candidates) != 1:
                continue  # ambiguous
            node = trie
            for token in tokens:
                node = node.setdefault(token, {})
            node[_END] = candidates[0]
        return trie

    # ---- selections ----------------------------------------------------------------------------

    def _name(self, actor_id: str) -> str:
        return str(self.actors[actor_id].get("name") or actor_id)

    def _tip(self, actor_id: str) -> str:
        articles, stories = self.mentions[actor_id], self.story_count[actor_id]
        return (f"{self._name(actor_id)}: {articles} {'article' if articles == 1 else 'articles'}, "
                f"{stories} {'story' if stories == 1 else 'stories'}")

    def _relation_tip(self, actor_id: str, centre: str) -> str:
        """A neighbour in an ego picture, by its links with the centre (not its own counts)."""
        stories = self.together.get(tuple(sorted((actor_id, centre))), 0)
        quotes = self.quoted.get((actor_id, centre), 0) + self.quoted.get((centre, actor_id), 0)
        parts = [f"{stories} {'story' if stories == 1 else 'stories'} with {self._name(centre)}"] if stories else []
        if quotes:
            parts.append(f"{quotes} {'quote' if quotes == 1 else 'quotes'} between them")
        return f"{self._name(actor_id)}: {', '.join(parts) or 'linked'}"

    def _rank(self, actor_id: str) -> tuple:
        return -self.mentions[actor_id], self._name(actor_id).casefold(), actor_id

    def top_actors(self, top: int) -> list[str]:
        """The most mentioned actors (at most `top`) that have an edge to another one of them."""
        candidates = sorted((a for a in self.actors if self.neighbours.get(a)), key=self._rank)
        chosen: list[str] = []
        linked: set[str] = set()
        chosen_set: set[str] = set()
        for actor in candidates:
            if len(linked) >= top:
                break
            new = {b for b in self.neighbours[actor] if b in chosen_set}
            grown = linked | new | ({actor} if new else set())
            if len(grown) > top:
                continue
            chosen.append(actor)
            chosen_set.add(actor)
            linked = grown
        return [a for a in chosen if a in linked]

    def ego_neighbours(self, actor_id: str, top: int) -> list[str]:
        """The actor's neighbours with the heaviest combined weight (stories together and quotes), ties
        by name: the choice and order depend on this actor's links only."""
        around = self.neighbours.get(actor_id, {})
        return sorted(around, key=lambda b: (-around[b], self._name(b).casefold(), b))[: max(0, top)]

    # ---- pictures ------------------------------------------------------------------------------

    def svg(self, href: Href, uid: str = "network", top: int = TOP_NODES) -> str:
        """The whole network of the `top` most mentioned actors, placed by a force layout: actors
        often together end up close. "" when no two actors are linked."""
        nodes = self.top_actors(max(0, int(top)))
        if not nodes:
            return ""
        graph = self._layout_graph(nodes)
        layout = force_layout(list(graph.nodes), {(a, b): w for a, b, w in graph.edges(data="weight")},
                              seed=LAYOUT_SEED, iterations=LAYOUT_ITERATIONS, k=SPACING / math.sqrt(len(nodes)))
        top_y, bottom_y = MARGIN + 4, HEIGHT - LEGEND_HEIGHT - MARGIN
        position = _fit({a: (float(x), float(y)) for a, (x, y) in layout.items()},
                        (MARGIN + 70, top_y, WIDTH - MARGIN - 70, bottom_y))
        radius = self._radii(nodes)
        desc = (f"The {len(nodes)} most mentioned people, organizations and groups, linked when they are in "
                f"the same stories (thicker: more stories) or when one is quoted about the other (dashed "
                f"arrows); circles are sized by the number of articles naming them.")
        out = [picture_open(uid, "briefing-network", WIDTH, HEIGHT, "Who appears with whom", desc),
               _arrow_defs(uid)]
        out.extend(self._edges(nodes, position, radius, uid))
        order = sorted(nodes, key=self._rank)
        out.extend(self._nodes(order, position, radius, href))
        out.extend(self._labels(order, position, radius, href, (0, 0, WIDTH, HEIGHT - LEGEND_HEIGHT)))
        out.append(_legend(HEIGHT - LEGEND_HEIGHT + 6, uid))
        out.append("</svg>")
        return "".join(out)

    def ego_svg(self, actor_id: str, href: Href, uid: str = "ego", top: int = EGO_NEIGHBOURS) -> str:
        """One actor in the centre and its `top` closest neighbours around it, heaviest first
        clockwise from the top; "" when the actor has no neighbour (or is a place)."""
        if actor_id not in self.actors:
            return ""
        around = self.ego_neighbours(actor_id, int(top))
        if not around:
            return ""
        cx, cy = WIDTH / 2, (EGO_HEIGHT - LEGEND_HEIGHT) / 2
        rx, ry = 200.0, 150.0
        position = {actor_id: (cx, cy)}
        angles = {}
        for k, b in enumerate(around):
            angle = -math.pi / 2 + 2 * math.pi * k / len(around)
            angles[b] = angle
            position[b] = (round(cx + rx * math.cos(angle), 1), round(cy + ry * math.sin(angle), 1))
        nodes = [actor_id] + around
        radius = {a: _step_radius(self.mentions[a]) for a in nodes}
        name = self._name(actor_id)
        desc = (f"The {len(around)} actors most often in stories with {name} or quoted about or by "
                f"{name}, heaviest link first, clockwise from the top; circles grow with the number of "
                f"articles naming them (one step each time it doubles).")
        out = [picture_open(uid, "briefing-network briefing-ego", WIDTH, EGO_HEIGHT, f"Who appears with {name}",
                            desc), _arrow_defs(uid)]
        out.extend(self._edges(nodes, position, radius, uid, centre=actor_id))
        out.extend(self._nodes(sorted(nodes, key=lambda a: (-radius[a], self._name(a).casefold(), a)), position,
                               radius, href, centre=actor_id))
        out.extend(self._ego_labels(actor_id, around, angles, position, radius, href))
        out.append(_legend(EGO_HEIGHT - LEGEND_HEIGHT + 6, uid))
        out.append("</svg>")
        return "".join(out)

    def _layout_graph(self, nodes: list[str]) -> nx.Graph:
        """The graph the force layout places, built in sorted order (the layout depends on it). Its
        weights are damped (square roots: one pair in thirty stories would otherwise pull everything
        onto one spot), and every group of actors unlinked to the biggest one is tied to it by a weak
        edge that is not drawn, so groups sit near each other rather than in far corners."""
        graph = nx.Graph()
        graph.add_nodes_from(sorted(nodes))
        chosen = set(nodes)
        for a in sorted(nodes):
            for b in sorted(self.neighbours[a]):
                if a < b and b in chosen:
                    graph.add_edge(a, b, weight=math.sqrt(self.neighbours[a][b]))
        parts = sorted((sorted(part, key=self._rank) for part in nx.connected_components(graph)),
                       key=lambda part: (-len(part),) + self._rank(part[0]))
        for part in parts[1:]:
            graph.add_edge(*sorted((parts[0][0], part[0])), weight=GROUP_PULL)
        return graph

    # ---- drawing -------------------------------------------------------------------------------

    def _radii(self, nodes: list[str]) -> dict[str, float]:
        """Area ~ mentions: the most mentioned of the picture has MAX_RADIUS."""
        most = max(self.mentions[a] for a in nodes) or 1
        return {a: round(max(MIN_RADIUS, MAX_RADIUS * math.sqrt(self.mentions[a] / most)), 1) for a in nodes}

    def _edges(self, nodes: list[str], position: dict, radius: dict, uid: str,
               centre: Optional[str] = None) -> list[str]:
        """Stories together as lines (width by weight), then quotes as dashed curved arrows. In an ego
        network, the links between two neighbours are fainter than the centre's."""
        ordered = sorted(nodes)  # pairs of the picture's nodes only: a few hundred lookups at most
        pairs = [((a, b), self.together[(a, b)]) for i, a in enumerate(ordered) for b in ordered[i + 1:]
                 if (a, b) in self.together]
        quotes = [((a, b), self.quoted[(a, b)]) for a in ordered for b in ordered if (a, b) in self.quoted]
        if centre is not None:  # the centre's links, and among neighbours only what they share in stories
            quotes = [item for item in quotes if centre in item[0]]
            own = [n for pair, n in pairs if centre in pair]
            scale = (min(own), max(own)) if own else (1, 1)
        else:
            pairs = _heaviest(pairs, MAX_STORY_EDGES)
            quotes = _heaviest(quotes, MAX_QUOTE_EDGES)
        out = []
        if pairs:
            low, high = scale if centre is not None else (min(n for _, n in pairs), max(n for _, n in pairs))
            out.append('<g class="network-edges" fill="none" stroke="currentColor" stroke-linecap="round">')
            # In an ego picture, a link between two neighbours is drawn thin and without its count: the
            # picture (and its page) then changes only with the centre's own links, not with every story.
            faint_first = (lambda item: (centre in item[0], item[1] if centre in item[0] else 0, item[0]))
            for (a, b), n in sorted(pairs, key=faint_first if centre is not None else
                                    (lambda item: (item[1], item[0]))):
                (x1, y1), (x2, y2) = _trim(position[a], position[b], radius[a], radius[b])
                faint = centre is not None and centre not in (a, b)
                opacity = 0.2 if faint else 0.4
                tip = (f"{self._name(a)} and {self._name(b)} are also in stories together" if faint else
                       f"{self._name(a)} and {self._name(b)}: {n} {'story' if n == 1 else 'stories'} together")
                width = MIN_EDGE if faint else _scale(n, low, high)
                out.append(f'<path class="network-edge" d="M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}" '
                           f'stroke-width="{num(width)}" stroke-opacity="{num(opacity)}">'
                           f"<title>{esc(tip)}</title></path>")
            out.append("</g>")
        if quotes:
            low, high = min(n for _, n in quotes), max(n for _, n in quotes)
            out.append(f'<g class="network-edges-quoted" fill="none" stroke="currentColor" stroke-opacity="0.7" '
                       f'stroke-dasharray="4 3">')
            for (a, b), n in sorted(quotes, key=lambda item: (item[1], item[0])):
                tip = f"{self._name(a)} quoted about {self._name(b)}: {n} {'quote' if n == 1 else 'quotes'}"
                out.append(f'<path class="network-edge-quoted" d="{_curve(position[a], position[b], radius[a], radius[b])}" '
                           f'stroke-width="{num(_scale(n, low, high))}" marker-end="url(#{uid}-arrow)">'
                           f"<title>{esc(tip)}</title></path>")
            out.append("</g>")
        return out

    def _nodes(self, order: list[str], position: dict, radius: dict, href: Href,
               centre: Optional[str] = None) -> list[str]:
        """Circles, biggest first (a small one on a big one stays visible), each a link when `href`
        gives one, with its name and counts as the title."""
        out = ['<g class="network-nodes" stroke="currentColor" stroke-width="1.0">']
        for a in order:
            x, y = position[a]
            kind = str(self.actors[a].get("kind"))
            classes = f"network-node network-node-{esc(kind)}" + (" network-centre" if a == centre else "")
            tip = self._tip(a) if centre is None or a == centre else self._relation_tip(a, centre)
            body = (f"<title>{esc(tip)}</title>"
                    f'<circle class="{classes}" cx="{num(x)}" cy="{num(y)}" r="{num(radius[a])}" '
                    f'fill="currentColor" fill-opacity="{num(KIND_OPACITY.get(kind, 0.5))}"/>')
            target = checked_href(href, "actor", a)
            out.append(f'<g class="network-actor">{body}</g>' if target is None
                       else f'<a class="network-actor" href="{esc(target)}">{body}</a>')
        out.append("</g>")
        return out

    def _labels(self, labelled: list[str], position: dict, radius: dict, href: Href,
                bounds: tuple[float, float, float, float]) -> list[str]:
        """Names beside their circles, most mentioned first, each on the side (right, left, above,
        below) where it covers no other name and no circle; a name with no free side is left out."""
        circles = [(position[a][0] - radius[a], position[a][1] - radius[a],
                    position[a][0] + radius[a], position[a][1] + radius[a], a) for a in position]
        taken: list[tuple[float, float, float, float]] = []
        out = [_LABELS_OPEN]
        for a in labelled:
            text = shorten(self._name(a), NAME_CHARS)
            w, (x, y), r = text_width(text, FONT), position[a], radius[a]
            sides = [(x + r + 3, y + 4, "start", (x + r + 2, y - 7, x + r + 4 + w, y + 5)),
                     (x - r - 3, y + 4, "end", (x - r - 4 - w, y - 7, x - r - 2, y + 5)),
                     (x, y - r - 4, "middle", (x - w / 2, y - r - 15, x + w / 2, y - r - 2)),
                     (x, y + r + 12, "middle", (x - w / 2, y + r + 1, x + w / 2, y + r + 14))]
            crowd = self._edges_by_side(a, position)
            for tx, ty, anchor, box in (sides[k] for k in sorted(range(4), key=lambda k: (crowd[k], k))):
                inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
                if inside and not any(_boxes_meet(box, t) for t in taken) \
                        and not any(_boxes_meet(box, c[:4], 0) for c in circles if c[4] != a):
                    taken.append(box)
                    out.append(self._label(a, text, tx, ty, anchor, href))
                    break
        out.append("</g>")
        return out

    def _edges_by_side(self, a: str, position: dict) -> list[int]:
        """How many of the actor's drawn edges leave it to the right, left, top and bottom: its name
        goes where fewest do."""
        counts = [0, 0, 0, 0]
        x, y = position[a]
        for b in self.neighbours.get(a, {}):
            if b in position and b != a:
                dx, dy = position[b][0] - x, position[b][1] - y
                counts[(0 if dx > 0 else 1) if abs(dx) >= abs(dy) else (2 if dy < 0 else 3)] += 1
        return counts

    def _ego_labels(self, centre: str, around: list[str], angles: dict, position: dict, radius: dict,
                    href: Href) -> list[str]:
        """Every neighbour's name outside the circle of neighbours; the centre's name below it."""
        out = [_LABELS_OPEN]
        x, y = position[centre]
        out.append(self._label(centre, shorten(self._name(centre), NAME_CHARS + 8), x, y + radius[centre] + 13,
                               "middle", href, bold=True))
        for b in around:
            cos, sin = math.cos(angles[b]), math.sin(angles[b])
            x, y = position[b]
            r = radius[b] + 4
            if cos > 0.3:
                tx, ty, anchor = x + r, y + 4, "start"
            elif cos < -0.3:
                tx, ty, anchor = x - r, y + 4, "end"
            else:
                tx, ty, anchor = x, (y - r - 2 if sin < 0 else y + r + 11), "middle"
            out.append(self._label(b, shorten(self._name(b), NAME_CHARS), tx, ty, anchor, href))
        out.append("</g>")
        return out

    def _label(self, a: str, text: str, x: float, y: float, anchor: str, href: Href, bold: bool = False) -> str:
        weight = ' font-weight="bold"' if bold else ""
        label = (f'<text class="network-label" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"{weight}>'
                 f"{esc(text)}</text>")
        target = checked_href(href, "actor", a)
        # the circle is the link keyboards and screen readers reach; the name is one for the mouse
        return label if target is None else f'<a href="{esc(target)}" tabindex="-1" aria-hidden="true">{label}</a>'


# ---- helpers ----------------------------------------------------------------------------------

def _names_in(text: str, trie: dict) -> set[str]:
    """The actors a text names: at each word, the longest name in the trie that starts there (whole
    words only, so "Putinism" does not name Putin); linear in the text (names are short)."""
    tokens = [_token_key(t) for t in _TOKEN.findall(text)]
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        node, match, j = trie, None, i
        while j < len(tokens) and j - i < MAX_NAME_TOKENS and tokens[j] in node:
            node = node[tokens[j]]
            j += 1
            if _END in node:
                match = (node[_END], j)
        if match is None:
            i += 1
        else:
            found.add(match[0])
            i = match[1]
    return found


def _fit(points: dict[str, tuple[float, float]], box: tuple[float, float, float, float]) -> dict:
    """Layout coordinates stretched into the box, rounded to one decimal."""
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {a: (round(box[0] + (box[2] - box[0]) * ((x - min(xs)) / span_x if len(xs) > 1 else 0.5), 1),
                round(box[1] + (box[3] - box[1]) * ((y - min(ys)) / span_y if len(ys) > 1 else 0.5), 1))
            for a, (x, y) in sorted(points.items())}


def _step_radius(mentions: int) -> float:
    """A circle that grows one step each time the mentions double (an ego picture's sizes do not move
    with every new article)."""
    return min(MAX_RADIUS, MIN_RADIUS + 2.0 * max(0, int(mentions).bit_length() - 1))


def _scale(n: int, low: int, high: int) -> float:
    return MIN_EDGE if high == low else MIN_EDGE + (MAX_EDGE - MIN_EDGE) * (n - low) / (high - low)


def _toward(point: tuple[float, float], target: tuple[float, float], distance: float) -> tuple[float, float]:
    (x, y), (tx, ty) = point, target
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance


def _trim(start: tuple[float, float], end: tuple[float, float], r1: float, r2: float) -> tuple:
    """A straight edge from circle edge to circle edge (the circles are see-through)."""
    return _toward(start, end, r1), _toward(end, start, r2)


def _curve(start: tuple[float, float], end: tuple[float, float], start_radius: float, end_radius: float) -> str:
    """A quadratic curve bending to the left of start→end (so A→B and B→A do not overlap, nor the
    straight line of their stories), from the edge of the start's circle to just before the end's."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend = min(40.0, length * 0.18)
    control = ((x1 + x2) / 2 + dy / length * bend, (y1 + y2) / 2 - dx / length * bend)
    (sx, sy), (ex, ey) = _toward(start, control, start_radius), _toward(end, control, end_radius + 2)
    return f"M{num(sx)} {num(sy)}Q{num(control[0])} {num(control[1])} {num(ex)} {num(ey)}"


def _boxes_meet(a: tuple, b: tuple, gap: float = 2.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _arrow_defs(uid: str) -> str:
    return (f'<defs><marker id="{uid}-arrow" viewBox="0.0 0.0 8.0 8.0" refX="7.0" refY="4.0" markerWidth="7.0" '
            f'markerHeight="7.0" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0.0 0.0L8.0 4.0L0.0 8.0Z" fill="currentColor" fill-opacity="0.8"/></marker></defs>')


def _legend(y: float, uid: str) -> str:
    """What the shades, lines and arrows mean."""
    parts = [f'<g class="network-legend" font-size="{FONT}" fill="currentColor" stroke="none">']
    x = float(MARGIN)
    for kind in PARTICIPANTS:
        parts.append(f'<circle cx="{num(x + 5)}" cy="{num(y + 6)}" r="5.0" fill="currentColor" '
                     f'fill-opacity="{num(KIND_OPACITY[kind])}" stroke="currentColor" stroke-width="1.0"/>'
                     f'<text x="{num(x + 14)}" y="{num(y + 10)}">{esc(kind)}</text>')
        x += 24 + text_width(kind, FONT)
    x += 12
    parts.append(f'<path d="M{num(x)} {num(y + 6)}h24.0" stroke="currentColor" stroke-opacity="0.5" '
                 f'stroke-width="1.6"/><text x="{num(x + 30)}" y="{num(y + 10)}">in stories together</text>')
    x += 42 + text_width("in stories together", FONT)
    parts.append(f'<path d="M{num(x)} {num(y + 6)}h24.0" stroke="currentColor" stroke-opacity="0.7" '
                 f'stroke-width="1.2" stroke-dasharray="4 3" marker-end="url(#{uid}-arrow)"/>'
                 f'<text x="{num(x + 34)}" y="{num(y + 10)}">quoted about</text>')
    parts.append("</g>")
    return "".join(parts)


def _heaviest(links: list[tuple[tuple[str, str], int]], limit: int) -> list[tuple[tuple[str, str], int]]:
    """The `limit` heaviest links (ties by their ids: the same ones every build)."""
    return sorted(links, key=lambda item: (-item[1], item[0]))[:limit]
