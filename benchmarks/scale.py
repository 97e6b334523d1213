"""Scale benchmark: the whole site built from 100, 1,000 and all corpus articles.

Run: .venv/bin/python benchmarks/scale.py [--sizes 100 1000 0] [--rounds 3]   (0: every article)

For each size, in a temporary project (seeds from tools.corpus_window, the project's mkdocs.yml and
docs/), each round measures in fresh processes:
- cold build (empty extraction cache), warm build (all cached), and a rebuild after one new seed, each
  started once the previous build's background children (old site removal, cache writing) are done;
- pages, site bytes (and per article), the search index's bytes, the largest page;
- peak memory: the largest RSS of any one process of the build (cold, warm or one new seed), and of
  `mkdocs serve` apart;
- in Chromium: the time from loading the home page to the first search result for a query;
- `mkdocs serve`: its start-up, and the time from saving an edited seed (once the first build's
  background children are done) to the reloaded preview.
Medians of the rounds are printed, with the ratios one new seed / cold and per-article drift.
Nothing is written into the project.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))
QUERY = "Zelensky"


def _build(project: Path) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of one `mkdocs build` in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    peak, returncode = _reap(build)
    if returncode != 0:
        raise subprocess.CalledProcessError(returncode, build.args)
    seconds = time.perf_counter() - start
    _wait_for_group(build.pid)
    return seconds, peak


def _reap(process: subprocess.Popen) -> tuple[int, int]:
    """(peak RSS in MB, exit code) of this process alone: the largest of it and the children it waited
    for (spaCy's workers, forked writers). RUSAGE_CHILDREN would give the largest child this benchmark
    ever had, so a `mkdocs serve` of an earlier round would count as a later build's peak."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss // 1024, process.returncode


def _wait_for_group(group: int) -> None:
    """The build's background children (the old site's removal, the build cache's writing) work on after
    it has exited; the next measurement starts when they are done, as a later edit would."""
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)  # no event tells that a process group is empty; this polls for one


def _site_facts(site: Path) -> dict:
    pages = list(site.rglob("index.html"))
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"pages": len(pages), "site_bytes": sum(p.stat().st_size for p in files),
            "search_bytes": (site / "search" / "search_index.json").stat().st_size,
            "largest_page": max(p.stat().st_size for p in pages)}


def _wait_for_children(pid: int) -> None:
    """`mkdocs serve`'s first build leaves children at work after "Serving on" (the build cache's
    writing, the old site's removal); an editor's save is measured once they are done, as `_build`
    does for builds. A child that is done but not yet waited for (a zombie) does no work."""
    def working() -> bool:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                try:
                    state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
                except OSError:
                    continue
                if state != "Z":
                    return True
        return False

    while working():
        time.sleep(0.05)  # no event tells that a child is done; this polls for it


