"""A small hand-built briefing for the feed, export and JSON-LD tests: every kind of story a feed must
choose from (dated to the day, month and year, bare, coming, hostile), articles with full text and with
excerpts only, safe and unsafe URLs, quotes with and without a resolved speaker, and a statement."""
from __future__ import annotations

import copy

SITE = "https://example.org/briefing/"
HOSTILE_HEADLINE = '</title><script>alert(1)</script> ]]> & "quoted" <!-- x'
HOSTILE_QUOTE = "</script><script>alert(1)</script><!-- \u2028 & more"
UNCITED = "UNCITED-SENTENCE this sentence of the article is cited by nothing and must never be exported."
SPEECH = "SPEECH-BODY " + "a long address that goes on " * 40

ARTICLES = [
    {"id": "a1", "file": "a1.md", "title": "Talks in Kyiv", "date": "2022-03-02", "source": "Outlet A",
     "url": "https://outlet-a.example/talks", "license": "CC-BY-4.0",
     "text": f"Putin met envoys in Kyiv on Wednesday. {UNCITED} The talks ended late."},
    {"id": "a2", "file": "a2.md", "title": "A second account", "date": "2022-03-03", "source": "Outlet B",
     "url": "javascript:alert(1)", "excerpts": ["Envoys met Putin in Kyiv on Thursday."]},
    {"id": "a3", "file": "a3.md", "title": "The UN's statement", "date": "2022-03-04", "source": "Outlet A",
     "url": "", "license": "CC-BY-4.0", "text": f"The UN said it would send aid in March. {SPEECH}"},
    {"id": "a4", "file": "a4.md", "title": "=HYPERLINK(\"http://evil.example\")", "date": "2022-03-05",
     "source": "Outlet B", "url": "https://outlet-b.example/a4", "license": "CC-BY-4.0",
     "text": "Last year the budget grew. Something hostile happened."},
]

ACTORS = [
    {"id": "putin", "name": "Vladimir Putin", "kind": "person", "aliases": ["Putin"], "articles": ["a1", "a2", "a4"],
     "role": "President of Russia", "confidence": 0.95},
    {"id": "kyiv", "name": "Kyiv", "kind": "place", "aliases": [], "articles": ["a1", "a2"], "confidence": 0.9},
    {"id": "un", "name": "United Nations", "kind": "organization", "aliases": ["UN"], "articles": ["a3"],
     "confidence": None},
]
ACTOR_PAGES = {"putin", "kyiv"}  # the UN has no page of its own


def _story(story_id: str, date: str, precision: str, headline: str, articles: list[str], actors: list[str],
           **extra) -> dict:
    story = {"id": story_id, "date": date, "precision": precision, "headline": headline, "status": "past",
             "events": [story_id], "articles": articles, "outlets": 1, "actors": actors,
             "first_reported": "2022-03-02", "last_reported": "2022-03-05", "disputed": False, "scheduled": False,
             "dates": [{"date": date, "articles": articles}], "method": "named", "confidence": 0.9, "pinned": False}
    story.update(extra)
    return story


STORIES = [
    _story("s-day", "2022-03-02", "day", "Putin meets envoys in Kyiv", ["a1", "a2"], ["putin", "kyiv"], outlets=2,
           disputed=True, dates=[{"date": "2022-03-02", "articles": ["a1"]}, {"date": "2022-03-03", "articles": ["a2"]}]),
    _story("s-month", "2022-03", "month", "UN to send aid", ["a3"], ["un"]),
    _story("s-year", "2021", "year", "Budget grew", ["a4"], []),
    _story("s-bare", "2022-03-05", "day", "", ["a4"], ["putin"]),
    _story("s-coming", "2022-04-01", "day", "Summit to be held", ["a1"], ["putin"], status="coming", scheduled=True),
    _story("s-hostile", "2022-03-04", "day", HOSTILE_HEADLINE, ["a4"], ["putin"]),
]

EVENT_SENTENCES = {
    "s-day": [("a1", "Putin met envoys in Kyiv on Wednesday.", "on Wednesday"),
              ("a2", "Envoys met Putin in Kyiv on Thursday.", "on Thursday")],
    "s-month": [("a3", "The UN said it would send aid in March.", "in March")],
    "s-year": [("a4", "Last year the budget grew.", "Last year")],
    "s-bare": [("a4", "Something hostile happened.", "")],
    "s-coming": [("a1", "The talks ended late.", "")],
    "s-hostile": [("a4", "Something hostile happened.", "")],
}

QUOTES = [
    {"id": "q-direct", "text": "We will talk", "kind": "direct", "speaker": "putin", "speaker_name": "Vladimir Putin",
     "method": "named", "confidence": 0.9, "article": "a1", "sentence": "Putin met envoys in Kyiv on Wednesday.",
     "excerpt": "We will talk", "statement": False},
    {"id": "q-hostile", "text": HOSTILE_QUOTE, "kind": "partial", "speaker": None, "speaker_name": "An official",
     "method": "", "confidence": None, "article": "a4", "sentence": "Something hostile happened.",
     "excerpt": HOSTILE_QUOTE, "statement": False},
    {"id": "q-formula", "text": "=cmd|' /C calc'!A0", "kind": "direct", "speaker": "un", "speaker_name": "United Nations",
     "method": "named", "confidence": 0.8, "article": "a3", "sentence": "+SUM(1,2) was written here.",
     "excerpt": "=cmd|' /C calc'!A0", "statement": False},
    {"id": "q-speech", "text": SPEECH, "kind": "direct", "speaker": "un", "speaker_name": "United Nations",
     "method": "named", "confidence": 0.8, "article": "a3", "sentence": SPEECH, "excerpt": "a long address",
     "statement": True},
]

FIGURES = [
    {"id": "f-1", "value": "40", "display": "40", "unit": "", "what": "houses", "reported_by": "@someone",
     "method": "count", "confidence": 0.8, "article": "a1", "sentence": "Putin met envoys in Kyiv on Wednesday."},
    {"id": "f-2", "value": "-5", "display": "-5%", "unit": "%", "what": "growth", "reported_by": None,
     "method": "percent", "confidence": 0.7, "article": "a4", "sentence": "Last year the budget grew."},
]


def briefing() -> dict:
    """A fresh copy (tests may change it)."""
    events = [{"id": sid, "date": next(s["date"] for s in STORIES if s["id"] == sid), "title": sid,
               "actors": next(s["actors"] for s in STORIES if s["id"] == sid),
               "sources": [{"article": a, "sentence": text, "date_text": dt} for a, text, dt in sources]}
              for sid, sources in EVENT_SENTENCES.items()]
    return copy.deepcopy({
        "title": "Test briefing", "summary": "What happened in the test.", "updated": "2022-03-05",
        "articles": ARTICLES, "actors": ACTORS, "quotes": QUOTES, "stories": STORIES, "events": events,
        "figures": FIGURES, "tracked_figures": [],
    })
