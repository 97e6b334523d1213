"""needs.py: a missing corpus or chromium skips on a developer's machine and fails in CI."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import needs

FAILED, SKIPPED = pytest.fail.Exception, pytest.skip.Exception


def outcome(call, *args) -> tuple[type | None, str]:
    """What `call` does to the test calling it: (Failed or Skipped or None, message). Caught here, so
    a skip where a failure is expected fails this test instead of skipping it."""
    try:
        call(*args)
    except (FAILED, SKIPPED) as exc:
        return type(exc), str(exc)
    return None, ""


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_missing_corpus_fails_in_ci(tmp_path, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    kind, message = outcome(needs.need_corpus, tmp_path / "no-corpus")
    assert kind is FAILED and "shared corpus is not at" in message, (kind, message)


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_missing_corpus_skips_outside_ci(tmp_path, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    kind, message = outcome(needs.need_corpus, tmp_path / "no-corpus")
    assert kind is SKIPPED and "shared corpus is not at" in message, (kind, message)


def test_a_present_corpus_is_returned(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    (tmp_path / "News_Analytics_Project").mkdir()
    assert needs.need_corpus(tmp_path) == tmp_path
    # an empty folder where the corpus should be is not the corpus
    assert outcome(needs.need_corpus, tmp_path / "News_Analytics_Project")[0] is FAILED


def test_missing_chromium_fails_in_ci_and_skips_outside(tmp_path, monkeypatch):
    missing = tmp_path / "chromium"
    monkeypatch.setenv("CI", "true")
    kind, message = outcome(needs.need_chromium, missing)
    assert kind is FAILED and f"{missing} is not installed" in message, (kind, message)
    missing.write_text("#!/bin/sh\n")  # there, but not executable
    assert outcome(needs.need_chromium, missing)[0] is FAILED
    monkeypatch.delenv("CI")
    kind, message = outcome(needs.need_chromium, missing)
    assert kind is SKIPPED and f"{missing} is not installed" in message, (kind, message)
    missing.chmod(0o755)
    assert needs.need_chromium(missing) == missing


def test_the_default_paths_are_the_ones_ci_provides():
    assert needs.CORPUS == needs.ROOT.parent / "shared" / "corpus"
    assert needs.CHROMIUM.as_posix() == "/usr/bin/chromium"


def test_a_test_needing_the_corpus_is_failed_not_skipped_in_ci(tmp_path):
    """End to end through pytest itself: the outcome a CI run reports."""
    (tmp_path / "test_x.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(needs.ROOT / "tests")!r})
        from pathlib import Path
        import needs

        def test_uses_the_corpus():
            needs.need_corpus(Path({str(tmp_path / "absent")!r}))
    """), encoding="utf-8")
    outcomes = {}
    for ci in ("true", ""):
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", "test_x.py"],
                              cwd=tmp_path, env={"CI": ci, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                              timeout=120)
        outcomes[ci] = (proc.returncode, proc.stdout)
    assert outcomes["true"][0] == 1 and "1 failed" in outcomes["true"][1], outcomes["true"][1]
    assert outcomes[""][0] == 0 and "1 skipped" in outcomes[""][1], outcomes[""][1]
