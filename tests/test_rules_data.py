"""The extraction rules' word lists live in generator/nlp/data/*.yml, not in Python literals.

Three checks: no rule module under generator/sources or generator/nlp holds a long literal word
list again; every data file loads, and each entry has the shape its accessor expects (so a YAML
`no` turned into False, or a table written as a list, fails here rather than silently changing a
rule); and, on hand-written sentences with the real model, the rules still read their data.
"""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from generator.nlp import actors, dates, gazetteer, lexicon, quotes
from generator.nlp.dates import resolve_phrase
from generator.sources.typography import normalise

ROOT = Path(__file__).resolve().parent.parent
RULE_MODULES = sorted(p for stage in ("sources", "nlp") for p in (ROOT / "generator" / stage).rglob("*.py"))
DATA_FILES = sorted(lexicon.DATA.glob("*.yml"))
MOST_ITEMS = 10  # a literal with more items than this is a lexicon: it belongs in a data file


def _is_data(node: ast.AST) -> bool:
    """A constant, or a tuple/list of constants: what a word list or table is made of."""
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, (ast.Tuple, ast.List)) and all(map(_is_data, node.elts))


def long_literals(path: Path, root: Path = ROOT) -> list[str]:
    """'file:line: what' for each list/set/tuple/dict literal of more than MOST_ITEMS items and each
    string of more than MOST_ITEMS words split into a list."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):  # words, not code (a tuple of rules is code)
            size, what = sum(map(_is_data, node.elts)), type(node).__name__.lower()
        elif isinstance(node, ast.Dict):
            size, what = sum(k is not None and _is_data(k) for k in node.keys), "dict"
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            size, what = len(node.func.value.value.split()), "split string"
        else:
            continue
        if size > MOST_ITEMS:
            found.append((node.lineno, f"{path.relative_to(root)}:{node.lineno}: {what} of {size} items"))
    return [line for _, line in sorted(found)]


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_word_list_literals_in_rule_modules(path):
    found = long_literals(path)
    assert not found, "move these word lists to generator/nlp/data/<module>.yml:\n" + "\n".join(found)


def test_the_literal_scan_finds_long_lists(tmp_path):
    source = tmp_path / "rules.py"
    source.write_text('SMALL = {"a", "b"}\nBIG = [' + ", ".join(f'"w{i}"' for i in range(11)) + "]\n"
                      'NAMES = set("""' + " ".join(f"n{i}" for i in range(11)) + '""".split())\n'
                      "TABLE = {" + ", ".join(f"{i}: {i}" for i in range(11)) + "}\n", encoding="utf-8")
    assert long_literals(source, tmp_path) == ["rules.py:2: list of 11 items", "rules.py:3: split string of 11 items",
                                               "rules.py:4: dict of 11 items"]


def accessor_calls() -> dict[tuple[str, str], set[str]]:
    """(data module, entry) -> the lexicon accessors the code reads it with, from every
    `lexicon.<accessor>("module", "entry")` call under generator/ (a module name may also be a
    module-level string constant)."""
    calls: dict[tuple[str, str], set[str]] = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "lexicon"
                    and node.func.attr != "entries" and len(node.args) == 2):
                continue
            module, name = (a.value if isinstance(a, ast.Constant) else constants.get(getattr(a, "id", ""))
                            for a in node.args)
            if isinstance(module, str) and isinstance(name, str):
                calls.setdefault((module, name), set()).add(node.func.attr)
    return calls


ACCESSORS = accessor_calls()


def all_strings(value) -> bool:
    """Every leaf a non-empty string (YAML makes no/yes/on/off booleans, null None, 7 an int)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and k and all_strings(v) for k, v in value.items())
    if isinstance(value, list):
        return all(all_strings(v) for v in value)
    return isinstance(value, str) and value != ""


def test_there_are_data_files_and_the_code_reads_them():
    assert {p.stem for p in DATA_FILES} >= {"actors", "gazetteer", "quotes", "events", "dates", "figures",
                                            "typography"}
    assert ("actors", "speech_lemmas") in ACCESSORS and ("gazetteer", "office_holders") in ACCESSORS


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_file_entries_have_the_shape_their_accessor_expects(path):
    module = path.stem
    data = lexicon.entries(module)
    assert type(data["version"]) is int, f"{path.name}: version must be an integer"
    for name, value in data.items():
        if name == "version":
            continue
        used = ACCESSORS.get((module, name))
        assert used, f"{path.name}: '{name}' is read by no lexicon accessor (dead data?)"
        assert value, f"{path.name}: '{name}' is empty"
        assert all_strings(value), f"{path.name}: '{name}' holds a non-string (quote no/yes/on/off/null/numbers)"
        for accessor in used:
            if accessor in {"words", "ordered"}:
                assert isinstance(value, list), f"{path.name}: '{name}' should be a list"
            elif accessor == "table":
                assert isinstance(value, dict), f"{path.name}: '{name}' should be a mapping"
            elif accessor == "tables":
                assert isinstance(value, dict) and all(isinstance(v, dict) and v for v in value.values()), \
                    f"{path.name}: '{name}' should be a mapping of non-empty mappings"
            assert getattr(lexicon, accessor)(module, name)


def test_every_entry_the_code_reads_exists():
    missing = [f"{module}.yml: {name}" for module, name in ACCESSORS if name not in lexicon.entries(module)]
    assert not missing


