"""`mkdocs serve` on a temporary copy of the project, as an editor uses it: a new seed and an edited
template each trigger exactly one rebuild, the rebuild parses only the new article, and the server
does not rebuild in a loop. The server is a real subprocess on 127.0.0.1, always killed at the end.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
NEW_TITLE = "Serve test: Ardern visits Kyiv"
NEW_SEED = (f"---\ntitle: \"{NEW_TITLE}\"\ndate: 2022-03-05\nsource: example.org\n---\n"
            "New Zealand Prime Minister Jacinda Ardern arrived in Kyiv on Saturday.\n\n"
            "\"We stand with Ukraine,\" Ardern said.\n")
TEMPLATE_MARK = "Template edited by test_serve"
QUIET_SECONDS = 8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_project(work: Path) -> None:
    """mkdocs.yml as in the project, with its own docs/, seeds/, cache and a template override folder."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    needle = "# templates: my_templates"
    for required in ("docs_dir: docs", "seeds: seeds", "cache: .cache/extraction", needle):
        assert required in text, f"mkdocs.yml no longer has {required!r}: update make_project()"
    (work / "mkdocs.yml").write_text(text.replace(needle, "templates: my_templates"), encoding="utf-8")
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "my_templates").mkdir()
    shutil.copy(ROOT / "templates" / "data.md.j2", work / "my_templates" / "data.md.j2")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8") if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(what: str, condition, timeout: float, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; server log:\n{log.read_text()}")


def builds(log: Path) -> list[str]:
    """One 'briefing: N article(s) parsed, M from the cache' line per build."""
    return re.findall(r"briefing: \d+ article\(s\) parsed, \d+ from the cache", log.read_text())


def test_serve_rebuilds_once_per_change(tmp_path):
    make_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        home = wait_for("the home page", lambda: fetch(base), 120, log)
        assert "Briefing" in home
        assert builds(log) == ["briefing: 2 article(s) parsed, 0 from the cache"], log.read_text()
        assert "2022-03-01" in fetch(base + "sitemap.xml")  # the newest article dates the build

        # a new seed: one rebuild, which parses that article only (model and cache reused)
        start = time.monotonic()
        (tmp_path / "seeds" / "zz-serve-test.md").write_text(NEW_SEED, encoding="utf-8")
        page = wait_for("the new article's page", lambda: fetch(base + "sources/zz-serve-test/"), 60, log)
        print(f"\nnew seed served {time.monotonic() - start:.1f} s after it was written")
        assert NEW_TITLE in page
        time.sleep(QUIET_SECONDS)
        assert builds(log) == ["briefing: 2 article(s) parsed, 0 from the cache",
                               "briefing: 1 article(s) parsed, 2 from the cache"], log.read_text()
        lastmod = re.findall(r"<lastmod>([^<]+)</lastmod>", fetch(base + "sitemap.xml"))
        assert set(lastmod) == {"2022-03-05"}, f"SOURCE_DATE_EPOCH not updated on the rebuild: {lastmod}"

        # an edited template: one rebuild, nothing parsed
        template = tmp_path / "my_templates" / "data.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + f"\n{TEMPLATE_MARK}\n", encoding="utf-8")
        wait_for("the edited template's output", lambda: TEMPLATE_MARK in (fetch(base + "data/") or ""), 60, log)
        time.sleep(QUIET_SECONDS / 2)
        assert builds(log)[2:] == ["briefing: 0 article(s) parsed, 3 from the cache"], log.read_text()
        assert log.read_text().count("Building documentation") == 3, log.read_text()
        assert server.poll() is None, "the server stopped"
        problems = [line for line in log.read_text().splitlines()
                    if re.match(r"(WARNING|ERROR)", line) and not line.endswith('" code 404')]  # our polling
        assert not problems, log.read_text()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
