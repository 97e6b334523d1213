"""Dated events: sentences that report something happening, dated against the article, and merged
when several sentences or articles report the same happening on the same day."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Optional

from spacy.tokens import Doc, Span

from . import gazetteer
from .actors import ArticleActors
from .dates import ResolvedDate, is_future, resolve_phrase
from .records import Event, EventSource

_DATE_WORDS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
                         r"tonight|tomorrow|previous day|day before|earlier|ago|later|last week|this week|"
                         r"this month|last month|this year|last year|overnight|january|february|march|april|"
                         r"may|june|july|august|september|october|november|december|\d{4})\b", re.I)
# Words that name the same kind of happening, folded so that reports in other words still merge.
_SYNONYMS = {
    "negotiation": "talks", "talk": "talks", "discussion": "talks", "meeting": "talks", "meet": "talks",
    "negotiate": "talks", "delegation": "talks", "round": "talks", "delegate": "talks",
    "invade": "invasion", "invasion": "invasion", "offensive": "invasion", "launch": "invasion",
    "attack": "attack", "shell": "attack", "shelling": "attack", "strike": "attack", "bomb": "attack",
    "pummel": "attack", "fire": "attack", "artillery": "attack", "kill": "casualty", "die": "casualty",
    "death": "casualty", "call": "call", "conversation": "call", "phone": "call", "sanction": "sanction",
    "order": "order", "alert": "alert", "nuclear": "nuclear",
}
_STOP_LEMMAS = {"say", "be", "have", "do", "make", "take", "also", "report", "time", "day", "side", "official",
                "country", "hour", "first", "begin", "start", "end", "hold"}


def event_id(date: str, title: str, sentence: str) -> str:
    return "e-" + hashlib.sha1(f"{date}\n{' '.join(sentence.split())}".encode()).hexdigest()[:10]


def extract_events(doc: Doc, article: str, article_date: dt.date, actors: ArticleActors,
                   quoted: list[tuple[int, int]]) -> list[Event]:
    events: list[Event] = []
    reference = article_date
    for index, sent in enumerate(doc.sents):
        if any(s <= sent.start_char and sent.end_char <= e + 2 for s, e in quoted):
            continue
        resolved = _sentence_date(sent, article_date, reference)
        if resolved is None and index == 0 and _reports_action(sent) and not is_future(sent):
            resolved = ResolvedDate(article_date.isoformat(), "day", "")
        if resolved is None or not _reports_action(sent):
            continue
        if resolved.day:
            reference = resolved.day
        sentence = " ".join(sent.text.split())
        names = tuple(dict.fromkeys(key for ent, key in actors.spans if sent.start <= ent.start < sent.end))
        title = event_title(sent, resolved.text)
        events.append(Event(
            id=event_id(resolved.value, title, sentence), date=resolved.value, precision=resolved.precision,
            title=title, actor_names=names,
            sources=(EventSource(article=article, sentence=sentence, date_text=resolved.text),),
            keywords=tuple(sorted(content_lemmas(sent))),
        ))
    return events


def _sentence_date(sent: Span, article_date: dt.date, reference: dt.date) -> Optional[ResolvedDate]:
    """The first date phrase of the sentence that resolves, spaCy's DATE/TIME spans first."""
    candidates = [e for e in sent.ents if e.label_ in {"DATE", "TIME"}]
    for span in candidates:
        if not _DATE_WORDS.search(span.text) and span.label_ == "DATE":
            continue
        future = is_future(span)
        text = span.text
        if span.start > sent.start and span.doc[span.start - 1].lower_ in {"on", "since", "by", "until"}:
            text = f"{span.doc[span.start - 1].text} {text}"
        resolved = resolve_phrase(text, article_date, reference, future)
        if resolved is not None:
            return resolved
    # spaCy sometimes misses a bare weekday ("sat down Monday"); find it by shape.
    match = re.search(r"\b(on |last |next )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", sent.text)
    if match:
        span = sent.char_span(match.start(), match.end()) or sent
        return resolve_phrase(match.group(0), article_date, reference, is_future(span))
    return None


