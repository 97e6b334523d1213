"""`python -m tools.evaluate` on a gold set whose texts stay in the shared corpus: the fragments are
read from the corpus before scoring, so the scores are real (a regression: they were scored as offsets)."""
import json

import pytest

from tools import evaluate as ev
from needs import need_corpus


@pytest.mark.model
def test_a_corpus_gold_set_scores_from_the_command_line(tmp_path, capsys):
    corpus = need_corpus()
    code = ev.main(["--gold", "tests/gold_blind7", "--corpus", str(corpus), "--cache", str(tmp_path / "cache"),
                    "--json", "--quiet"])
    assert code == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert scores["quotes"]["tp"] > 10 and scores["quotes"]["f1"] > 0.9
    assert scores["actors"]["tp"] > 50 and scores["events"]["tp"] > 5
