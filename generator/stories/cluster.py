"""Events -> groups of events that report one happening.

After news-tls' CLUST (`news_tls/clust.py`): TF-IDF vectors of the reporting sentences, compared
only within a window of days, each event joining the most similar story so far when it is similar
enough (online clustering against the story's centroid). Shared actors add to the similarity. The
order is fixed (date, then the article's date and id, then the event id), so the same events always
give the same stories. Month- and year-dated events join only stories of the same month or year."""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Optional
from dataclasses import dataclass, field

from generator.briefing.records import Article, Event
from generator.nlp.events import HAPPENINGS
from generator.stories.settings import settings


@dataclass
class _Group:
    members: list[int] = field(default_factory=list)
    days: set[str] = field(default_factory=set)
    total: dict[str, float] = field(default_factory=dict)  # sum of the members' unit vectors
    norm: float = 0.0
    people: frozenset[str] = frozenset()  # the people of its first event
    articles: set[str] = field(default_factory=set)
    kinds: frozenset[str] = frozenset()  # the kinds of happening of its first event (talks, attack ...)
    told: set[str] = field(default_factory=set)  # the kinds its members' sentences name anywhere
    actors: set[str] = field(default_factory=set)  # the actors its members name that few events name

    def add(self, n: int, event: Event, vector: dict[str, float], people: frozenset[str],
            actors: set[str]) -> None:
        if not self.members:
            self.people, self.kinds = people, happening_kinds(event)
        self.members.append(n)
        self.days.add(event.date)
        self.articles.update(s.article for s in event.sources)
        self.told |= sentence_kinds(event)
        self.actors.update(actors)
        for term, weight in vector.items():
            self.total[term] = self.total.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in self.total.values()))