def _reports_action(sent: Span) -> bool:
    """A sentence with a finite main verb and a subject: something happened (or will)."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children) or root.dep_ == "ROOT" and any(
        c.dep_ in {"nsubj", "nsubjpass"} for t in sent for c in t.children)


def event_title(sent: Span, date_text: str) -> str:
    """A short title: the main clause without the date phrase, cut to about a dozen words."""
    root = sent.root
    keep = {root.i}
    for child in root.children:
        if child.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "dobj", "attr", "acomp",
                          "xcomp", "oprd", "dative", "prep", "agent", "ccomp"}:
            if child.dep_ == "prep" and any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree):
                continue
            keep.update(t.i for t in child.subtree)
    dated = {t.i for t in sent if t.ent_type_ in {"DATE", "TIME"}}
    tokens = [t for t in sent if t.i in keep and t.i not in dated
              and not (t.tag_ == "POS" and t.i - 1 in dated)
              and not (t.lower_ in {"on", "since", "by"} and t.i + 1 in dated)]
    words: list[str] = []
    for t in tokens:
        if t.is_punct and t.text not in {"-", "'"}:
            continue
        words.append(t.text_with_ws.strip() if not t.is_space else "")
    text = " ".join(w for w in words if w).replace(" 's", "'s").replace(" n't", "n't")
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    parts = text.split()
    if len(parts) > 14:
        text = " ".join(parts[:14]) + " …"
    return text[:1].upper() + text[1:] if text else " ".join(sent.text.split()[:12])


def content_lemmas(sent: Span) -> set[str]:
    """Content words (synonyms folded, nationalities to countries) that say what happened."""
    words = set()
    for t in sent:
        if t.is_stop or t.is_punct or t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
            continue
        if t.pos_ not in {"NOUN", "PROPN", "VERB", "ADJ"}:
            continue
        lemma = t.lemma_.lower()
        if t.text in gazetteer.NATIONALITY_TO_COUNTRY:
            lemma = gazetteer.NATIONALITY_TO_COUNTRY[t.text].lower()
        lemma = _SYNONYMS.get(lemma, lemma)
        if lemma not in _STOP_LEMMAS:
            words.add(lemma)
    return words


def merge_events(events: list[Event]) -> list[Event]:
    """Merge events of the same date whose signatures share a happening word and enough content.

    Greedy over date groups in a stable order, so ids and output do not depend on seed order.
    """
    by_date: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: (e.date, e.sources[0].article, e.id)):
        by_date.setdefault(e.date, []).append(e)
    merged: list[Event] = []
    happening = set(_SYNONYMS.values())
    for date, group in by_date.items():
        clusters: list[list[Event]] = []
        for event in group:
            sig = set(event.keywords)
            for cluster in clusters:
                other = set(cluster[0].keywords)
                shared = sig & other
                if shared & happening and len(shared) >= 2 and len(shared) / max(1, min(len(sig), len(other))) >= 0.3:
                    cluster.append(event)
                    break
            else:
                clusters.append([event])
        for cluster in clusters:
            merged.append(_combine(cluster))
    return merged


def _combine(cluster: list[Event]) -> Event:
    first = max(cluster, key=lambda e: (len(e.actor_names), -len(e.sources[0].sentence)))
    sources = tuple(dict.fromkeys(s for e in cluster for s in e.sources))
    names = tuple(dict.fromkeys(n for e in cluster for n in e.actor_names))
    actors = tuple(dict.fromkeys(a for e in cluster for a in e.actors))
    keywords = tuple(sorted({k for e in cluster for k in e.keywords}))
    ids = sorted(e.id for e in cluster)
    return Event(id=ids[0], date=first.date, precision=first.precision, title=first.title, actor_names=names,
                 sources=sources, actors=actors, keywords=keywords)
