"""The seed reader: a folder of news-article files -> `Article` records and `SeedProblem`s.

Seeds come from copy-paste and scrapers, so nothing here trusts them: every bad file becomes a
numbered problem with a one-line reason, and reading never raises. Three forms are accepted:

  (a) line 1 title, line 2 date YYYYMMDD, line 3 URL, then the body
  (b) first line `` date YYYY-MM-DD headline`` (leading space allowed), then the body
  (c) Markdown with YAML front matter (``---`` title, date, optional source/url ``---``), then the body

Every problem is numbered (E100-E199); the codes and their messages are in `generator/errors.py`.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
import datetime as dt
import hashlib
import os
import reprlib
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Optional
from urllib.parse import urlsplit

import yaml

from generator.briefing.records import Article, SeedProblem

if TYPE_CHECKING:
    from generator.sources.memo import ParsedSeeds
from generator.errors import (E100, E101, E102, E103, E104, E105, E106, E107, E108, E109, E110, E111, E112,
                              E113, E114, E199, Code)


MAX_BYTES = 5_000_000  # whole articles are far smaller; anything bigger is a mistake or an attack
MAX_FRONT_MATTER = 20_000  # characters
MIN_YEAR, MAX_YEAR = 1900, 2100  # the dates an article may have
MAX_ID_CHARS = 80
MAX_TITLE_CHARS = 500  # headlines are a tenth of that
MAX_DEPTH = 32  # folder levels under seeds/
# Page names of the Sources section that no article may take (sources/index.md, sources/months/).
RESERVED_IDS = frozenset({"index", "months"})
SKIPPED_TOP_LEVEL = frozenset({"curation.yml", "curation.yaml", "README.md"})

_UTF8_BOM, _UTF16_BOMS = b"\xef\xbb\xbf", (b"\xff\xfe", b"\xfe\xff")
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")  # bytes Windows-1252 leaves undefined
_ISO_DATE, _COMPACT_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})"), re.compile(r"(\d{4})(\d{2})(\d{2})")
_FORM_B = re.compile(r"\s*date\s+(\d\S*)\s*(.*)", re.IGNORECASE)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_FORM_B_SOURCE = re.compile(r"[ \t]*source:[ \t]*(\S[^\n]*)", re.IGNORECASE)
_YES, _NO = frozenset({"true", "yes", "on"}), frozenset({"false", "no", "off"})
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc, minus tab and line breaks


@dataclass(frozen=True)
class SeedReport:
    articles: list[Article]  # sorted by (date, id)
    problems: list[SeedProblem]  # sorted by file


class _Header(NamedTuple):
    """What a seed's form says besides its text."""

    title: str
    date: dt.date
    source: str
    url: str
    body_lines: list[str]
    license: str = ""  # SPDX id or free text, as the seed declares it
    publish_text: Optional[bool] = None  # None: the site's default decides


class _Fatal(Exception):
    """Internal: stops parsing one file; always turned into a fatal SeedProblem."""

    def __init__(self, code: Code, **fields: object):
        self.code, self.reason = code, code.text(**fields)
        super().__init__(self.reason)


# --- ids ---------------------------------------------------------------------------------------

