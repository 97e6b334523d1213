"""Score a briefing (the dict loaded from ``briefing.yml``) against the hand-annotated gold set.

    python -m tools.evaluate --gold tests/gold [--briefing OUT/briefing.yml] [--verbose] [--json]

The gold set (``tests/gold``, see its README.md for the annotation guidelines) holds one YAML file per
article in ``annotations/``; a gold file is mapped to a briefing article by ``articles[].file == file``.
Gold items of an article that is missing from the briefing all count as misses.

Normalisation (both sides, everywhere): Unicode NFKC, curly quotes and apostrophes made straight,
lowercase, whitespace collapsed. Sentence and word comparisons then drop apostrophes and double quotes
and turn en/em dashes into spaces, so "Russias" == "Russia's" and "violence  but" == "violence — but"
(the pipeline repairs a scraper's stripped possessives and dashes before parsing). Names also drop a
possessive "'s", dots ("U.S." == "US") and a leading "the", and two names are equal when they have the
same words up to a trailing "s" on any word ("Zelenskyys" == "Zelenskyy", "Ukraines" == "Ukraine").

Categories (``Report.scores`` keys) and matching rules:

actors
    Per article: a predicted actor of the article (its ``articles`` holds the article id) and a gold actor
    are candidates when the predicted name or any alias equals the gold name or any gold ``forms``.
    Pairs are matched one-to-one (maximum matching, exact name pairs preferred). tp = matched pairs,
    fp = unmatched predicted actors ("junk"), fn = unmatched gold actors ("missing"). A gold actor that is
    a candidate for two or more predicted actors is a "split" (spellings not merged): the extra predicted
    actors are fp. A predicted actor that is a candidate for two gold actors, one of them left unmatched,
    is reported as "over-merged". Predicted actors that match a gold ``title_actors`` entry (named in the
    title only) are ignored.
actor_kinds
    Over the matched actor pairs: tp when the kinds are equal, else fp + fn.
quotes
    Per article, greedy one-to-one by coverage: a predicted quote covers a gold quote when at least 30%
    of the gold quote's words (multiset) occur in the predicted text; the best coverage is matched first.
    tp = matched, fp = unmatched predicted, fn = unmatched gold. The quote kind is not scored (it is
    listed in the verbose failures when it differs).
speakers
    Over the matched quotes: tp when the predicted speaker (the actor's name and aliases, resolved through
    ``speaker``; falling back to ``speaker_name``) equals the gold speaker, where the gold speaker stands
    for its canonical name and every form the gold set gives that name; else fp + fn. A gold speaker of
    null (no named speaker: "Russian officials", "It was noted") is right when the prediction names no
    actor either: ``speaker`` is null or unknown (a descriptive ``speaker_name`` is fine); a list (a joint
    statement) is right when any of its names is. Precision = recall = speaker accuracy over the matched quotes.
events
    A gold event matches a predicted event that has the same date string and a source in that article
    whose sentence contains the gold ``sentence_contains`` or one of its ``alternatives``. Recall =
    matched gold / gold (tp, fn); precision = matched predicted / predicted events that have a source in a
    gold article (``Score.pred_tp``, fp). Matching is not one-to-one: two predicted events for the same
    happening (e.g. two sentences of one readout) both count as right.
event_merges
    For each gold merge (listed in the seed annotations; duplicates counted once): tp when ONE predicted
    story (or, in a briefing without stories, one event) with that date has sources whose sentences
    contain a fragment of every file of the merge, else fn. (``python -m tools.story_eval`` scores
    stories against whole annotated windows.)
figures
    Per article, one-to-one: a predicted figure matches a gold figure when the values are equal after
    normalisation (digits only: "500,000" == "500000", "2.3e6" == "2300000"; a gold range "10-20" also
    accepts "10" or "20") and the predicted sentence contains the gold fragment.
weekdays
    Gold-free, over every predicted event source in the briefing whose ``date_text`` names a weekday: tp
    when the event date falls on that weekday and -- unless the sentence has a future marker (will,
    would, is/are to, next, plans, scheduled) -- is not after the article date (and, for a bare weekday,
    at most six days before it: the most recent such day); else fp. Only precision is meaningful.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

CATEGORIES = ("actors", "actor_kinds", "quotes", "speakers", "events", "event_merges", "figures", "weekdays")
QUOTE_COVERAGE = 0.30
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FUTURE = re.compile(r"\b(will|would|could|might|is to|are to|was to|next|plans?|planned|scheduled|shall|as soon as|"
                     r"as early as)\b")
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_QUOTE_MAP = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
})


# ---------------------------------------------------------------------------------------------- scores

@dataclass
class Score:
    """Counts for one category. ``pred_tp`` (events only) is the number of matched *predicted* items
    when it differs from the number of matched gold items ``tp``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    pred_tp: Optional[int] = None

    @property
    def precision(self) -> float:
        tp = self.tp if self.pred_tp is None else self.pred_tp
        if tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return tp / (tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class Outcome:
    """One predicted item as scored: the briefing's dict for it and whether it was right (an actor or
    figure matched to a gold one; a matched quote's speaker right). Read by tools/calibrate.py."""

    item: dict
    right: bool
    article: Optional[str] = None  # the article id it was scored in (an actor is scored once per article)


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    failures: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    articles: int = 0  # gold articles found in the briefing
    # Per category ("actors", "speakers", "figures", "events"), every predicted item scored, in scoring order.
    outcomes: dict[str, list[Outcome]] = field(default_factory=lambda: {"actors": [], "speakers": [], "figures": [],
                                                                        "events": []})

    def fail(self, category: str, message: str) -> None:
        self.failures.setdefault(category, []).append(message)

    def outcome(self, category: str, item: dict, right: bool, article: Optional[str] = None) -> None:
        self.outcomes.setdefault(category, []).append(Outcome(item, right, article))


# ----------------------------------------------------------------------------------------- normalising

def normalise(text: Any) -> str:
    """NFKC, straight quotes and apostrophes, lowercase, single spaces."""
    text = unicodedata.normalize("NFKC", str(text or "")).translate(_QUOTE_MAP)
    return " ".join(text.lower().split())


def _plain(text: Any) -> str:
    """For containment and word overlap: also without apostrophes, double quotes and long dashes."""
    text = normalise(text).replace("'", "").replace('"', "")
    return " ".join(re.sub(r"[\u2012\u2013\u2014\u2015]", " ", text).split())


def words(text: Any) -> list[str]:
    return re.findall(r"\w+", _plain(text))


def contains(sentence: Any, fragment: Any) -> bool:
    frag = _plain(fragment)
    return bool(frag) and frag in _plain(sentence)


def norm_name(name: Any) -> str:
    text = normalise(name)
    text = re.sub(r"'s\b", "", text).replace("'", "").replace(".", "")
    text = re.sub(r"[\s\-\u2013\u2014,;:!?()]+$", "", re.sub(r"^[\s,;:!?()\"]+", "", text))
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def names_match(a: str, b: str) -> bool:
    """Normalised names equal, up to a trailing "s" on any word (stripped possessives)."""
    if a == b:
        return bool(a)
    wa, wb = a.split(), b.split()
    if not wa or len(wa) != len(wb):
        return False
    return all(x == y or x + "s" == y or y + "s" == x for x, y in zip(wa, wb))


def _any_match(names_a: Iterable[str], names_b: Iterable[str]) -> bool:
    nb = list(names_b)
    return any(names_match(x, y) for x in names_a for y in nb)


def norm_value(value: Any) -> str:
    """A figure's value as plain digits ("500,000" -> "500000", "2.3 million" -> "2300000", "2.5" stays,
    ranges as "a-b")."""
    text = normalise(value).replace(",", "").replace(" ", "").replace("$", "")
    text = re.sub(r"[\u2012\u2013\u2014\u2015]|(?<=\d)to(?=\d)", "-", text)
    parts = [p for p in text.split("-") if p]
    out = []
    for part in parts:
        scaled = re.fullmatch(r"([\d.]+)(thousand|million|billion|trillion)", part)
        try:
            number = float(scaled.group(1)) * _SCALES[scaled.group(2)] if scaled else float(part)
        except ValueError:
            out.append(part)
            continue
        out.append(str(int(number)) if number == int(number) else repr(number))
    return "-".join(out)


def _values_match(gold: str, predicted: str) -> bool:
    if gold == predicted:
        return True
    return "-" in gold and predicted in gold.split("-")


# ------------------------------------------------------------------------------------------ gold input

def load_gold(gold_dir: Path) -> list[dict]:
    """The gold annotations, sorted by file name. ``gold_dir`` is the gold folder (with ``annotations/``)
    or the annotations folder itself. Dates become strings; optional keys get their defaults."""
    gold_dir = Path(gold_dir)
    folder = gold_dir / "annotations" if (gold_dir / "annotations").is_dir() else gold_dir
    paths = sorted(list(folder.glob("*.yml")) + list(folder.glob("*.yaml")))
    if not paths:
        raise FileNotFoundError(f"no gold annotations (*.yml) in {folder}")
    gold = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not data.get("file"):
            raise ValueError(f"{path}: not a gold annotation (needs 'file')")
        gold.append(_clean_gold(data, path.name))
    return gold


def _clean_gold(data: dict, source: str = "") -> dict:
    g = dict(data)
    g["file"] = str(g["file"])
    g["date"] = str(g.get("date") or "")
    g["_source"] = source or g["file"]
    for key in ("actors", "title_actors", "quotes", "events", "figures", "merges"):
        g[key] = list(g.get(key) or [])
    for actor in g["actors"] + g["title_actors"]:
        actor["forms"] = [str(f) for f in actor.get("forms") or []]
    for event in g["events"]:
        event["date"] = str(event["date"])
        event["alternatives"] = [str(a) for a in event.get("alternatives") or []]
    for figure in g["figures"]:
        figure["value"] = str(figure["value"])
    for merge in g["merges"]:
        merge["date"] = str(merge["date"])
        merge["fragments"] = {str(k): ([v] if isinstance(v, str) else [str(x) for x in v])
                              for k, v in (merge.get("fragments") or {}).items()}
    return g


def _gold_aliases(gold: list[dict]) -> dict[str, set[str]]:
    """Canonical gold name -> every normalised form the gold set gives it (for speakers)."""
    table: dict[str, set[str]] = {}
    for g in gold:
        for actor in g["actors"] + g["title_actors"]:
            forms = table.setdefault(norm_name(actor["name"]), set())
            forms.add(norm_name(actor["name"]))
            forms.update(norm_name(f) for f in actor["forms"])
    return table


# ------------------------------------------------------------------------------------------ evaluation

def evaluate(gold: list[dict], briefing: dict) -> Report:
    gold = [g if "_source" in g else _clean_gold(g) for g in gold]
    report = Report()
    by_file = {str(a.get("file")): a for a in briefing.get("articles") or []}
    article_dates = {str(a.get("id")): str(a.get("date")) for a in briefing.get("articles") or []}
    actors_by_id = {str(a.get("id")): a for a in briefing.get("actors") or []}
    aliases = _gold_aliases(gold)

    gold_ids: dict[str, str] = {}  # gold file -> article id
    for g in gold:
        article = by_file.get(g["file"])
        if article is None:
            report.fail("articles", f"{g['file']}: not in the briefing; all its gold items count as misses")
            continue
        gold_ids[g["file"]] = str(article.get("id"))
        report.articles += 1
        if g["date"] and str(article.get("date")) != g["date"]:
            report.fail("articles", f"{g['file']}: article date {article.get('date')} != gold {g['date']}")

    for g in gold:
        aid = gold_ids.get(g["file"])
        _score_actors(report, g, aid, briefing)
        _score_quotes(report, g, aid, briefing, actors_by_id, aliases)
        _score_figures(report, g, aid, briefing)
    _score_events(report, gold, gold_ids, briefing)
    _score_merges(report, gold, gold_ids, briefing)
    _score_weekdays(report, briefing, article_dates)
    return report


def _actor_names(actor: dict) -> list[str]:
    names = [actor.get("name")] + list(actor.get("aliases") or [])
    return [n for n in (norm_name(x) for x in names if x) if n]


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (left -> right), trying each left node's edges in order."""
    match_right: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, []):
            if right in seen:
                continue
            seen.add(right)
            if right not in match_right or augment(match_right[right], seen):
                match_right[right] = left
                return True
        return False

    for left in edges:
        augment(left, set())
    return {left: right for right, left in match_right.items()}


