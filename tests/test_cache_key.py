"""The extraction cache key covers every file extraction reads: no change can load a stale entry."""
import shutil
import subprocess
import sys
from pathlib import Path

from generator.nlp import extract as extract_mod

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_extraction_imports_is_in_the_key():
    # A fresh interpreter, so that only what extraction itself imports is loaded.
    code = ("import sys, generator.nlp.extract, generator.nlp.parse\n"
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('generator')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    inputs = {p.resolve() for p in extract_mod.extraction_inputs()}
    missing = sorted(str(Path(f).resolve().relative_to(ROOT)) for f in loaded if Path(f).resolve() not in inputs)
    assert not missing, f"extraction imports files its cache key does not hash: {missing}"


def test_every_rules_data_file_is_in_the_key():
    data = {p.resolve() for p in (ROOT / "generator" / "nlp" / "data").iterdir() if p.is_file()}
    assert data and data <= {p.resolve() for p in extract_mod.extraction_inputs()}


def test_editing_a_data_file_changes_the_key(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(extract_mod, "_PACKAGE", package)
    extract_mod.extractor_version.cache_clear()
    try:
        before = extract_mod.extractor_version()
        data_file = sorted((package / "nlp" / "data").glob("*.yml"))[0]
        data_file.write_text(data_file.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
        extract_mod.extractor_version.cache_clear()
        after_data = extract_mod.extractor_version()
        (package / "briefing" / "records.py").write_text(
            (package / "briefing" / "records.py").read_text(encoding="utf-8") + "\n# a new field soon\n")
        extract_mod.extractor_version.cache_clear()
        after_records = extract_mod.extractor_version()
    finally:
        extract_mod.extractor_version.cache_clear()
    assert len({before, after_data, after_records}) == 3
