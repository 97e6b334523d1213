"""The per-article extraction cache, with the real model: hits and misses, what the key covers,
corrupt entries, deleted seeds and atomic writes."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from generator import fileio as fileio_mod
from generator.nlp import cache as cache_mod
from generator.nlp import extract as extract_mod
from generator.briefing.io import dump_yaml
from generator.fileio import write_atomic
from generator.nlp.cache import ExtractionCache, cache_key
from generator.nlp.extract import extract_articles, extractor_version
from generator.nlp.model import model_identity, model_name
from generator.pipeline import Settings, build_data
from generator.briefing.records import Article
from generator.sources.seeds import read_seeds

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
NEW_SEED = ("---\ntitle: Ardern calls for talks\ndate: 2022-03-02\nsource: example.org\n---\n"
            "New Zealand Prime Minister Jacinda Ardern said on Wednesday that Wellington would send "
            "5 million dollars in aid.\n\n\"We stand with Ukraine,\" Ardern said in Wellington.\n")


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def strays(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """The two real seeds extracted once into a cache: (seeds folder, cache folder, briefing YAML)."""
    work = tmp_path_factory.mktemp("cache")
    seeds = work / "seeds"
    seeds.mkdir()
    for path in sorted(ROOT.glob("seeds/*.txt")):
        shutil.copy(path, seeds / path.name)
    result = build_data(Settings(seeds=seeds, cache=work / "cache"))
    assert (result.parsed, result.cached) == (2, 0)
    assert len(entries(work / "cache")) == 2
    return seeds, work / "cache", dump_yaml(result.data)


@pytest.fixture
def project(warm, tmp_path):
    """A private copy of the warm seeds and cache, for tests that change them."""
    seeds, cache, yaml_text = warm
    shutil.copytree(seeds, tmp_path / "seeds")
    shutil.copytree(cache, tmp_path / "cache")
    return tmp_path / "seeds", tmp_path / "cache", yaml_text


def build(seeds: Path, cache: Path):
    return build_data(Settings(seeds=seeds, cache=cache))


def test_unchanged_input_parses_nothing(project):
    seeds, cache, yaml_text = project
    before = {p: p.read_bytes() for p in entries(cache)}
    result = build(seeds, cache)
    assert (result.parsed, result.cached) == (0, 2)
    assert dump_yaml(result.data) == yaml_text, "the cached extraction gives a different briefing"
    assert {p: p.read_bytes() for p in entries(cache)} == before, "a cache hit rewrote an entry"


def test_adding_a_seed_parses_exactly_that_one(project):
    seeds, cache, _ = project
    (seeds / "ardern.md").write_text(NEW_SEED, encoding="utf-8")
    result = build(seeds, cache)
    assert (result.parsed, result.cached) == (1, 2)
    assert "ardern" in {a["id"] for a in result.data["articles"]}
    assert (build(seeds, cache).parsed, len(entries(cache))) == (0, 3)


def test_editing_a_seed_parses_it_again(project):
    seeds, cache, _ = project
    path = seeds / "001_eae2988b17b06bab.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe talks ended on Monday evening.\n", encoding="utf-8")
    assert (build(seeds, cache).parsed, build(seeds, cache).parsed) == (1, 0)


def test_a_deleted_seeds_items_disappear(project):
    seeds, cache, yaml_text = project
    (seeds / "ardern.md").write_text(NEW_SEED, encoding="utf-8")
    with_it = dump_yaml(build(seeds, cache).data)
    assert "Ardern" in with_it and "ardern" in with_it
    (seeds / "ardern.md").unlink()
    result = build(seeds, cache)
    assert result.parsed == 0
    without = dump_yaml(result.data)
    assert "Ardern" not in without and "Wellington" not in without and "ardern" not in without
    assert without == yaml_text  # exactly the briefing of the two seeds, not a leftover of the third


# --- the key ---------------------------------------------------------------------------------------

def _article() -> Article:
    return Article("a", "a.md", "Title", dt.date(2022, 2, 28), "example.org", "https://example.org/a", "Body.")


def test_cache_key_covers_article_model_and_extractor():
    article = _article()
    base = cache_key(article, "en_core_web_sm", "v1")
    assert base == cache_key(_article(), "en_core_web_sm", "v1")  # deterministic
    changed = {
        "model name": cache_key(article, "en_core_web_md", "v1"),
        "extractor version": cache_key(article, "en_core_web_sm", "v2"),
        **{f"article {f}": cache_key(dataclasses.replace(article, **{f: v}), "en_core_web_sm", "v1")
           for f, v in (("id", "b"), ("file", "b.md"), ("title", "Other"), ("date", dt.date(2022, 3, 1)),
                        ("body", "Body!"))},
    }
    assert all(key != base for key in changed.values()), [k for k, v in changed.items() if v == base]
    assert len(set(changed.values())) == len(changed)


def _articles(seeds: Path) -> list[Article]:
    return read_seeds(seeds).articles


def test_a_new_extractor_version_misses(project, monkeypatch):
    seeds, cache_dir, _ = project
    articles = _articles(seeds)
    model = model_name()
    cache = ExtractionCache(cache_dir)
    extract_articles(articles, model, cache)
    assert (cache.hits, cache.misses) == (2, 0)
    monkeypatch.setattr(extract_mod, "extractor_version", lambda: extractor_version() + "-changed")
    cache = ExtractionCache(cache_dir)
    extract_articles(articles, model, cache)
    assert (cache.hits, cache.misses) == (0, 2)
    assert len(entries(cache_dir)) == 4  # the old entries stay; the new ones sit beside them


def test_a_new_model_version_misses(project, monkeypatch):
    seeds, cache_dir, _ = project
    monkeypatch.setattr(extract_mod, "model_identity", lambda name: model_identity(name) + "-retrained")
    cache = ExtractionCache(cache_dir)
    extract_articles(_articles(seeds), model_name(), cache)
    assert (cache.hits, cache.misses) == (0, 2)


# --- corrupt entries ----------------------------------------------------------------------------------

def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip_payload_byte(data: bytes) -> bytes:
    """Change one character inside the payload; the JSON stays valid, the checksum does not match."""
    envelope = json.loads(data)
    text = json.dumps(envelope["payload"], ensure_ascii=False)
    at = text.index('"', text.index(":") + 1) + 1  # first character of the first string value
    envelope["payload"] = json.loads(text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1:])
    assert envelope["payload"] != json.loads(data)["payload"]
    return json.dumps(envelope, ensure_ascii=False, sort_keys=True).encode()


def _swap_key(data: bytes) -> bytes:
    envelope = json.loads(data)
    envelope["key"] = "0" * 64
    return json.dumps(envelope).encode()


def _flip_checksum_digit(data: bytes) -> bytes:
    """The text keeps its shape (the checksum read off its end); the checksum is one digit off."""
    text = data.decode()
    at = len(text) - 3
    return (text[:at] + ("0" if text[at] != "0" else "1") + text[at + 1:]).encode()


CORRUPTIONS = {
    "truncated": _truncate,
    "flipped checksum digit": _flip_checksum_digit,
    "empty": lambda data: b"",
    "garbage": lambda data: os.urandom(64) + b"\xff\xfe\x00",
    "flipped payload byte": _flip_payload_byte,
    "valid JSON, not an entry": lambda data: b"[1, 2, 3]",
    "null": lambda data: b"null",
    "entry of another key": _swap_key,
    "nested too deeply": lambda data: b"[" * 200_000,
}


def test_an_entry_written_in_another_layout_is_read_when_its_checksum_holds(project):
    # the checksum is read off the text's slice for put()'s layout; any other layout is checked the long way
    seeds, cache, yaml_text = project
    victim = entries(cache)[0]
    envelope = json.loads(victim.read_bytes())
    victim.write_text(json.dumps({"sha256": envelope["sha256"], "payload": envelope["payload"], "key": envelope["key"]},
                                 ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    result = build(seeds, cache)
    assert (result.parsed, result.cached) == (0, 2)
    assert dump_yaml(result.data) == yaml_text


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_corrupt_entry_is_detected_and_rebuilt(project, how):
    seeds, cache, yaml_text = project
    victim = entries(cache)[0]
    good = victim.read_bytes()
    victim.write_bytes(CORRUPTIONS[how](good))
    result = build(seeds, cache)
    assert (result.parsed, result.cached) == (1, 1), f"{how}: the corrupt entry was not detected"
    assert dump_yaml(result.data) == yaml_text
    assert victim.read_bytes() == good, f"{how}: the entry was not rewritten"
    assert build(seeds, cache).parsed == 0


def test_a_folder_in_place_of_an_entry_is_a_miss(project):
    seeds, cache, yaml_text = project
    victim = entries(cache)[0]
    victim.unlink()
    victim.mkdir()
    result = build(seeds, cache)
    assert (result.parsed, result.cached, result.cache_write_errors) == (1, 1, 1)
    assert dump_yaml(result.data) == yaml_text


# --- atomic writes ----------------------------------------------------------------------------------

def _entry_of(cache_dir: Path) -> tuple[Path, str, object]:
    """An existing entry, its key and its extraction."""
    path = entries(cache_dir)[0]
    key = path.stem
    extraction = ExtractionCache(cache_dir).get(key)
    assert extraction is not None
    return path, key, extraction


class Boom(Exception):
    pass


def _raise(*args, **kwargs):
    raise Boom("simulated failure")


@pytest.mark.parametrize("where", ["json.dumps", "os.replace", "half-written", "interrupted"])
def test_a_failed_write_leaves_the_old_entry_and_no_temporary_file(project, monkeypatch, where):
    _, cache_dir, _ = project
    path, key, extraction = _entry_of(cache_dir)
    old = path.read_bytes()
    changed = dataclasses.replace(extraction, quotes=())
    if where == "json.dumps":
        monkeypatch.setattr(cache_mod.json, "dumps", _raise)
    elif where == "os.replace":
        monkeypatch.setattr(fileio_mod.os, "replace", _raise)
    elif where == "interrupted":
        monkeypatch.setattr(fileio_mod.os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    else:
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, text):
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise Boom("disk vanished mid-write")

        monkeypatch.setattr(fileio_mod.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises((Boom, KeyboardInterrupt)):
        ExtractionCache(cache_dir).put(key, changed)
    monkeypatch.undo()
    assert path.read_bytes() == old, "the old entry was damaged"
    assert not strays(cache_dir), f"temporary files left: {strays(cache_dir)}"
    assert ExtractionCache(cache_dir).get(key) == extraction


def test_a_successful_write_replaces_the_entry_and_leaves_no_temporary_file(project):
    _, cache_dir, _ = project
    path, key, extraction = _entry_of(cache_dir)
    changed = dataclasses.replace(extraction, quotes=())
    ExtractionCache(cache_dir).put(key, changed)
    assert ExtractionCache(cache_dir).get(key) == changed
    assert not strays(cache_dir)


def test_an_unwritable_cache_does_not_stop_the_build(project):
    """A cache that cannot be written (here a file where the folder should be, which even root cannot
    write into) costs speed, not the build."""
    seeds, cache, yaml_text = project
    shutil.rmtree(cache)
    cache.write_text("not a folder")
    result = build(seeds, cache)
    assert (result.parsed, result.cached, result.cache_write_errors) == (2, 0, 2)
    assert dump_yaml(result.data) == yaml_text
    assert cache.read_text() == "not a folder"


def test_write_atomic_never_shows_a_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "file.txt"
    write_atomic(target, "old content\n")
    monkeypatch.setattr(fileio_mod.os, "replace", _raise)
    with pytest.raises(Boom):
        write_atomic(target, "new content\n" * 1000, fsync=True)
    monkeypatch.undo()
    assert target.read_text() == "old content\n"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_an_entry_read_once_is_not_read_again_until_its_file_changes(tmp_path, monkeypatch):
    from generator.briefing.records import ArticleExtraction

    monkeypatch.setattr(cache_mod, "_read", {})
    monkeypatch.setattr(cache_mod, "_keeping", True)  # as in `mkdocs serve`

    cache = ExtractionCache(tmp_path)
    key = "ab" + "0" * 62
    cache.put(key, ArticleExtraction(article="a1", mentions=(), quotes=(), events=(), figures=()))
    first = cache.get(key)
    reads: list[Path] = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or original(self, *a, **k))
    assert ExtractionCache(tmp_path).get(key) is first and not reads  # the same process: from memory
    entry = next(tmp_path.glob("??/*.json"))
    entry.write_text(entry.read_text()[:-5])  # damaged: another size, another mtime
    again = ExtractionCache(tmp_path)
    assert again.get(key) is None and reads and again.misses == 1
