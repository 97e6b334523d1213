"""Merging actors across articles: spelling variants of one full name, and a lone surname, join the
person they name; different people of one surname stay apart (hand-built mentions, no model)."""
from __future__ import annotations

from generator.briefing.records import Mention
from generator.nlp.actors import merge_actors


def person(name: str) -> Mention:
    return Mention(key=name, name=name, kind="person", forms=(name,))


def merged(*articles: list[str]) -> dict[str, set[str]]:
    """actor name -> the spellings merged into it, for articles given as lists of person names."""
    actors, _ = merge_actors({f"a{k:02d}": tuple(person(n) for n in names) for k, names in enumerate(articles)})
    return {a.name: set(a.aliases) | {a.name} for a in actors}


def test_an_initial_a_typo_and_a_middle_initial_join_the_most_reported_full_name():
    found = merged(["Vladimir Putin"], ["Vladimir Putin"], ["Vladimir Putin"], ["V. Putin"], ["Vladmir Putin"],
                   ["Vladimir V. Putin"], ["Putin"])
    assert found == {"Vladimir Putin": {"Vladimir Putin", "V. Putin", "Vladmir Putin", "Vladimir V. Putin", "Putin"}}


def test_a_nickname_joins_its_full_first_name_and_a_lone_surname_joins_the_dominant_person():
    found = merged(*[["Joseph Biden"]] * 6, *[["Joe Biden"]] * 4, ["Jill Biden"], ["Biden"])
    assert found["Joseph Biden"] == {"Joseph Biden", "Joe Biden", "Biden"}
    assert found["Jill Biden"] == {"Jill Biden"}


def test_a_lone_surname_of_two_people_reported_alike_stays_apart():
    found = merged(["Vitali Klitschko"], ["Vitali Klitschko"], ["Wladimir Klitschko"], ["Wladimir Klitschko"],
                   ["Klitschko"])
    assert set(found) == {"Vitali Klitschko", "Wladimir Klitschko", "Klitschko"}


def test_short_first_names_a_typo_apart_are_different_people():
    found = merged(["Jill Smith"], ["Jill Smith"], ["Bill Smith"])
    assert set(found) == {"Jill Smith", "Bill Smith"}


def test_a_transliterated_first_name_is_the_same_person():
    found = merged(*[["Volodymyr Zelenskyy"]] * 5, ["Vladimir Zelensky"], ["Olena Zelenska"])
    assert found["Volodymyr Zelenskyy"] == {"Volodymyr Zelenskyy", "Vladimir Zelensky"}
    assert "Olena Zelenska" in found


def test_a_body_every_country_has_is_the_publishers_countrys_in_its_release():
    """'the Armed Forces' in a Kremlin release and in a Ukrainian presidency release are two actors; in a
    news article it stays as written. A quote its release credits to it names the country's body."""
    import dataclasses
    import datetime as dt

    from generator.briefing.merge import merge
    from generator.briefing.records import Article, ArticleExtraction, Mention, Quote

    def art(aid, source):
        return Article(id=aid, file=f"{aid}.md", title="T", date=dt.date(2022, 3, 1), source=source, url="", body="b")

    forces = Mention(key="Armed Forces", name="Armed Forces", kind="organization", forms=("Armed Forces",))
    articles = [art("k1", "kremlin.ru"), art("z1", "president.gov.ua"), art("g1", "theguardian.com")]
    quote = Quote(id="q1", text="We hold the line.", kind="direct", speaker=None, speaker_name="Armed Forces",
                  article="z1", sentence="s")
    extractions = {a.id: ArticleExtraction(article=a.id, mentions=(forces,), quotes=(quote,) if a.id == "z1" else (),
                                           events=(), figures=()) for a in articles}
    briefing = merge(articles, extractions)
    assert sorted(a.name for a in briefing.actors) == ["Armed Forces", "Armed Forces of Russia", "Armed Forces of Ukraine"]
    assert briefing.quotes[0].speaker_name == "Armed Forces of Ukraine"
    russian = Mention(key="Russian Armed Forces", name="Russian Armed Forces", kind="organization",
                      forms=("Russian Armed Forces",))
    extractions["g1"] = dataclasses.replace(extractions["g1"], mentions=(russian,))
    names = sorted(a.name for a in merge(articles, extractions).actors)
    assert names == ["Armed Forces of Ukraine", "Russian Armed Forces"], names  # the name another article uses


def test_a_body_named_by_its_countrys_adjective_is_the_one_named_of_the_country():
    from generator.nlp.actors import merge_actors
    from generator.briefing.records import Mention

    def org(name):
        return Mention(key=name, name=name, kind="organization", forms=(name,))

    actors, _ = merge_actors({"a1": (org("Ukrainian Armed Forces"),), "a2": (org("Armed Forces of Ukraine"),),
                              "a3": (org("Russian Armed Forces"),)})
    assert len(actors) == 2 and {a.name for a in actors} >= {"Russian Armed Forces"}, [a.name for a in actors]
