"""briefing.yml conforms to the JSON Schema the site publishes (golden file and a hand-built case)."""
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.briefing.io import SCHEMA_PATH

GOLDEN = Path(__file__).parent / "golden" / "briefing.yml"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_golden_briefing_matches_schema(validator):
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_schema_rejects_a_wrong_kind(validator):
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    data["actors"][0]["kind"] = "alien"
    data["events"][0]["date"] = "28 Feb"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("alien" in m for m in messages) and any("28 Feb" in m for m in messages)


# ---------------------------------------------------------------- one schema, generated and enforced

from generator.briefing import schema as schema_mod  # noqa: E402
from generator.briefing.curation import load_curation  # noqa: E402
from generator.briefing.io import DataError, dump_json, load_yaml  # noqa: E402
from generator.briefing.records import Quote  # noqa: E402


def test_shipped_schema_files_are_the_generated_ones():
    for name, generated in schema_mod.shipped_schemas().items():
        shipped = (schema_mod.HERE / name).read_text(encoding="utf-8")
        assert shipped == schema_mod.schema_file_text(generated), (
            f"{name} drifted from the records: run python -m generator.briefing.schema")
        jsonschema.Draft202012Validator.check_schema(json.loads(shipped))


def test_the_schema_follows_the_dataclasses():
    quote = schema_mod.json_schema(Quote)
    assert list(quote["properties"]) == list(Quote.PUBLISHED)
    assert quote["properties"]["kind"]["enum"] == ["direct", "partial", "indirect"]
    assert quote["properties"]["speaker"]["type"] == ["string", "null"]
    article = json.loads(SCHEMA_PATH.read_text())["properties"]["articles"]["items"]
    assert "text" in article["properties"] and "body" not in article["properties"]  # the published name
    assert "encoding" not in article["properties"] and "text" not in article["required"]


def test_a_bad_briefing_yml_names_file_field_and_line(tmp_path):
    text = GOLDEN.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("kind: person"))
    lines[at] = lines[at].replace("kind: person", "kind: alien")
    path = tmp_path / "briefing.yml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_yaml(path)
    message = str(err.value)
    assert message.startswith("E021 ") and f"{path}:{at + 1}: actors[" in message and "'alien'" in message


def test_a_bad_briefing_json_names_file_and_field(tmp_path):
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    data["events"][0]["date"] = "28 Feb"
    path = tmp_path / "briefing.json"
    path.write_text(dump_json(data), encoding="utf-8")
    with pytest.raises(DataError, match=r"E021 .*briefing\.json: events\[0\]\.date: '28 Feb' does not match"):
        load_yaml(path)
    del data["events"][0]["date"]
    path.write_text(dump_json(data), encoding="utf-8")
    with pytest.raises(DataError, match=r"events\[0\]: 'date' is missing"):
        load_yaml(path)


def test_a_curation_entry_that_does_not_fit_is_skipped_with_its_line(tmp_path):
    path = tmp_path / "curation.yml"
    path.write_text("title: Kept\nhide:\n  quotes: q-1\n  events: [e-1]\nactors:\n  kinds: {kyiv: city}\n"
                    "events:\n  add:\n    - date: 2022-02-24\n      title: Invasion\n      source: {article: a1}\n"
                    "    - date: 24 Feb\n      title: Bad\n      source: {article: a1}\ncolour: red\n",
                    encoding="utf-8")
    problems: list[str] = []
    data = load_curation(path, problems)
    assert data == {"title": "Kept", "hide": {"events": ["e-1"]}, "actors": {"kinds": {}},
                    "events": {"add": [{"date": "2022-02-24", "title": "Invasion", "source": {"article": "a1"}}]}}
    assert problems == [
        "E042 curation.yml:3: hide.quotes: expected array, got 'q-1'; entry skipped",
        "E042 curation.yml:6: actors.kinds.kyiv: 'city' is not one of person, organization, place, group; entry skipped",
        "E042 curation.yml:12: events.add[1].date: '24 Feb' does not match ^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$; "
        "entry skipped",
        "E042 curation.yml:15: colour: unknown field 'colour' (expected title, summary, actors, hide, events, stories, quotes, pin); "
        "entry skipped",
    ]


def test_a_yaml_syntax_error_in_curation_names_its_line(tmp_path):
    from generator.briefing.curation import CurationError

    path = tmp_path / "curation.yml"
    path.write_text("title: ok\nhide:\n  quotes: [q-1\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"^E040 curation\.yml:\d+:\d+: not valid YAML"):
        load_curation(path)
