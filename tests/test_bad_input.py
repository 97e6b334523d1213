"""Bad seeds, end to end: a real `mkdocs build` (and the CLI) over the two real seeds plus one bad
seed of every kind, on a temporary copy of the project. Also a very long article (spaCy's
max_length is 1,000,000 characters).

One build per module; the site is served on 127.0.0.1 to check that odd file names give working URLs.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from site_helpers import SiteServer, copy_project, parse_file

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
REAL_SEEDS = sorted(ROOT.glob("seeds/*.txt"))
BODY = "Delegations met near the Belarus border on Monday. Officials said the talks would continue."


def front(title: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n"


# file name -> the reason its WARNING must give (after "seeds/<file>: ")
BAD = {
    "empty.txt": "empty file",
    "whitespace.txt": "empty file",
    "image.txt": "binary file, not text",
    "latin1.md": "not UTF-8; read as Latin-1",  # a caveat: the article is kept
    "missing-date.md": "missing date in front matter",
    "malformed-date.md": "malformed date '28/02/2022'",
    "impossible-date.md": "impossible date 2022-02-30",
    "missing-title.md": "missing title",
    "too-big.md": "file larger than the 5 MB limit",
    "copy of 000.txt": "same text as seeds/000_5b565e64448314d5.txt; skipped as a duplicate",
    "link-outside.md": "symbolic link leads outside seeds/",
    "list-front-matter.md": "front matter is not a mapping",
    "python-tag.md": "front matter uses the YAML tag",
}
ODD_NAMES = {"Talks in Minsk (update) – Zürich é.md": "Odd file name in Minsk",
             "Переговори (Київ).md": "Cyrillic file name from Kyiv"}
# file -> title, for every seed that must give an article
VALID = {"000_5b565e64448314d5.txt": "What’s the outcome of Negotiations between Ukraine and Russia ?",
         "001_eae2988b17b06bab.txt": "Russia And Ukraine Begin Negotiations",
         "latin1.md": "Café talks in Gomel", "utf16.md": "Kyiv’s UTF-16 report",
         "bom-crlf.md": "CRLF dispatch from Lviv", **ODD_NAMES}


def write_bad_seeds(work: Path) -> Path:
    seeds = work / "seeds"
    for path in REAL_SEEDS:
        shutil.copy(path, seeds / path.name)
    shutil.copy(ROOT / "seeds" / "curation.yml", seeds / "curation.yml")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "whitespace.txt").write_bytes(b"  \n\t\n \r\n   \n")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR" + b"\x00\x01" * 200)
    (seeds / "latin1.md").write_bytes(
        front("Café talks in Gomel", "2022-02-27", "Le café était fermé à Gomel. " + BODY).encode("latin-1"))
    (seeds / "utf16.md").write_bytes(
        front("Kyiv’s UTF-16 report", "2022-02-26", "Zelensky spoke in Kyiv on Saturday. " + BODY).encode("utf-16"))
    (seeds / "bom-crlf.md").write_bytes(b"\xef\xbb\xbf" + front(
        "CRLF dispatch from Lviv", "2022-02-25", "Lviv was calm.\n\nRefugees crossed into Poland. " + BODY
    ).replace("\n", "\r\n").encode("utf-8"))
    (seeds / "missing-date.md").write_text(f"---\ntitle: No date here\n---\n{BODY}\n", encoding="utf-8")
    (seeds / "malformed-date.md").write_text(front("Bad date", "28/02/2022", BODY), encoding="utf-8")
    (seeds / "impossible-date.md").write_text(front("Impossible date", "2022-02-30", BODY), encoding="utf-8")
    (seeds / "missing-title.md").write_text(f"---\ndate: 2022-02-28\n---\n{BODY}\n", encoding="utf-8")
    (seeds / "too-big.md").write_text(front("Too big", "2022-02-28", ("Talks went on. " * 6 + "\n") * 57_000),
                                      encoding="utf-8")
    assert (seeds / "too-big.md").stat().st_size > 5_100_000
    shutil.copy(ROOT / "seeds" / "000_5b565e64448314d5.txt", seeds / "copy of 000.txt")
    (seeds / "list-front-matter.md").write_text(f"---\n- title\n- 2022-02-28\n---\n{BODY}\n", encoding="utf-8")
    (seeds / "python-tag.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {work}/pwned']\ndate: 2022-02-28\n---\n{BODY}\n",
        encoding="utf-8")
    outside = work / "outside-secret.md"
    outside.write_text(front("Secret outside seeds", "2022-02-28", "This text lives outside seeds/."),
                       encoding="utf-8")
    (seeds / "link-outside.md").symlink_to(outside)
    for n, (name, title) in enumerate(ODD_NAMES.items()):
        (seeds / name).write_text(front(title, f"2022-02-2{n + 2}", f"Paragraph number {n} about Minsk. {BODY}"),
                                  encoding="utf-8")
    return seeds


@dataclass(frozen=True)
class Build:
    work: Path
    site: Path
    output: str
    returncode: int
    base: str  # the served site's address


def mkdocs(work: Path, *args: str, site_url: str = "http://127.0.0.1:8000/", timeout: int = 300):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(work / "mkdocs.yml"), *args],
                          cwd=work, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("bad-input")
    copy_project(work, publish_text=True)
    write_bad_seeds(work)
    site = work / "site"
    site.mkdir()
    server = SiteServer(site)
    base = server.base
    start = time.perf_counter()
    proc = mkdocs(work, "-d", str(site), site_url=base)
    print(f"\nmkdocs build over the bad seeds took {time.perf_counter() - start:.1f} s")
    server.start()
    try:
        yield Build(work, site, proc.stdout + proc.stderr, proc.returncode, base)
    finally:
        server.close()


def warning_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def test_build_succeeds_and_names_every_bad_file_once(bad_build):
    assert bad_build.returncode == 0, bad_build.output
    warnings = warning_lines(bad_build.output)
    for name, reason in BAD.items():
        mine = [w for w in warnings if f" seeds/{name}: " in w]
        assert len(mine) == 1, f"expected one WARNING for seeds/{name}, got {mine}\n{bad_build.output}"
        assert re.fullmatch(rf"WARNING\s+-\s+seeds/{re.escape(name)}: {re.escape(reason)}.*", mine[0]), mine[0]
        assert "\n" not in mine[0]
    assert len(warnings) == len(BAD), "unexpected warnings:\n" + "\n".join(warnings)
    for name in set(VALID) - set(BAD):
        assert not [w for w in warnings if f" seeds/{name}: " in w], f"valid seed {name} is reported"
    assert not (bad_build.work / "pwned").exists(), "a YAML tag in a front matter ran code"


def test_log_counts_the_parsed_articles(bad_build):
    assert re.search(rf"briefing: {len(VALID)} article\(s\) parsed, 0 from the cache", bad_build.output), \
        bad_build.output


def test_every_valid_seed_has_an_article_page(bad_build):
    data = yaml.safe_load((bad_build.site / "data" / "briefing.yml").read_text(encoding="utf-8"))
    by_file = {a["file"]: a for a in data["articles"]}
    assert set(by_file) == set(VALID), sorted(by_file)
    for file, title in VALID.items():
        article = by_file[file]
        assert article["title"] == title
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", article["id"]), article["id"]
        page = bad_build.site / "sources" / article["id"] / "index.html"
        assert page.is_file(), f"no page for {file}"
        text = parse_file(page).article_text
        assert title in text, f"{page}: {text[:300]}"
        assert "\ufeff" not in text and "\r" not in article["text"]
    assert "Le café était fermé à Gomel" in by_file["latin1.md"]["text"]
    assert by_file["bom-crlf.md"]["text"].startswith("Lviv was calm.\n\nRefugees crossed into Poland.")
    assert by_file["utf16.md"]["date"] == "2022-02-26"
    problems = {p["file"]: p for p in data["problems"]}
    assert set(problems) == set(BAD)
    assert not problems["latin1.md"]["fatal"] and not problems["copy of 000.txt"]["fatal"]


def test_sources_page_lists_the_problems(bad_build):
    text = parse_file(bad_build.site / "sources" / "index.html").article_text
    assert "Seeds with problems" in text
    for name, reason in BAD.items():
        assert f"seeds/{name}: {reason}" in text, f"the Sources page does not list seeds/{name}"
    assert re.search(rf"\b{len(VALID)} articles\b", text), text[:300]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_odd_file_names_give_safe_working_urls(bad_build):
    """The Sources pages link each odd-named seed's article; the link is plain ASCII and is served."""
    listing = sorted((bad_build.site / "sources").rglob("index.html"))
    for title in ODD_NAMES.values():
        found = []
        for path in listing:
            rel = path.parent.relative_to(bad_build.site).as_posix() + "/"
            if re.fullmatch(r"sources/[^/]+/", rel) and not rel.startswith("sources/months"):
                continue  # an article page, not a listing
            html = _get(urljoin(bad_build.base, rel))
            found += [(rel, href) for href in re.findall(r'<a href="([^"]+)">' + re.escape(title) + "</a>", html)]
        assert found, f"no Sources page links to {title!r}"
        for rel, href in found:
            assert re.fullmatch(r"(\.\./)*[a-z0-9][a-z0-9-]*/", href), f"unsafe page URL {href!r} on {rel}"
            url = urljoin(urljoin(bad_build.base, rel), href)
            assert urlsplit(url).path.isascii()
            page = _get(url)
            assert "<h1" in page and title in page


