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
