"""Tests for generator.seeds: the three seed forms, every bad-input case, and never-raise properties."""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.sources import seeds
from generator.briefing.records import Article, SeedProblem, to_plain
from generator.sources.seeds import SeedReport, article_id, parse_seed, read_seeds

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "seed_articles.yml"
FORMS = ROOT / "tests" / "fixtures" / "seeds_forms"

FORM_A = b"Russia And Ukraine Begin Negotiations\n20220228\nhttps://www.huffpost.com/entry/talks\nThe talks began.\n"
FORM_B = b" date 2022-03-01 What\xe2\x80\x99s the outcome ?\n\nRussia talks ended.\n"
FORM_C = b"---\ntitle: Talks in Belarus\ndate: 2022-02-28\nurl: https://www.reuters.com/world/x\n---\n\nThe talks **began**.\n"


def ok(data: bytes, file: str = "x.txt") -> Article:
    """Parse bytes that must give an article with no problem at all."""
    article, problems = parse_seed(data, file)
    assert problems == [], problems
    assert article is not None
    return article


def fatal(data: bytes, file: str = "x.txt") -> SeedProblem:
    """Parse bytes that must fail; return the single fatal problem."""
    article, problems = parse_seed(data, file)
    assert article is None
    fatals = [p for p in problems if p.fatal]
    assert len(fatals) == 1, problems
    assert fatals[0].file == file and "\n" not in fatals[0].reason
    return fatals[0]


def write(folder: Path, rel: str, data: bytes) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def seed_bytes(title: str, body: str, date: str = "20220228") -> bytes:
    return f"{title}\n{date}\nhttps://example.com/a\n{body}\n".encode()


# --- the real seeds, against the golden file --------------------------------------------------------

def _golden_form(report: SeedReport) -> str:
    rows = []
    for article in report.articles:
        plain = to_plain(article)
        plain["body_sha256"] = hashlib.sha256(plain.pop("body").encode()).hexdigest()
        rows.append(plain)
    return yaml.safe_dump({"articles": rows, "problems": to_plain(report.problems)},
                          allow_unicode=True, sort_keys=False, width=200)


def test_real_seeds_match_golden():
    actual = _golden_form(read_seeds(ROOT / "seeds"))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
    assert not diff, f"seed articles differ from {GOLDEN.name} (UPDATE_GOLDEN=1 to accept):\n{diff}"


def test_real_seeds_key_fields():
    by_file = {a.file: a for a in read_seeds(ROOT / "seeds").articles}
    first, second = by_file["000_5b565e64448314d5.txt"], by_file["001_eae2988b17b06bab.txt"]
    assert first.title == "What\u2019s the outcome of Negotiations between Ukraine and Russia ?"
    assert first.date == dt.date(2022, 3, 1) and first.source == "" and first.url == ""
    assert first.body.startswith("Russia talks with Ukraine ended with no resolution !\n\n")
    assert second.title == "Russia And Ukraine Begin Negotiations"
    assert second.date == dt.date(2022, 2, 28) and second.source == "huffpost.com"
    assert second.url.startswith("https://www.huffpost.com/entry/")
    assert second.body.startswith("The talks began just after 1 p.m.")


# --- the three forms ---------------------------------------------------------------------------

def test_form_a():
    article = ok(FORM_A, "001_x.txt")
    assert article == Article("001-x", "001_x.txt", "Russia And Ukraine Begin Negotiations", dt.date(2022, 2, 28),
                              "huffpost.com", "https://www.huffpost.com/entry/talks", "The talks began.", "utf-8")


def test_form_a_accepts_iso_date_and_no_url():
    article = ok(b"Title\n2022-02-28\nBody line one.\nBody line two.\n")
    assert article.date == dt.date(2022, 2, 28) and article.url == "" and article.source == ""
    assert article.body == "Body line one.\nBody line two."