def _first_search_result(site: Path) -> float:
    """Seconds from loading the home page to the first search result in Chromium (served locally)."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "http.server", "8931", "-d", str(site), "-b", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            for _ in range(100):  # the server is up when it answers
                try:
                    page.goto("http://127.0.0.1:8931/", wait_until="load")
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    page.wait_for_timeout(50)
            start = time.perf_counter()
            page.locator("label.md-search__icon, .md-search__input").first.click()
            # A query typed before the theme listens is lost, as a reader's would be retyped: wait until
            # the theme's search says it is ready (its index is built), then type. The time counts from load.
            page.wait_for_function("(document.querySelector('.md-search-result__meta')?.innerText || '')"
                                   ".trim() !== '' && !/Initializing/i.test(document.querySelector("
                                   "'.md-search-result__meta').innerText)", timeout=120_000)
            page.locator(".md-search__input").press_sequentially(QUERY)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            seconds = time.perf_counter() - start
            browser.close()
            return seconds
    finally:
        server.terminate()


def _serve_edit(project: Path, seed: Path) -> tuple[float, float, int]:
    """(start-up s, edit-to-reload s, peak MB) of `mkdocs serve`: from start to "Serving on", and from
    saving an edited seed to the server's "Reloading browsers" (its rebuild is done). Waits on the
    server's log. The server keeps the build cache's stores in memory, so its peak is its own column."""
    import queue
    import threading

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8932"], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()

    def wait_for(text: str) -> None:
        while True:
            line = lines.get(timeout=900)
            if text in line:
                return

    try:
        start = time.perf_counter()
        wait_for("Serving on")
        started = time.perf_counter() - start
        _wait_for_children(server.pid)
        edited = time.perf_counter()
        seed.write_text(seed.read_text(encoding="utf-8") + "\nThe talks resumed on Tuesday, officials said.\n",
                        encoding="utf-8")
        wait_for("Reloading browsers")
        reloaded = time.perf_counter() - edited
    finally:
        server.terminate()
        peak = _reap(server)[0]
    return started, reloaded, peak


def measure(size: int, rounds: int) -> dict:
    from tools import corpus_window

    results: dict[str, list[float]] = {}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="briefing-scale-") as tmp:
            project = Path(tmp)
            all_seeds = project / "all"
            args = ["--corpus", str(CORPUS), "--from", "2000-01-01", "--to", "2030-01-01", "--out", str(all_seeds)]
            corpus_window.main(args + ["--most", str(size + 1 if size else 1_000_000)])
            files = sorted(p for p in all_seeds.iterdir() if p.is_file())
            (project / "seeds").mkdir()
            held_back = files[len(files) // 2]  # one seed added later, from the middle of the window
            for f in files:
                if f != held_back:
                    shutil.copy(f, project / "seeds" / f.name)
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            shutil.copytree(ROOT / "docs", project / "docs")
            cold, cold_mem = _build(project)
            warm, warm_mem = _build(project)
            shutil.copy(held_back, project / "seeds" / held_back.name)
            one, one_mem = _build(project)
            facts = _site_facts(project / "site")
            first_result = _first_search_result(project / "site")
            serve_start, serve_edit, serve_mem = _serve_edit(project, project / "seeds" / held_back.name)
            articles = len(files)
            for key, value in {"articles": articles, "cold_s": cold, "warm_s": warm, "one_new_seed_s": one,
                               "peak_mb": max(cold_mem, warm_mem, one_mem), "serve_peak_mb": serve_mem,
                               "first_search_result_s": first_result,
                               "serve_start_s": serve_start, "serve_edit_s": serve_edit,
                               **facts, "bytes_per_article": facts["site_bytes"] / articles,
                               "pages_per_article": facts["pages"] / articles}.items():
                results.setdefault(key, []).append(value)
            print(f"size {size or 'all'}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in results.items()), flush=True)
    return {k: statistics.median(v) for k, v in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = [measure(size, args.rounds) for size in args.sizes]
    print(f"\nmedians of {args.rounds} round(s)")
    print("| articles | cold s | warm s | one new seed s (÷ cold) | peak MB | pages | site MB | kB/article "
          "| pages/article | search index MB | largest page kB | first search result s | serve start s "
          "| serve edit s | serve peak MB |")
    print("| " + " | ".join(["---:"] * 15) + " |")
    for r in rows:
        print(f"| {r['articles']:.0f} | {r['cold_s']:.0f} | {r['warm_s']:.0f} | {r['one_new_seed_s']:.0f} "
              f"({r['one_new_seed_s'] / r['cold_s']:.2f}) | {r['peak_mb']:.0f} | {r['pages']:.0f} "
              f"| {r['site_bytes'] / 1e6:.0f} | {r['bytes_per_article'] / 1e3:.0f} | {r['pages_per_article']:.2f} "
              f"| {r['search_bytes'] / 1e6:.1f} | {r['largest_page'] / 1e3:.0f} | {r['first_search_result_s']:.1f} "
              f"| {r['serve_start_s']:.0f} | {r['serve_edit_s']:.1f} | {r['serve_peak_mb']:.0f} |")
    if len(rows) > 1:
        drift = rows[-1]["bytes_per_article"] / rows[0]["bytes_per_article"]
        print(f"site bytes per article, largest / smallest size: {drift:.2f}x; pages per article: "
              f"{rows[-1]['pages_per_article'] / rows[0]['pages_per_article']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
