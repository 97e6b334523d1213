"""Rendered-page reuse (generator/site/page_reuse.py): a rebuild after one new seed renders only the
pages whose Markdown changed, and its site is byte for byte the site a clean build makes."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import page_reuse
from site_helpers import ROOT, copy_project

NEW_SEED = """---
title: "Talks between Ukraine and Russia resume in Istanbul"
date: 2022-03-01  # not the newest: a newer one dates every item anew ("first seen") without a previous edition
source: example.org
url: https://example.org/talks-istanbul
---
Delegations from Ukraine and Russia met in Istanbul on Tuesday for a new round of talks.
"We have made progress," said Mykhailo Podolyak, an adviser to the Ukrainian president.
"""
REUSED = re.compile(r"briefing: (\d+) of (\d+) generated pages and (\d+) of (\d+) downloads unchanged since the last build")
DRAWN = re.compile(r"briefing: (\d+) page\(s\) rendered, (\d+) as the previous build left them")


def _build(work: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=work, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_sites(a: Path, b: Path) -> None:
    left, right = _files(a), _files(b)
    assert left.keys() == right.keys(), sorted(set(left) ^ set(right))[:10]
    differ = [name for name in left if left[name] != right[name]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """`edited`: built, then built again after one new seed; `clean`: the same seeds, built once."""
    edited, clean = tmp_path_factory.mktemp("edited"), tmp_path_factory.mktemp("clean")
    copy_project(edited, ROOT / "seeds")
    first = _build(edited)
    assert not REUSED.search(first), "nothing to reuse on a first build"
    (edited / "seeds" / "zz-new.md").write_text(NEW_SEED, encoding="utf-8")
    second = _build(edited)
    copy_project(clean, edited / "seeds")
    shutil.copytree(edited / ".cache" / "extraction", clean / ".cache" / "extraction")  # parsing is not the point
    _build(clean)
    return edited, clean, second


@pytest.mark.model
def test_one_new_seed_renders_only_what_it_changed(projects):
    _, _, log = projects
    found = REUSED.search(log)
    assert found, log
    reused, pages, kept_files, files = map(int, found.groups())
    assert 0 < reused < pages, log  # the new seed's own page, the indexes and its actors' pages are rendered
    # the data files and exports hold the new seed; feeds of actors it does not name are as they were
    assert 0 < kept_files < files, log
    drawn, kept = map(int, DRAWN.search(log).groups())  # and the Markdown of the others is not drawn again
    assert drawn > 0 and kept > 0, log


@pytest.mark.model
def test_the_reused_site_is_the_clean_build(projects):
    edited, clean, _ = projects
    _same_sites(edited / "site", clean / "site")


@pytest.mark.model
def test_a_page_changed_after_the_build_is_rendered_again(projects):
    """A previous output someone edited is not trusted: its size or time no longer match the manifest."""
    edited, clean, _ = projects
    page = edited / "site" / "sources" / "000-5b565e64448314d5" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>edited by hand</p></body>"))
    feed = sorted((edited / "site" / "feeds" / "actors").glob("*.xml"))[0]
    feed.write_bytes(feed.read_bytes().replace(b"</feed>", b"<!-- edited by hand --></feed>"))
    log = _build(edited)
    assert b"edited by hand" not in page.read_bytes()
    assert b"edited by hand" not in feed.read_bytes()
    _same_sites(edited / "site", clean / "site")
    assert REUSED.search(log), log  # the others were still reused


@pytest.mark.model
@pytest.mark.parametrize("manifest", ["{not json", json.dumps({"version": 1, "pages": {
    "sources/000-5b565e64448314d5.md": ["0" * 64, "../../../etc/passwd", 1, 1, []]}}), "[]"])
def test_a_broken_or_hostile_manifest_means_a_full_build(projects, manifest):
    edited, clean, _ = projects
    for path in (edited / ".cache" / "build").glob("pages-*.json"):
        path.write_text(manifest, encoding="utf-8")
    log = _build(edited)
    assert not REUSED.search(log), log
    _same_sites(edited / "site", clean / "site")


def test_the_manifest_never_points_outside_the_site(tmp_path):
    path = tmp_path / "pages.json"
    path.write_text(json.dumps({"version": 1, "pages": {
        "a.md": ["k", "../outside.html", 1, 1, []], "b.md": ["k", "/etc/passwd", 1, 1, []],
        "c.md": ["k", "c/index.html", 1, 1, ["x"]], "d.md": ["k", "d/index.html", "1", 1, []]}}), encoding="utf-8")
    assert list(page_reuse.load_manifest(path)) == ["c.md"]
    path.write_bytes(b"\xff\xfe")
    assert page_reuse.load_manifest(path) == {}


def test_an_entry_is_reused_only_with_its_key_and_untouched_file(tmp_path):
    site = tmp_path / "site"
    (site / "p").mkdir(parents=True)
    (site / "p" / "index.html").write_text("<html>x</html>", encoding="utf-8")
    [entry] = page_reuse.record(site, {"p.md": ("key", "p/index.html", {"a"})}).values()
    assert page_reuse.unchanged(entry, "key", site)
    assert not page_reuse.unchanged(entry, "other key", site)
    (site / "p" / "index.html").write_text("<html>y!</html>", encoding="utf-8")
    assert not page_reuse.unchanged(entry, "key", site)


def test_placing_a_page_links_or_copies_it_into_the_new_site(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "p").mkdir(parents=True)
    (old / "p" / "index.html").write_text("page", encoding="utf-8")
    assert page_reuse.place(old, new, "p/index.html")
    assert (new / "p" / "index.html").read_text(encoding="utf-8") == "page"
    assert page_reuse.place(old, old, "p/index.html")  # the same folder: nothing to do
    assert not page_reuse.place(old, new, "missing/index.html")


def test_keys_change_with_the_markdown_the_site_and_the_extras():
    site = page_reuse.fingerprint(["mkdocs 1.6.1", {"site_name": "A"}])
    key = page_reuse.page_key(site, "a.md", "# A")
    assert key == page_reuse.page_key(site, "a.md", "# A")
    assert key != page_reuse.page_key(site, "a.md", "# B")
    assert key != page_reuse.page_key(page_reuse.fingerprint(["mkdocs 1.6.1", {"site_name": "B"}]), "a.md", "# A")
    assert key != page_reuse.page_key(site, "a.md", "# A", "seeds/a.md")


def test_manifests_stay_few(tmp_path):
    """One per site folder, the newest MAX_MANIFESTS kept: tests and previews make many site folders."""
    for k in range(page_reuse.MAX_MANIFESTS + 3):
        path = page_reuse.manifest_path(tmp_path, tmp_path / f"site-{k}")
        page_reuse.save_manifest(path, {})
        os.utime(path, ns=(k * 10**9, k * 10**9))
    kept = sorted(tmp_path.glob("pages-*.json"))
    assert len(kept) == page_reuse.MAX_MANIFESTS
    assert page_reuse.manifest_path(tmp_path, tmp_path / "site-0") not in kept  # the oldest went
    assert page_reuse.manifest_path(tmp_path, tmp_path / "x", serve=True).name == "pages-serve.json"