def _short_hash(file: str) -> str:
    return hashlib.sha1(file.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _slug(file: str) -> str:
    parent, _, name = file.rpartition("/")
    stem = name.rpartition(".")[0] or name  # "a.b.txt" -> "a.b"; ".txt" stays itself
    folded = unicodedata.normalize("NFKD", f"{parent}/{stem}").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def article_id(file: str) -> str:
    """Stable, URL-safe id from the relative file name (not the position, so links survive new seeds).

    Non-ASCII names fold to ASCII; a name with nothing left (e.g. all CJK) becomes its sha1 prefix.
    Collisions between files are resolved by `read_seeds`, which suffixes every colliding id."""
    slug = _slug(file)
    if not slug:
        return _short_hash(file)
    if len(slug) > MAX_ID_CHARS:  # a file name may be 255 bytes a level: keep page paths short
        return f"{slug[:MAX_ID_CHARS - 9].rstrip('-')}-{_short_hash(file)}"
    return f"{slug}-{_short_hash(file)}" if slug in RESERVED_IDS else slug


def _unique_ids(files: list[str]) -> dict[str, str]:
    ids = {f: article_id(f) for f in files}
    counts = Counter(ids.values())
    return {f: (f"{i}-{_short_hash(f)}" if counts[i] > 1 else i) for f, i in ids.items()}


# --- bytes -> text -------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, str, str]:
    """Return (text, codec, caveat label or ""). A non-UTF-8 seed is most likely an old Windows export."""
    if data.startswith(_UTF8_BOM):
        data = data[3:]
        try:
            return data.decode("utf-8"), "utf-8-sig", ""
        except UnicodeDecodeError:
            pass  # the BOM lied: fall through to the single-byte guess
    elif data[:2] in _UTF16_BOMS:
        try:
            return data.decode("utf-16"), "utf-16", ""
        except UnicodeDecodeError:
            raise _Fatal(E105, detail=" (UTF-16 byte-order mark, but not valid UTF-16)") from None
    if b"\x00" in data:
        raise _Fatal(E105, detail="")
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    c1 = set(data.translate(None, bytes(range(0x80)) + bytes(range(0xA0, 0x100))))  # 0x80-0x9F only
    if c1 and not c1 & _CP1252_HOLES:  # C1 bytes are controls in Latin-1 but punctuation in Windows-1252
        return data.decode("cp1252"), "cp1252", "Windows-1252"
    return data.decode("latin-1"), "latin-1", "Latin-1"


def _looks_binary(text: str) -> bool:
    """Many control characters: an image, archive or PDF renamed .txt, not an article."""
    return "\x00" in text or len(_CONTROLS.findall(text)) * 10 > len(text)


# --- fields ------------------------------------------------------------------------------------

_SHOWN = reprlib.Repr()  # bounded in depth, items and length, whatever the value holds
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxstring, _SHOWN.maxother = 2, 3, 3, 30, 30


def _show(value: object) -> str:
    """A bad value quoted for a one-line reason: escaped and shortened (never str() of a whole value)."""
    if isinstance(value, str):
        return repr(value if len(value) <= 30 else value[:29] + "…")
    return repr(_SHOWN.repr(value)[:60])


def _parse_date(value: object, where: str, expected: str) -> dt.date:
    """YYYY-MM-DD or YYYYMMDD; the reason names the bad value so the editor can find it."""
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), where)
    if isinstance(value, dt.date):
        return _plausible(value, where)
    if value is not None and not isinstance(value, str):
        raise _Fatal(E109, kind="malformed", detail=f"{_show(value)} {where} (expected {expected})")
    text = (value or "").strip()
    if not text:
        raise _Fatal(E109, kind="missing", detail=f"{where} (expected {expected})")
    match = _ISO_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        raise _Fatal(E109, kind="malformed", detail=f"{_show(text)} {where} (expected {expected})")
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise _Fatal(E109, kind="impossible", detail=f"{text} {where}") from None
    return _plausible(day, where)


def _plausible(day: dt.date, where: str = "") -> dt.date:
    """A news article's date lies in 1900-2100; anything else is a typo (2202 for 2022)."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _Fatal(E109, kind="implausible",
                     detail=f"{day.isoformat()}{' ' + where if where else ''} (expected a year from {MIN_YEAR} to {MAX_YEAR})")
    return day


def _title(value: str) -> str:
    title = re.sub(r"\s*\n\s*", " ", value).strip()
    if not title or not any(unicodedata.category(c)[0] in "LNPS" for c in title):  # nothing visible
        raise _Fatal(E110, detail="" if not title else " (only invisible characters)")
    if len(title) > MAX_TITLE_CHARS:  # a scraper put the text where the headline goes
        raise _Fatal(E110, detail=f" (a title of {len(title):,} characters, over {MAX_TITLE_CHARS}: is the text in it?)")
    return title


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # e.g. a broken IPv6 literal
        return ""
    return host[4:] if host.startswith("www.") else host


def _trim(lines: list[str]) -> list[str]:
    """Drop leading and trailing blank lines (by index: popping one by one is quadratic)."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = next((i for i in range(len(lines), start, -1) if lines[i - 1].strip()), start)
    return lines[start:end]


def _body(lines: list[str]) -> str:
    lines = _trim(lines)
    if not lines:
        raise _Fatal(E111)
    return "\n".join(lines)


# --- the three forms ---------------------------------------------------------------------------