def _score_actors(report: Report, g: dict, aid: Optional[str], briefing: dict) -> None:
    label = g["file"]
    golds = g["actors"]
    predicted = [a for a in briefing.get("actors") or [] if aid is not None and aid in (a.get("articles") or [])]
    gold_names = [[norm_name(x["name"])] + [norm_name(f) for f in x["forms"]] for x in golds]
    title_names = [[norm_name(x["name"])] + [norm_name(f) for f in x["forms"]] for x in g["title_actors"]]
    pred_names = [_actor_names(p) for p in predicted]

    edges: dict[int, list[int]] = {}
    for pi, pn in enumerate(pred_names):
        exact = [gi for gi, gn in enumerate(gold_names) if pn and gn and names_match(pn[0], gn[0])]
        other = [gi for gi, gn in enumerate(gold_names) if gi not in exact and _any_match(pn, gn)]
        if exact or other:
            edges[pi] = exact + other
    # Predicted actors with an exact name match go first so that they win their gold actor.
    ordered = dict(sorted(edges.items(), key=lambda kv: (not any(
        names_match(pred_names[kv[0]][0], gold_names[gi][0]) for gi in kv[1]), kv[0])))
    matching = _max_matching(ordered)  # predicted index -> gold index
    matched_gold = set(matching.values())

    score, kinds = report.scores["actors"], report.scores["actor_kinds"]
    for pi, gi in sorted(matching.items()):
        score.tp += 1
        report.outcome("actors", predicted[pi], True, aid)
        pk, gk = predicted[pi].get("kind"), golds[gi].get("kind")
        if pk == gk:
            kinds.tp += 1
        else:
            kinds.fp += 1
            kinds.fn += 1
            report.fail("actor_kinds", f"{label}: {golds[gi]['name']} is {gk}, predicted {pk} ({predicted[pi].get('name')})")
    for gi, gold_actor in enumerate(golds):
        if gi not in matched_gold:
            score.fn += 1
            report.fail("actors", f"{label}: missing {gold_actor['name']} ({gold_actor.get('kind')})")
    for pi, pred in enumerate(predicted):
        if pi in matching:
            continue
        if any(_any_match(pred_names[pi], tn) for tn in title_names):
            continue  # named in the title only: neither required nor junk
        score.fp += 1
        report.outcome("actors", pred, False, aid)
        targets = edges.get(pi, [])
        if targets:
            whom = golds[targets[0]]["name"]
            twin = next((predicted[p].get("name") for p, gi in matching.items() if gi == targets[0]), "?")
            report.fail("actors", f"{label}: split {whom}: {pred.get('name')!r} not merged with {twin!r}")
        else:
            report.fail("actors", f"{label}: junk {pred.get('name')!r} ({pred.get('kind')})")
    for pi, gi in matching.items():
        others = [o for o in edges.get(pi, []) if o != gi and o not in matched_gold]
        for o in others:
            report.fail("actors", f"{label}: over-merged {predicted[pi].get('name')!r} also stands for {golds[o]['name']}")


