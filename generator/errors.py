"""Every error and warning code the generator reports, with its message template: one place to read
them all (in the style of spaCy's errors.py). A code is a `str` ("E109"), so it is stored and compared
as one; `E109.text(...)` fills its template, `E109(...)` gives the line with its code in front.

Levels: "error" (the input is refused, or the command fails) and "warning" (the input is used with a
caveat, or the entry is skipped, and the build goes on; `--strict` turns every warning into a failure).
The README's table of codes is this module's `markdown_table()` (a test keeps them equal).
"""
from __future__ import annotations

import re
import sys


class Code(str):
    """An error or warning code with its level, what it means and its message template."""

    level: str
    means: str
    template: str

    def __new__(cls, code: str, level: str, means: str, template: str) -> "Code":
        self = super().__new__(cls, code)
        self.level, self.means, self.template = level, means, template
        return self

    def text(self, **fields: object) -> str:
        """The message without its code (seed problems carry the code beside it)."""
        return self.template.format(**fields)

    def __call__(self, **fields: object) -> str:
        return f"{self} {self.text(**fields)}"


# --- the spaCy pipeline and the rules' data
E001 = Code("E001", "error", "the configured spaCy pipeline is not installed",
            "spaCy pipeline {name!r} is not installed; install the pinned package (make .venv) or set {env} "
            "to an installed English pipeline")
E070 = Code("E070", "error", "a rules data file (generator/*/data/*.yml) is missing or malformed",
            "{file}: {problem}")
# --- briefing data files
E020 = Code("E020", "error", "a briefing.yml/.json cannot be read or is no briefing", "{path}: {problem}")
E021 = Code("E021", "error", "a briefing.yml/.json does not fit briefing.schema.json (file, field, line)",
            "{problems}")
E022 = Code("E022", "warning", "the previous edition's briefing.json cannot be read: nothing is marked new",
            "previous edition {path}: {problem}")
# --- pages
E030 = Code("E030", "error", "a page link target that is not a safe relative path",
            "unsafe page link target {target!r}")
E031 = Code("E031", "error", "a page path that would be written outside the output folder",
            "page path {path!r} leads outside the output folder")
# --- curation.yml
E040 = Code("E040", "warning", "curation.yml is not valid YAML: the briefing is shown uncurated",
            "{where}: not valid YAML ({reason})")
E041 = Code("E041", "warning", "curation.yml is not a mapping of sections: the briefing is shown uncurated",
            "{file}: must be a mapping of sections ({sections})")
E042 = Code("E042", "warning", "a curation entry does not fit curation.schema.json: that entry is skipped",
            "{problem}; entry skipped")
E043 = Code("E043", "warning", "a curation entry names an item that does not exist (any more)",
            "{file}: {section}: no {kind} '{id}'")
E044 = Code("E044", "warning", "a curation entry has the wrong shape: that entry is skipped",
            "{where}: {problem}")
E045 = Code("E045", "warning", "curation.yml is too large, a link leading out of its folder, not a file, or an "
            "alias bomb: the briefing is shown uncurated", "{file}: {problem}; the briefing is shown uncurated")
# --- the build
E050 = Code("E050", "error", "strict mode and a seed or curation entry had a problem",
            "strict mode: {count} problem(s); first: {first}")
# --- corpus gold sets (tools/, not the product)
E060 = Code("E060", "error", "a corpus gold file names a corpus file or row that is not there",
            "{path}: {problem}")
E061 = Code("E061", "error", "a gold fragment is not in the corpus text", "{file}: fragment not in the body: {fragment!r}")
E062 = Code("E062", "error", "the corpus text changed since it was annotated",
            "{file}: the corpus text changed since it was annotated")
E063 = Code("E063", "error", "a packed gold fragment is not {at, len}",
            "{file}: a fragment must be {{at, len}}, got {span!r}")
# --- seeds (the problem is shown as "seeds/<file>: <message>")
E100 = Code("E100", "error", "the seeds folder is missing or is not a folder", "seeds folder not found, or not a folder")
E101 = Code("E101", "error", "a symbolic link leading outside seeds/", "symbolic link leads outside seeds/")
E102 = Code("E102", "error", "unreadable (permissions, broken link, link loop)", "{problem}")
E103 = Code("E103", "error", "larger than 5 MB", "file larger than the {limit} MB limit")
E104 = Code("E104", "error", "empty or whitespace only", "empty file")
E105 = Code("E105", "error", "binary, not text", "binary file, not text{detail}")
E106 = Code("E106", "warning", "not UTF-8: read as Windows-1252/Latin-1", "not UTF-8; read as {encoding}")
E107 = Code("E107", "error", "in none of the three seed forms",
            "not a seed in any accepted form: (a) title / YYYYMMDD / URL lines, (b) first line ' date "
            "YYYY-MM-DD headline', or (c) '---' YAML front matter with title and date")
E108 = Code("E108", "error", "front matter that is bad YAML, not a mapping, or uses YAML tags", "front matter {problem}")
E109 = Code("E109", "error", "missing, malformed or impossible date (2022-02-30)", "{kind} date {detail}")
E110 = Code("E110", "error", "without a title (or one of invisible characters only, or over 500 characters)",
            "missing title{detail}")
E111 = Code("E111", "error", "without text", "no article text")
E112 = Code("E112", "warning", "the same text as another seed: skipped, the first one kept",
            "same text as seeds/{first}; skipped as a duplicate")
E113 = Code("E113", "warning", "not a regular file (a FIFO, socket or device): skipped",
            "not a regular file (a FIFO, socket or device); skipped")
E114 = Code("E114", "error", "folders nested deeper than 32 levels: the deeper ones are not read",
            "folders nested deeper than {depth} levels are not read")
E199 = Code("E199", "error", "an unexpected error while reading (a bug: please report it)",
            "unexpected error ({error}); please report it")


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """A message fit for one log line: control, line-separator and bidi characters shown as escapes."""
    return _CONTROLS.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def all_codes() -> list[Code]:
    return sorted((v for v in globals().values() if isinstance(v, Code)), key=str)


def markdown_table() -> str:
    """The README's table of codes."""
    rows = ["| code | level | what it means |", "| --- | --- | --- |"]
    rows += [f"| {c} | {c.level} | {c.means.replace('|', '/')} |" for c in all_codes()]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
