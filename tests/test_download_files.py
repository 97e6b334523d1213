"""Downloads written where they are made (generator/site/download_files.py): the same files as the
tree's texts, only changed ones written again, nothing trusted after a half-done write, and no path
out of the folder (no model)."""
from __future__ import annotations

import os

import pytest

from generator.site.download_files import MANIFEST, Written, write_downloads
from generator.site.render import render_tree
from test_render import briefing

FILES = {"data/briefing.json": "{\"a\": 1}\n", "feeds/actors/x.xml": "<feed>é</feed>\n", "feed.json": "{}\n"}


def _identities(folder):
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST}


def test_the_files_hold_the_texts_and_unchanged_ones_are_not_written_again(tmp_path):
    made = write_downloads(tmp_path, FILES.items())
    assert {rel: w.text() for rel, w in made.items()} == FILES
    assert all(isinstance(w, Written) and w.path == tmp_path / rel for rel, w in made.items())
    before = _identities(tmp_path)
    again = write_downloads(tmp_path, FILES.items())
    assert again == made and _identities(tmp_path) == before
    changed = {**FILES, "feed.json": "{\"b\": 2}\n"}
    third = write_downloads(tmp_path, changed.items())
    assert third["feed.json"].digest != made["feed.json"].digest and third["feed.json"].text() == changed["feed.json"]
    after = _identities(tmp_path)
    assert [rel for rel in FILES if after[rel] != before[rel]] == ["feed.json"]


def test_a_file_no_longer_made_is_removed(tmp_path):
    write_downloads(tmp_path, FILES.items())
    write_downloads(tmp_path, [(rel, text) for rel, text in FILES.items() if rel != "feed.json"])
    assert not (tmp_path / "feed.json").exists() and (tmp_path / "data" / "briefing.json").exists()


@pytest.mark.parametrize("damage", ["edited", "deleted", "manifest broken", "manifest a list", "manifest lies"])
def test_a_damaged_file_or_manifest_means_the_file_is_written_again(tmp_path, damage):
    write_downloads(tmp_path, FILES.items())
    target = tmp_path / "feeds" / "actors" / "x.xml"
    if damage == "edited":
        target.write_text("<feed>forged by hand</feed>\n", encoding="utf-8")
    elif damage == "deleted":
        target.unlink()
    elif damage == "manifest broken":
        (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
        target.write_text("<feed>forged!</feed>\n", encoding="utf-8")  # the same size as the text
    elif damage == "manifest a list":
        (tmp_path / MANIFEST).write_text("[1, 2]", encoding="utf-8")
        target.write_text("<feed>forged!</feed>\n", encoding="utf-8")
    else:  # a manifest that names another digest for the file
        (tmp_path / MANIFEST).write_text('{"feeds/actors/x.xml": "0"}', encoding="utf-8")
        target.write_text("<feed>forged!</feed>\n", encoding="utf-8")
    made = write_downloads(tmp_path, FILES.items())
    assert {rel: w.text() for rel, w in made.items()} == FILES


def test_a_write_that_stops_half_way_leaves_nothing_trusted(tmp_path):
    write_downloads(tmp_path, FILES.items())

    def failing():
        yield "data/briefing.json", "{\"new\": true}\n"
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_downloads(tmp_path, failing())
    assert not (tmp_path / MANIFEST).exists()  # so the old texts are not taken as written
    made = write_downloads(tmp_path, FILES.items())  # the first text again: written, not trusted
    assert {rel: w.text() for rel, w in made.items()} == FILES


@pytest.mark.parametrize("rel", ["../outside.json", "/etc/briefing.json", "data/../../x", MANIFEST, ""])
def test_no_path_leaves_the_folder_or_replaces_the_manifest(tmp_path, rel):
    folder = tmp_path / "downloads"
    with pytest.raises(ValueError, match="E031"):
        write_downloads(folder, [(rel, "x")])
    assert not (tmp_path / "outside.json").exists() and not (tmp_path / "x").exists()


def test_a_manifest_entry_pointing_out_is_never_deleted(tmp_path):
    folder = tmp_path / "downloads"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    folder.mkdir()
    (folder / MANIFEST).write_text('{"../victim.txt": "0", "/etc/passwd": "0"}', encoding="utf-8")
    write_downloads(folder, FILES.items())
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_the_tree_with_a_downloads_folder_is_the_tree_without(tmp_path):
    data = briefing("Kyiv & <b>Kharkiv</b>")
    plain = render_tree(data)
    written = render_tree(data, downloads_dir=tmp_path / "downloads")
    assert plain.keys() == written.keys()
    on_disk = {rel for rel, value in written.items() if isinstance(value, Written)}
    assert {"data/briefing.yml", "data/briefing.json", "feed.xml"} <= on_disk
    assert not any(rel.endswith(".md") for rel in on_disk)  # pages stay in the tree
    assert {rel: (v.text() if isinstance(v, Written) else v) for rel, v in written.items()} == plain
    assert all(os.path.commonpath([v.path, tmp_path]) == str(tmp_path) for rel, v in written.items() if rel in on_disk)


def test_the_digest_read_a_part_at_a_time_is_the_whole_texts():
    import hashlib

    from generator.site.download_files import _digest_and_size

    text = "é👇x" * 5 + "\n"
    whole = text.encode("utf-8")
    assert _digest_and_size(text, chunk=4) == (hashlib.blake2b(whole, digest_size=16).hexdigest(), len(whole))
