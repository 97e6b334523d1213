"""Dated events: sentences that report something happening, dated against the article, each with a
headline candidate (headlines.py) and the words the story stage groups them by (generator/stories).
The event nouns and synonyms that decide this are data: `data/events.yml`."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import re
from typing import Optional

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Doc, Span, Token

from generator.nlp import gazetteer, headlines, lexicon
from generator.nlp.actors import ArticleActors
from generator.nlp.speakers import SpeakerResolver
from generator.nlp.dates import ResolvedDate, is_future, resolve_phrase, tense
from generator.briefing.records import Event, EventSource

_DATE_WORDS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
                         r"tonight|tomorrow|previous day|day before|same day|that day|earlier|ago|later|last week|this week|"
                         r"this month|last month|this year|last year|overnight|january|february|march|april|"
                         r"may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
                         r"\d{4})\b", re.I)
# Words that name the same kind of happening, folded so that reports in other words still merge.
_SYNONYMS = lexicon.table("events", "synonyms")
HAPPENINGS = frozenset(_SYNONYMS.values())  # the kinds of happening synonyms fold to (talks, attack, call ...)
# Headlines of readouts: their undated past-tense sentences report what happened that day.
READOUT = re.compile(r"\b(telephone|phone) (conversation|call)|\bconversation with|\bmeeting\b|\bmet with\b|"
                     r"\btalks\b(?!\s+about)|video ?conference|\bvisit\b|\bcall with\b", re.I)  # ("Anyone Talks About")
_EVENT_NOUNS = lexicon.words("events", "event_nouns")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_STOP_LEMMAS = lexicon.words("events", "stop_lemmas")
_DATED_THINGS = lexicon.words("events", "dated_things")
_TITLE_DEPENDENCIES = lexicon.words("events", "title_dependencies")
_CIRCUMSTANCE_PREPOSITIONS = lexicon.words("events", "circumstance_prepositions")
_CIRCUMSTANCE_NOUNS = lexicon.words("events", "circumstance_nouns")
_COMPARISON_WORDS = lexicon.words("events", "comparison_words")
_COMPARISON_NOUNS = lexicon.words("events", "comparison_nouns")
_HABITUAL = lexicon.words("events", "habitual_words")
_PERFORMATIVE = lexicon.words("events", "performative_lemmas")
_AGENDA = lexicon.words("events", "agenda_lemmas")
_GREETING = lexicon.words("events", "greeting_words")
_CORE_DEPENDENCIES = lexicon.words("events", "core_dependencies")
_WEEKDAYS = lexicon.words("dates", "weekdays")


def event_id(date: str, title: str, sentence: str) -> str:
    return "e-" + hashlib.sha1(f"{date}\n{' '.join(sentence.split())}".encode()).hexdigest()[:10]


def extract_events(doc: Doc, article: str, article_date: dt.date, actors: ArticleActors,
                   quoted: list[tuple[int, int]], readout: bool = False,
                   turns: list[tuple[int, int]] = ()) -> list[Event]:
    """One event per dated clause: the verb a date phrase belongs to, with its subject and object.

    "Delegates sat down Monday ... since Russia launched its invasion five days earlier" gives two
    events; a relative phrase ("the previous day") counts from the day the article is mostly about,
    or from an earlier date in the same sentence."""
    events: list[Event] = []
    seen_days: list[dt.date] = []
    ents_by_sent: dict[int, list] = {}
    for ent in doc.ents:  # sent.ents scans every entity of the document: group them once
        ents_by_sent.setdefault(ent.sent.start, []).append(ent)
    quoted, turns = sorted(quoted), sorted(turns)
    quoted_starts, turn_starts = [s for s, _ in quoted], [s for s, _ in turns]
    named, resolve = _subject_names(doc, actors, quoted)
    for sent in doc.sents:
        spoken = _mostly_quoted(sent, quoted, quoted_starts)
        reference = _main_day(seen_days) or article_date
        used: set[tuple[int, str]] = set()
        dated = _sentence_dates(sent, ents_by_sent.get(sent.start, []), article_date, reference)
        if spoken:
            # A speaker's own report of a dated past happening ('"Yesterday, the Russian delegation
            # received our proposals"') is news; their undated or present-tense words are not.
            # So is the attribution's own date ("Speaking to DPA on Friday, Scholz said: “...”").
            dated = [(p, r) for p, r in dated if r.text.lower() not in {"today", "tonight", "this morning"}
                     and (v := _governing_verb(p)) is not None and (v.tag_ in {"VBD", "VBN"} or len(p) and r.text
                                                                   and not _overlapping(quoted, quoted_starts, v.idx, v.idx + 1))]
        elif not dated and (readout or _reports_meeting(sent)) and _named_past_statement(sent, actors) \
                and not _overlapping(turns, turn_starts, sent.start_char, sent.start_char + 1):  # a speaker's past
            dated = [(sent[0:0], ResolvedDate(article_date.isoformat(), "day", ""))]
        for phrase, resolved in dated:
            verb = _governing_verb(phrase)
            if verb is not None and verb.tag_ in {"VBG", "VB"} and verb.dep_ in {"xcomp", "advcl"} \
                    and verb.head.pos_ in {"VERB", "AUX"} and _reports_action(verb.head):
                verb = verb.head  # "was killed fighting in late April", "would start using it from 1 May"
            if verb is not None and verb.pos_ == "NOUN" and verb.dep_ in {"dobj", "nsubjpass"} \
                    and verb.head.pos_ == "VERB" and _reports_action(verb.head):
                verb = verb.head  # "signed an agreement on Friday": the signing, with who signed it
            if verb is None or (verb.i, resolved.value) in used or not _reports_action(verb, _names_a_day(resolved)):
                continue
            if not spoken and _overlapping(quoted, quoted_starts, verb.idx, verb.idx + 1):
                continue
            used.add((verb.i, resolved.value))
            if resolved.day:
                seen_days.append(resolved.day)
                reference = resolved.day
            clause = _clause(verb)
            sentence = " ".join(sent.text.split())
            names = actors.keys_between(clause[0].i, clause[-1].i + 1) or actors.keys_between(sent.start, sent.end)
            tokens = title_tokens(verb, clause, phrase)
            title = event_title(verb, clause, tokens)
            headline, form = headlines.headline(verb, tokens, named, resolve)
            # a quoted report dated on its attribution ("...by September 1," X said): the words that say
            # what happened (and what kind of happening) are the quote's, not the clause of "said"
            on_attribution = spoken and not _overlapping(quoted, quoted_starts, verb.idx, verb.idx + 1)
            keywords = content_lemmas(sent if on_attribution else clause)
            events.append(Event(
                id=event_id(resolved.value, title, f"{sentence}\n{resolved.text}"), date=resolved.value,
                precision=resolved.precision, title=title, actor_names=names,
                sources=(EventSource(article=article, sentence=sentence, date_text=resolved.text),),
                keywords=tuple(sorted(keywords)), headline=headline, form=form,
                # ahead of its article, or on its day in the future tense ("is expected to call on Thursday")
                scheduled=resolved.value > article_date.isoformat()[:len(resolved.value)] or (
                    resolved.value == article_date.isoformat() and len(phrase) > 0 and is_future(phrase)),
                terms=tuple(sorted(content_lemmas(sent))),
                kinds=tuple(sorted(keywords & HAPPENINGS if on_attribution else _kinds(verb, clause))),
            ))
    if readout and turns and not any(e.date == article_date.isoformat() for e in events):
        opening = _opening_of(doc, sorted(turns))
        if opening is not None:  # a meeting's transcript with no narrative lead: the meeting, on its day
            sentence, day = " ".join(opening.text.split()), article_date.isoformat()
            terms = content_lemmas(opening)
            events.append(Event(
                id=event_id(day, sentence[:80], f"{sentence}\n"), date=day, precision="day", title=sentence[:80],
                actor_names=actors.keys_between(opening.start, opening.end),
                sources=(EventSource(article=article, sentence=sentence, date_text=""),),
                keywords=tuple(sorted(terms)), headline="", form="none", terms=tuple(sorted(terms)),
                kinds=tuple(sorted(terms & HAPPENINGS))))
    return events


OPENING_MIN_TOKENS = 4  # words: shorter first sentences of a speech are forms of address ("Colleagues,")


def _opening_of(doc: Doc, turns: list[tuple[int, int]]) -> Optional[Span]:
    """Where a meeting whose record is only its transcript is told: in the first turn, the first sentence
    doing what the meeting is for ("I order ...", "I would like to congratulate you on ...", "Let us
    talk about ..."), else the first that is no greeting or question."""
    start, end = turns[0]
    first = None
    for sent in doc.sents:
        if sent.end_char <= start:
            continue
        if sent.start_char >= end:
            break
        inside = [t for t in sent if t.idx >= start]  # (the turn's label, "Vladimir Putin:", is no part of it)
        words = [t for t in inside if not t.is_punct]
        if len(words) < OPENING_MIN_TOKENS or sent.text.rstrip().endswith("?") \
                or any(t.lower_ in _GREETING for t in words):
            continue
        span = doc[inside[0].i: sent.end]
        if any(t.lemma_.lower() in _PERFORMATIVE for t in words) \
                or words[0].lower_ == "let" and any(t.lemma_.lower() in _AGENDA for t in words[1:4]):
            return span
        first = first or span
    return first


def extract_reports(doc: Doc, article: str, article_date: dt.date, actors: ArticleActors,
                    quoted: list[tuple[int, int]], events: list[Event],
                    turns: list[tuple[int, int]] = ()) -> list[Event]:
    """Undated sentences of the article's own report that tell, in the past, of a kind of happening
    ("The missile that hit Freedom Square ..."): not events (no date of their own), but the story
    stage lets them join the story of a dated event near the article's date, so that an outlet telling
    of it counts."""
    quoted, turns = sorted(quoted), sorted(turns)
    quoted_starts, turn_starts = [s for s, _ in quoted], [s for s, _ in turns]
    dated = {src.sentence for e in events for src in e.sources}
    reports: list[Event] = []
    for sent in doc.sents:
        sentence = " ".join(sent.text.split())
        if sentence in dated or len(sent) < 5 or _mostly_quoted(sent, quoted, quoted_starts) \
                or _overlapping(turns, turn_starts, sent.start_char, sent.end_char):
            continue
        terms = content_lemmas(sent)
        if not terms & HAPPENINGS or sentence.endswith("?") or _tells_future(sent) or not _tells_past(sent):
            continue
        reports.append(Event(
            id="r-" + hashlib.sha1(f"{article}\n{sentence}".encode()).hexdigest()[:10],
            date=article_date.isoformat(), precision="day", title=sentence[:80],
            actor_names=actors.keys_between(sent.start, sent.end),
            sources=(EventSource(article=article, sentence=sentence, date_text=""),),
            keywords=tuple(sorted(content_lemmas(sent.root.subtree if sent.root.pos_ in {"VERB", "AUX"} else sent))),
            terms=tuple(sorted(terms))))
    return reports


def _tells_past(sent: Span) -> bool:
    """A past tense or participle somewhere ("the missile that hit ...", "Kyiv was attacked"): news of
    what happened, not rhetoric in the present ("When bombs fall in Kyiv, this happens in Europe")."""
    return any(t.tag_ in {"VBD", "VBN"} for t in sent)


def _tells_future(sent: Span) -> bool:
    """'The talks will resume', 'Kyiv is going to respond': what is to come joins no past story."""
    return any(t.dep_ == "aux" and (t.lower_ in {"will", "shall", "'ll"}
                                    or t.lower_ == "to" and t.head.head.lower_ == "going") for t in sent)


def _subject_names(doc: Doc, actors: ArticleActors, quoted: list[tuple[int, int]]):
    """Two lookups for headlines: the actor a token names, and the actor a pronoun or relative
    stands for (the speaker rules' own pronoun resolution; None when the article does not say)."""
    speakers = SpeakerResolver(doc, doc.text, actors, quoted)

    def named(token: Token) -> Optional[str]:
        key = actors.key_of(doc[token.i: token.i + 1])
        return actors.mentions[key].name if key in actors.mentions else None

    def resolve(token: Token) -> Optional[str]:
        if token.lower_ in headlines.RELATIVES:
            antecedent = token.head.head if token.head.dep_ == "relcl" else None
            if antecedent is None or antecedent.pos_ not in {"PROPN", "NOUN"}:
                return None
            if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in {"PROPN", "NOUN"}:
                return None  # "the NATO Summit in Madrid, which will take place": the summit or Madrid?
            return next((n for t in headlines.noun_phrase(antecedent) if (n := named(t))), None)
        found = speakers.pronoun(token)
        key = found.speaker if found else None
        return actors.mentions[key].name if key in actors.mentions else None

    return named, resolve


def _names_a_day(resolved: ResolvedDate) -> bool:
    """A date phrase other than the article's own day: a present tense with it reports a happening
    ("The festival resumes this year"); with "today" it is commentary ("They follow the example today")."""
    return bool(resolved.text) and resolved.text.lower() not in {"today", "tonight", "now", "this morning"}


def _reports_meeting(sent: Span) -> bool:
    """'X had a phone conversation with Y', 'X held talks with Y': a readout's own news of the day."""
    root = sent.root
    return root.lemma_ in {"have", "hold"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _EVENT_NOUNS for c in root.children)


def _named_past_statement(sent: Span, actors: ArticleActors) -> bool:
    """'Vladimir Putin had a telephone conversation with ...': past tense, a named actor as subject."""
    root = sent.root
    if root.tag_ != "VBD":
        return False
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(actors.key_of(sent.doc[t.i: t.i + 1]) for s in subjects for t in s.subtree)


def _overlapping(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The sorted, non-overlapping character spans that overlap [start, end) (a binary search)."""
    n = max(0, bisect.bisect_right(starts, start) - 1)
    found = []
    while n < len(spans) and spans[n][0] < end:
        if spans[n][1] > start:
            found.append(spans[n])
        n += 1
    return found


def _mostly_quoted(sent: Span, quoted: list[tuple[int, int]], starts: list[int]) -> bool:
    inside = sum(min(e, sent.end_char) - max(s, sent.start_char)
                 for s, e in _overlapping(quoted, starts, sent.start_char, sent.end_char))
    return inside > 0.5 * (sent.end_char - sent.start_char)


def _main_day(days: list[dt.date]) -> Optional[dt.date]:
    """The day the article has mostly spoken of so far (ties: the most recent mention)."""
    if not days:
        return None
    counts: dict[dt.date, int] = {}
    for d in days:
        counts[d] = counts.get(d, 0) + 1
    best = max(counts.values())
    return next(d for d in reversed(days) if counts[d] == best)


def _sentence_dates(sent: Span, ents: list, article_date: dt.date, reference: dt.date):
    """Date phrases of a sentence in text order with their resolution; a relative phrase counts from
    the previous phrase of the same sentence, and a list shares its year ("January 11 and November 26,
    2021"). The end of a range ("until March 2") dates no happening of its own."""
    found: list[tuple[Span, ResolvedDate]] = []
    spans = [_before_preposition(e) for e in ents if e.label_ in {"DATE", "TIME"}]
    covered = {i for e in spans for i in range(e.start, e.end)}
    for match in _UNTAGGED_DATE.finditer(sent.text):
        span = sent.char_span(match.start(), match.end())
        if span is not None and not any(i in covered for i in range(span.start, span.end)):
            spans.append(span)
    phrases = _date_phrases(sorted(spans, key=lambda s: s.start))
    years = _list_years(phrases)
    for (span, text), year in zip(phrases, years):
        if span.label_ == "DATE" and not _DATE_WORDS.search(text):
            continue
        before = span.doc[span.start - 1].lower_ if span.start > sent.start else ""
        if before == "good" and text.lower() in {"morning", "afternoon", "evening", "night", "day"}:
            continue  # "Good afternoon, colleagues": a greeting
        when = ", when" in span.doc[span.end: span.end + 4].text  # "since Saturday night, when X ordered ..."
        if before in {"from", "between"} and _range_follows(span) or _year_as_modifier(span) or _quoted_alone(span) \
                or _names_a_thing(span.root) and span.root.head.lemma_.lower() not in _EVENT_NOUNS \
                and not _YEAR.fullmatch(span.text):
            # ... and "Sunday schools", "the 100-day mark" name things too (not "the February 24 invasion";
            # a year before a noun dates it unless the noun is a dated thing: "the 2016 hack", "2019 levels")
            continue  # "from 2010 to 2020" is a period; "the 1948 Genocide Convention", "the song '1944'" name things
        if before in {"to", "until", "till", "through"} or before == "since" and not when \
                or text.lower() in {"overnight", "night"}:
            continue  # a range's end, a state's start ("missing since late April"), a span of hours
        if before == "for" and span.doc[span.start - 1].head.pos_ in {"NOUN", "PROPN"} \
                and span.doc[span.start - 1].head.i < span.start - 1:
            continue  # "offered a ceasefire for Wednesday": the date of the thing offered, not of the offer
        if _compared(span):
            continue  # "13 percent less than in April 2020": the date compared with, not the happening's
        if _habitual(span):
            continue  # "Japan annually commemorates the victims in August": a custom, no happening
        if before in {"on", "since", "by"}:
            text = f"{span.doc[span.start - 1].text} {text}"
        # "before the beginning of the school year on September 1": a deadline, like "by September 1"
        asked = "by " + re.sub(r"^on ", "", text) if not text.lower().startswith("by ") and _deadline(span) else text
        resolved = resolve_phrase(f"{asked}, {year}" if year else asked, article_date, reference, tense(span))
        if resolved is not None:
            found.append((span, dataclasses.replace(resolved, text=text)))
            if resolved.day:
                reference = resolved.day
    return found


# Date phrases the small model often leaves untagged: weekdays, "nearly 100 days ago".
_UNTAGGED_DATE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b((nearly|almost|about|"
                            r"around|some|roughly|more than|over) )?(\d{1,3}|an?|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten|eleven|twelve) (days?|weeks?|months?|years?) ago\b"
                            r"|(?<=[Ee]arlier )today\b")  # the small model misses "Earlier today, the governor said"


def _compared(span: Span) -> bool:
    """A date the sentence compares with: "than (in) April 2020", "compared with May 2021", "the figure
    for May 2021"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(span.start - 3, span.sent.start): span.start]]
    return any(w in _COMPARISON_WORDS for w in before) or len(before) >= 2 and before[-1] in {"for", "of"} \
        and before[-2] in _COMPARISON_NOUNS


def _habitual(span: Span) -> bool:
    """A date of something done every year: "annually commemorates ... in August", "every August"."""
    doc = span.doc
    if span.start > span.sent.start and doc[span.start - 1].lower_ in _HABITUAL:
        return True
    verb = next((a for a in span.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children)


def _before_preposition(span: Span) -> Span:
    """A date entity the model ran past a preposition ("May after months"): the date before it."""
    cut = next((t.i for t in span[1:] if t.lower_ in {"after", "before"}), None)
    return span.doc[span.start: cut] if cut is not None else span


def _quoted_alone(span: Span) -> bool:
    """A date phrase that is all of a quotation names a work ('won Eurovision with "1944," a song'),
    not a day."""
    doc = span.doc
    if span.start == 0 or not doc[span.start - 1].is_quote:
        return False
    after = span.end
    if after < len(doc) and doc[after].is_punct and not doc[after].is_quote:
        after += 1  # the comma inside the quotation marks
    return after < len(doc) and doc[after].is_quote


def _range_follows(span: Span) -> bool:
    """"from 2010 [to 2020]", "between May [and July]": the phrase opens a period, not a happening."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in {"to", "through", "until", "till", "and", "-", "–"}:
        return False
    return doc[span.end + 1].ent_type_ in {"DATE", "TIME"} or doc[span.end + 1].is_digit


def _year_as_modifier(span: Span) -> bool:
    """A bare year before a noun that names a thing, not a happening (`dated_things`): "the 1948
    Genocide Convention", "her 2018 book" (but "the 2016 hack", "Russia's 2014 invasion" are happenings);
    or right after the capitalised name of one, as laws are named: "the Official Secrets Act 1911"."""
    if len(span) != 1 or not _YEAR.fullmatch(span.text):
        return False
    head = span.root.head
    before = span.doc[span.root.i - 1] if span.root.i > 0 else None
    if before is not None and before.text[:1].isupper() and before.lemma_.lower() in _DATED_THINGS \
            and before.sent == span.root.sent:
        return True
    return span.root.dep_ in {"compound", "nummod", "amod", "nmod"} and head.i > span.root.i \
        and head.lemma_.lower() in _DATED_THINGS


def _deadline(span: Span) -> bool:
    """Whether the date phrase hangs, within a few words, from "before" or "by" ("schools before
    the beginning of the school year on September 1")."""
    token = span.root
    for _ in range(4):
        if token.head.i == token.i or token.head.pos_ in {"VERB", "AUX"}:
            return False
        token = token.head
        if token.dep_ == "prep" and token.lower_ in {"before", "by"}:
            return True
    return False


def _date_phrases(spans: list) -> list[tuple[Span, str]]:
    """Join a date and the year the model tagged apart: 'November 9' ',' '2020'."""
    phrases: list[tuple[Span, str]] = []
    for span in spans:
        if phrases and _YEAR.fullmatch(span.text) and not _YEAR.search(phrases[-1][1]):
            last, text = phrases[-1]
            between = span.doc[last.end: span.start]
            if all(t.text == "," for t in between) and len(between) <= 1:
                phrases[-1] = (span.doc[last.start: span.end], f"{text}, {span.text}")
                continue
        phrases.append((span, span.text))
    return phrases


def _list_years(phrases: list[tuple[Span, str]]) -> list[Optional[str]]:
    """The year a yearless date borrows from the next date of its list ('and', ',' between them)."""
    years: list[Optional[str]] = [None] * len(phrases)
    for i in range(len(phrases) - 2, -1, -1):
        span, text = phrases[i]
        following, next_text = phrases[i + 1]
        year = years[i + 1] or (m.group(0) if (m := _YEAR.search(next_text)) else None)
        between = span.doc[span.end: following.start]
        if year and not _YEAR.search(text) and len(between) <= 2 and all(
                t.lower_ in {",", "and", "or"} for t in between) and re.search(r"[A-Za-z]+ \d|\d+ [A-Za-z]", text):
            years[i] = year
    return years


def _governing_verb(span: Span) -> Optional[Token]:
    """The verb (or event noun: 'their talks in Beijing on February 4') a date phrase belongs to."""
    if not len(span):
        return span.sent.root if span.sent.root.pos_ in {"VERB", "AUX"} else None
    token = span.root
    for _ in range(12):
        if token.i != span.root.i and token.pos_ == "NOUN" and token.lemma_.lower() in _EVENT_NOUNS:
            return token
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _reports_action(verb: Token, dated: bool = True) -> bool:
    """Past (or future) happenings, with a subject: not present-tense commentary. A present tense
    reports a happening only with a date phrase other than today's ("The festival resumes this year")."""
    if verb.pos_ == "NOUN":
        return True  # an event noun: "talks", "the attack"
    if verb.dep_ == "acl":
        return verb.tag_ in {"VBD", "VBN"}  # "after the discussions ended Monday"
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if verb.lemma_ in {"be", "have", "seem", "appear"} and not objects & _EVENT_NOUNS and not any(
            c.dep_ in {"acomp", "attr", "prep"} for c in verb.children):
        return False  # "had" alone says nothing; "had a phone conversation" does
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    past = verb.tag_ in {"VBD"} or (verb.tag_ in {"VBN", "VBG"} and bool(auxes & {"has", "have", "had", "was", "were", "been"}))
    # "would begin on Thursday"; hedged, "could begin as soon as Saturday", "may resume in January"
    future = bool(auxes & {"will", "shall", "'ll"}) or dated and bool(auxes & {"would", "could", "may", "might"})
    present = dated and verb.tag_ in {"VBZ", "VBP"} and verb.lemma_ != "be" and not auxes
    head = verb
    while not _subject_of(head) and head.dep_ in {"conj", "xcomp", "advcl"} and head.head.i != head.i:
        head = head.head
    return (past or future or present or verb.tag_ == "VBN") and _subject_of(head)


def _subject_of(verb: Token) -> bool:
    """Whether the verb has a subject, also one the parser took for a date's name ("In April Phillips
    drew condemnation": "April Phillips" read as one name, the object of "In")."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} or c.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ != "DATE" and any(
            d.dep_ == "compound" and d.ent_type_ == "DATE" for d in g.children) for g in c.children)
        for c in verb.children)


def _clause(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree without the clauses that hang from it, nor the phrases
    that give its cause or circumstance ("Due to the launch of ..., Zelensky held a meeting" tells of
    a meeting, not of the launch)."""
    skip = {"ccomp", "advcl", "relcl", "conj", "parataxis"}
    tokens = [verb, *_described(verb)]
    for child in verb.children:
        if child.dep_ in skip or child.dep_ == "cc" or (child.dep_ == "punct") or _circumstance(child):
            continue
        tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _core(verb: Token) -> list[Token]:
    """The verb (or event noun), the heads of its subject and objects, and the words compounded to
    them: what the clause says happened. "Putin's decision to invade Ukraine has wreaked havoc on
    markets" tells of markets, though its subject names an invasion; "Explosions and airstrikes have
    been heard" tells of an attack, though its verb is "heard"."""
    core = [verb, *_described(verb)]
    heads = [c for c in verb.children if c.dep_ in _CORE_DEPENDENCIES]
    for head in heads:
        if head.pos_ in {"VERB", "AUX"}:  # "began to bomb military infrastructure"
            heads.extend(c for c in head.children if c.dep_ in _CORE_DEPENDENCIES and c not in heads)
    for head in heads:
        core.append(head)
        core.extend(c for c in head.children if c.dep_ in {"compound", "conj"})
    return core


def _kinds(verb: Token, clause: list[Token]) -> set[str]:
    """The kinds of happening the clause's core names; when it names none ("developed a plan on the
    reconstruction of schools"), those of the clause outside its subject (whose own clauses, as in
    "Putin's decision to invade", tell of something else)."""
    kinds = content_lemmas(_core(verb)) & HAPPENINGS
    if kinds or verb.pos_ == "NOUN":  # an event noun is its own kind: an address announcing an invasion
        return kinds
    subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"} for t in c.subtree}
    return content_lemmas(t for t in clause if t.i not in subject) & HAPPENINGS


def _described(verb: Token) -> list[Token]:
    """The noun a relative or participle clause describes, and the name that noun stands beside:
    "Crimea, a region of Ukraine that Moscow seized in 2014" tells of Crimea; "after the discussions
    ended Monday" of the discussions."""
    if verb.dep_ not in {"relcl", "acl"} or verb.head.i == verb.i:
        return []
    head = verb.head
    return [head, head.head] if head.dep_ == "appos" else [head]


def _circumstance(child: Token) -> bool:
    """A preposition of cause or circumstance ("due to", "amid", "in response to"), not a date's own."""
    if child.dep_ != "prep" or any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree):
        return False
    if child.lower_ in _CIRCUMSTANCE_PREPOSITIONS:
        return True
    return child.lower_ == "in" and any(c.dep_ == "pobj" and c.lemma_.lower() in _CIRCUMSTANCE_NOUNS
                                        for c in child.children)


def title_tokens(verb: Token, clause: list[Token], phrase: Optional[Span] = None) -> list[Token]:
    """The clause's subject, verb and objects, without the date phrase (`phrase`, the one that dates
    the event, and any other that dates the verb) or asides. A date inside a thing's name stays:
    "exceeded 2019 levels", "passed the 100-day mark"."""
    keep = {verb.i}
    if verb.dep_ == "acl":  # "after the discussions ended Monday": the noun is the subject
        keep.update(t.i for t in verb.head.lefts if t.dep_ in {"det", "amod", "compound", "poss"})
        keep.add(verb.head.i)
    for child in verb.children:
        asides = {t.i for x in child.subtree if headlines.comma_aside(x) for t in x.subtree}
        # (with what the act was for, "signed an agreement to free ... grain", and a particle the parser
        # hung as an adverb, "brushed away tears")
        if child.dep_ in _TITLE_DEPENDENCIES or headlines.purpose_clause(child) or child.tag_ == "RP":
            if child.dep_ == "prep" and (any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree)
                                         or _circumstance(child)):
                continue
            if headlines.dash_aside(child):
                continue
            keep.update(t.i for t in child.subtree if (t.dep_ not in {"appos", "relcl"} or headlines.name_beside(t))
                        and t.i not in asides
                        and not any(a.dep_ in {"appos", "relcl"} and verb.is_ancestor(a) and not headlines.name_beside(a)
                                    for a in t.ancestors) and t.lower_ not in _WEEKDAYS)
    doc = verb.doc
    dated = {i for i in keep | {t.i for t in clause} if doc[i].ent_type_ in {"DATE", "TIME"}
             and not _names_a_thing(doc[i])}
    if phrase is not None:
        dated |= {t.i for t in phrase}
    return [doc[i] for i in sorted(keep) if i not in dated
            and not (doc[i].tag_ == "POS" and i - 1 in dated)
            and not (doc[i].lower_ in {"on", "since", "by", "at", "in"} and i + 1 in dated)
            # "from August through March" without its dates leaves "from through": a preposition whose
            # every word below it is a date goes with them
            and not (doc[i].dep_ == "prep" and any(True for _ in doc[i].children)
                     and all(t.i in dated for c in doc[i].children for t in c.subtree))]


def _names_a_thing(token: Token) -> bool:
    """A date word that modifies a noun which is no date ("2019 levels", "the 100-day mark"): part of
    that noun's phrase, not the event's date."""
    head = token
    while head.ent_type_ in {"DATE", "TIME"} and head.dep_ in {"nummod", "compound", "amod", "punct", "quantmod"} \
            and head.head.i != head.i:
        head = head.head
    return head.i != token.i and head.ent_type_ not in {"DATE", "TIME"} and head.pos_ == "NOUN" \
        and head.dep_ in {"dobj", "attr", "pobj", "nsubj", "nsubjpass"}


def event_title(verb: Token, clause: list[Token], tokens: Optional[list[Token]] = None) -> str:
    """A short title: the clause's subject, verb and objects, without the date phrase or asides."""
    tokens = title_tokens(verb, clause) if tokens is None else tokens
    words = [t.text for t in tokens if not (t.is_punct and t.text not in {"-", "'", "%"})]
    text = " ".join(words).replace(" 's", "'s").replace(" n't", "n't").replace(" - ", "-")
    parts = text.split()
    if len(parts) > 16:
        cut = 16
        while cut > 8 and parts[cut - 1].lower() in {"and", "or", "of", "the", "a", "to", "in", "on", "with", "for"}:
            cut -= 1
        text = " ".join(parts[:cut]) + " …"
    return text[:1].upper() + text[1:] if text else verb.sent.text[:80]


def content_lemmas(tokens) -> set[str]:
    """Content words (synonyms folded, nationalities to countries) that say what happened."""
    words = set()
    for t in tokens:
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