def test_strict_build_fails_naming_a_bad_file(bad_build):
    proc = mkdocs(bad_build.work, "--strict", "-d", str(bad_build.work / "site-strict"))
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert re.search(r"E050 strict mode: \d+ problem\(s\); first: seeds/(" + "|".join(map(re.escape, BAD)) + "): ",
                     output), output


def cli(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", "seeds",
                           "--cache", ".cache/extraction", *args],
                          cwd=work, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_reports_the_problems_and_strict_fails(bad_build):
    out = bad_build.work / "cli-out"
    lenient = cli(bad_build.work, "--out", str(out))
    assert lenient.returncode == 0, lenient.stderr
    for name, reason in BAD.items():
        assert f"seeds/{name}: {reason}" in lenient.stderr, f"seeds/{name} not reported:\n{lenient.stderr}"
    data = yaml.safe_load((out / "briefing.yml").read_text(encoding="utf-8"))
    assert {a["file"] for a in data["articles"]} == set(VALID)
    assert f"{len(VALID)} article(s) from the cache, 0 to parse" in lenient.stderr  # the build filled the cache

    strict_out = bad_build.work / "cli-strict"
    strict = cli(bad_build.work, "--out", str(strict_out), "--strict")
    assert strict.returncode == 1, strict.stderr
    last = strict.stderr.strip().splitlines()[-1]
    assert last.startswith("error: E050 strict mode") and "seeds/" in last, strict.stderr
    assert not (strict_out / "briefing.yml").exists(), "strict mode wrote a briefing despite the problems"


