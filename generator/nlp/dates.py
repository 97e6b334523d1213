"""Finding date phrases in a sentence and resolving them against the article's date.

News dates are relative: "on Thursday" in a Monday article is four days back, "the previous day"
is relative to the event just described, "next Monday" looks forward. spaCy finds DATE/TIME spans;
this module anchors them. Explicit calendar dates are parsed with `dateparser`. The calendar's
words are data: `data/dates.yml`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Span

from generator.nlp import lexicon

WEEKDAYS = lexicon.ordered("dates", "weekdays")
MONTHS = lexicon.ordered("dates", "months")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER_WORDS = {w: i for i, w in enumerate(lexicon.ordered("dates", "number_words"))}
_FUTURE = re.compile(r"\b(will|shall|next|tomorrow|plans? to|is to|are to|scheduled|going to|expected to)\b", re.I)
_AIMING = frozenset(lexicon.words("dates", "aiming_verbs"))  # "is expected to", "plans to": what is to come
_VAGUE = re.compile(r"\b(coming|recent|past|these|those|several|few|many|every|each|weekend|days?\s+of|"
                    r"years?\s+of|decades?|centur|era|period|times?)\b", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str  # day | month | year
    text: str  # the phrase as written

    @property
    def day(self) -> Optional[dt.date]:
        return dt.date.fromisoformat(self.value) if self.precision == "day" else None


def resolve_phrase(phrase: str, article_date: dt.date, reference: dt.date, future: Optional[bool]) -> Optional[ResolvedDate]:
    """Resolve one date phrase; `reference` is the date of the event the text last spoke of.
    `future` is the sentence's tense: True (will), False (past) or None (present: a calendar date
    without a year is then the nearest one, "the pipeline is closed on 11 July")."""
    text = " ".join(phrase.split())
    low = text.lower()
    if not re.fullmatch(r"this (year|month|week|morning|afternoon|evening)", low):
        low = re.sub(r"^(only|just|as recently as)\s+", "", low)  # "Only yesterday, the General Staff warned"
        low = re.sub(r"^(earlier|later)\s+(?=today|tonight|yesterday)", "", low)  # "Earlier today, the governor said"
        low = re.sub(r"^(on|since|by|until|from|at|in|during|before|after|early|late|this|that)\s+", "", low)
        # "at the end of last month", "the beginning of March": the month, at month precision.
        low = re.sub(r"^(the )?(end|beginning|start|middle|close) of (?=(last |this |early |late )?[a-z]+$)", "", low)
    approximate = re.match(r"(nearly|almost|about|around|some|roughly|more than|over|just over|less than) ", low)
    if approximate:  # "nearly 100 days ago": the month, not a day nobody named
        low = low[approximate.end():]

    def day(d: dt.date) -> ResolvedDate:
        return ResolvedDate(d.isoformat(), "day", text)

    if re.fullmatch(r"(the )?same (day|date)|that (same )?day", low):
        return day(reference)  # "Pro-Russia rallies were held in Germany on the same day"
    if re.fullmatch(r"(the )?(previous day|day before|day earlier|eve)", low):
        return day(reference - dt.timedelta(days=1))
    if re.fullmatch(r"(the )?(next day|following day|day after)", low):
        return day(reference + dt.timedelta(days=1))
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? (earlier|before|ago|later|after)", low)
    if m and (m.group(1) in _NUMBER_WORDS or m.group(1).isdigit() or m.group(1) in {"a", "one"}):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1), 1)
        sign = -1 if m.group(3) in {"earlier", "before", "ago"} else 1
        base = article_date if m.group(3) == "ago" else reference
        if m.group(2) == "year":
            if approximate:  # "some 20 years ago": a year nobody named (and often the wrong one)
                return None
            found = ResolvedDate(str(base.year + sign * n), "year", text)
        elif m.group(2) == "month":
            months = base.year * 12 + base.month - 1 + sign * n
            found = ResolvedDate(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", text)
        else:
            delta = dt.timedelta(days=n * (7 if m.group(2) == "week" else 1))
            found = ResolvedDate((base + sign * delta).strftime("%Y-%m"), "month", text) if approximate \
                else day(base + sign * delta)
        if future is False and found.value > article_date.isoformat()[:len(found.value)]:
            return None  # "three months later, ... an 18-year-old entered a school": told in the past, it
            # counts from a time the text does not date, and lands on no day after the article's
        return found
    if low in {"yesterday", "last night"}:
        return day(article_date - dt.timedelta(days=1))
    if low in {"today", "tonight", "morning", "this morning", "afternoon", "evening", "overnight", "night"}:
        return day(article_date if low in {"today", "tonight"} else reference)
    if low == "tomorrow":
        return day(article_date + dt.timedelta(days=1))
    low = re.sub(r"^(early|late|earlier|later|midday|mid-morning|mid-afternoon|morning|afternoon|evening) (?=(last |next )?"
                 r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday))", "", low)  # "midday Saturday"
    m = re.fullmatch(r"(last |next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"('s)?( (morning|afternoon|evening|night))?", low)
    if m:
        target = WEEKDAYS.index(m.group(2))
        after = (m.group(1) or "").strip() == "next"
        if future or after:
            # "would begin on Thursday" in a Thursday article is that day; "next Thursday" is not.
            ahead = (target - article_date.weekday()) % 7 or (7 if after else 0)
            return day(article_date + dt.timedelta(days=ahead))
        back = (article_date.weekday() - target) % 7
        if (m.group(1) or "").strip() == "last" and back == 0:
            back = 7
        return day(article_date - dt.timedelta(days=back))
    if low in {"last week", "this week", "earlier this week", "later this week", "next week"}:
        return None  # a span of days, not the date of one happening (the gold guidelines' rule)
    if low in {"earlier this month", "this month", "later this month"}:
        return ResolvedDate(article_date.strftime("%Y-%m"), "month", text)
    if low == "last month":
        prev = article_date.replace(day=1) - dt.timedelta(days=1)
        return ResolvedDate(prev.strftime("%Y-%m"), "month", text)
    if low in {"this year", "earlier this year"}:
        return ResolvedDate(str(article_date.year), "year", text)
    if low == "last year":
        return ResolvedDate(str(article_date.year - 1), "year", text)
    return _explicit(text, low, article_date, future)


def _explicit(text: str, low: str, article_date: dt.date, future: Optional[bool]) -> Optional[ResolvedDate]:
    """Calendar dates: '24 February', 'Feb. 24, 2022', 'March 2022', '2014'."""
    if _VAGUE.search(low) or re.search(r"\d\s*[-\u2013]\s*\d", low):
        return None  # "these days", "June 23-24": not one day
    month = next((_MONTH_ABBR[w[:4] if w.startswith("sept") else w[:3]] for w in re.findall(r"[a-z]+", low)
                  if w[:3] in _MONTH_ABBR and (w in MONTHS or len(w) <= 5)), None)
    year_match = re.search(r"\b(19[0-9]{2}|20[0-9]{2})\b", low)
    day_match = re.search(r"\b([0-3]?[0-9])(st|nd|rd|th)?\b(?!\d)", re.sub(r"\b(19|20)\d{2}\b", "", low))
    year = int(year_match.group(1)) if year_match else None
    if month and day_match and 1 <= int(day_match.group(1)) <= 31:
        return _calendar_day(text, year, month, int(day_match.group(1)), article_date, future)
    if month and year:
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", text)
    if month and re.fullmatch(r"(in |early |late |mid-?)?[a-z.]+", low):
        year = article_date.year
        if not future and month > article_date.month:
            year -= 1
        elif future and month < article_date.month:
            year += 1  # "is expected to lift the cap in January", written in July: next January
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", text)
    if year and re.fullmatch(r"(in |since |by )?(19|20)\d{2}", low):
        return ResolvedDate(str(year), "year", text)
    return None


YEARLESS_AHEAD_DAYS = 120  # 'by <day>' in a past tense up to this many days ahead is this year's deadline


def _calendar_day(text: str, year: Optional[int], month: int, day: int, article_date: dt.date,
                  future: Optional[bool]) -> Optional[ResolvedDate]:
    """A day and month: without a year, the nearest such date on or before the article date for
    the past, on or after it for the future ("will open on March 14" in a 14 March article)."""
    try:
        if year is not None:
            return ResolvedDate(dt.date(year, month, day).isoformat(), "day", text)
        candidate = dt.date(article_date.year, month, day)
        if future is None:  # present tense: the nearest such date, before or after
            others = [dt.date(article_date.year + k, month, day) for k in (-1, 1)]
            candidate = min([candidate, *others], key=lambda d: abs((d - article_date).days))
        elif future and candidate < article_date:
            candidate = dt.date(article_date.year + 1, month, day)
        elif not future and candidate > article_date + dt.timedelta(days=1):
            # A past tense is last year's date ("was closed on 11 July", in June), except a deadline a
            # few months ahead ("developed a plan to rebuild the schools by September 1", in June).
            if not text.lower().startswith("by ") or (candidate - article_date).days > YEARLESS_AHEAD_DAYS:
                candidate = dt.date(article_date.year - 1, month, day)
    except ValueError:
        return None  # 30 February
    return ResolvedDate(candidate.isoformat(), "day", text)


def tense(span: Span) -> Optional[bool]:
    """True for the future ("will meet on Monday", "said it would begin on Thursday"), False for the
    past, None for a plain present ("the pipeline is closed for inspection on 11 July")."""
    if is_future(span):
        return True
    verb = span.root.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.tag_ in {"VBG", "VB"} and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head  # "would begin issuing salaries on Thursday": the tense is on "begin"
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    finite = auxes[0] if auxes else verb
    if verb.tag_ == "VB" and finite.tag_ == "TO":
        # an aim: "set a task to restore the schools by September 1"; an infinitive hung on a past verb
        # may carry that verb's date ("heard about Osor's dream to become a firefighter on December 5",
        # in a 27 December article: the 5th just gone, not next December): the nearest such date
        return None if verb.dep_ == "advcl" and verb.head.tag_ == "VBD" else True
    if finite.tag_ == "MD":
        return finite.lower_ in {"will", "shall", "would", "'ll"} or None
    return None if finite.tag_ in {"VBZ", "VBP"} else False


def is_future(span: Span) -> bool:
    """Whether the sentence around `span` speaks of the future ("will meet on Monday")."""
    sent = span.sent
    head = span.root.head
    while head.dep_ not in {"ROOT", "ccomp", "advcl", "relcl", "conj"} and head.head.i != head.i:
        if head.dep_ == "xcomp" and head.head.lemma_ in _AIMING:
            # "is expected to have a call on Thursday", "plans to visit Kyiv on Monday"; not a plan
            # already past when it was told ("had planned to evacuate civilians on Friday")
            return not any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in head.head.children)
        head = head.head
    auxes = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if head.dep_ == "advcl" and head.tag_ == "VBG":  # "Starting in September, students will be required"
        auxes |= {c.lower_ for c in head.head.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"will", "shall", "'ll"}:
        return True
    if span.text.lower().startswith("next "):
        return True
    if re.search(r"\bas (soon|early) as\s*$", sent.text[: span.start_char - sent.start_char], re.I):
        return True  # "could begin as soon as Saturday"
    window = sent.text[max(0, span.start_char - sent.start_char - 40): span.start_char - sent.start_char]
    return bool(re.search(r"\b(will|shall|(?<!had )scheduled|(?<!had )planned|plans to|is to|are to|due to)\b[^.]*$",
                          window, re.I))
