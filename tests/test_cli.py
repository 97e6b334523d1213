"""The command line, run as a user runs it (subprocess, real model)."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_help_lists_the_commands():
    out = cli("--help")
    assert out.returncode == 0
    for command in ("extract", "render", "build"):
        assert command in out.stdout


@pytest.mark.model
def test_extract_then_render(tmp_path):
    out = cli("extract", "--seeds", "seeds", "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"))
    assert out.returncode == 0, out.stderr
    assert "parse" in out.stderr  # progress is reported
    data = yaml.safe_load((tmp_path / "out" / "briefing.yml").read_text())
    assert [a["file"] for a in data["articles"]] == ["001_eae2988b17b06bab.txt", "000_5b565e64448314d5.txt"]
    fields = {"articles": {"id", "file", "title", "date", "source", "url"},
              "actors": {"id", "name", "kind", "aliases", "articles"},
              "quotes": {"id", "text", "kind", "speaker", "speaker_name", "article", "sentence"},
              "events": {"id", "date", "precision", "title", "actors", "sources"},
              "figures": {"id", "value", "what", "article", "sentence"}}
    for key, required in fields.items():
        assert data[key] and all(required <= set(item) for item in data[key]), key
    assert all({"article", "sentence", "date_text"} <= set(s) for e in data["events"] for s in e["sources"])
    out = cli("render", "--data", str(tmp_path / "out" / "briefing.yml"), "--out", str(tmp_path / "md"))
    assert out.returncode == 0, out.stderr
    index = (tmp_path / "md" / "index.md").read_text(encoding="utf-8")
    assert data["title"] in index  # the briefing's title, from the data just extracted
    zelensky = (tmp_path / "md" / "actors" / "volodymyr-zelensky.md").read_text(encoding="utf-8")
    assert zelensky.startswith("# Volodymyr Zelensky") and "let them try" in zelensky, zelensky[:500]
    # a second run comes from the cache: no article parsed
    again = cli("extract", "--seeds", "seeds", "--out", str(tmp_path / "out2"), "--cache", str(tmp_path / "cache"))
    assert "2 article(s) from the cache, 0 to parse" in again.stderr
    assert (tmp_path / "out" / "briefing.yml").read_bytes() == (tmp_path / "out2" / "briefing.yml").read_bytes()


def test_failure_is_one_line_and_non_zero(tmp_path):
    out = cli("render", "--data", str(tmp_path / "missing.yml"), "--out", str(tmp_path / "md"))
    assert out.returncode == 1
    assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1


@pytest.mark.model
def test_strict_fails_on_a_bad_seed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.md").write_text("---\ntitle: Good\ndate: 2022-02-28\n---\nRussia invaded Ukraine on Thursday.\n")
    (seeds / "bad.md").write_text("---\ntitle: Bad\ndate: 2022-02-30\n---\nText.\n")
    lenient = cli("extract", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--no-cache")
    assert lenient.returncode == 0 and "bad.md" in lenient.stderr
    strict = cli("extract", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--no-cache", "--strict")
    assert strict.returncode == 1 and "bad.md" in strict.stderr
