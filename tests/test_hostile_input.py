"""Hostile and unlucky input to the seed reader and the curation file: refused with a message that
names the file, never a hang, a blow-up or a traceback (each case broke on the previous main)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.briefing.curation import CurationError, apply_curation, load_curation
from generator.briefing.records import Actor, Article, Briefing
from generator.site.mkdocs_plugin import MAX_EPOCH, newest_article_epoch
from generator.sources.seeds import parse_seed

# 584 bytes that expand to 9^9 strings: 5 GB and 75 s when an error message called str() on it.
ALIAS_BOMB = ("a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
              + "".join(f"{chr(c + 1)}: &{chr(c + 1)} [" + ",".join([f"*{chr(c)}"] * 9) + "]\n"
                        for c in range(ord("a"), ord("i"))))


def _fatal(text: str):
    article, problems = parse_seed(text.encode("utf-8"), "x.md")
    assert article is None
    return problems[-1]


def test_an_alias_bomb_in_a_seed_date_is_refused_at_once():
    problem = _fatal("---\ntitle: T\n" + ALIAS_BOMB.replace("i: &i", "date: &i") + "---\nBody text.\n")
    assert problem.code == "E108" and "alias" in problem.reason


def test_a_huge_value_in_a_seed_date_is_shown_short():
    problem = _fatal("---\ntitle: T\ndate: [" + ", ".join(["[1, 2, 3]"] * 1500) + "]\n---\nBody text.\n")
    assert problem.code == "E109" and len(problem.reason) < 200


@pytest.mark.parametrize("date", ["2202-02-28", "1899-12-31", "0001-01-01"])
def test_a_seed_date_outside_1900_to_2100_is_refused(date):
    for text in (f"---\ntitle: T\ndate: {date}\n---\nBody text.\n",
                 f"Title\n{date.replace('-', '')}\nhttps://example.org/x\nBody text.\n",
                 f" date {date} A headline\nBody text.\n"):
        problem = _fatal(text)
        assert problem.code == "E109" and "1900" in problem.reason, (text, problem)


@pytest.mark.parametrize("date,epoch", [("1960-01-01", "0"), ("2022-02-28", "1646006400"),
                                        ("2100-12-31", "4133894400"), ("9999-12-31", str(MAX_EPOCH))])
def test_the_build_date_stays_within_what_gzip_accepts(date, epoch):
    assert newest_article_epoch({"articles": [{"date": date}]}) == epoch


def test_an_alias_bomb_in_curation_is_refused_at_once(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text(ALIAS_BOMB.replace("i: &i", "title: &i"), encoding="utf-8")
    with pytest.raises(CurationError, match=r"^E045 curation\.yml: more than .* aliases"):
        load_curation(path)


def test_a_huge_curation_file_is_refused(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text("hide:\n  quotes:\n" + "    - q-0123456789\n" * 80_000, encoding="utf-8")
    with pytest.raises(CurationError, match=r"^E045 curation\.yml: larger than the 1 MB limit"):
        load_curation(path)


def test_a_curation_link_leading_out_of_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("title: the contents of a file outside seeds/\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "curation.yml").symlink_to(secret)
    with pytest.raises(CurationError, match="outside its folder"):
        load_curation(seeds / "curation.yml")


def test_a_curation_folder_is_refused(tmp_path):
    (tmp_path / "curation.yml").mkdir()
    with pytest.raises(CurationError, match="not a regular file"):
        load_curation(tmp_path / "curation.yml")


def test_an_unreadable_curation_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "curation.yml"
    path.write_text("title: x\n", encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root (as in CI) reads a mode-0 file: give it the error the kernel gives everyone else
        real_read_text = Path.read_text

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_text(self, *args, **kwargs)

        monkeypatch.setattr(Path, "read_text", refuse)
    try:
        with pytest.raises(CurationError, match="cannot be read"):
            load_curation(path)
    finally:
        monkeypatch.undo()
        path.chmod(0o644)


def _briefing() -> Briefing:
    art = Article(id="a1", file="a1.md", title="T", date=dt.date(2022, 2, 28), source="", url="", body="b")
    return Briefing(title="", summary="", updated="2022-02-28", articles=[art], quotes=[], events=[], figures=[],
                    actors=[Actor("kyiv", "Kyiv", "place", (), ("a1",))])


def test_an_actor_is_not_merged_into_itself():
    b = apply_curation(_briefing(), {"actors": {"merge": [{"into": "kyiv", "ids": ["kyiv"]}]}})
    assert [a.id for a in b.actors] == ["kyiv"]
    assert any("cannot be merged into itself" in p for p in b.curation_problems)


def test_wrong_types_and_impossible_dates_in_curation_are_warnings(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text("events:\n  add: 5\nactors:\n  rename: {kyiv: ''}\n", encoding="utf-8")
    problems: list[str] = []
    data = load_curation(path, problems)
    assert data == {"events": {}, "actors": {"rename": {}}}
    assert [p.split(":")[0:2] for p in problems] == [["E042 curation.yml", "2"], ["E042 curation.yml", "4"]]
    b = apply_curation(_briefing(), {"events": {"add": [
        {"date": "2022-02-30", "title": "Typo", "source": {"article": "a1"}},
        {"date": "2022-13", "title": "Typo", "source": {"article": "a1"}}]}})
    assert b.events == [] and len(b.curation_problems) == 2


# ------------------------------------------------------------- ids, paths, output files, the CLI

from generator.fileio import write_atomic  # noqa: E402
from generator.site.render import write_tree  # noqa: E402
from generator.sources.seeds import MAX_ID_CHARS, article_id  # noqa: E402


@pytest.mark.parametrize("file", ["index.md", "months.txt", "Index.MD"])
def test_a_seed_cannot_take_a_reserved_page_name(file):
    assert article_id(file) not in {"index", "months"} and article_id(file).startswith(Path(file).stem.lower())


def test_a_long_file_name_gives_a_capped_unique_id():
    a, b = "x" * 250 + "a.md", "x" * 250 + "b.md"
    assert len(article_id(a)) <= MAX_ID_CHARS and article_id(a) != article_id(b)


@pytest.mark.parametrize("rel", ["../escape.md", "sources/../../escape.md", "/tmp/absolute.md"])
def test_render_never_writes_outside_its_folder(tmp_path, rel):
    out = tmp_path / "md"
    with pytest.raises(ValueError, match="E031"):
        write_tree({"index.md": "home", rel: "x"}, out)
    assert not (tmp_path / "escape.md").exists() and not out.exists()


def test_written_files_honour_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "x")
        os.umask(0o077)
        write_atomic(tmp_path / "b.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o600


def test_a_missing_seeds_folder_is_an_error(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", str(tmp_path / "seedz"),
                           "--out", str(tmp_path / "out"), "--no-cache"], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert proc.returncode == 1 and proc.stderr.startswith("error: E100 ") and "seedz" in proc.stderr
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------- trees, special files, display

from generator.briefing.records import SeedProblem  # noqa: E402
from generator.errors import printable  # noqa: E402
from generator.site.render import escape_text  # noqa: E402
from generator.sources.seeds import MAX_DEPTH, read_seeds  # noqa: E402

GOOD_SEED = "---\ntitle: T\ndate: 2022-02-28\n---\nBody text here.\n"


def _remove_deep_chain(top: Path, levels: int) -> None:
    """Remove top/d/d/.../d (as made below) bottom-up, without recursion: pytest's own clean-up of old
    temporary folders (shutil.rmtree, recursive on 3.11) would crash on it in every later session."""
    here = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while depth < levels and os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for name in os.listdir("."):
            os.remove(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_a_very_deep_seed_tree_is_reported_not_crashed_on(tmp_path):
    here = os.getcwd()
    try:
        try:
            os.chdir(tmp_path)
            for _ in range(1500):  # deeper than Python's recursion limit (os.walk recurses on 3.11)
                os.mkdir("d")
                os.chdir("d")
            Path("deep.md").write_text(GOOD_SEED.replace("Body", "Deep body"))
        finally:
            os.chdir(here)
        (tmp_path / "ok.md").write_text(GOOD_SEED)
        report = read_seeds(tmp_path)
        assert [a.file for a in report.articles] == ["ok.md"]
        assert [p.code for p in report.problems] == ["E114"] and report.problems[0].file.count("/") == MAX_DEPTH
    finally:
        _remove_deep_chain(tmp_path, 1500)
        assert not (tmp_path / "d").exists()


def test_a_fifo_is_reported(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "ok.md").write_text(GOOD_SEED)
    report = read_seeds(tmp_path)
    assert [(p.file, p.code) for p in report.problems] == [("pipe.md", "E113")]


def test_an_unreadable_seeds_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok.md").write_text(GOOD_SEED)
    if os.geteuid() != 0:
        tmp_path.chmod(0)
    else:  # root (as in CI) lists a mode-0 folder: give it the error the kernel gives everyone else
        real_scandir = os.scandir

        def refuse(folder="."):
            if os.fspath(folder) == os.fspath(tmp_path):
                raise PermissionError(13, "Permission denied", os.fspath(folder))
            return real_scandir(folder)

        monkeypatch.setattr(os, "scandir", refuse)  # what os.walk lists folders with
    try:
        report = read_seeds(tmp_path)
    finally:
        monkeypatch.undo()
        tmp_path.chmod(0o755)
    assert report.articles == [] and [p.code for p in report.problems] == ["E102"]


@pytest.mark.parametrize("title", ["\u200b\u200b", "\u202e", "\u2066\u2069 \u00ad", "\ufeff"])
def test_a_title_of_invisible_characters_is_refused(title):
    problem = _fatal(f"---\ntitle: \"{title}\"\ndate: 2022-02-28\n---\nBody text.\n")
    assert problem.code == "E110" and "invisible" in problem.reason


def test_a_right_to_left_override_is_isolated():
    shown = str(escape_text("evil \u202egnp.exe"))
    assert shown.startswith("\u2068") and shown.endswith("\u2069")  # the override ends with the value
    assert str(escape_text("Київ ذهب")) == "Київ ذهب"  # text without controls is left alone


def test_file_names_cannot_forge_log_lines():
    line = SeedProblem("a\nINFO - Documentation built\x1b[2J.md", "empty file", "E104").message()
    assert "\n" not in line and "\x1b" not in line and "\\n" in line and "\\x1b" in line
    assert printable("Zelensky \u202e") == "Zelensky \\u202e"


def test_a_failed_write_leaves_the_previous_markdown_tree(tmp_path, monkeypatch):
    from generator import fileio

    out = tmp_path / "md"
    write_tree({"index.md": "old home", "a/b.md": "old b"}, out)
    real = fileio.write_atomic
    calls = []

    def disk_full(path, text, fsync=False):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, text, fsync)

    monkeypatch.setattr(fileio, "write_atomic", disk_full)
    with pytest.raises(OSError):
        write_tree({"index.md": "new home", "a/b.md": "new b", "c.md": "new c"}, out)
    assert (out / "index.md").read_text() == "old home" and (out / "a" / "b.md").read_text() == "old b"
    assert not (out / "c.md").exists() and not list(tmp_path.glob(".md.staging-*"))
    monkeypatch.setattr(fileio, "write_atomic", real)
    write_tree({"index.md": "new home", "a/b.md": "old b"}, out)
    assert (out / "index.md").read_text() == "new home"


# ------------------------------------------------------------------------ linear patterns

from generator.nlp.quotes import _LABEL, _label_fits  # noqa: E402
from generator.sources.typography import normalise  # noqa: E402


def _labels(text: str) -> list[str]:
    return [m.group(1) for m in _LABEL.finditer(text) if _label_fits(m.group(1))]


def test_transcript_labels_read_as_before():
    text = ("Vladimir Putin: Good afternoon.\nPUTIN: Thank you.\nPeskov: one word is no label.\n"
            "The President of the Russian Federation : with a space.\nMcDonald: two tokens in one word.")
    assert _labels(text) == ["Vladimir Putin", "PUTIN", "The President of the Russian Federation", "McDonald"]
    assert _labels("A B C D E F G H I J K L M N O: fifteen words is too many.") == []


def test_a_line_of_capitals_is_no_label_and_no_hang():
    assert _labels("A" * 100_000) == [] and _labels("AB " * 30_000 + ": x") == []


def test_typography_keeps_its_repairs_on_long_runs():
    assert normalise("Russias army and the violence  but peace") == "Russia's army and the violence \u2014 but peace"
    assert normalise("a-" * 50_000).startswith("a-a-")  # a long hyphen run no longer takes seconds a letter
    assert normalise("x" + " " * 50_000 + "\u2014 y") == "x \u2014 y"


def test_an_actor_cannot_take_a_reserved_page_name_and_long_names_are_capped():
    from generator.nlp.actors import MAX_ID_CHARS, slug

    assert slug("Index") == "index-actor" and slug("Kinds") == "kinds-actor" and slug("Kyiv") == "kyiv"
    long_a, long_b = "Ministry " * 30 + "A", "Ministry " * 30 + "B"
    assert len(slug(long_a)) <= MAX_ID_CHARS and slug(long_a) != slug(long_b)


def test_a_merge_cycle_keeps_one_actor_and_reports_the_rest():
    b = _briefing()
    b.actors.append(Actor("kiev", "Kiev", "place", (), ("a1",)))
    b = apply_curation(b, {"actors": {"merge": [{"into": "kyiv", "ids": ["kiev"]}, {"into": "kiev", "ids": ["kyiv"]}]}})
    assert [a.id for a in b.actors] == ["kyiv"] and "Kiev" in b.actors[0].aliases
    assert any("E043" in p and "'kiev'" in p for p in b.curation_problems)


def test_a_whole_text_in_the_title_line_is_refused():
    problem = _fatal("A" * 100_000 + "\n20220228\nhttps://example.org/a\nBody text.\n")
    assert problem.code == "E110" and "100,000 characters" in problem.reason


def test_a_label_after_a_separator_and_heading_reads_and_a_long_run_does_not_hang():
    from generator.nlp.quotes import _HEADED_LABEL

    text = ("The documents were approved. * * * Address at the meeting of the Supreme Eurasian Economic Council "
            "President of Russia Vladimir Putin: Good afternoon, colleagues.")
    assert [m.group(1) for m in _HEADED_LABEL.finditer(text)] == ["President of Russia Vladimir Putin"]
    assert list(_HEADED_LABEL.finditer("* * * " + "President " * 20_000 + "x")) == []
    assert list(_HEADED_LABEL.finditer("* * * " * 20_000)) == []
