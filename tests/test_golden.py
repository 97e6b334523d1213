"""Whole-output golden test: briefing.yml for the seeds in seeds/ (real spaCy pipeline).

Update the golden file only on purpose: UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""
import difflib
import os
from pathlib import Path

import pytest

from generator.briefing.io import dump_yaml
from generator.pipeline import Settings, build_data

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "briefing.yml"

pytestmark = pytest.mark.model


def test_briefing_yml_matches_golden(tmp_path):
    result = build_data(Settings(seeds=ROOT / "seeds", cache=None, strict=True))
    produced = dump_yaml(result.data)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(produced, encoding="utf-8")
        pytest.skip("golden file updated")
    expected = GOLDEN.read_text(encoding="utf-8")
    if produced != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), produced.splitlines(True),
                                            "golden/briefing.yml", "produced", n=1))
        pytest.fail("briefing.yml differs from the golden file (UPDATE_GOLDEN=1 to accept):\n" + diff[:6000])