def vectors(events: Sequence[Event], others: Sequence[Event] = ()) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of each event's words: the clause's own words weigh more than the rest of
    its sentence (two events of one sentence share the sentence, not the happening). `others` (the
    undated reports) get vectors after the events', weighed by the events' own document frequencies,
    so that adding them changes no event's vector."""
    sentence_weight = float(settings()["cluster"]["sentence_weight"])
    actor_weight = float(settings()["cluster"]["actor_weight"])
    bags = []
    for e in (*events, *others):
        bag: dict[str, float] = {t: sentence_weight for t in e.terms}
        for k in e.keywords:
            bag[k] = 1.0
        for a in e.actors:  # actors as words of their own: a rare one says more than "Russia"
            bag["@" + a] = actor_weight
        bags.append(bag)
    df: Counter[str] = Counter(t for bag in bags[:len(events)] for t in bag)
    n = len(events)
    out = []
    for bag in bags:
        v = {t: w * (math.log((1 + n) / (1 + df[t])) + 1) for t, w in bag.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        out.append({t: w / norm for t, w in v.items()})
    return out


_WORD = re.compile(r"[^\W\d_]{3,}")  # words of three letters or more (a linear scan)


def article_vectors(articles: Mapping[str, Article]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors of whole articles (news-tls clusters articles so): two reports of one
    happening in different outlets share the article's vocabulary even when their sentences differ.
    Each keeps its ARTICLE_TERMS heaviest words, so the cost stays linear in the text."""
    stop = frozenset(settings()["stop_words"])
    limit = int(settings()["cluster"]["article_terms"])
    counts = {aid: Counter(w for w in (m.group(0).lower() for m in _WORD.finditer(a.body)) if w not in stop)
              for aid, a in articles.items()}
    df: Counter[str] = Counter(t for bag in counts.values() for t in bag)
    n = len(counts)
    out = {}
    for aid, bag in counts.items():
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()}
        top = dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        out[aid] = {t: w / norm for t, w in top.items()}
    return out


def different_people(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each side names a person the other does not: Putin's call with Macron is not his call with Maduro."""
    return bool(a - b) and bool(b - a)


def happening_kinds(event: Event) -> frozenset[str]:
    """The kinds of happening its clause's verb, subject and object name (events data: synonyms folded
    to talks, attack, call ...); for an event from before they were recorded, its clause's words."""
    if event.kinds is not None:
        return frozenset(event.kinds)
    return frozenset(event.keywords) & HAPPENINGS


def kinds_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same kind of happening, or kinds one happening is told as (an invasion is told of as its
    attacks and its captures: stories data, `related_kinds`)."""
    if a & b:
        return True
    related = _related()
    return any(related.get(k, frozenset()) & b for k in a)


@functools.lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for kind, others in settings()["related_kinds"].items():
        for other in others:
            pairs.setdefault(kind, set()).add(other)
            pairs.setdefault(other, set()).add(kind)
    return {k: frozenset(v) for k, v in pairs.items()}


def sentence_kinds(event: Event) -> frozenset[str]:
    """The kinds of happening anywhere in its sentence ("X stressed that the talks ..." tells of talks)."""
    return frozenset(event.terms) & HAPPENINGS | happening_kinds(event)


def _near(day: str, days: int) -> list[str]:
    if len(day) != 10:
        return [day]
    d = dt.date.fromisoformat(day)
    return [(d + dt.timedelta(days=k)).isoformat() for k in range(-days, days + 1)]


def cluster(events: Sequence[Event], articles: Mapping[str, Article],
            people_of: Callable[[Event], frozenset[str]] = lambda e: frozenset(),
            one_happening: Callable[[Event], Optional[str]] = lambda e: None) -> list[list[Event]]:
    """Groups of events, each one story; every event in exactly one group. Events whose people
    (`people_of`) differ are kept apart; events with the same `one_happening` key (the sentences of
    one readout, of its own day) are one story whatever their words."""
    cfg = settings()["cluster"]
    window, same_day, near_day = int(cfg["window_days"]), float(cfg["same_day"]), float(cfg["near_day"])
    kind_bonus = float(cfg["kind_bonus"])
    once_a_day = frozenset(cfg["once_a_day"])

    def first_report(e: Event) -> tuple:
        article = articles.get(e.sources[0].article)
        return (article.date.isoformat() if article else "", e.sources[0].article)

    ordered = sorted(events, key=lambda e: (e.date, first_report(e), e.id))
    vecs = vectors(ordered)
    named = Counter(a for e in ordered for a in set(e.actors))
    common = {a for a, n in named.items() if n > max(3.0, float(cfg["common_actor_share"]) * len(ordered))}

    def telling(event: Event) -> set[str]:
        """Its actors that few events name: Crimea tells two reports of 2014 apart, Russia does not."""
        return set(event.actors) - common

    article_weight = float(cfg["article_weight"])
    docs = article_vectors(articles) if article_weight else {}
    pair_cache: dict[tuple[str, str], float] = {}

    def same_articles(event: Event, group: _Group) -> float:
        """How alike the event's article and the story's articles are (the best pair, other articles only)."""
        mine = event.sources[0].article
        best = 0.0
        for other in group.articles:
            if other == mine:
                continue
            key = (mine, other) if mine < other else (other, mine)
            if key not in pair_cache:
                a, b = docs.get(key[0], {}), docs.get(key[1], {})
                pair_cache[key] = sum(w * b.get(t, 0.0) for t, w in a.items())
            best = max(best, pair_cache[key])
        return best
    groups: list[_Group] = []
    by_day: dict[str, list[int]] = {}
    forced: dict[str, int] = {}  # one_happening key -> its group
    for n, (event, vector) in enumerate(zip(ordered, vecs)):
        best, best_score = None, 0.0
        key = one_happening(event)
        if key is not None and key in forced:
            groups[forced[key]].add(n, event, vector, people_of(event), telling(event))
            by_day.setdefault(event.date, []).append(forced[key])
            continue
        candidates = {g for day in _near(event.date, window) for g in by_day.get(day, ())}
        people, kinds = people_of(event), happening_kinds(event)
        for g in sorted(candidates):
            group = groups[g]
            if kinds and group.kinds and not kinds_meet(kinds, group.kinds):
                continue  # another kind of happening (talks are not the invasion)
            if event.date in group.days and event.sources[0].article in group.articles \
                    and sentence_kinds(event) & group.told & once_a_day:
                # one article's talks (or call) of one day are one, whatever else its sentences say
                # (and whoever they name: "Lukashenko hopes that, during today's talks, ...")
                best, best_score = g, math.inf
                break
            if different_people(people, group.people) \
                    or len(event.date) < 10 and not group.actors.intersection(telling(event)):
                continue  # other people, or only a month or year in common and no telling actor ("Russia's
                # 2014 invasion of Crimea" is not "Russian proxies invaded eastern Ukraine in 2014")
            same_kind = kinds_meet(kinds, group.kinds)
            if event.date not in group.days and not same_kind:
                continue  # a neighbouring day joins only the same kind of happening
            cosine = sum(w * group.total.get(t, 0.0) for t, w in vector.items()) / (group.norm or 1.0)
            # whole articles alike count only for the same kind of happening (on a day all reports speak
            # of the invasion, an article about the markets is still like one about the attack)
            alike = article_weight * same_articles(event, group) if article_weight and same_kind else 0.0
            score = cosine + ((kind_bonus + alike) if same_kind else 0.0)
            margin = score - (same_day if event.date in group.days else near_day)
            if margin >= 0 and (best is None or margin > best_score):  # the clearest match, not the first
                best, best_score = g, margin
        if best is None:
            best = len(groups)
            groups.append(_Group())
        groups[best].add(n, event, vector, people, telling(event))
        by_day.setdefault(event.date, []).append(best)
        if key is not None:
            forced[key] = best
    groups = _join_groups(groups, same_day, near_day, kind_bonus, window)
    groups = _join_singular(groups, ordered)
    return [[ordered[n] for n in sorted(g.members)] for g in groups]


def _join_singular(groups: list[_Group], ordered: Sequence[Event]) -> list[_Group]:
    """A happening a war has once (stories data, `singular_kinds`: the invasion) is one story with
    what it is told as on its own day ("Explosions and airstrikes have been heard" the morning Russia
    "launched a military operation") and with its mentions dated only to its month ("since Russia's
    invasion of Ukraine in February"), whatever their words. Its day is that of its day-dated story:
    the one mostly of its own kind or, when there is none, the only one mostly of a related kind in that
    month."""
    singular = frozenset(settings()["singular_kinds"])
    if not singular:
        return groups
    counts = [Counter(k for n in g.members for k in happening_kinds(ordered[n])) for g in groups]
    kinds = [frozenset(c) for c in counts]
    main = [frozenset(k for k, v in c.items() if v == max(c.values())) if c else frozenset() for c in counts]
    dated = [all(len(d) == 10 for d in g.days) for g in groups]
    alive: list[Optional[_Group]] = list(groups)
    for kind in sorted(singular):
        told_as = _related().get(kind, frozenset()) | {kind}
        hosts = [n for n, g in enumerate(groups) if dated[n] and kind in main[n]]  # a story of it, not one
        # that mentions it ("the first talks since Moscow's invasion")
        host_set = set(hosts)
        by_month: dict[str, list[int]] = {}  # month -> the day-dated stories mostly of a kind it is told as
        for h, g in enumerate(groups):
            if dated[h] and main[h] & told_as and len({d[:7] for d in g.days}) == 1:
                by_month.setdefault(next(iter(g.days))[:7], []).append(h)
        for n, g in enumerate(groups):
            if alive[n] is None or n in host_set or not kinds[n] or not kinds[n] <= told_as:
                continue
            if dated[n]:  # its own day: the attacks of the morning of the invasion
                host = next((h for h in hosts if alive[h] is not None and g.days <= groups[h].days), None)
            elif kind in kinds[n] and all(len(d) == 7 for d in g.days):  # its month: "the invasion in February"
                within = [h for month in sorted(g.days) for h in by_month.get(month, ()) if alive[h] is not None]
                own = [h for h in within if kind in main[h]]
                host = own[0] if len(own) == 1 else within[0] if not own and len(within) == 1 else None
            else:
                continue
            if host is None or different_people(groups[host].people, g.people):
                continue
            target = alive[host]
            assert target is not None
            target.members.extend(g.members)
            target.days |= g.days
            target.articles |= g.articles
            alive[n] = None
    return [g for g in alive if g is not None]


def _join_groups(groups: list[_Group], same_day: float, near_day: float, kind_bonus: float,
                 window: int) -> list[_Group]:
    """A second pass: two stories the first pass started apart (an event met the wrong one first)
    become one when their centroids pass the same test an event passes."""
    alive = list(groups)
    dirty = {id(g) for g in alive}  # groups new or grown since the last pass: only their pairs can change
    while dirty:
        grown: set[int] = set()
        by_day: dict[str, list[int]] = {}
        for n, g in enumerate(alive):
            for day in g.days:
                by_day.setdefault(day, []).append(n)
        for n, g in enumerate(alive):
            if g is None:
                continue
            near = sorted({m for day in g.days for d in _near(day, window) for m in by_day.get(d, ()) if m > n})
            for m in near:
                other = alive[m]
                if other is None or id(g) not in dirty and id(other) not in dirty \
                        or different_people(g.people, other.people) \
                        or g.kinds and other.kinds and not kinds_meet(g.kinds, other.kinds) \
                        or not all(len(d) == 10 for d in g.days | other.days) and not g.actors & other.actors:
                    continue  # (a pair of unchanged groups failed this test in the last pass)
                same_kind, shared_day = kinds_meet(g.kinds, other.kinds), bool(g.days & other.days)
                if not shared_day and not same_kind:
                    continue
                small, large = (g.total, other.total) if len(g.total) <= len(other.total) else (other.total, g.total)
                cosine = sum(w * large.get(t, 0.0) for t, w in small.items()) / ((g.norm * other.norm) or 1.0)
                if cosine + (kind_bonus if same_kind else 0.0) >= (same_day if shared_day else near_day):
                    for member in other.members:
                        g.members.append(member)
                    for t, w in other.total.items():
                        g.total[t] = g.total.get(t, 0.0) + w
                    g.norm = math.sqrt(sum(w * w for w in g.total.values()))
                    g.days |= other.days
                    g.actors |= other.actors
                    alive[m] = None  # type: ignore[call-overload]
                    grown.add(id(g))
                    dirty.add(id(g))  # later pairs of this pass see it grown, as the next pass will
        alive = [g for g in alive if g is not None]
        dirty = grown
    return alive
