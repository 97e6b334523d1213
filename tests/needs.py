"""What some tests need from the machine: the shared corpus beside the repository, Debian's chromium.

On a developer's machine a missing one skips the tests that need it (with the reason in pytest's
summary); in CI (the CI environment variable is set, as CI sets CI=true) it fails them, because CI
provides both: a skip there would hide that those tests did not run.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need(available: bool, what: str) -> None:
    """Skip (on a developer's machine) or fail (in CI) the calling test unless `available`."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} (CI is set: CI must provide it, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(what)


def need_corpus(corpus: Path | None = None) -> Path:
    """The shared corpus (../shared/corpus from the repository root), or skip/fail."""
    corpus = CORPUS if corpus is None else corpus
    need((corpus / "News_Analytics_Project").is_dir(), f"the shared corpus is not at {corpus}")
    return corpus


def need_chromium(chromium: Path | None = None) -> Path:
    """Debian's chromium, or skip/fail."""
    chromium = CHROMIUM if chromium is None else chromium
    need(chromium.is_file() and os.access(chromium, os.X_OK),
         f"{chromium} is not installed (make browser-deps / apt-get install chromium)")
    return chromium
