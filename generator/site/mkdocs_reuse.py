"""The MkDocs side of rendered-page reuse (page_reuse.py): which generated pages of a build are the
previous build's, how MkDocs is kept from reading, rendering and writing them, and the manifest
written after. One `PageReuse` per build; the plugin calls it from its events.

MkDocs has no way to leave a page out of a build and still link to it, so a reused page stays in the
file list: it is given an empty source and no rendering, and a template that renders nothing, for which
MkDocs writes no file; its previous output was hard-linked in beforehand. Links into it are checked
against the anchors the manifest recorded.

The generated downloads (an actor's two feeds, the data files, the exports: 5,500 files at 2,000
articles, a second of every rebuild to write) are reused the same way: one whose text is the previous
build's is hard-linked, and MkDocs is kept from writing it again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Callable, Optional, Union

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.structure.toc import get_toc

from generator.beside import remove_in_background
from generator.site import page_reuse
from generator.site.download_files import Written

REUSED_TEMPLATE = "briefing-reused-page.html"  # renders nothing: MkDocs then leaves the reused output alone
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_SKIPPED = ("Page skipped: '", "'. Generated empty output.")


class _QuietReuse(logging.Filter):
    """MkDocs says "Page skipped ... Generated empty output" for every page it did not write: for a
    reused page that is the point, not news."""

    def __init__(self, reused: set[str]):
        super().__init__()
        self.reused = reused

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_SKIPPED[0]) and message.endswith(_SKIPPED[1]):
            return message[len(_SKIPPED[0]):-len(_SKIPPED[1])] not in self.reused
        return True


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def site_fingerprint(config, plugin_code: Path) -> str:
    """Everything outside a page's own Markdown that goes into its HTML."""
    from generator import __version__

    code = [plugin_code.read_bytes(), Path(__file__).read_bytes(), Path(page_reuse.__file__).read_bytes(),
            (Path(__file__).parent / "head.py").read_bytes()]
    theme_files = sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for d in config.theme.dirs
                         if "site-packages" not in Path(d).parts for p in Path(d).rglob("*") if p.is_file())
    settings = {key: config.get(key) for key in (
        "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
        "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "markdown_extensions",
        "mdx_configs", "nav", "docs_dir", "hooks", "validation")}
    return page_reuse.fingerprint([
        page_reuse.MANIFEST_VERSION, [_version(p) for p in ("mkdocs", "mkdocs-material", "markdown", "jinja2")],
        __version__, [hashlib.sha256(b).hexdigest() for b in code], settings,
        {k: config.theme[k] for k in config.theme}, list(config.theme.dirs), theme_files,
        {name: dict(plugin.config) for name, plugin in config.plugins.items()}])


