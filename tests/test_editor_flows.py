"""An editor at work, end to end in Chromium: open an item's curate control on the built site, copy
its curation.yml snippet, keep the lines needed, rebuild, and see the correction on the pages (hide,
reassign, pin, retitle, split, rename with a redirect)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_helpers import SiteServer, copy_project

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def build(project: Path, strict: bool = True) -> Path:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-q",
                           "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    work = tmp_path_factory.mktemp("editor")
    copy_project(work, seeds=ROOT / "seeds", curate=True)
    (work / "seeds" / "curation.yml").write_text("title: Editors' test\n", encoding="utf-8")
    return work


def snippet(page, base: str, path: str, item_id: str) -> dict:
    """What an editor copies from the item's curate control, read as YAML."""
    page.goto(base + path, wait_until="load")
    control = page.locator(f'details.curate[data-id="{item_id}"]').first
    control.locator("summary").click()
    text = control.locator("pre").inner_text()
    assert item_id in text and "curation.yml" in text
    return yaml.safe_load(text)


def test_an_editor_corrects_the_briefing_from_snippets_copied_off_the_site(project, browser):
    site = build(project)
    data = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    quotes = [q for q in data["quotes"] if q["speaker"]]
    hidden, moved = quotes[0], quotes[1]
    story = next(st for st in data["stories"] if st["headline"] and not st.get("pinned"))
    actor = next(a for a in data["actors"] if a["aliases"] and a["kind"] == "person")
    renamed = next(a for a in data["actors"] if a["id"] != actor["id"] and a["kind"] == "place")
    target = next(a for a in data["actors"] if a["kind"] == "person" and a["id"] not in {actor["id"], moved["speaker"]})
    server = SiteServer(site)
    base = server.start()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        hide_q = snippet(page, base, f"actors/{hidden['speaker']}/", hidden["id"])
        move_q = snippet(page, base, f"actors/{moved['speaker']}/", moved["id"])
        story_s = snippet(page, base, f"chronology/{story['date'][:7]}/", story["id"])
        split_s = snippet(page, base, f"actors/{actor['id']}/", actor["id"])
        rename_s = snippet(page, base, f"actors/{renamed['id']}/", renamed["id"])
    finally:
        context.close()
        server.close()
    # The editor keeps the lines needed and changes the values to the correction.
    move_q["quotes"]["speakers"][moved["id"]] = target["id"]
    story_s["stories"]["titles"][story["id"]] = "Editors retitled this story"
    rename_s["actors"]["rename"][renamed["id"]] = "Renamed Place"
    curation = {"title": "Editors' test", "hide": hide_q["hide"], "quotes": {"speakers": move_q["quotes"]["speakers"]},
                "pin": story_s["pin"], "stories": {"titles": story_s["stories"]["titles"]},
                "actors": {"split": split_s["actors"]["split"], "rename": rename_s["actors"]["rename"]}}
    (project / "seeds" / "curation.yml").write_text(yaml.safe_dump(curation, allow_unicode=True), encoding="utf-8")
    site = build(project)
    after = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert after["curation_problems"] == []
    alias = split_s["actors"]["split"][0]["aliases"][0]
    split_off = next(a for a in after["actors"] if a["name"] == alias)

    server = SiteServer(site)
    base = server.start()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(base + "quotes/", wait_until="load")
        assert hidden["text"][:40] not in page.locator("article").inner_text()
        page.goto(base + f"actors/{target['id']}/", wait_until="load")
        assert moved["text"][:30] in " ".join(page.locator("article").inner_text().split())
        page.goto(base, wait_until="load")
        first = page.locator("article h2:has-text('What happened') + ul li").first.inner_text()
        assert "Editors retitled this story" in first and "pinned" in first
        page.goto(base + f"actors/{split_off['id']}/", wait_until="load")
        assert page.locator("article h1").inner_text().strip().rstrip("¶") == alias
        page.goto(base + f"actors/{renamed['id']}/", wait_until="load")
        page.wait_for_url("**/actors/renamed-place/")  # the old address redirects
        assert page.locator("article h1").inner_text().strip().rstrip("¶") == "Renamed Place"
    finally:
        context.close()
        server.close()


def test_a_broken_curation_file_shows_its_banner_and_line_on_the_pages(tmp_path, browser):
    copy_project(tmp_path, seeds=ROOT / "seeds")
    (tmp_path / "seeds" / "curation.yml").write_text("title: Mine\nhide:\n  quotes: [q-1\n", encoding="utf-8")
    site = build(tmp_path, strict=False)
    server = SiteServer(site)
    base = server.start()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        for path in ("", "chronology/", "quotes/"):
            page.goto(base + path, wait_until="load")
            banner = page.locator("article .admonition.warning").first
            assert banner.is_visible()
            text = banner.inner_text()
            assert "corrections are not applied" in text and "curation.yml:4:" in text, text
    finally:
        context.close()
        server.close()
