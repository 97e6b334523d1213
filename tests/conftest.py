"""Fixtures for the built-site and browser tests: one strict build per session, a local HTTP
server over it, and a headless Debian Chromium."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from needs import need_chromium
from site_helpers import SiteServer

ROOT = Path(__file__).parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass(frozen=True)
class BuiltSite:
    site: Path      # the site directory
    output: str     # combined stdout + stderr of `mkdocs build`
    seconds: float  # wall-clock build time


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("built") / "site"


@pytest.fixture(scope="session")
def http_server(site_dir):
    server = SiteServer(site_dir)
    yield server
    server.close()


@pytest.fixture(scope="session")
def built_site(site_dir, http_server) -> BuiltSite:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": http_server.base}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"mkdocs build --strict failed ({proc.returncode}):\n{output}"
    assert "WARNING" not in output, f"mkdocs build logged warnings:\n{output}"
    print(f"\nmkdocs build --strict took {seconds:.1f} s")
    return BuiltSite(site=site_dir, output=output, seconds=seconds)


@pytest.fixture(scope="session")
def site_server(built_site, http_server):
    return http_server.start()


@pytest.fixture(scope="session")
def browser():
    chromium_path = need_chromium()  # skips on a developer's machine without it; fails in CI
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
