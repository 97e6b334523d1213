"""One hand-written article through the real pipeline, for the rule tests."""
from __future__ import annotations

import datetime as dt

from generator.briefing.records import Article, ArticleExtraction
from generator.nlp.extract import analysis_text, extract_one
from generator.nlp.parse import parse
from generator.sources.typography import normalise


def extracted(nlp, text: str, date: dt.date = dt.date(2022, 3, 1), title: str = "News report") -> ArticleExtraction:
    """Everything extraction yields from an article of `text`, dated `date`."""
    article = Article(id="a", file="a.md", title=title, date=date, source="example.com", url="", body=text)
    doc = next(parse(nlp, [analysis_text(text)]))
    return extract_one(doc, nlp(normalise(title)), article)
