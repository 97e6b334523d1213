"""Reproducible output: the same inputs give byte-identical sites and briefing.yml.

Full `mkdocs build` runs on a temporary copy of the project. Without SOURCE_DATE_EPOCH the plugin
sets it to the newest article's date (midnight UTC), so nothing depends on the day of the build;
with it set, MkDocs uses the user's value.
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import copy_project

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8000/"


SHIFTED_CLOCK = Path(__file__).resolve().parent / "shifted_clock.py"
# The second build's clock: 1 day, 1 hour, 1 minute and 1 second ahead, so a date, an hour, a minute
# or a second of the build time anywhere in the output differs between the two builds.
CLOCK_SHIFT = 90_061


def build(work: Path, site: str, epoch: str | None = None, clock_shift: int = 0, tz: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    if tz is not None:
        env["TZ"] = tz
    python = [sys.executable, str(SHIFTED_CLOCK), str(clock_shift)] if clock_shift else [sys.executable]
    proc = subprocess.run([*python, "-m", "mkdocs", "build", "--strict", "-d", str(work / site)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def newest_article_date(work: Path) -> str:
    from generator.sources.seeds import read_seeds

    return max(a.date for a in read_seeds(work / "seeds").articles).isoformat()


def midnight(day: str) -> int:
    return int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp())


def lastmods(site: Path) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("reproducible")
    copy_project(work, ROOT / "seeds")
    return work


def set_input_mtimes(work: Path, when: int) -> None:
    """Every input of the copy (config, seeds, cache entries) gets the modification time `when`."""
    for path in [work / "mkdocs.yml", *(work / "seeds").rglob("*"), *(work / ".cache").rglob("*")]:
        os.utime(path, (when, when), follow_symlinks=False)


@pytest.fixture(scope="module")
def two_builds(project):
    """Cold cache, then warm cache; SOURCE_DATE_EPOCH not set. Between the two, deterministically
    (no sleep): every input file gets another modification time, and the second build runs in
    another time zone with its clock a day, an hour, a minute and a second ahead (shifted_clock.py)."""
    set_input_mtimes(project, 1_000_000_000)  # 2001-09-09
    first_log = build(project, "site-a", tz="UTC")
    set_input_mtimes(project, 1_234_567_890)  # 2009-02-13
    second_log = build(project, "site-b", clock_shift=CLOCK_SHIFT, tz="Asia/Kathmandu")
    assert re.search(r"briefing: [1-9]\d* article\(s\) parsed, 0 from the cache", first_log), first_log
    assert re.search(r"briefing: 0 article\(s\) parsed, [1-9]\d* from the cache", second_log), second_log
    return project / "site-a", project / "site-b"


def test_two_builds_are_byte_identical(two_builds):
    a, b = map(tree, two_builds)
    assert a.keys() == b.keys(), sorted(set(a) ^ set(b))
    for required in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "data/briefing.yml",
                     "data/briefing.json", "index.html"):
        assert required in a, f"the build has no {required}"
    different = [rel for rel in a if a[rel] != b[rel]]
    assert not different, f"files differ between two builds of the same inputs: {different}"


def test_without_source_date_epoch_the_newest_article_dates_the_build(two_builds, project):
    site = two_builds[0]
    newest = newest_article_date(project)
    assert lastmods(site) == {newest}, f"sitemap lastmod {lastmods(site)}, newest article {newest}"
    assert gzip_mtime(site / "sitemap.xml.gz") == midnight(newest)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_source_date_epoch_set_by_the_user_wins(project, two_builds):
    epoch = 1_700_000_000  # 2023-11-14 22:13:20 UTC
    build(project, "site-epoch", epoch=str(epoch))
    site = project / "site-epoch"
    assert lastmods(site) == {"2023-11-14"}
    assert gzip_mtime(site / "sitemap.xml.gz") == midnight("2023-11-14")
    # only the dates differ from the default build
    a, c = tree(two_builds[0]), tree(site)
    assert {rel for rel in a if a[rel] != c[rel]} == {"sitemap.xml", "sitemap.xml.gz"}


def test_cli_briefing_is_identical_with_and_without_the_cache(project, two_builds):
    """briefing.yml from a fresh parse (--no-cache) and from the cache the builds filled: same bytes,
    and the same as the site's download."""
    outs = []
    for name, extra in (("fresh", ["--no-cache"]), ("cached", [])):
        proc = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", "seeds", "--cache",
                               ".cache/extraction", "--out", name, *extra],
                              cwd=project, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs.append((project / name / "briefing.yml").read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == (two_builds[0] / "data" / "briefing.yml").read_bytes()


# --- the plugin's handling of SOURCE_DATE_EPOCH, in process -------------------------------------------

def test_plugin_sets_updates_and_removes_source_date_epoch(monkeypatch):
    from generator.site import mkdocs_plugin

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plugin = mkdocs_plugin.BriefingPlugin()
    plugin._set_build_date({"articles": [{"date": "2022-02-28"}, {"date": "2022-03-01"}]})
    assert os.environ["SOURCE_DATE_EPOCH"] == str(midnight("2022-03-01"))
    # a serve rebuild (a new plugin object, as MkDocs makes) after a newer seed was added
    mkdocs_plugin.BriefingPlugin()._set_build_date({"articles": [{"date": "2022-03-10"}]})
    assert os.environ["SOURCE_DATE_EPOCH"] == str(midnight("2022-03-10"))
    plugin.on_post_build(config=None)
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_plugin_keeps_the_users_source_date_epoch(monkeypatch):
    from generator.site import mkdocs_plugin

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    plugin = mkdocs_plugin.BriefingPlugin()
    plugin._set_build_date({"articles": [{"date": "2022-03-01"}]})
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    plugin.on_build_error(error=RuntimeError("x"))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
