"""The build cache's JSON stores (build_store.py): read once per process, written by a child."""
from __future__ import annotations

import json
import os

import pytest

from generator import build_store
from generator.build_store import finish_writes, keep_in_memory, read_store, write_store


@pytest.fixture
def serving():
    """As in `mkdocs serve`: stores are kept in memory between builds."""
    keep_in_memory(True)
    yield
    keep_in_memory(False)


def test_a_one_off_build_keeps_nothing_in_memory(tmp_path):
    path = tmp_path / "store.json"
    write_store(path, {"v": 1}, in_child=True)
    assert read_store(path, 1000) == {"v": 1}  # waits for the child, then reads the file
    assert not build_store._remembered


def test_a_store_written_in_a_child_is_read_back_without_reading_the_file(tmp_path, monkeypatch, serving):
    path = tmp_path / "store.json"
    value = {"a": [1, 2, 3]}
    write_store(path, value, in_child=True)
    reads = []
    original = type(path).read_text
    monkeypatch.setattr(type(path), "read_text", lambda self, *a, **k: reads.append(self) or original(self, *a, **k))
    assert read_store(path, 1000) is value  # this process wrote it: its value, once the child is done
    assert json.loads(original(path)) == value and not reads


def test_a_file_changed_by_someone_else_is_read_again(tmp_path, serving):
    path = tmp_path / "store.json"
    write_store(path, {"v": 1})
    assert read_store(path, 1000) == {"v": 1}
    path.write_text(json.dumps({"v": 2}))  # another process (or an editor): a new inode, size or mtime
    os.utime(path, ns=(1, 1))
    assert read_store(path, 1000) == {"v": 2}


def test_missing_oversized_or_broken_files_are_none(tmp_path):
    path = tmp_path / "store.json"
    assert read_store(path, 1000) is None and read_store(None, 1000) is None
    path.write_text("{broken")
    assert read_store(path, 1000) is None
    path.write_text(json.dumps({"big": "x" * 2000}))
    assert read_store(path, 1000) is None


def test_a_failed_write_in_a_child_is_forgotten(tmp_path, serving):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "store.json"
    path.write_text(json.dumps({"old": True}))
    folder.chmod(0o500)  # the child cannot create its temporary file here
    try:
        if os.access(folder, os.W_OK):  # running as root: permissions do not stop it; use a missing parent
            path = tmp_path / "file-not-folder" / "store.json"
            (tmp_path / "file-not-folder").write_text("")
        write_store(path, {"new": True}, in_child=True)
        finish_writes()
        assert str(path) not in build_store._remembered
        assert read_store(path, 1000) in (None, {"old": True})
    finally:
        folder.chmod(0o700)


def test_children_keep_no_descriptor_of_the_writer(tmp_path):
    read, write = os.pipe()
    try:
        write_store(tmp_path / "store.json", {"x": 1}, in_child=True)
        os.close(write)
        write = None
        assert os.read(read, 1) == b""  # end of file at once: the child does not hold the pipe
    finally:
        os.close(read)
        if write is not None:
            os.close(write)
        finish_writes()
