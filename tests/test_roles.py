"""Roles (what an article calls a person) and methods (how a mention or a quote's speaker was found),
on hand-written sentences with the real spaCy pipeline (generator/nlp/actors.py, data/roles.yml).

The role convention: a title whose country or place is given reads "<Title> of <Place>" ("President of
Ukraine"), an organisation stays in front as written ("Kremlin Spokesperson"), a title with its own
complement keeps its place where it was written ("US Secretary of State"), every word capitalised
except of/the/to/for/and.
"""
import datetime as dt

import pytest

from generator.briefing.records import Article, Mention
from generator.nlp.actors import article_actors, merge_actors
from generator.nlp.extract import analysis_text, extract_one
from generator.nlp.parse import load_pipeline, model_name, parse
from generator.sources.typography import normalise

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(model_name())


def roles(nlp, text):
    """Person key -> roles, for one paragraph."""
    doc = next(parse(nlp, [analysis_text(text)]))
    return {key: m.roles for key, m in article_actors(doc).mentions.items() if m.kind == "person"}


def extraction(nlp, body, title="News"):
    art = Article(id="a1", file="a1.md", title=title, date=dt.date(2022, 2, 28), source="", url="", body=body)
    doc = next(parse(nlp, [analysis_text(body)]))
    return extract_one(doc, nlp(normalise(title)), art)


# (rule, sentence, person, roles): the title before the name, normalised.
TITLE_BEFORE = [
    ("nationality", "Ukrainian President Volodymyr Zelensky said he was skeptical.", "Volodymyr Zelensky",
     ("President of Ukraine",)),
    ("possessive country", "Russia's Foreign Minister Sergei Lavrov met his counterpart.", "Sergei Lavrov",
     ("Foreign Minister of Russia",)),
    ("of a country", "President of Ukraine Volodymyr Zelenskyy held a phone call.", "Volodymyr Zelenskyy",
     ("President of Ukraine",)),
    ("of a body", "Zelenskyy spoke with President of the European Council Charles Michel.", "Charles Michel",
     ("President of the European Council",)),
    ("organisation", "Kremlin spokesperson Dmitry Peskov told reporters the talks were over.", "Dmitry Peskov",
     ("Kremlin Spokesperson",)),
    ("bare title", "Foreign Minister Sergei Lavrov met his counterpart.", "Sergei Lavrov", ("Foreign Minister",)),
    ("complement", "Defence Minister Sergei Shoigu and Chief of the General Staff Valery Gerasimov reported.",
     "Valery Gerasimov", ("Chief of the General Staff",)),
    ("place kept before a complement", "U.S. Secretary of State Antony Blinken arrived in Kyiv.", "Antony Blinken",
     ("U.S. Secretary of State",)),
    ("leading word", "former Ukrainian President Petro Poroshenko joined the army.", "Petro Poroshenko",
     ("Former President of Ukraine",)),
    ("city", "Kyiv Mayor Vitali Klitschko said the city was calm.", "Vitali Klitschko", ("Mayor of Kyiv",)),
    ("words before the title dropped", "On Monday President Vladimir Putin signed the decree.", "Vladimir Putin",
     ("President",)),
    ("someone else's possessive dropped", "Russian President Vladimir Putin's spokesman Dmitry Peskov said the "
     "talks were over.", "Dmitry Peskov", ("Spokesman",)),
]


@pytest.mark.parametrize("rule, text, person, expected", TITLE_BEFORE, ids=[c[0] for c in TITLE_BEFORE])
def test_title_before_the_name(nlp, rule, text, person, expected):
    assert roles(nlp, text)[person] == expected


APPOSITIONS = [
    ("after, organisation", "Dmitry Peskov, the Kremlin spokesman, said the talks were over.", "Dmitry Peskov",
     ("Kremlin Spokesman",)),
    ("after, complement", "The talks were led by Andriy Yermak, the head of the presidential office.",
     "Andriy Yermak", ("Head of the Presidential Office",)),
    ("after, possessive country", "Volodymyr Zelensky, Ukraine's president, said the army would hold.",
     "Volodymyr Zelensky", ("President of Ukraine",)),
    ("after, nationality", "Zelensky met Macron, the French president, in Kyiv.", "Macron", ("President of France",)),
    ("after, of a person", "Mykhailo Podolyak, an adviser to Zelenskyy, tweeted after the talks.",
     "Mykhailo Podolyak", ("Adviser to Zelenskyy",)),
    ("after, a region kept as written", "Serhiy Haidai, the governor of the Luhansk province, said the town had "
     "fallen.", "Serhiy Haidai", ("Governor of the Luhansk Province",)),
    ("before", "The Kremlin spokesman, Dmitry Peskov, said the talks were a complicated process.", "Dmitry Peskov",
     ("Kremlin Spokesman",)),
]


@pytest.mark.parametrize("rule, text, person, expected", APPOSITIONS, ids=[c[0] for c in APPOSITIONS])
def test_apposition(nlp, rule, text, person, expected):
    assert roles(nlp, text)[person] == expected