def _coverage(gold_words: list[str], predicted_words: list[str]) -> float:
    if not gold_words:
        return 0.0
    gc, pc = Counter(gold_words), Counter(predicted_words)
    return sum(min(n, pc[w]) for w, n in gc.items()) / len(gold_words)


def _short(text: Any, n: int = 70) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _speaker_names(quote: dict, actors_by_id: dict) -> list[str]:
    names: list[str] = []
    actor = actors_by_id.get(str(quote.get("speaker"))) if quote.get("speaker") else None
    if actor:
        names += _actor_names(actor)
    if quote.get("speaker_name"):
        names.append(norm_name(quote["speaker_name"]))
    return [n for n in names if n]


def _score_quotes(report: Report, g: dict, aid: Optional[str], briefing: dict, actors_by_id: dict,
                  aliases: dict[str, set[str]]) -> None:
    label = g["file"]
    golds = g["quotes"]
    predicted = [q for q in briefing.get("quotes") or [] if aid is not None and str(q.get("article")) == aid]
    gold_words = [words(q.get("text")) for q in golds]
    pred_words = [words(q.get("text")) for q in predicted]
    pairs = []
    for gi, gw in enumerate(gold_words):
        for pi, pw in enumerate(pred_words):
            cov = _coverage(gw, pw)
            if cov >= QUOTE_COVERAGE:
                pairs.append((-cov, abs(len(pw) - len(gw)), gi, pi))
    pairs.sort()
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g[gi] = pi
            used_p.add(pi)

    score, speakers = report.scores["quotes"], report.scores["speakers"]
    for gi, gq in enumerate(golds):
        if gi not in used_g:
            score.fn += 1
            report.fail("quotes", f"{label}: missing {gq.get('kind')} quote by {gq.get('speaker')}: \"{_short(gq.get('text'))}\"")
            continue
        score.tp += 1
        pq = predicted[used_g[gi]]
        if pq.get("kind") != gq.get("kind"):
            report.fail("quotes", f"{label}: kind {pq.get('kind')} for a {gq.get('kind')} quote: \"{_short(gq.get('text'), 50)}\"")
        predicted_names = _speaker_names(pq, actors_by_id)
        gold_speaker = gq.get("speaker")
        if gold_speaker is None or gold_speaker == []:
            right = str(pq.get("speaker")) not in actors_by_id
        else:
            wanted: set[str] = set()
            for name in [gold_speaker] if isinstance(gold_speaker, str) else gold_speaker:
                wanted |= aliases.get(norm_name(name), set()) | {norm_name(name)}
            right = _any_match(predicted_names, wanted)
        report.outcome("speakers", pq, right, aid)
        if right:
            speakers.tp += 1
        else:
            speakers.fp += 1
            speakers.fn += 1
            shown = pq.get("speaker_name") or pq.get("speaker")
            report.fail("speakers", f"{label}: \"{_short(gq.get('text'), 50)}\" is by {gold_speaker}, predicted {shown}")
    for pi, pq in enumerate(predicted):
        if pi not in used_p:
            score.fp += 1
            report.fail("quotes", f"{label}: extra {pq.get('kind')} quote ({pq.get('speaker_name')}): \"{_short(pq.get('text'))}\"")


