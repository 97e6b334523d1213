"""Quotes a reader can read: each quote's excerpt (at most two sentences, about 60 words), and a
speech, address or transcript turned into one *statement* with its key passages instead of one
giant quote. The full words stay on the source page (when its licence allows) and in the data."""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from generator.briefing.records import Briefing, Quote
from generator.derived import TextMemo, code_digest, computed_here, strings

EXCERPT_WORDS = 60
EXCERPT_SENTENCES = 2
STATEMENT_WORDS = 150  # a quote longer than this is a speech or transcript, not a quote
PASSAGES = 5
PASSAGE_WORDS = (12, 45)  # a key passage is a sentence of this many words
# A sentence ends at . ! ? (and a closing quote or bracket) before a space and a capital or opening quote.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"“‘(\[]?[A-Z0-9])")
_CLAUSE_END = re.compile(r"[,;:]\s")
_OPENING_QUOTES = {'"', "“"}


_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "lt.", "col.", "sgt.", "prof."}


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    for part in _SENTENCE_END.split(" ".join(text.split())):
        part = part.strip()
        if not part:
            continue
        last = parts[-1].rsplit(" ", 1)[-1].lower() if parts else ""
        if last in _ABBREVIATIONS or (len(last) == 2 and last[0].isalpha() and last[1] == "."):
            parts[-1] = f"{parts[-1]} {part}"  # "Mr. Smith", "John F. Kennedy": not a sentence end
        else:
            parts.append(part)
    return parts


def excerpt(text: str, words: int = EXCERPT_WORDS, most: int = EXCERPT_SENTENCES) -> str:
    """The quote's first sentences, whole, up to `most` sentences and `words` words; a first sentence
    longer than that is cut at its last clause boundary within the limit, marked with an ellipsis."""
    chosen: list[str] = []
    count = 0
    for sentence in sentences(text)[:most]:
        n = len(sentence.split())
        if chosen and (count + n > words or sentence[:1] in _OPENING_QUOTES):
            break  # (a sentence that opens a quotation starts the next paragraph's quote, spliced on)
        chosen.append(sentence)
        count += n
    if not chosen:
        return ""
    if count <= words:
        return " ".join(chosen)
    head = " ".join(chosen[0].split()[:words])
    cut = [m.start() for m in _CLAUSE_END.finditer(head)]
    if cut and cut[-1] > len(head) // 2:
        head = head[:cut[-1]]
    return head.rstrip(" ,;:-—") + " …"


def key_passages(text: str, most: int = PASSAGES) -> tuple[str, ...]:
    """The statement's passages most worth reading, in text order: sentences of readable length that
    name the most (capitalised words and numbers), the first sentence always among them."""
    found = sentences(text)
    low, high = PASSAGE_WORDS
    scored = []
    for n, sentence in enumerate(found):
        words = sentence.split()
        if not low <= len(words) <= high:
            continue
        weight = sum(1 for w in words[1:] if w[:1].isupper() or any(c.isdigit() for c in w))
        scored.append((-(weight + (3 if n == 0 else 0)), n))
    keep = sorted(n for _, n in sorted(scored)[:most])
    return tuple(found[n] for n in keep)


def _readable(text: str) -> tuple[str, ...]:
    """(excerpt, *key passages): the passages only for a statement."""
    statement = len(text.split()) > STATEMENT_WORDS
    return (excerpt(text), *(key_passages(text) if statement else ()))


def _load(value) -> tuple[str, ...]:
    found = strings(value)
    if not found:
        raise ValueError("no excerpt")
    return found


def readable_quotes(briefing: Briefing, memo: Optional[TextMemo] = None) -> Briefing:
    """`memo`: the previous builds' excerpts and passages (derived.py), by the quote's words."""
    value = memo.value if memo is not None else computed_here
    version = code_digest(__name__)
    quotes = []
    for q in briefing.quotes:
        short, *passages = value("readable-quote", version, q.text, _readable, _load, list)
        statement = len(q.text.split()) > STATEMENT_WORDS
        quotes.append(dataclasses.replace(q, excerpt=short, statement=statement, passages=tuple(passages)))
    return dataclasses.replace(briefing, quotes=quotes)


def is_short(quote: Quote) -> bool:
    return not quote.statement and len(quote.excerpt.split()) <= EXCERPT_WORDS