def test_form_b():
    article = ok(FORM_B, "000.txt")
    assert article.title == "What\u2019s the outcome ?"
    assert (article.date, article.source, article.url, article.body) == (dt.date(2022, 3, 1), "", "", "Russia talks ended.")


def test_form_b_without_leading_space():
    assert ok(b"date 2022-03-01 Headline\nBody\n").title == "Headline"


def test_form_c():
    article = ok(FORM_C, "c.md")
    assert (article.title, article.date) == ("Talks in Belarus", dt.date(2022, 2, 28))
    assert article.source == "reuters.com" and article.url == "https://www.reuters.com/world/x"
    assert article.body == "The talks **began**."


def test_form_c_source_wins_over_url_and_quoted_date():
    data = b'---\ntitle: "Q: what now?"\ndate: "2022-03-02"\nsource: Kyiv Independent\nurl: https://x.org/a\n---\nText\n'
    article = ok(data)
    assert (article.title, article.date, article.source) == ("Q: what now?", dt.date(2022, 3, 2), "Kyiv Independent")


def test_form_c_without_url():
    article = ok(b"---\ntitle: T\ndate: 2022-03-02\n---\nText\n")
    assert (article.source, article.url) == ("", "")


def test_fixture_folder_reads_all_forms_and_skips_the_rest():
    report = read_seeds(FORMS)
    assert report.problems == []
    assert [(a.file, a.id, a.date.isoformat()) for a in report.articles] == [
        ("sub/form b (draft).txt", "sub-form-b-draft", "2022-03-07"),
        ("Café talks.md", "cafe-talks", "2022-03-10"),
        ("form_a.txt", "form-a", "2022-03-29"),
    ]
    cafe = report.articles[1]
    assert cafe.title == "Café talks: what\u2019s next?" and cafe.source == "Example Wire"
    assert cafe.body.startswith("# Foreign ministers meet")
    assert report.articles[2].body.endswith("progress was \u201cmeaningful\u201d.")


# --- text hygiene ------------------------------------------------------------------------------

def test_body_keeps_inner_blank_lines_and_strips_outer_ones():
    article = ok(b"T\n20220228\nhttps://a.com/\n\n\n  \npara 1\n\npara 2\n\n \n")
    assert article.body == "para 1\n\npara 2"


def test_nfc_normalisation_of_title_and_body():
    article = ok("Cafe\u0301\n20220228\nhttps://a.com/\nre\u0301sume\u0301\n".encode())
    assert article.title == "Caf\u00e9" and article.body == "r\u00e9sum\u00e9"


def test_quotes_and_apostrophes_untouched():
    body = "He said \"no\" and 'maybe'; she said \u201cyes\u201d \u2014 it\u2019s done."
    assert ok(seed_bytes("It's \u2018quoted\u2019", body)).body == body
    assert ok(seed_bytes("It's \u2018quoted\u2019", body)).title == "It's \u2018quoted\u2019"


# --- encodings ---------------------------------------------------------------------------------

def test_utf8_bom_and_crlf():
    article, problems = parse_seed(b"\xef\xbb\xbf" + FORM_A.replace(b"\n", b"\r\n") + b"More.\r\n", "x.txt")
    assert problems == [] and article.encoding == "utf-8-sig"
    assert article.title == "Russia And Ukraine Begin Negotiations"
    assert article.body == "The talks began.\nMore." and "\r" not in article.url


def test_cr_only_line_endings():
    article = ok(FORM_A.replace(b"\n", b"\r"))
    assert article.date == dt.date(2022, 2, 28) and article.body == "The talks began."


def test_latin1():
    article, problems = parse_seed("Caf\u00e9 talks\n20220228\nhttps://a.fr/\nD\u00e9j\u00e0 vu.\n".encode("latin-1"), "l.txt")
    assert (article.title, article.body, article.encoding) == ("Caf\u00e9 talks", "D\u00e9j\u00e0 vu.", "latin-1")
    assert problems == [SeedProblem("l.txt", "not UTF-8; read as Latin-1", seeds.E106, fatal=False)]