def _fragments(event: dict) -> list[str]:
    return [event["sentence_contains"]] + list(event.get("alternatives") or [])


def _score_events(report: Report, gold: list[dict], gold_ids: dict[str, str], briefing: dict) -> None:
    score = report.scores["events"]
    in_scope = set(gold_ids.values())
    events = briefing.get("events") or []
    matched_pred: set[int] = set()
    for g in gold:
        aid = gold_ids.get(g["file"])
        for gold_event in g["events"]:
            frags = _fragments(gold_event)
            hits = [i for i, ev in enumerate(events) if aid is not None and str(ev.get("date")) == gold_event["date"]
                    and any(str(s.get("article")) == aid and any(contains(s.get("sentence"), f) for f in frags)
                            for s in ev.get("sources") or [])]
            if hits:
                score.tp += 1
                matched_pred.update(hits)
                continue
            score.fn += 1
            near = sorted({str(ev.get("date")) for ev in events if aid is not None and any(
                str(s.get("article")) == aid and any(contains(s.get("sentence"), f) for f in frags)
                for s in ev.get("sources") or [])})
            why = f" (predicted with date {', '.join(near)})" if near else ""
            report.fail("events", f"{g['file']}: missing {gold_event['date']} \"{_short(gold_event['sentence_contains'], 60)}\"{why}")
    pred_tp = 0
    for i, ev in enumerate(events):
        sources = [s for s in ev.get("sources") or [] if str(s.get("article")) in in_scope]
        if not sources:
            continue
        report.outcome("events", ev, i in matched_pred, str(sources[0].get("article")))
        if i in matched_pred:
            pred_tp += 1
        else:
            score.fp += 1
            report.fail("events", f"extra {ev.get('date')} ({_short(sources[0].get('date_text'), 30)!r}) "
                                  f"\"{_short(sources[0].get('sentence'), 60)}\"")
    score.pred_tp = pred_tp