# (case, sentence, person): no role rather than a wrong one.
NO_ROLE = [
    ("a new clause after a comma", "After meeting Putin, the president said nothing.", "Putin"),
    ("the other person of the sentence", "Zelensky met Macron, the French president, in Kyiv.", "Zelensky"),
    ("a plural title", "The foreign ministers Sergei Lavrov and Dmytro Kuleba met in Antalya.", "Sergei Lavrov"),
    ("a title across 'and'", "Foreign Minister Sergei Lavrov and Dmytro Kuleba met in Antalya.", "Dmytro Kuleba"),
    ("no title word", "Russian Foreign Minister Sergei Lavrov's Ukrainian counterpart Dmytro Kuleba arrived.",
     "Dmytro Kuleba"),
]


@pytest.mark.parametrize("case, text, person", NO_ROLE, ids=[c[0] for c in NO_ROLE])
def test_no_role_rather_than_a_wrong_one(nlp, case, text, person):
    assert roles(nlp, text)[person] == ()


def test_a_list_of_titled_people_gives_each_their_own(nlp):
    found = roles(nlp, "Director of the Federal Security Service Alexander Bortnikov, Director of the Foreign "
                       "Intelligence Service Sergei Naryshkin and Prime Minister Mikhail Mishustin attended.")
    assert found["Alexander Bortnikov"] == ("Director of the Federal Security Service",)
    assert found["Sergei Naryshkin"] == ("Director of the Foreign Intelligence Service",)
    assert found["Mikhail Mishustin"] == ("Prime Minister",)


def test_roles_in_text_order_once_each_also_through_a_surname(nlp):
    found = roles(nlp, "Ukrainian President Volodymyr Zelensky spoke. Later Zelensky, the country's leader, said "
                       "the army would hold. President of Ukraine Volodymyr Zelensky thanked them.")
    assert found["Volodymyr Zelensky"] == ("President of Ukraine", "Leader")


def mention(key, roles=(), method="ner", kind="person"):
    return Mention(key=key, name=key, kind=kind, forms=(), roles=roles, method=method)


def test_merged_actor_takes_the_most_frequent_role_and_method():
    actors, _ = merge_actors({
        "b": (mention("Volodymyr Zelensky", ("President",)),),
        "a": (mention("Volodymyr Zelenskyy", ("President of Ukraine",), method="after_title"),),
        "c": (mention("Zelensky", ("President of Ukraine", "Leader")),),
    })
    (zelensky,) = actors
    assert zelensky.role == "President of Ukraine" and zelensky.method == "ner"


def test_role_ties_go_to_the_earliest_article_and_places_have_none():
    # merge passes the articles oldest first: "new" is the older one here
    actors, _ = merge_actors({"new": (mention("Sergei Lavrov", ("Foreign Minister of Russia",)),
                                      mention("Kyiv", kind="place", method="gazetteer")),
                              "old": (mention("Sergei Lavrov", ("Foreign Minister",), method="headline"),)})
    by_name = {a.name: a for a in actors}
    assert by_name["Sergei Lavrov"].role == "Foreign Minister of Russia"
    assert by_name["Sergei Lavrov"].method == "ner"  # a tie too: the first article's
    assert by_name["Kyiv"].role == "" and by_name["Kyiv"].method == "gazetteer"


# Methods: how a mention was found.
def test_mention_methods(nlp):
    x = extraction(nlp, "Residents of Kyiv fled. Vladimir Putin met the Kremlin staff. Shelling hit the Zhytomyr "
                        "Oblast and the villages of Synetsky and Pavlograd. Makei said it was over. The Polish "
                        "people rallied.")
    methods = {m.key: m.method for m in x.mentions}
    assert methods["Kyiv"] == methods["Kremlin"] == "gazetteer"  # a known name's table decided
    assert methods["Vladimir Putin"] == "ner"  # the model's label stands
    assert methods["Zhytomyr"] == "place_word"  # the rules that repair or add a mention name it
    assert methods["Synetsky"] == "settlement"
    assert methods["Makei"] == "speaking_surname"
    assert methods["Poles"] == "people_of"


def test_headline_speaker_mention_method(nlp):
    x = extraction(nlp, "I want to thank our soldiers. We will win.",
                   title="Address by President of Ukraine Volodymyr Zelenskyy")
    assert {m.key: m.method for m in x.mentions}["Volodymyr Zelenskyy"] == "headline"
    assert [q.method for q in x.quotes] == ["headline"]


# Methods: the speaker rule behind each quote ("" without a speaker).
def test_quote_methods_name_the_speaker_rule(nlp):
    x = extraction(nlp, 'Ukrainian President Volodymyr Zelensky met the delegation. "I do not believe in the '
                        'outcome of this meeting, but let them try," he said.\n\n"We will fight to the end."\n\n'
                        '"The talks are over," Dmitry Peskov told reporters.')
    methods = {q.text: (q.speaker_name, q.method) for q in x.quotes}
    assert methods["I do not believe in the outcome of this meeting, but let them try"] == (
        "Volodymyr Zelensky", "pronoun")
    assert methods["We will fight to the end."] == ("Volodymyr Zelensky", "continuation")
    assert methods["The talks are over"] == ("Dmitry Peskov", "actor_name")


def test_transcript_quotes_and_quotes_without_speaker(nlp):
    x = extraction(nlp, "Vladimir Putin: Good afternoon, colleagues.\nWe will discuss the situation.",
                   title="Meeting with Security Council members")
    assert {q.method for q in x.quotes} == {"transcript"}
    x = extraction(nlp, 'They said the talks were "a complete failure".')
    assert all(q.method == "" for q in x.quotes if q.speaker_name is None)