# --- a long article ------------------------------------------------------------------------------

def long_body(chars: int) -> str:
    """Paragraphs of real sentences (from the HuffPost seed), repeated up to `chars` characters."""
    lines = ROOT.joinpath("seeds", "001_eae2988b17b06bab.txt").read_text(encoding="utf-8").split("\n")[3:]
    paragraphs = [line for line in lines if line.strip()]
    out, size = [], 0
    while size < chars:
        out.append(paragraphs[len(out) % len(paragraphs)])
        size += len(out[-1]) + 2
    return "\n\n".join(out)


@pytest.fixture(scope="module")
def nlp():
    from generator.nlp.parse import load_pipeline, model_name

    return load_pipeline(model_name())


def test_long_article_is_a_valid_seed_and_parses_in_parts(nlp):
    """1.2 million characters: a valid seed (under 5 MB), and generator.nlp.parse splits it under
    spaCy's max_length and joins the parts into one Doc with the whole text.

    The statistical components are switched off here: the full en_core_web_sm pipeline needs about
    90 s for 1.2 M characters, which this test does not wait for. Tokenizer, max_length checks,
    the paragraph sentencizer and Doc.from_docs are the real ones."""
    from generator.nlp.parse import parse
    from generator.sources.seeds import parse_seed

    body = long_body(1_200_000)
    data = front("A very long article", "2022-03-05", body).encode("utf-8")
    assert len(body) > nlp.max_length and len(data) < 5_000_000
    start = time.perf_counter()
    article, problems = parse_seed(data, "long.md")
    assert problems == [] and article is not None and article.body == body
    with nlp.select_pipes(enable=["briefing_paragraphs"]):
        doc = next(parse(nlp, [article.body]))
    seconds = time.perf_counter() - start
    assert doc.text == body
    assert len(doc) > 200_000
    # every paragraph (each is one line, separated by a blank line) starts a sentence, at the seams too
    starts = {sent.start_char for sent in doc.sents}
    offsets = [m.end() for m in re.finditer(r"\n\n", body)]
    assert all(o in starts for o in offsets), "a paragraph does not start a sentence"
    print(f"\nreading and splitting a 1.2 M character article took {seconds:.1f} s")  # printed, not asserted


@pytest.mark.skipif(os.environ.get("BRIEFING_LONG_TESTS") != "1", reason="set BRIEFING_LONG_TESTS=1 (slow)")
def test_long_article_end_to_end(tmp_path):
    """The whole CLI over the 1.2 M character article, with a generous time limit (slow: opt-in)."""
    copy_project(tmp_path)
    (tmp_path / "seeds" / "long.md").write_text(front("A very long article", "2022-03-05", long_body(1_200_000)),
                                               encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", "seeds", "--no-cache",
                               "--out", "out"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("extracting a 1.2 M character article did not finish in 5 minutes")
    assert proc.returncode == 0, proc.stderr
