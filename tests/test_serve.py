"""`mkdocs serve` on a temporary copy of the project, as an editor uses it: a new seed and an edited
template each trigger exactly one rebuild, the rebuild parses only the new article, and the server
does not rebuild in a loop. The server is a real subprocess on 127.0.0.1, always killed at the end.
"""
from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import threading
import time
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
# After a rebuild, how long the test waits for a further rebuild that must not come. MkDocs's
# watcher polls every 0.5 s, so a build that touched a watched file would show within a second.
QUIET_SECONDS = 2.5
REBUILD = r"Detected file changes|Building documentation"


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


def fetch(url: str) -> str:
    """One GET, made after the server said the content is there: no retries."""
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, f"GET {url} -> {response.status}"
        return response.read().decode("utf-8")


class ServerLog:
    """`mkdocs serve`'s output, read line by line in a thread: tests wait on the log lines themselves
    (with a timeout), never on a sleep or on polling the site."""

    def __init__(self, proc: subprocess.Popen, copy: Path):
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._copy = copy
        self._thread = threading.Thread(target=self._read, args=(proc.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        with open(self._copy, "w", encoding="utf-8") as copy:
            for line in stream:
                copy.write(line)
                copy.flush()
                self._queue.put(line.rstrip("\n"))
        self._queue.put(None)  # the server closed its output: it has stopped

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def _next(self, timeout: float) -> str | None:
        line = self._queue.get(timeout=timeout)  # raises queue.Empty on timeout
        if line is not None:
            self.lines.append(line)
        return line

    def wait_for(self, pattern: str, timeout: float) -> str:
        """Consume lines until one matches `pattern`; fail after `timeout` seconds or if the server stops."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._next(max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no log line matching {pattern!r} within {timeout:.0f} s; server log:\n{self.text}")
            if line is None:
                pytest.fail(f"the server stopped before logging {pattern!r}; server log:\n{self.text}")
            if re.search(pattern, line):
                return line

    def assert_quiet(self, pattern: str, seconds: float) -> None:
        """Wait up to `seconds` for a line matching `pattern` that must not come (e.g. a rebuild)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = self._next(max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return  # the quiet period passed without the event
            assert line is not None, f"the server stopped; server log:\n{self.text}"
            assert not re.search(pattern, line), f"unexpected {line!r}; server log:\n{self.text}"


def builds(log: ServerLog) -> list[str]:
    """One 'briefing: N article(s) parsed, M from the cache' line per build."""
    return re.findall(r"briefing: \d+ article\(s\) parsed, \d+ from the cache", log.text)


def replace_file(path: Path, text: str) -> None:
    """Write `path` in one step (as editors save), so the watcher never sees it half-written."""
    temporary = path.parent.parent / f".{path.name}.tmp"  # outside the watched folder
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def wait_for_rebuild(log: ServerLog) -> None:
    """The change was seen, a build ran and the server swapped in the new site (MkDocs logs
    'Reloading browsers' once the build has returned); then no second rebuild follows."""
    log.wait_for(r"Detected file changes", 60)
    log.wait_for(r"Building documentation", 10)
    log.wait_for(r"Reloading browsers|An error happened during the rebuild", 120)
    assert "An error happened" not in log.lines[-1], log.text
    log.assert_quiet(REBUILD, QUIET_SECONDS)


def test_serve_rebuilds_once_per_change(tmp_path):
    make_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    server = subprocess.Popen([str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              text=True, encoding="utf-8", bufsize=1)
    log = ServerLog(server, tmp_path / "serve.log")
    try:
        # MkDocs builds first, then starts watching (the watcher's first snapshot is taken here),
        # then binds the port and logs "Serving on": from then on a change is seen and a GET answered.
        log.wait_for(rf"Serving on http://127\.0\.0\.1:{port}/", 120)
        assert builds(log) == ["briefing: 2 article(s) parsed, 0 from the cache"], log.text
        assert re.search(r"INFO +- +briefing: parsed 1/2 \(\d+ s\)", log.text), log.text  # progress from the first
        home = fetch(base)
        assert "<h1" in home and "Briefing" in home
        assert '<details class="curate"' in fetch(base + "quotes/")  # editors see each item's id in serve
        assert "2022-03-01" in fetch(base + "sitemap.xml")  # the newest article dates the build

        # a new seed: one rebuild, which parses that article only (model and cache reused)
        replace_file(tmp_path / "seeds" / "zz-serve-test.md", NEW_SEED)
        wait_for_rebuild(log)
        assert builds(log) == ["briefing: 2 article(s) parsed, 0 from the cache",
                               "briefing: 1 article(s) parsed, 2 from the cache"], log.text
        assert NEW_TITLE in fetch(base + "sources/zz-serve-test/")
        # the pages the new seed did not change are the previous build's, taken back, not rendered again
        assert re.search(r"briefing: [1-9]\d* of \d+ generated pages and \d+ of \d+ downloads unchanged since the last build", log.text), log.text
        assert "<h1" in fetch(base + "sources/000-5b565e64448314d5/"), "a reused page is missing"
        lastmod = re.findall(r"<lastmod>([^<]+)</lastmod>", fetch(base + "sitemap.xml"))
        assert set(lastmod) == {"2022-03-05"}, f"SOURCE_DATE_EPOCH not updated on the rebuild: {lastmod}"

        # an edited template: one rebuild, nothing parsed
        template = tmp_path / "my_templates" / "data.md.j2"
        replace_file(template, template.read_text(encoding="utf-8") + f"\n{TEMPLATE_MARK}\n")
        wait_for_rebuild(log)
        assert builds(log)[2:] == ["briefing: 0 article(s) parsed, 3 from the cache"], log.text
        assert TEMPLATE_MARK in fetch(base + "data/")
        assert log.text.count("Building documentation") == 3, log.text
        assert server.poll() is None, "the server stopped"
        problems = [line for line in log.lines if re.match(r"(WARNING|ERROR)", line)]
        assert not problems, log.text
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.mark.model
def test_a_preloaded_pipeline_is_loaded_once_and_waited_for():
    import threading

    from generator.nlp import parse
    from generator.nlp.model import model_name, preload

    name = model_name()
    before = parse._load.cache_info()
    preload(name)
    preload(name)  # once per process
    nlp = parse.load_pipeline(name)  # waits for the background load rather than loading again
    assert parse.load_pipeline(name) is nlp
    assert parse._load.cache_info().misses - before.misses <= 1
    for thread in [t for t in threading.enumerate() if t.name == f"preload {name}"]:
        thread.join(timeout=120)
        assert not thread.is_alive()