def test_cp1252():
    data = "It\u2019s \u201cover\u201d\n20220228\nhttps://a.com/\nCaf\u00e9 \u2013 talks\u2026\n".encode("cp1252")
    article, problems = parse_seed(data, "w.txt")
    assert (article.title, article.body, article.encoding) == ("It\u2019s \u201cover\u201d", "Caf\u00e9 \u2013 talks\u2026", "cp1252")
    assert problems == [SeedProblem("w.txt", "not UTF-8; read as Windows-1252", seeds.E106, fatal=False)]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text = "Caf\u00e9 \u2019talks\u2019\r\n20220228\r\nhttps://www.a.com/\r\nBody \u0436.\r\n"
    article = ok(bom + text.encode(codec))
    assert (article.title, article.body, article.source, article.encoding) == (
        "Caf\u00e9 \u2019talks\u2019", "Body \u0436.", "a.com", "utf-16")


# --- bad input, one test per case --------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   ", b"\n\r\n\t \n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf  \r\n"])
def test_empty_file(data):
    assert (fatal(data).code, fatal(data).reason) == (seeds.E104, "empty file")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # an image renamed .txt
    FORM_A + b"\x00",  # a NUL byte not explained by a UTF-16 BOM
    bytes(range(1, 9)) * 20 + b"text",  # mostly control characters
    b"\xff\xfeT\x00i\x00!",  # UTF-16 BOM, then text, then a dangling byte
    b"\xff\xfe" + bytes([0x00]) * 3,  # UTF-16 BOM but odd length
    b"\xff\xfe\x00\x00T\x00\x00\x00",  # UTF-32: decodes to NULs
])
def test_binary_file(data):
    problem = fatal(data)
    assert problem.code == seeds.E105 and problem.reason.startswith("binary file, not text")


@pytest.mark.parametrize("data, reason", [
    (b"Title\n\nhttps://a.com/\nBody\n", "missing date on line 2 (expected YYYYMMDD)"),
    (b"Title\n2022-3-1\nhttps://a.com/\nBody\n", "malformed date '2022-3-1' on line 2 (expected YYYYMMDD)"),
    (b"Title\n20220230\nhttps://a.com/\nBody\n", "impossible date 20220230 on line 2"),
    (b" date 2022-02-30 Headline\nBody\n", "impossible date 2022-02-30 on line 1"),
    (b" date 2022/03/01 Headline\nBody\n", "malformed date '2022/03/01' on line 1 (expected ' date YYYY-MM-DD headline')"),
    (b" date Headline only\nBody\n", "missing date on line 1 (expected ' date YYYY-MM-DD headline')"),
    (b"---\ntitle: T\ndate: 2022-02-30\n---\nBody\n", "impossible date 2022-02-30 in front matter (line 3)"),
    (b"\n\n---\ntitle: T\ndate: 2022-02-30\n---\nBody\n", "impossible date 2022-02-30 in front matter (line 5)"),
    (b"---\ntitle: T\n---\nBody\n", "missing date in front matter (expected date: YYYY-MM-DD)"),
    (b"---\ntitle: T\ndate: [2022]\n---\nBody\n", "malformed date \"['2022']\" in front matter (line 3) (expected date: YYYY-MM-DD)"),
    (b"---\ntitle: T\ndate: March 1st\n---\nBody\n", "malformed date 'March 1st' in front matter (line 3) (expected date: YYYY-MM-DD)"),
    (b"---\ntitle: T\ndate: 0000-01-01\n---\nBody\n", "impossible date 0000-01-01 in front matter (line 3)"),
])
def test_bad_dates(data, reason):
    """Each reason says where: the line (of the file, blank lines before the front matter counted)."""
    problem = fatal(data)
    assert (problem.code, problem.reason) == (seeds.E109, reason)