def _score_merges(report: Report, gold: list[dict], gold_ids: dict[str, str], briefing: dict) -> None:
    score = report.scores["event_merges"]
    seen = set()
    events = _story_views(briefing) if briefing.get("stories") else briefing.get("events") or []
    for g in gold:
        for merge in g["merges"]:
            key = (merge["date"], tuple(sorted((f, tuple(sorted(v))) for f, v in merge["fragments"].items())))
            if key in seen:
                continue
            seen.add(key)

            def covers(ev: dict, file: str, frags: list[str]) -> bool:
                aid = gold_ids.get(file)
                return aid is not None and any(
                    str(s.get("article")) == aid and any(contains(s.get("sentence"), f) for f in frags)
                    for s in ev.get("sources") or [])

            same_day = [ev for ev in events if str(ev.get("date")) == merge["date"]]
            if any(all(covers(ev, f, v) for f, v in merge["fragments"].items()) for ev in same_day):
                score.tp += 1
                continue
            score.fn += 1
            parts = []
            for f, v in merge["fragments"].items():
                ids = [str(ev.get("id")) for ev in same_day if covers(ev, f, v)]
                parts.append(f"{f}: {', '.join(ids) if ids else 'no event'}")
            report.fail("event_merges", f"{merge['date']} not merged ({'; '.join(parts)})")