class PageReuse:
    """One build's reuse: `keys` (on_files), `plan` (on_nav), `skip`/`rendered` (per page), `finish`."""

    def __init__(self, manifest: Path, previous_site: Path, say: Callable[[str], None]):
        self.manifest, self.previous_site, self.say = manifest, previous_site, say
        self.keys: dict[str, tuple[str, str]] = {}  # generated page or download -> (key, output path)
        self.downloads: set[str] = set()  # the keys' generated files that are not pages
        self.reused: set[str] = set()
        self.anchors: dict[str, set[str]] = {}  # rendered page -> its anchors, for the manifest
        self.previous: dict[str, page_reuse.Entry] = {}
        self.set_aside: Optional[Path] = None
        self._quiet: Optional[_QuietReuse] = None

    def move_aside(self, site: Path) -> None:
        """`mkdocs serve` empties its site folder before each build: the previous pages are moved
        aside first, so that the unchanged ones can be taken back."""
        if self.manifest.exists() and site.is_dir():
            aside = site.with_name(site.name + ".previous")
            shutil.rmtree(aside, ignore_errors=True)
            os.rename(site, aside)
            self.previous_site = self.set_aside = aside

    def compute_keys(self, site: str, tree: dict[str, Union[str, Written]], outputs: dict[str, str],
                     extras: Callable[[str], str], downloads: Optional[dict[str, str]] = None) -> None:
        """Each generated page's key; `outputs`: page -> its output path, `extras`: what else of the
        page's HTML the plugin adds (its edit link, its actor's name); `downloads`: generated file
        that is not a page -> its output path (its text is its output: the key is the text's, or the
        digest of a file written on disk)."""
        for path, content in tree.items():
            if path in outputs:
                self.keys[path] = (page_reuse.page_key(site, path, content, extras(path)), outputs[path])
            elif downloads and path in downloads:
                text = f"\0written {content.digest}" if isinstance(content, Written) else content
                self.keys[path] = (page_reuse.page_key("", path, text), downloads[path])
                self.downloads.add(path)

    def plan(self, in_nav: set[str], site: Path) -> None:
        """The pages reused (never one of the nav), their previous output put in place."""
        if not self.keys:
            return
        self.previous = page_reuse.load_manifest(self.manifest)
        in_place = self.previous_site.resolve() == site.resolve()  # `mkdocs build --dirty`: nothing to link
        made: set[Path] = set()
        for path, (key, dest) in self.keys.items():
            entry = self.previous.get(path)
            if path in in_nav or entry is None or entry.dest != dest:
                continue
            if page_reuse.unchanged(entry, key, self.previous_site) and \
                    (in_place or page_reuse.place(self.previous_site, site, dest, made)):
                self.reused.add(path)
        self._quiet = _QuietReuse(self.reused)
        _BUILD_LOG.addFilter(self._quiet)
        if self.reused:
            files = len(self.reused & self.downloads)
            self.say(f"briefing: {len(self.reused) - files} of {len(self.keys) - len(self.downloads)} generated "
                     f"pages and {files} of {len(self.downloads)} downloads unchanged since the last build, "
                     "not made again")

    def keep_file(self, file) -> None:
        """A reused download: MkDocs does not write it (its previous output is in place)."""
        if file.src_uri in self.reused and file.src_uri in self.downloads:
            file.copy_file = lambda dirty=False: None

    @staticmethod
    def environment(env):
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])
        return env

    def skip(self, page) -> None:
        """A reused page is neither read nor rendered; links into it meet its recorded anchors."""
        anchors = set(self.previous[page.file.src_uri].anchors)

        def read_source(config) -> None:
            page.markdown, page.meta = "", {"template": REUSED_TEMPLATE, "search": {"exclude": True}}

        def render(config, files) -> None:
            page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", get_toc([]), anchors, {}

        page.read_source, page.render = read_source, render

    def rendered(self, page) -> None:
        if page.file.src_uri in self.keys:
            self.anchors[page.file.src_uri] = set(page.present_anchor_ids or ())

    def finish(self, site: Path) -> None:
        """The manifest of the pages as this build wrote them; the set-aside previous build goes."""
        self._stop_quieting()
        pages = {}
        for path, (key, dest) in self.keys.items():
            if path in self.reused:
                pages[path] = (key, dest, self.previous[path].anchors)
            elif path in self.anchors:
                pages[path] = (key, dest, self.anchors[path])
            elif path in self.downloads:  # written by MkDocs (record leaves it out if it is not there)
                pages[path] = (key, dest, ())
        if self.keys:
            page_reuse.save_manifest(self.manifest, page_reuse.record(site, pages))
        if self.set_aside is not None:  # renamed, so the next build can set its own aside at once
            trash = self.set_aside.with_name(f"{self.set_aside.name}.{os.getpid()}.{id(self)}")
            try:
                os.rename(self.set_aside, trash)
                remove_in_background(trash)
            except OSError:
                shutil.rmtree(self.set_aside, ignore_errors=True)
            self.set_aside = None

    def abandon(self, site: Path) -> None:
        """A failed build: in `mkdocs serve`, the previous pages are shown again, as they were."""
        self._stop_quieting()
        if self.set_aside is not None:
            shutil.rmtree(site, ignore_errors=True)
            os.rename(self.set_aside, site)
            self.set_aside = None

    def _stop_quieting(self) -> None:
        if self._quiet is not None:
            _BUILD_LOG.removeFilter(self._quiet)
            self._quiet = None