@pytest.mark.parametrize("data", [
    b" date 2022-03-01\nBody\n",
    b" date 2022-03-01   \nBody\n",
    b"---\ndate: 2022-03-01\n---\nBody\n",
    b"---\ntitle: ''\ndate: 2022-03-01\n---\nBody\n",
    b"---\ntitle:\ndate: 2022-03-01\n---\nBody\n",
    b"\n20220301\nhttps://a.com/\nBody\n",
])
def test_missing_title(data):
    problem = fatal(data)
    assert problem.code == seeds.E110 and problem.reason.startswith("missing title")


@pytest.mark.parametrize("data", [b"Just one line of prose.\n", b"Title\nSecond line\nThird line\nBody\n", b"hello"])
def test_unknown_form(data):
    problem = fatal(data)
    assert problem.code == seeds.E107
    assert "(a)" in problem.reason and "(b)" in problem.reason and "(c)" in problem.reason


@pytest.mark.parametrize("front, needle", [
    (b"- a list\n- not a mapping\n", "not a mapping"),
    (b"just a string\n", "not a mapping"),
    (b"title: [unclosed\ndate: 2022-03-01\n", "not valid YAML"),
    (b"title: T\n  date: : 2022\n", "not valid YAML"),
    (b"title: !!python/object/apply:os.system ['touch /tmp/pwned-by-seed']\ndate: 2022-03-01\n", "YAML tag"),
    (b"title: !custom T\ndate: 2022-03-01\n", "YAML tag"),
    (b"!!map {title: T, date: 2022-03-01}\n", "YAML tag"),
    (b"title: !!str T\ndate: 2022-03-01\n", "YAML tag"),
    (b"title: [a, b]\ndate: 2022-03-01\n", "must be text"),
    (b"title: {a: b}\ndate: 2022-03-01\n", "must be text"),
    (b"[" * 5000 + b"\n", "nested too deeply"),
    (b"title: T\ndate: 2022-03-01\nx:\n  " + b"- " * 5000 + b"\n", "nested too deeply"),
    (b"title: T\nlong: " + b"x" * 30_000 + b"\ndate: 2022-03-01\n", "longer than 20 kB"),
])
def test_bad_front_matter(front, needle):
    problem = fatal(b"---\n" + front + b"---\nBody\n")
    assert problem.code == seeds.E108 and needle in problem.reason
    assert not Path("/tmp/pwned-by-seed").exists()


def test_front_matter_never_closed():
    problem = fatal(b"---\ntitle: T\ndate: 2022-03-01\nBody\n")
    assert problem.code == seeds.E108 and "never closed" in problem.reason


@pytest.mark.parametrize("data", [
    b"Title\n20220228\nhttps://a.com/\n",
    b"Title\n20220228\nhttps://a.com/\n\n  \n\n",
    b" date 2022-03-01 Headline\n\n",
    b"---\ntitle: T\ndate: 2022-03-01\n---\n",
    b"---\ntitle: T\ndate: 2022-03-01\n---\n\n\n",
])
def test_no_article_text(data):
    assert (fatal(data).code, fatal(data).reason) == (seeds.E111, "no article text")


def test_too_large_bytes():
    problem = fatal(seed_bytes("T", "x" * (seeds.MAX_BYTES + 10)))
    assert problem.code == seeds.E103 and "5 MB limit" in problem.reason


def test_too_large_file(tmp_path):
    write(tmp_path, "big.txt", seed_bytes("T", "word " * 1_100_000))
    write(tmp_path, "ok.txt", FORM_A)
    report = read_seeds(tmp_path)
    assert [a.file for a in report.articles] == ["ok.txt"]
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [("big.txt", seeds.E103, True)]
    assert "5 MB limit" in report.problems[0].reason


