"""What the site may republish: an article's full text only when its seed allows it.

Other publishers' text is not republished unless the seed declares `publish_text: true` (with its
`license`); the site's default (`publish_text` in mkdocs.yml, off unless set) decides for seeds that
say nothing. An article that may not be republished keeps its metadata, a link to the original and the
sentences the briefing cites (its quotes', events' and figures' sentences), in the order of the text:
at most 8, together at most a quarter of the article's words, so the page cites and does not copy.
A statement (a speech quoted whole) of such an article keeps only its excerpt and key passages.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from generator.briefing.records import Article, Briefing

EXCERPT_WORDS = 60  # words of one excerpt at most
MAX_EXCERPTS = 8  # excerpts of one article at most
EXCERPT_SHARE = 0.25  # of an article's words, all its excerpts together


def may_publish(article: Article, default: bool) -> bool:
    return default if article.publish_text is None else article.publish_text


def withhold_texts(briefing: Briefing, default: bool) -> Briefing:
    """The briefing with every article that may not be republished reduced to its cited sentences."""
    cited: dict[str, set[str]] = defaultdict(set)
    for quote in briefing.quotes:
        cited[quote.article].add(quote.sentence)
    for event in briefing.events:
        for source in event.sources:
            cited[source.article].add(source.sentence)
    for figure in briefing.figures:
        cited[figure.article].add(figure.sentence)
    articles = [a if may_publish(a, default) else _excerpted(a, cited[a.id]) for a in briefing.articles]
    withheld = {a.id for a in articles if not may_publish(a, default)}
    # A speech quoted whole would republish the article: only its excerpt and key passages stay.
    quotes = [dataclasses.replace(q, text=q.excerpt or q.text) if q.statement and q.article in withheld else q
              for q in briefing.quotes]
    return dataclasses.replace(briefing, articles=articles, quotes=quotes)


def _excerpted(article: Article, sentences: set[str]) -> Article:
    """At most MAX_EXCERPTS cited sentences, together at most EXCERPT_SHARE of the article's words, in
    the order of the text; a sentence inside another one kept is not repeated."""
    body_key = _key(article.body)
    budget = max(EXCERPT_WORDS, int(len(article.body.split()) * EXCERPT_SHARE))
    ordered = sorted({" ".join(s.split()) for s in sentences if s.strip()},
                     key=lambda s: (_position(body_key, s), s))
    kept: list[str] = []
    for sentence in ordered:
        short = _short(sentence)
        words = len(short.split())
        if len(kept) == MAX_EXCERPTS or words > budget:
            break
        if any(_key(sentence) in _key(other) or _key(other) in _key(sentence) for other in kept):
            continue
        kept.append(short)
        budget -= words
    return dataclasses.replace(article, body="", excerpts=tuple(kept))


def _key(text: str) -> str:
    """Letters and digits only: a sentence is found in the text whatever quotes and apostrophes became."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _position(body_key: str, sentence: str) -> int:
    at = body_key.find(_key(sentence)[:80])
    return at if at >= 0 else len(body_key)


def _short(sentence: str) -> str:
    """A citation, not a copy: at most EXCERPT_WORDS words of a sentence."""
    words = sentence.split()
    return " ".join(words) if len(words) <= EXCERPT_WORDS else " ".join(words[:EXCERPT_WORDS]) + " …"