class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that refuses every explicit tag and reads all scalars as strings.

    Tags are how YAML reaches object constructors, and a front matter never needs one. With no
    implicit resolvers, `date: 2022-02-30` stays a string we can report, instead of a YAML error."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):  # a header never needs one; an alias bomb is made of them
            raise _Fatal(E108, problem="uses a YAML alias (*name); aliases are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _Fatal(E108, problem=f"uses the YAML tag {_show(tag)}; tags are not allowed")
        return super().compose_node(parent, index)


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _at(lines: list[str], end: int, key: str, skipped: int) -> str:
    """' (line N)' of the front matter's `key:` line, as the editor's file counts lines ('' if absent)."""
    for i in range(1, end):
        if lines[i].split(":", 1)[0].strip().lower() == key:
            return f" (line {i + 1 + skipped})"
    return ""


def _form_c(lines: list[str], skipped: int = 0) -> _Header:
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise _Fatal(E108, problem="opened with '---' is never closed by a '---' line")
    front = "\n".join(lines[1:end])
    if len(front) > MAX_FRONT_MATTER:  # PyYAML is slow on huge input; a real header is a few lines
        raise _Fatal(E108, problem=f"longer than {MAX_FRONT_MATTER // 1000} kB; is a closing '---' misplaced?")
    if _bracket_depth(front) > 20:  # PyYAML's scanner is quadratic on '[[[[...'
        raise _Fatal(E108, problem="is nested too deeply")
    try:
        meta = yaml.load(front, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except _Fatal:
        raise
    except RecursionError:
        raise _Fatal(E108, problem="is nested too deeply") from None
    except Exception as err:  # any YAMLError; PyYAML may raise others on hostile input
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f" (line {mark.line + 2 + skipped}, column {mark.column + 1})" if mark is not None else ""
        raise _Fatal(E108, problem=f"is not valid YAML: {first[:100]}{where}") from None
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        raise _Fatal(E108, problem="is not a mapping of 'key: value' lines")
    meta = {str(k).lower(): v for k, v in meta.items()}
    for key in ("title", "source", "url", "license", "publish_text"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise _Fatal(E108, problem=f"'{key}' must be text, not a list or mapping{_at(lines, end, key, skipped)}")
    title = _title(meta.get("title") or "")
    date = _parse_date(meta.get("date"), "in front matter" + _at(lines, end, "date", skipped), "date: YYYY-MM-DD")
    url = (meta.get("url") or "").strip()
    return _Header(title, date, (meta.get("source") or "").strip() or _host(url), url, lines[end + 1:],
                   (meta.get("license") or "").strip()[:200],
                   _permission(meta.get("publish_text"), _at(lines, end, "publish_text", skipped)))


def _permission(value: Optional[str], where: str = "") -> Optional[bool]:
    """`publish_text: true|false` (YAML's spellings); None when the seed does not say."""
    if value is None or not value.strip():
        return None
    if value.strip().lower() in _YES:
        return True
    if value.strip().lower() in _NO:
        return False
    raise _Fatal(E108, problem=f"'publish_text' must be true or false, not {_show(value)}{where}")


def _form_b(match: re.Match, lines: list[str]) -> _Header:
    date = _parse_date(match.group(1), "on line 1", "' date YYYY-MM-DD headline'")
    source = _FORM_B_SOURCE.fullmatch(lines[1]) if len(lines) > 1 else None  # optional 'source: X' line 2
    if source:
        return _Header(_title(match.group(2)), date, source.group(1).strip()[:200], "", lines[2:])
    return _Header(_title(match.group(2)), date, "", "", lines[1:])


def _form_a(lines: list[str]) -> _Header:
    date = _parse_date(lines[1], "on line 2", "YYYYMMDD")
    title = _title(lines[0])
    has_url = len(lines) > 2 and _URL.fullmatch(lines[2].strip())
    url = lines[2].strip() if has_url else ""
    return _Header(title, date, _host(url), url, lines[3:] if has_url else lines[2:])


def _parse_text(text: str) -> _Header:
    """Detect the form from the first lines; return (title, date, source, url, body lines)."""
    all_lines = text.split("\n")
    lines = _trim(all_lines)
    first, second = lines[0], (lines[1].strip() if len(lines) > 1 else "")
    third = lines[2].strip() if len(lines) > 2 else ""
    if first.strip() == "---":  # line numbers in its problems count the blank lines _trim dropped
        return _form_c(lines, next((i for i, line in enumerate(all_lines) if line.strip()), 0))
    if match := _FORM_B.fullmatch(first):
        return _form_b(match, lines)
    if _COMPACT_DATE.fullmatch(first.strip()) and _URL.fullmatch(second):
        raise _Fatal(E110, detail=" (line 1 should be the title, then YYYYMMDD, then URL)")
    if _COMPACT_DATE.fullmatch(second) or _ISO_DATE.fullmatch(second) or _URL.fullmatch(third):
        return _form_a(lines)
    if re.match(r"\s*date\b", first, re.IGNORECASE):
        raise _Fatal(E109, kind="missing", detail="on line 1 (expected ' date YYYY-MM-DD headline')")
    raise _Fatal(E107)


def parse_seed(data: bytes, file: str) -> tuple[Article | None, list[SeedProblem]]:
    """Parse one seed's bytes (pure: no filesystem). Returns the article, or None with a fatal problem."""
    problems: list[SeedProblem] = []
    try:
        if len(data) > MAX_BYTES:
            raise _Fatal(E103, limit=MAX_BYTES // 1_000_000)
        text, encoding, guessed = _decode(data)
        if guessed:
            problems.append(SeedProblem(file, E106.text(encoding=guessed), E106, fatal=False))
        if not text.strip():
            raise _Fatal(E104)
        if _looks_binary(text):
            raise _Fatal(E105, detail="")
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        header = _parse_text(text)
        body = _body(header.body_lines)
    except _Fatal as fatal:
        return None, problems + [SeedProblem(file, fatal.reason, fatal.code, fatal=True)]
    return Article(article_id(file), file, header.title, header.date, header.source, header.url, body, encoding,
                   license=header.license, publish_text=header.publish_text), problems


# --- the folder --------------------------------------------------------------------------------

def _link_problem(path: Path, root: Path, rel: str) -> SeedProblem | None:
    """A link may point at another seed, never outside: seeds/ must not become a way to read /etc."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return SeedProblem(rel, E102.text(problem="symbolic link loop"), E102)
    return None if target.is_relative_to(root) else SeedProblem(rel, E101.text(), E101)


def _read_file(path: Path, root: Path, rel: str) -> bytes | SeedProblem | None:
    """The file's bytes, or the problem that stops it being read (a fifo, socket or device is skipped)."""
    if problem := _link_problem(path, root, rel):
        return problem
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return SeedProblem(rel, E113.text(), E113, fatal=False)
        # O_NONBLOCK: a file swapped for a fifo must not hang the build; MAX + 1 lets parse_seed see "too big"
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as err:
        return SeedProblem(rel, E102.text(problem=f"cannot read file: {err.strerror or err}"), E102)


def _seed_paths(root: Path, problems: list[SeedProblem]) -> list[tuple[str, Path]]:
    """Every seed candidate as (relative POSIX path, path), sorted; hidden and curation files skipped."""
    found: list[tuple[str, Path]] = []

    def unreadable(err: OSError) -> None:
        rel = Path(os.path.relpath(err.filename, root)).as_posix() if err.filename else "."
        problems.append(SeedProblem(rel, E102.text(problem=f"cannot read folder: {err.strerror or err}"), E102))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):  # never follows dir links
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if dirnames and len(here.relative_to(root).parts) >= MAX_DEPTH:  # os.walk recurses: bound it
            problems += [SeedProblem((here / d).relative_to(root).as_posix()[:200], E114.text(depth=MAX_DEPTH), E114)
                         for d in dirnames[:1]]
            dirnames[:] = []
        for name in dirnames:  # a linked folder inside seeds/ is read at its real place, once
            if problem := _link_problem(here / name, root, (here / name).relative_to(root).as_posix()):
                problems.append(problem)
        for name in filenames:
            if name.startswith(".") or (here == root and name in SKIPPED_TOP_LEVEL):
                continue
            found.append(((here / name).relative_to(root).as_posix(), here / name))
    return sorted(found)


def _fingerprint(body: str) -> str:
    return " ".join(body.split())


def read_seeds(seeds_dir: Path, memo: Optional["ParsedSeeds"] = None) -> SeedReport:
    """Read every seed under `seeds_dir`; never raises. Duplicated texts keep the first file by path.
    `memo`: the previous build's parsed seeds (memo.py), for files whose bytes did not change."""
    try:
        root = Path(seeds_dir).resolve()
        usable = root.is_dir()
    except (OSError, RuntimeError):  # RuntimeError: a link loop
        usable = False
    if not usable:
        return SeedReport([], [SeedProblem(".", E100.text(), E100)])
    problems: list[SeedProblem] = []
    paths = _seed_paths(root, problems)
    ids = _unique_ids([rel for rel, _ in paths])
    articles: list[Article] = []
    first_file: dict[str, str] = {}
    for rel, path in paths:
        try:
            data = _read_file(path, root, rel)
            if isinstance(data, SeedProblem):
                problems.append(data)
            if not isinstance(data, bytes):
                continue
            article, found = memo.parse(data, rel, parse_seed) if memo is not None else parse_seed(data, rel)
        except Exception as err:  # a bug, not bad input: report it and keep the other seeds
            problems.append(SeedProblem(rel, E199.text(error=type(err).__name__), E199))
            continue
        problems += found
        if article is None:
            continue
        key = _fingerprint(article.body)
        if key in first_file:
            problems.append(SeedProblem(rel, E112.text(first=first_file[key]), E112, fatal=False))
            continue
        first_file[key] = rel
        articles.append(dataclasses.replace(article, id=ids[rel]))
    articles.sort(key=lambda a: (a.date, a.id))
    problems.sort(key=lambda p: p.file)
    return SeedReport(articles, problems)
