"""The package as a user gets it: a wheel built from the checkout, installed into a fresh virtual
environment (no editable install, no checkout on the path), builds the two-seed site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"  # a copy, so the build leaves nothing (build/, *.egg-info) in the checkout
    top_level = {".venv", ".cache", "site", ".git", "build", ".pytest_cache", ".hypothesis", "out"}

    def skipped(folder: str, names: list[str]) -> set[str]:
        here = {n for n in names if n in top_level} if Path(folder) == ROOT else set()
        return here | {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(ROOT, source, ignore=skipped, symlinks=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w",
                           str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (found,) = out.glob("event_briefing-*.whl")
    return found


def test_the_wheel_holds_the_templates_schema_and_rules_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.name for p in (ROOT / "generator" / "site" / "templates").glob("*.j2")}
    assert templates and {f"generator/site/templates/{t}" for t in templates} <= names
    assert "generator/briefing/briefing.schema.json" in names
    data = {p.name for p in (ROOT / "generator" / "nlp" / "data").iterdir()}
    assert "places.txt" in data and {f"generator/nlp/data/{d}" for d in data} <= names
    assert not any(n.startswith(("tools/", "tests/")) for n in names)  # evaluation stays outside the product


@pytest.mark.model
def test_an_installed_wheel_builds_the_two_seed_site(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)], check=True,
                   timeout=300)
    python = venv / "bin" / "python"
    fresh_site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                     capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies (spaCy, the model, MkDocs ...) come from the project's environment as a plain path:
    # its .pth files, the editable install's finder among them, are not run from there.
    (fresh_site / "project-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    proc = subprocess.run([python, "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    work = tmp_path / "project"  # what a user has: mkdocs.yml, docs/ and seeds/; no generator/, no templates/
    work.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(fresh_site), where
    proc = subprocess.run([python, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")], cwd=work,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    home = (work / "site" / "index.html").read_text(encoding="utf-8")
    assert "Zelensky" in home
    assert (work / "site" / "actors" / "volodymyr-zelensky" / "index.html").exists()
    assert (work / "site" / "data" / "briefing.schema.json").exists()


def _distribution_names(requirement_lines: list[str]) -> set[str]:
    names = set()
    for line in requirement_lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(line.split("==")[0].split(">=")[0].split("<")[0].strip().lower().replace("_", "-"))
    return names


def test_runtime_dependencies_are_what_the_generator_imports():
    import_names = {"spacy": "spacy", "mkdocs": "mkdocs", "jinja2": "jinja2", "markupsafe": "markupsafe",
                    "yaml": "pyyaml", "networkx": "networkx"}
    imported = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.strip().split()
            if len(words) >= 2 and words[0] in {"import", "from"}:
                top = words[1].split(".")[0]
                if top in import_names:
                    imported.add(import_names[top])
                elif top not in sys.stdlib_module_names and top not in {"generator", "__future__"}:
                    pytest.fail(f"{path.relative_to(ROOT)} imports {top}, which no requirement names")
    declared = _distribution_names(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    direct = _distribution_names((ROOT / "requirements.in").read_text().splitlines())
    theme = {"mkdocs-material"}  # named by mkdocs.yml, loaded by MkDocs
    assert declared == direct == imported | theme


def test_every_lock_line_is_exact_and_hashed():
    for lock in ("requirements.txt", "requirements-dev.txt", "requirements-model.txt"):
        text = (ROOT / lock).read_text().replace("\\\n", " ")
        pins = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        assert pins, lock
        for line in pins:
            assert "==" in line and "--hash=sha256:" in line, f"{lock}: {line[:60]}"