def test_problem_message():
    assert fatal(b"", "sub/a b.txt").message() == "seeds/sub/a b.txt: empty file"
    assert fatal(b"", "a.txt").message("my/seeds") == "my/seeds/a.txt: empty file"


# --- the folder --------------------------------------------------------------------------------

def test_duplicate_text_keeps_first_by_path(tmp_path):
    write(tmp_path, "b.txt", seed_bytes("Second title", "Same   text\nhere."))
    write(tmp_path, "a.txt", seed_bytes("First title", "Same text here.", "20220301"))
    write(tmp_path, "c/d.md", b"---\ntitle: Third\ndate: 2022-01-01\n---\n\nSame text\n\nhere.\n")
    report = read_seeds(tmp_path)
    assert [a.file for a in report.articles] == ["a.txt"]
    assert report.problems == [
        SeedProblem("b.txt", "same text as seeds/a.txt; skipped as a duplicate", seeds.E112, fatal=False),
        SeedProblem("c/d.md", "same text as seeds/a.txt; skipped as a duplicate", seeds.E112, fatal=False),
    ]


def test_which_files_are_seeds(tmp_path):
    for rel in ["a.txt", "sub/b.md", "sub/deeper/c", "sub/README.md", "sub/curation.yml"]:
        write(tmp_path, rel, seed_bytes(rel, f"Body of {rel}."))
    for rel in [".hidden.txt", ".git/x.txt", "sub/.cache/y.txt", "curation.yml", "curation.yaml", "README.md"]:
        write(tmp_path, rel, b"\x00 not a seed")
    report = read_seeds(tmp_path)
    assert report.problems == []
    assert sorted(a.file for a in report.articles) == ["a.txt", "sub/README.md", "sub/b.md", "sub/curation.yml",
                                                       "sub/deeper/c"]


def test_sorted_articles_and_problems(tmp_path):
    write(tmp_path, "z.txt", seed_bytes("Z", "z", "20220101"))
    write(tmp_path, "a.txt", seed_bytes("A", "a", "20220102"))
    write(tmp_path, "m.txt", seed_bytes("M", "m", "20220101"))
    write(tmp_path, "y.txt", b"")
    write(tmp_path, "b.txt", b"")
    report = read_seeds(tmp_path)
    assert [a.id for a in report.articles] == ["m", "z", "a"]
    assert [p.file for p in report.problems] == ["b.txt", "y.txt"]


def test_odd_file_names_get_safe_ids(tmp_path):
    names = ["Café (draft) 2.txt", "日本語.txt", "a  b (c).TXT", "sub dir/Zürich – news.md", "x.y.z.txt"]
    for n, name in enumerate(names):
        write(tmp_path, name, seed_bytes(f"T{n}", f"Body {n}."))
    ids = {a.file: a.id for a in read_seeds(tmp_path).articles}
    assert ids["Café (draft) 2.txt"] == "cafe-draft-2"
    assert ids["a  b (c).TXT"] == "a-b-c"
    assert ids["sub dir/Zürich – news.md"] == "sub-dir-zurich-news"
    assert ids["x.y.z.txt"] == "x-y-z"
    assert ids["日本語.txt"] == hashlib.sha1("日本語.txt".encode()).hexdigest()[:8]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids.values())


def test_article_id_is_pure_and_stable():
    assert article_id("000_5b565e64448314d5.txt") == "000-5b565e64448314d5"
    assert article_id("Sub/ÉTÉ 2022.md") == article_id("Sub/ÉTÉ 2022.md") == "sub-ete-2022"
    assert article_id("---.txt") == hashlib.sha1(b"---.txt").hexdigest()[:8]


def test_folded_id_collisions_get_hash_suffixes(tmp_path):
    for n, name in enumerate(["Cafe.txt", "Café.txt", "cafe.md", "other.txt"]):
        write(tmp_path, name, seed_bytes(f"T{n}", f"Body {n}."))
    ids = {a.file: a.id for a in read_seeds(tmp_path).articles}
    for name in ["Cafe.txt", "Café.txt", "cafe.md"]:
        assert ids[name] == "cafe-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    assert ids["other.txt"] == "other" and len(set(ids.values())) == 4


