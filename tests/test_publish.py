"""`mkdocs build` replaces site/ only when the new site is complete; two builds take turns."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.publish import SiteSwap
from site_helpers import ROOT, copy_project


def _build(work: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", *extra], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    copy_project(tmp_path, ROOT / "seeds")
    return tmp_path


@pytest.mark.model
def test_a_failed_build_leaves_the_previous_site(project):
    first = _build(project)
    assert first.wait(timeout=300) == 0, first.stdout.read()
    before = (project / "site" / "index.html").read_bytes()
    broken = project / "broken_templates"
    broken.mkdir()
    (broken / "home.md.j2").write_text("{{ no_such_value.at_all }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      cache: .cache/extraction", "      cache: .cache/extraction\n      templates: broken_templates"))
    failed = _build(project)
    assert failed.wait(timeout=300) != 0
    assert (project / "site" / "index.html").read_bytes() == before
    assert not list(project.glob(".site.building-*"))


@pytest.mark.model
def test_two_builds_at_once_take_turns(project):
    warm = _build(project)
    assert warm.wait(timeout=300) == 0
    builds = [_build(project), _build(project)]
    outputs = [b.communicate(timeout=300)[0] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert (project / "site" / "sitemap.xml").exists() and (project / "site" / "index.html").exists()
    assert not list(project.glob(".site.building-*"))  # old sites: removed by a child (test below)


def test_the_swap_keeps_the_old_site_until_commit(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    swap = SiteSwap(site)
    building = swap.begin()
    (building / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "old"
    swap.commit()
    assert (site / "index.html").read_text() == "new" and not building.exists()
    again = SiteSwap(site)
    (again.begin() / "index.html").write_text("half")
    again.abort()
    assert (site / "index.html").read_text() == "new" and not list(tmp_path.glob(".site.building-*"))


def test_the_old_site_is_removed_by_a_child_that_keeps_no_descriptor(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    read, write = os.pipe()  # a caller reading this process's output: it must end with us, not the child
    try:
        swap = SiteSwap(site)
        (swap.begin() / "index.html").write_text("new")
        swap.commit()
        assert (site / "index.html").read_text() == "new"
        os.close(write)
        write = None
        assert os.read(read, 1) == b""  # end of file: the remover holds no copy of the pipe
        assert swap.remover is not None
        os.waitpid(swap.remover, 0)
        assert not list(tmp_path.glob(".site.old-*"))
    finally:
        os.close(read)
        if write is not None:
            os.close(write)


def test_a_removal_that_did_not_finish_is_finished_by_the_next_build(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    leftover = tmp_path / ".site.old-abc" / "site"
    leftover.mkdir(parents=True)
    (leftover / "index.html").write_text("older")
    swap = SiteSwap(site)
    swap.begin()
    assert not (tmp_path / ".site.old-abc").exists()
    swap.abort()
