"""Extraction in worker processes gives the same extractions, in the same order, as one process
(fork in a single-threaded process, spawn otherwise); a small batch stays in this process."""
import datetime as dt

import pytest

from generator.briefing.records import Article, to_plain
from generator.nlp.extract import extract_articles, processes_for
from generator.nlp.model import model_name

pytestmark = pytest.mark.model

TEXTS = ['Russian forces shelled Kharkiv on Monday, officials said. "We will rebuild," the mayor said.',
         "Vladimir Putin had a telephone conversation with Emmanuel Macron on Tuesday.",
         "At least 352 civilians have died since Thursday, according to the government in Kyiv.",
         "Ukrainian and Russian delegates sat down on Monday for talks near the border with Belarus.",
         "The European Union agreed on Wednesday to ban Russian oil imports by the end of the year.",
         "Volodymyr Zelensky said on Friday that Ukraine would never surrender."]


def articles():
    return [Article(id=f"a{n}", file=f"a{n}.md", title=f"Report {n}", date=dt.date(2022, 3, 1 + n), source="s.org",
                    url="", body=text) for n, text in enumerate(TEXTS)]


def test_a_small_batch_stays_in_this_process_and_a_large_one_uses_every_core():
    assert processes_for(None, 3, parallel_from=16) == 1
    assert processes_for(2, 40, parallel_from=16) == 2
    assert processes_for(1, 400) == 1


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_worker_processes_give_the_same_extractions_in_the_same_order(start_method):
    model = model_name(None)
    one = extract_articles(articles(), model, processes=1)
    many = extract_articles(articles(), model, processes=2, parallel_from=2, start_method=start_method)
    assert list(one) == list(many) == [a.id for a in articles()]
    assert [to_plain(one[k]) for k in one] == [to_plain(many[k]) for k in many]
    assert any(x.events for x in many.values()) and any(x.quotes for x in many.values())


@pytest.mark.parametrize("beside", [True, False])
def test_new_articles_parsed_beside_the_cache_reads_give_what_one_process_gives(tmp_path, beside):
    """An editor's new seed among cached ones is parsed in a forked child while this process reads the
    cache (beside=True), with the same extractions in the same order, counted and cached as before;
    an entry that is there but unreadable is parsed too."""
    from generator.nlp.cache import ExtractionCache

    model = model_name(None)
    alone = extract_articles(articles(), model, processes=1)
    cache = ExtractionCache(tmp_path / "cache")
    extract_articles(articles()[::2], model, cache, processes=1)  # a0, a2, a4 cached
    broken = next((tmp_path / "cache").rglob("*.json"))
    broken.write_text("{truncated", encoding="utf-8")
    lines: list[str] = []
    cache = ExtractionCache(tmp_path / "cache")
    got = extract_articles(articles(), model, cache, lines.append, processes=1, beside=beside)
    parsed = list(got)[2:]  # the cached ones first, then the parsed ones in article order
    assert {"a1", "a3", "a5"} < set(parsed) and parsed == sorted(parsed)
    assert {k: to_plain(v) for k, v in got.items()} == {k: to_plain(v) for k, v in alone.items()}
    assert (cache.hits, cache.misses) == (2, 4)
    assert lines[0].startswith("2 article(s) from the cache, 4 to parse")
    again = ExtractionCache(tmp_path / "cache")
    extract_articles(articles(), model, again, processes=1, beside=beside)
    assert (again.hits, again.misses) == (6, 0)