def test_symlink_outside_is_refused(tmp_path):
    outside = write(tmp_path, "secret.txt", seed_bytes("Secret", "Do not read."))
    write(tmp_path, "outside_dir/x.txt", seed_bytes("Outside dir", "Do not read either."))
    root = tmp_path / "seeds"
    write(root, "ok.txt", FORM_A)
    os.symlink(outside, root / "link.txt")
    os.symlink("../secret.txt", root / "relative_link.txt")
    os.symlink(tmp_path / "outside_dir", root / "linked_dir")
    report = read_seeds(root)
    assert [a.file for a in report.articles] == ["ok.txt"]
    assert [(p.file, p.code, p.reason) for p in report.problems] == [
        ("link.txt", seeds.E101, "symbolic link leads outside seeds/"),
        ("linked_dir", seeds.E101, "symbolic link leads outside seeds/"),
        ("relative_link.txt", seeds.E101, "symbolic link leads outside seeds/"),
    ]


def test_symlink_inside_is_read(tmp_path):
    write(tmp_path, ".archive/real.txt", FORM_A)
    write(tmp_path, "other.txt", seed_bytes("Other", "Other text."))
    os.symlink(".archive/real.txt", tmp_path / "link.txt")
    os.symlink("other.txt", tmp_path / "zz_same.txt")  # same text as its target: a duplicate
    os.symlink(tmp_path / "sub", tmp_path / "linked_sub")  # a folder link inside: read at its real place
    write(tmp_path, "sub/s.txt", seed_bytes("Sub", "Sub text."))
    report = read_seeds(tmp_path)
    assert sorted(a.file for a in report.articles) == ["link.txt", "other.txt", "sub/s.txt"]
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [("zz_same.txt", seeds.E112, False)]


def test_broken_and_looping_symlinks(tmp_path):
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop_b", tmp_path / "loop_a")
    os.symlink(tmp_path / "loop_a", tmp_path / "loop_b")
    report = read_seeds(tmp_path)
    assert report.articles == []
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [
        ("broken.txt", seeds.E102, True), ("loop_a", seeds.E102, True), ("loop_b", seeds.E102, True)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX fifos")
def test_fifo_is_not_a_seed_and_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "ok.txt", FORM_A)
    report = read_seeds(tmp_path)
    assert [a.file for a in report.articles] == ["ok.txt"]
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [("pipe.txt", seeds.E113, False)]  # reported


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", FORM_A)
    write(tmp_path, "ok.txt", seed_bytes("Readable", "Other text."))
    if os.name == "posix" and os.geteuid() != 0:
        path.chmod(0)
    else:  # root (as in CI) reads a mode-0 file: give it the error the kernel gives everyone else
        real_open = os.open

        def refuse(file, flags, *args, **kwargs):
            if os.fspath(file) == os.fspath(path):
                raise PermissionError(13, "Permission denied", os.fspath(file))
            return real_open(file, flags, *args, **kwargs)

        monkeypatch.setattr(seeds.os, "open", refuse)
    try:
        report = read_seeds(tmp_path)
    finally:
        monkeypatch.undo()
        path.chmod(0o644)
    assert [a.file for a in report.articles] == ["ok.txt"]
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [("locked.txt", seeds.E102, True)]
    assert "cannot read file: Permission denied" in report.problems[0].reason


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    write(tmp_path, "ok.txt", FORM_A)
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror)

    monkeypatch.setattr(seeds.os, "walk", walk)
    report = read_seeds(tmp_path)
    assert [a.file for a in report.articles] == ["ok.txt"]
    assert report.problems == [SeedProblem("locked", "cannot read folder: Permission denied", seeds.E102)]