def test_module_names_keep_their_types():
    assert isinstance(actors.SPEECH_LEMMAS, frozenset) and "say" in actors.SPEECH_LEMMAS
    assert actors.SPEECH_LEMMAS == lexicon.words("actors", "speech_lemmas")
    assert gazetteer.OFFICE_HOLDERS[("president", "Russia")] == "Vladimir Putin"
    assert gazetteer.PLACE_ALIASES["Kiev"] == "Kyiv" and "No" in gazetteer.NOT_ACTOR_ENDINGS
    assert dates.WEEKDAYS.index("thursday") == 3 and dates.MONTHS[-1] == "december"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """lexicon reading its files from an empty temporary directory (its cache cleared before and after)."""
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    lexicon.entries.cache_clear()
    yield tmp_path
    lexicon.entries.cache_clear()


@pytest.mark.parametrize("content", [
    "version: 1\nwords: [a, b\n",         # YAML syntax error
    "- a list\n- not a mapping\n",        # not a mapping
    "words: [a, b]\n",                    # no version
    "version: one\nwords: [a, b]\n",      # version not an integer
    None,                                 # no file at all
], ids=["syntax", "not-a-mapping", "no-version", "text-version", "missing"])
def test_malformed_data_file_raises_lexicon_error_naming_the_file(data_dir, content):
    if content is not None:
        (data_dir / "broken.yml").write_text(content, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"E070 broken\.yml"):
        lexicon.words("broken", "words")


@pytest.mark.parametrize("accessor, content", [
    ("words", "version: 1\nentry: {a: b}\n"),
    ("ordered", "version: 1\nentry: just text\n"),
    ("table", "version: 1\nentry: [a, b]\n"),
    ("tables", "version: 1\nentry: {office: [a, b]}\n"),
    ("words", "version: 1\nother: [a]\n"),
])
def test_entry_of_the_wrong_shape_raises_lexicon_error_naming_the_file(data_dir, accessor, content):
    (data_dir / "shapes.yml").write_text(content, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"E070 shapes\.yml: 'entry'"):
        getattr(lexicon, accessor)("shapes", "entry")


def test_typography_repairs_with_its_tables():
    assert "wont" in lexicon.table("typography", "contractions")
    assert "country" in lexicon.words("typography", "possessive_nouns")
    assert normalise("Theyre sure the countrys army wont stop") == "They're sure the country's army won't stop"
    assert normalise("\u201cNo\u201d, \u00abno\u00bb") == '"No", "no"'


def test_dates_count_with_the_number_words_and_months():
    assert lexicon.ordered("dates", "number_words")[11] == "eleven"
    assert resolve_phrase("eleven days ago", dt.date(2022, 3, 14), dt.date(2022, 3, 14), False).value == "2022-03-03"
    assert resolve_phrase("24 February", dt.date(2022, 3, 14), dt.date(2022, 3, 14), False).value == "2022-02-24"


# With the real spaCy pipeline: the rules read their data.
@pytest.fixture(scope="module")
def nlp():
    from generator.nlp.parse import load_pipeline, model_name

    return load_pipeline(model_name())


def run(nlp, body, title="News"):
    from generator.briefing.records import Article
    from generator.nlp.extract import analysis_text, extract_one
    from generator.nlp.parse import parse

    art = Article(id="a1", file="a1.md", title=title, date=dt.date(2022, 3, 14), source="", url="", body=body)
    doc = next(parse(nlp, [analysis_text(body)]))
    return extract_one(doc, nlp(normalise(title)), art)


@pytest.mark.model
def test_a_speech_verb_of_the_data_makes_its_subject_the_speaker(nlp):
    assert "stipulate" in lexicon.words("actors", "speech_lemmas")
    x = run(nlp, "Dmytro Kuleba stipulated that the talks would continue.")
    assert [(q.kind, q.speaker_name, q.text) for q in x.quotes] == [
        ("indirect", "Dmytro Kuleba", "the talks would continue")]


@pytest.mark.model
def test_place_aliases_and_extra_places_of_the_data_name_places(nlp):
    assert lexicon.table("gazetteer", "place_aliases")["Kiev"] == "Kyiv"
    assert "Vuhledar" in lexicon.words("gazetteer", "extra_places")
    x = run(nlp, "Russian troops shelled Kiev and Vuhledar on Sunday.")
    assert {m.key: m.kind for m in x.mentions} == {"Kyiv": "place", "Vuhledar": "place"}


@pytest.mark.model
def test_office_holders_of_the_data_name_a_headline_speaker(nlp):
    assert lexicon.tables("gazetteer", "office_holders")["chancellor"]["Germany"] == "Olaf Scholz"
    headline = "Speech by the Chancellor of Germany at the Bundestag"
    assert quotes.headline_speaker(headline, nlp(normalise(headline))) == "Olaf Scholz"


@pytest.mark.model
def test_key_nouns_of_the_data_make_a_small_number_a_figure(nlp):
    key_nouns = lexicon.words("figures", "key_nouns")
    assert "journalist" in key_nouns and "building" not in key_nouns
    counted = run(nlp, "Three journalists were detained in Kherson on Sunday.")
    assert [(f.value, f.what) for f in counted.figures] == [("3", "journalists were detained")]
    assert not run(nlp, "Three buildings were damaged in Kherson on Sunday.").figures


def test_a_stage_rules_file_without_a_version_is_e070(tmp_path):
    from generator.rules_file import read_rules

    bad = tmp_path / "merge.yml"
    bad.write_text("generic_bodies: [Government]\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"E070"):
        read_rules(bad)
    bad.write_text("version: 1\ngeneric_bodies: [Government]\n", encoding="utf-8")
    assert read_rules(bad)["generic_bodies"] == ["Government"]
