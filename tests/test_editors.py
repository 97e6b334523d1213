"""Errors an editor can find: a broken curation file is shown on every page (never silently dropped),
and strict mode names every problem before it fails."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import BuildFailed, Settings, build_data
from generator.site.render import render_tree

ROOT = Path(__file__).resolve().parent.parent
GOOD = "---\ntitle: Talks\ndate: 2022-02-28\n---\nRussia and Ukraine held talks in Belarus on Monday.\n"


def _build_with_curation(tmp_path: Path, curation: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text(GOOD, encoding="utf-8")
    (seeds / "curation.yml").write_text(curation, encoding="utf-8")
    return build_data(Settings(seeds=seeds, cache=tmp_path / "cache"))


@pytest.mark.model
def test_a_broken_curation_file_puts_a_banner_on_every_page(tmp_path):
    result = _build_with_curation(tmp_path, "title: Mine\nhide:\n  quotes: [q-1\n")
    assert result.data["title"] == "Briefing"  # uncurated
    (problem,) = [p for p in result.data["curation_problems"] if p.startswith("E040")]
    assert problem.startswith("E040 curation.yml:") and any(problem in w for w in result.warnings)
    pages = {path: text for path, text in render_tree(result.data).items() if path.endswith(".md")}
    assert len(pages) > 5
    assert pages["index.md"].startswith("---\nhide:")  # the banner does not push the front matter down
    for path, text in pages.items():
        assert "corrections are not applied" in text and "curation.yml:" in text, path
        if text.startswith("---\n"):  # the front matter stays first, whole, and the banner comes after it
            front, _, text = text[4:].partition("\n---\n")
            assert "corrections" not in front and "!!!" not in front, path
        if text.lstrip("\n").startswith("# "):
            assert text.lstrip("\n").split("\n", 1)[1].lstrip().startswith("!!! warning"), path  # under the title


@pytest.mark.model
def test_a_working_curation_file_adds_no_banner(tmp_path):
    result = _build_with_curation(tmp_path, "title: Mine\n")
    assert result.data["title"] == "Mine"
    assert not any("corrections are not applied" in t for t in render_tree(result.data).values())


def _three_bad_seeds(seeds: Path) -> None:
    seeds.mkdir()
    (seeds / "good.md").write_text(GOOD, encoding="utf-8")
    (seeds / "bad-date.md").write_text("---\ntitle: T\ndate: 2022-02-30\n---\nText.\n", encoding="utf-8")
    (seeds / "empty.txt").write_text("   \n", encoding="utf-8")
    (seeds / "no-title.md").write_text("---\ndate: 2022-02-28\n---\nText.\n", encoding="utf-8")


@pytest.mark.model
def test_strict_mode_names_every_problem(tmp_path):
    _three_bad_seeds(tmp_path / "seeds")
    with pytest.raises(BuildFailed) as failed:
        build_data(Settings(seeds=tmp_path / "seeds", cache=tmp_path / "cache", strict=True))
    assert len(failed.value.problems) == 3
    assert {p.split(":")[0] for p in failed.value.problems} == {
        f"{tmp_path / 'seeds'}/bad-date.md", f"{tmp_path / 'seeds'}/empty.txt", f"{tmp_path / 'seeds'}/no-title.md"}
    cli = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", str(tmp_path / "seeds"), "--out",
                          str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), "--strict", "--quiet"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    lines = cli.stderr.splitlines()
    assert cli.returncode == 1 and len(lines) == 4 and lines[-1].startswith("error: E050 strict mode: 3 problem(s)")
    assert all(name in cli.stderr for name in ("bad-date.md", "empty.txt", "no-title.md"))


def test_find_prints_matching_items_with_their_ids():
    golden = ROOT / "tests" / "golden" / "briefing.yml"
    out = subprocess.run([sys.executable, "-m", "generator", "find", "LET THEM TRY", "--data", str(golden)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    (line,) = out.stdout.splitlines()
    kind, item_id, words = line.split(None, 2)
    assert kind == "quote" and item_id.startswith("q-") and "let them try" in words.lower()
    import yaml

    data = yaml.safe_load(golden.read_text(encoding="utf-8"))
    assert any(q["id"] == item_id and "let them try" in q["text"].lower() for q in data["quotes"])
    actors = subprocess.run([sys.executable, "-m", "generator", "find", "zelensk", "--data", str(golden)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT).stdout
    assert "actor   volodymyr-zelensky" in actors
    stories = subprocess.run([sys.executable, "-m", "generator", "find", "pummeled", "--data", str(golden)],
                             capture_output=True, text=True, timeout=120, cwd=ROOT).stdout
    assert any(line.startswith("story   e-") for line in stories.splitlines()), stories


@pytest.mark.model
@pytest.mark.parametrize("edit_url", ["https://github.com/newsroom/briefing/edit/main/", "", "javascript:alert(1)//"])
def test_edit_links_lead_to_the_seed_or_the_curation_file(tmp_path, edit_url):
    import html
    import os

    from site_helpers import copy_project, parse_file

    copy_project(tmp_path, ROOT / "seeds")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_EDIT_URL": edit_url}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"

    def edit_link(page: str) -> list[str]:
        return [html.unescape(t.attrs["href"]) for t in parse_file(site / page).tags
                if t.name == "a" and t.attrs.get("rel") == "edit"]

    if not edit_url.startswith("https://"):  # unset, or not an address a link may have
        assert edit_link("sources/001-eae2988b17b06bab/index.html") == []
        return
    assert edit_link("sources/001-eae2988b17b06bab/index.html") == [edit_url + "seeds/001_eae2988b17b06bab.txt"]
    assert edit_link("actors/volodymyr-zelensky/index.html") == [edit_url + "seeds/curation.yml"]
    assert edit_link("index.html") == [edit_url + "seeds/curation.yml"]
    assert edit_link("about/index.html") == [edit_url + "docs/about.md"]