def test_unexpected_error_is_contained(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", FORM_A)
    write(tmp_path, "b.txt", seed_bytes("B", "Other text."))
    real = seeds.parse_seed
    monkeypatch.setattr(seeds, "parse_seed", lambda data, file: 1 / 0 if file == "a.txt" else real(data, file))
    report = read_seeds(tmp_path)
    assert [a.file for a in report.articles] == ["b.txt"]
    assert [(p.file, p.code, p.fatal) for p in report.problems] == [("a.txt", seeds.E199, True)]


@pytest.mark.skipif(os.name != "posix", reason="POSIX byte file names")
def test_non_utf8_file_name(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(FORM_A)  # Latin-1 name: a lone surrogate in str
    [article] = read_seeds(tmp_path).articles
    assert article.id == "caf" and article.file == "caf\udce9.txt"


def test_missing_seeds_folder(tmp_path):
    report = read_seeds(tmp_path / "nope")
    assert report.articles == [] and [p.code for p in report.problems] == [seeds.E100]
    write(tmp_path, "file", b"x")
    assert [p.code for p in read_seeds(tmp_path / "file").problems] == [seeds.E100]


def test_error_codes_are_documented():
    from generator import errors

    codes = [name for name in dir(seeds) if re.fullmatch(r"E\d{3}", name)]
    assert len(codes) >= 12
    for code in codes:
        assert getattr(seeds, code) is getattr(errors, code) and getattr(seeds, code) == code


# --- properties: never raise -------------------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None)
FRONT = "---\ntitle: Talks\ndate: 2022-03-01\n---\n"


def _check_outcome(data: bytes, file: str = "p.txt") -> None:
    article, problems = parse_seed(data, file)
    assert all(isinstance(p, SeedProblem) and p.file == file and "\n" not in p.reason for p in problems)
    assert all(re.fullmatch(r"E\d{3}", p.code) for p in problems)
    if article is None:
        assert any(p.fatal for p in problems)
    else:
        assert not any(p.fatal for p in problems)
        assert article.title == article.title.strip() != "" and article.body.strip() != ""
        assert "\r" not in article.body and isinstance(article.date, dt.date)


@PROPERTY
@given(st.binary(max_size=2000))
def test_parse_seed_never_raises_on_bytes(data):
    _check_outcome(data)


@PROPERTY
@given(st.text(max_size=500))
def test_parse_seed_never_raises_on_text(text):
    _check_outcome(text.encode("utf-8"))


@PROPERTY
@given(st.text(max_size=500))
def test_parse_seed_never_raises_after_front_matter(text):
    _check_outcome((FRONT + text).encode("utf-8"))
    _check_outcome((FRONT.replace("---\n", "---\r\n") + text).encode("utf-8"))


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.md", "sub/c.txt", "Café.txt", "cafe.txt", ".h", "d"]),
                          st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                                    st.text(max_size=300).map(lambda t: (FRONT + t).encode()))),
                max_size=6))
def test_read_seeds_never_raises(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("seeds")
    for rel, data in files:
        write(root, rel, data)
    report = read_seeds(root)
    assert [(a.date, a.id) for a in report.articles] == sorted((a.date, a.id) for a in report.articles)
    assert len({a.id for a in report.articles}) == len(report.articles)
    assert [p.file for p in report.problems] == sorted(p.file for p in report.problems)
    assert not any(p.code == seeds.E199 for p in report.problems)


def test_front_matter_yaml_errors_name_line_and_column():
    problem = fatal(b"\n---\ntitle: [unclosed\ndate: 2022-03-01\n---\nBody\n")
    assert problem.code == seeds.E108 and problem.reason.endswith("(line 4, column 5)"), problem.reason
    problem = fatal(b"---\ntitle: T\ndate: 2022-03-01\npublish_text: maybe\n---\nBody\n")
    assert problem.reason.endswith("(line 4)"), problem.reason