def _story_views(briefing: dict) -> list[dict]:
    """Each story as one event: its id and date, the sources of all its events (merges are stories now)."""
    by_id = {str(e.get("id")): e for e in briefing.get("events") or []}
    return [{"id": st.get("id"), "date": st.get("date"),
             "sources": [s for i in st.get("events") or [] for s in by_id.get(str(i), {}).get("sources") or []]}
            for st in briefing.get("stories") or []]


def _score_figures(report: Report, g: dict, aid: Optional[str], briefing: dict) -> None:
    label = g["file"]
    score = report.scores["figures"]
    predicted = [f for f in briefing.get("figures") or [] if aid is not None and str(f.get("article")) == aid]
    used: set[int] = set()
    for gold_figure in g["figures"]:
        value = norm_value(gold_figure["value"])
        hit = next((i for i, f in enumerate(predicted) if i not in used
                    and _values_match(value, norm_value(f.get("value")))
                    and contains(f.get("sentence"), gold_figure["sentence_contains"])), None)
        if hit is None:
            score.fn += 1
            report.fail("figures", f"{label}: missing {gold_figure['value']} {gold_figure.get('what', '')}")
        else:
            used.add(hit)
            score.tp += 1
    for i, f in enumerate(predicted):
        report.outcome("figures", f, i in used, aid)
        if i not in used:
            score.fp += 1
            report.fail("figures", f"{label}: extra {f.get('value')} {f.get('what', '')!s} \"{_short(f.get('sentence'), 50)}\"")


def _score_weekdays(report: Report, briefing: dict, article_dates: dict[str, str]) -> None:
    score = report.scores["weekdays"]
    for ev in briefing.get("events") or []:
        for source in ev.get("sources") or []:
            text = normalise(source.get("date_text"))
            day = next((d for d in WEEKDAYS if re.search(rf"\b{d}\b", text)), None)
            if day is None:
                continue
            problem = _weekday_problem(str(ev.get("date")), day, text, normalise(source.get("sentence")),
                                       article_dates.get(str(source.get("article"))))
            if problem is None:
                score.tp += 1
            else:
                score.fp += 1
                report.fail("weekdays", f"{source.get('article')}: {ev.get('date')} for {source.get('date_text')!r}: "
                                        f"{problem} \"{_short(source.get('sentence'), 60)}\"")


def _weekday_problem(date: str, day: str, date_text: str, sentence: str, article_date: Optional[str]) -> Optional[str]:
    try:
        when = dt.date.fromisoformat(date)
    except ValueError:
        return "not a day date"
    if WEEKDAYS[when.weekday()] != day:
        return f"is a {WEEKDAYS[when.weekday()].capitalize()}"
    try:
        published = dt.date.fromisoformat(article_date or "")
    except ValueError:
        return None
    if _FUTURE.search(sentence):
        return None
    if when > published:
        return f"after the article date {published}"
    bare = not re.search(r"\b(last|previous|ago|week|weeks)\b", date_text)
    if bare and (published - when).days > 6:
        return f"not the most recent {day.capitalize()} before {published}"
    return None


