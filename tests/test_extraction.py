"""Extraction on hand-written sentences, with the real spaCy pipeline."""
import datetime as dt

import pytest

from generator.extract import extract_one, merge
from generator.nlp import load_pipeline, model_name, parse
from generator.records import Article
from generator.typography import normalise

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(model_name())


def run(nlp, body, title="News", date=dt.date(2022, 2, 28), article_id="a1"):
    art = Article(id=article_id, file=f"{article_id}.md", title=title, date=date, source="", url="", body=body)
    doc = next(parse(nlp, [normalise(body)]))
    return art, extract_one(doc, nlp(normalise(title)), art)


def test_known_places_get_the_place_kind(nlp):
    _, x = run(nlp, "Residents of Kyiv fled. Russian forces shelled Kharkiv and moved into Crimea.")
    kinds = {m.key: m.kind for m in x.mentions}
    assert kinds["Kyiv"] == kinds["Kharkiv"] == kinds["Crimea"] == "place"
    assert "Russian" not in kinds  # an adjective is not an actor


def test_surname_joins_full_name_and_pronoun_speaker_resolves(nlp):
    body = ('Ukrainian President Volodymyr Zelensky said he was skeptical about the talks. '
            '"As always: I do not really believe in the outcome of this meeting, but let them try," he said.')
    _, x = run(nlp, body)
    direct = [q for q in x.quotes if q.kind == "direct"]
    assert direct and direct[0].text.startswith("As always")
    assert direct[0].speaker_name == "Volodymyr Zelensky"
    assert any(q.kind == "indirect" and q.speaker_name == "Volodymyr Zelensky" for q in x.quotes)


def test_partial_quote_and_speaker(nlp):
    _, x = run(nlp, 'Germany said Putin\'s nuclear order was because his offensive had "halted" and was not going to plan.')
    partial = [q for q in x.quotes if q.kind == "partial"]
    assert [q.text for q in partial] == ["halted"]
    assert partial[0].speaker_name == "Germany"


def test_stripped_quote_marks_with_apposition(nlp):
    body = ("Unfortunately, the Russian side is still extremely biased regarding the destructive processes it "
            "launched, Mykhailo Podolyak, an adviser to Zelenskyy, tweeted after the discussions ended Monday.")
    _, x = run(nlp, body)
    assert any(q.kind == "direct" and q.speaker_name == "Mykhailo Podolyak" and q.text.startswith("Unfortunately")
               for q in x.quotes)


def test_weekday_event_is_dated_in_the_past(nlp):
    _, x = run(nlp, "Russia invaded Ukraine on Thursday and quickly announced it had neutralized key facilities.")
    assert [(e.date, e.sources[0].date_text) for e in x.events] == [("2022-02-24", "on Thursday")]


def test_figure_with_what_it_counts_and_reporter(nlp):
    _, x = run(nlp, "At least 352 Ukrainian civilians have died since Thursday, according to the government in Kyiv, "
                    "and at least 500,000 refugees have fled the country.")
    values = {f.value: f for f in x.figures}
    assert "civilians" in values["352"].what and "refugees" in values["500000"].what
    assert values["352"].reported_by == "the government in Kyiv"


def test_spellings_merge_across_articles_and_events_merge(nlp):
    a1, x1 = run(nlp, "Volodymyr Zelenskyy met the delegation. Russian and Ukrainian officials held talks on Monday "
                      "near the border with Belarus.", article_id="a1")
    a2, x2 = run(nlp, "Zelensky spoke. Ukraine and Russia began negotiations on Monday in Belarus.",
                 date=dt.date(2022, 3, 1), article_id="a2")
    b = merge([a1, a2], {"a1": x1, "a2": x2})
    zel = [a for a in b.actors if "zelensk" in a.id]
    assert len(zel) == 1 and set(zel[0].articles) == {"a1", "a2"}
    talks = [e for e in b.events if any("Belarus" in s.sentence for s in e.sources)]
    assert len(talks) == 1 and {s.article for s in talks[0].sources} == {"a1", "a2"}


def test_transcript_and_headline_speaker(nlp):
    _, x = run(nlp, "Vladimir Putin: Good afternoon, colleagues.\nWe will discuss the situation.",
               title="Meeting with Security Council members")
    assert [q.speaker_name for q in x.quotes if q.kind == "direct"] == ["Vladimir Putin", "Vladimir Putin"]
    _, x = run(nlp, "We will not give up. Our army is defending every city.",
               title="Address by President of Ukraine Volodymyr Zelenskyy")
    assert x.quotes and x.quotes[0].speaker_name == "Volodymyr Zelenskyy"


def test_long_text_is_parsed_in_parts(nlp):
    paragraph = "Russian forces shelled Kharkiv on Monday, officials said. " * 40
    text = "\n\n".join([paragraph] * 60)  # ~140,000 characters: more than one parsing part
    doc = next(parse(nlp, [text]))
    assert doc.text.replace(" ", "") == text.replace(" ", "")
