"""Corpus gold sets: fragments stored as offsets into texts that stay in the shared corpus."""
import csv
import hashlib

import pytest
import yaml

from tools import corpus_gold

BODY = 'Russia said on Monday it had "no plans" to attack. The Kremlin, however, denied it.'


def _corpus(tmp_path, body=BODY):
    folder = tmp_path / "corpus" / "News"
    folder.mkdir(parents=True)
    with (folder / "paper.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["published", "headlines", "articles"])
        writer.writeheader()
        writer.writerow({"published": "2022-03-01T10:00:00Z", "headlines": "A headline", "articles": f"\n{body}\n"})
    return tmp_path / "corpus"


def _draft():
    return {"source": {"csv": "News/paper.csv", "row": 0, "published": "2022-03-01T10:00:00Z"},
            "file": "paper-2022-03-01.md", "date": "2022-03-01",
            "quotes": [{"text": "no plans", "speaker": "Russia", "kind": "partial"}],
            "events": [{"date": "2022-02-28", "sentence_contains": "Russia said on Monday",
                        "alternatives": ["The Kremlin, however, denied it"]}],
            "figures": []}


def test_pack_stores_offsets_and_unpack_restores_the_words(tmp_path):
    corpus = _corpus(tmp_path)
    _, body = corpus_gold.article_of(_draft()["source"], corpus)
    packed = corpus_gold.pack(_draft(), body)
    assert packed["quotes"][0]["text"] == {"at": body.index("no plans"), "len": 8}
    assert "no plans" not in yaml.safe_dump(packed)  # no words of the article are stored
    assert packed["source"]["sha256"] == hashlib.sha256(body.encode()).hexdigest()
    assert corpus_gold.unpack(packed, body) == dict(_draft(), source=packed["source"])


def test_materialise_writes_seeds_and_plain_annotations(tmp_path):
    corpus = _corpus(tmp_path)
    gold = tmp_path / "gold" / "annotations"
    gold.mkdir(parents=True)
    _, body = corpus_gold.article_of(_draft()["source"], corpus)
    (gold / "paper.yml").write_text(yaml.safe_dump(corpus_gold.pack(_draft(), body)), encoding="utf-8")
    assert corpus_gold.is_corpus_gold(tmp_path / "gold")
    out = corpus_gold.materialise(tmp_path / "gold", corpus, tmp_path / "out")
    seed = (out / "seeds" / "paper-2022-03-01.md").read_text(encoding="utf-8")
    assert seed.startswith("---\ntitle: A headline\ndate: '2022-03-01'") and BODY in seed
    annotation = yaml.safe_load((out / "annotations" / "paper.yml").read_text(encoding="utf-8"))
    assert annotation["events"][0]["alternatives"] == ["The Kremlin, however, denied it"]


@pytest.mark.parametrize("change, code", [
    (lambda d, body: (d, body + " Changed."), "E062"),
    (lambda d, body: ({**d, "quotes": [{"text": {"at": 3}}]}, body), "E063"),
])
def test_a_changed_corpus_or_a_bad_fragment_is_reported(tmp_path, change, code):
    corpus = _corpus(tmp_path)
    _, body = corpus_gold.article_of(_draft()["source"], corpus)
    packed, body = change(corpus_gold.pack(_draft(), body), body)
    with pytest.raises(corpus_gold.CorpusGoldError, match=code):
        corpus_gold.unpack(packed, body)


def test_a_fragment_missing_from_the_text_cannot_be_packed(tmp_path):
    draft = _draft()
    draft["quotes"][0]["text"] = "words nobody wrote"
    with pytest.raises(corpus_gold.CorpusGoldError, match="E061"):
        corpus_gold.pack(draft, BODY)


def test_a_missing_row_or_a_different_date_is_reported(tmp_path):
    corpus = _corpus(tmp_path)
    with pytest.raises(corpus_gold.CorpusGoldError, match="no row 5"):
        corpus_gold.article_of({"csv": "News/paper.csv", "row": 5}, corpus)
    with pytest.raises(corpus_gold.CorpusGoldError, match="not 2022-03-02"):
        corpus_gold.article_of({"csv": "News/paper.csv", "row": 0, "published": "2022-03-02"}, corpus)