# ------------------------------------------------------------------------------------------- reporting

def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{'category':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name in CATEGORIES:
        s = report.scores[name]
        tp = str(s.tp) if s.pred_tp is None else f"{s.tp}/{s.pred_tp}"
        lines.append(f"{name:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {tp:>5} {s.fp:>5} {s.fn:>5}")
    lines.append(f"({report.articles} gold articles found; events tp = matched gold/matched predicted; "
                 f"speakers: accuracy over matched quotes; weekdays: precision only)")
    problems = report.failures.get("articles") or []
    for message in problems:
        lines.append(f"! {message}")
    if verbose:
        for name in CATEGORIES:
            items = report.failures.get(name) or []
            if items:
                lines.append("")
                lines.append(f"== {name} ({len(items)})")
                lines.extend(f"  {m}" for m in items)
    return "\n".join(lines)


def report_data(report: Report) -> dict:
    return {
        "scores": {k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                       "tp": s.tp, "fp": s.fp, "fn": s.fn, **({"pred_tp": s.pred_tp} if s.pred_tp is not None else {})}
                   for k, s in report.scores.items()},
        "failures": {k: v for k, v in report.failures.items() if v},
        "articles": report.articles,
    }


def main(argv: Optional[list[str]] = None) -> int:
    """Score extraction against a gold set: extract <gold>/seeds (or read --briefing), compare."""
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate",
                                     description="Score extraction against a hand-annotated gold set.")
    parser.add_argument("--gold", default="tests/gold", help="gold folder with annotations/ (default: tests/gold)")
    parser.add_argument("--briefing", default=None,
                        help="score this briefing.yml (or .json, or its folder) instead of extracting <gold>/seeds")
    parser.add_argument("--corpus", default="../shared/corpus",
                        help="shared corpus folder, for gold sets that name corpus rows (default: ../shared/corpus)")
    parser.add_argument("--model", default=None, help="spaCy pipeline to extract with")
    parser.add_argument("--cache", default=".cache/extraction", help="per-article extraction cache folder")
    parser.add_argument("--no-cache", action="store_true", help="parse every article again")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and false positive")
    parser.add_argument("--json", action="store_true", help="print the scores and failures as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    args = parser.parse_args(argv)
    gold_dir = Path(args.gold)
    try:
        if args.briefing:
            gold = load_gold(gold_dir)
            path = Path(args.briefing)
            briefing = yaml.safe_load((path / "briefing.yml" if path.is_dir() else path).read_text(encoding="utf-8"))
        else:
            gold, briefing = _extract(gold_dir, args)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not isinstance(briefing, dict):
        print("error: not a briefing", file=sys.stderr)
        return 2
    report = evaluate(gold, briefing)
    if args.json:
        print(json.dumps(report_data(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report, verbose=args.verbose))
    return 0


def _extract(gold_dir: Path, args: argparse.Namespace) -> tuple[list[dict], dict]:
    """The gold set and the briefing data of its seeds; a set that names corpus rows gets its seeds and
    its fragments' texts from the shared corpus first."""
    import tempfile

    from generator.pipeline import Settings, build_data

    from tools import corpus_gold

    with tempfile.TemporaryDirectory(prefix="briefing-gold-") as scratch:
        if corpus_gold.is_corpus_gold(gold_dir):  # texts that stay in the shared corpus: make the seeds now
            gold_dir = corpus_gold.materialise(gold_dir, Path(args.corpus), Path(scratch))
        # Scored as extracted: what a published site may republish is decided after (briefing/rights.py).
        settings = Settings(seeds=gold_dir / "seeds", model=args.model,
                            cache=None if args.no_cache else Path(args.cache), publish_text=True)
        say = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
        return load_gold(gold_dir), build_data(settings, say).data


if __name__ == "__main__":
    sys.exit(main())
