"""Sharded extraction: N shards run as separate processes, each filling its own cache, merged into
one cache, then built, give byte-identical data to one run; a damaged shard entry is re-parsed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from needs import need_corpus

from tools import corpus_window

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent
SHARDS = 3


def _generator(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def _run(*args: str) -> str:
    proc = subprocess.run(_generator(*args), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shards") / "seeds"
    corpus_window.main(["--corpus", str(need_corpus()), "--from", "2022-03-01", "--to", "2022-03-02", "--most", "9",
                        "--out", str(folder)])
    return folder


def test_shards_merged_give_the_same_briefing_as_one_run(seeds, tmp_path):
    _run("extract", "--seeds", str(seeds), "--cache", str(tmp_path / "one"), "--out", str(tmp_path / "one-out"))
    shards = [subprocess.Popen(_generator("extract", "--seeds", str(seeds), "--cache", str(tmp_path / f"c{i}"),
                                          "--shard", f"{i}/{SHARDS}"), cwd=ROOT, stderr=subprocess.PIPE, text=True)
              for i in range(1, SHARDS + 1)]  # at once, as separate processes (separate machines in CI)
    logs = [p.communicate()[1] for p in shards]
    assert all(p.returncode == 0 for p in shards), logs
    entries = [len(list((tmp_path / f"c{i}").glob("??/*.json"))) for i in range(1, SHARDS + 1)]
    assert sum(entries) == 9 and max(entries) < 9, entries  # every article in exactly one shard
    merged = _run("merge-caches", *(str(tmp_path / f"c{i}") for i in range(1, SHARDS + 1)),
                  "--into", str(tmp_path / "merged"))
    assert "9 entries copied" in merged
    log = _run("extract", "--seeds", str(seeds), "--cache", str(tmp_path / "merged"), "--out", str(tmp_path / "out"))
    assert "9 article(s) from the cache, 0 to parse" in log
    for name in ("briefing.json", "briefing.yml"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "one-out" / name).read_bytes(), name


def test_a_damaged_entry_is_not_merged_and_is_parsed_again(seeds, tmp_path):
    _run("extract", "--seeds", str(seeds), "--cache", str(tmp_path / "c1"), "--shard", "1/1")
    entry = sorted((tmp_path / "c1").glob("??/*.json"))[0]
    entry.write_text(entry.read_text(encoding="utf-8").replace('"payload"', '"payload" ', 1)[:-40], encoding="utf-8")
    assert "8 entries copied, 1 skipped" in _run("merge-caches", str(tmp_path / "c1"), "--into", str(tmp_path / "m"))
    log = _run("extract", "--seeds", str(seeds), "--cache", str(tmp_path / "m"), "--out", str(tmp_path / "out"))
    assert "8 article(s) from the cache, 1 to parse" in log


def test_a_bad_shard_is_refused():
    proc = subprocess.run(_generator("extract", "--shard", "4/3"), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0 and "I must be between 1 and N" in proc.stderr
