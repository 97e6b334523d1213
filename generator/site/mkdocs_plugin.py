"""Thin MkDocs adapter: runs the pipeline and hands its Markdown tree to MkDocs in memory.

Nothing is written into docs/, so `mkdocs serve` has no rebuild loop; seeds, the curation file and
templates are watched; the spaCy model and the extraction cache are reused across serve rebuilds.

Reproducible output: unless the user set SOURCE_DATE_EPOCH, the plugin sets it for the build to the
newest article's date (midnight UTC), so page dates, the sitemap and its gzip header depend on the
seeds, not on the day of the build. It is recomputed on every build (`mkdocs serve` rebuilds) and
removed again when the build ends.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.pipeline import BuildFailed, Settings, build_tree
from generator.site.head import STYLESHEET, actor_of_page, add_to_head, feed_links, name_search_dialog
from generator.site import page_reuse
from generator.site.publish import SiteSwap
from generator.site.material_search import add_to_index
from generator.site.render import DEFAULT_TEMPLATES, SEARCH_DOCUMENTS, safe_url

log = logging.getLogger("mkdocs.plugins.briefing")

EPOCH_ENV = "SOURCE_DATE_EPOCH"
MAX_EPOCH = 2**32 - 1
# The value this process last set (module level: MkDocs makes a new plugin object per serve rebuild),
# so a value left behind by an interrupted build is never mistaken for the user's own.
_epoch_set_by_us: str | None = None


def newest_article_epoch(data: dict) -> str | None:
    """Midnight UTC of the newest article date, as a SOURCE_DATE_EPOCH value; None without articles."""
    dates = [a["date"] for a in data.get("articles", []) if a.get("date")]
    if not dates:
        return None
    day = dt.date.fromisoformat(max(dates))
    seconds = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    return str(min(max(seconds, 0), MAX_EPOCH))  # what gzip's 32-bit header time and the sitemap accept


class BriefingConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    templates = c.Optional(c.Type(str))  # override folder, searched before the default templates
    model = c.Optional(c.Type(str))
    cache = c.Type(str, default=".cache/extraction")
    curation = c.Optional(c.Type(str))
    publish_text = c.Type(bool, default=False)  # republish full texts of seeds that do not say
    # Each item's id and a curation snippet on the pages: always in `mkdocs serve`; in `mkdocs build`
    # only when true (readers of the published site do not need them).
    curate_controls = c.Type(bool, default=False)
    processes = c.Optional(c.Type(int))  # extraction processes for a large batch of new articles (default: every core)
    # The previous edition's briefing.json (a path; the publish workflow fetches it from the live site):
    # "What's new" and the new/updated marks compare with it. Empty: no comparison.
    previous = c.Type(str, default="")
    # "https://github.com/OWNER/REPO/edit/BRANCH/": each page links to the file an editor changes for it.
    edit_url = c.Type(str, default="")
    # What a build keeps for the next one: the rendered-page manifest (page_reuse.py: unchanged pages are
    # taken from the previous build, not rendered again) and the data files' YAML item by item.
    # Empty: every build starts from nothing (the extraction cache is separate).
    build_cache = c.Type(str, default=".cache/build")


def edit_targets(data: dict, tree: dict[str, str]) -> dict[str, str]:
    """Generated page -> the repository file behind it: an article's seed, else the curation file."""
    seeds = {f"sources/{a['id']}.md": f"seeds/{a['file']}" for a in data.get("articles", [])}
    return {path: seeds.get(path, "seeds/curation.yml") for path in tree if path.endswith(".md")}


def _progress_line(message: str) -> None:
    """Extraction progress in the build's log (info: "parsed 25/400"); problems are logged once, as
    warnings, after the build, so here they stay at debug level."""
    if message.startswith("parsed ") or " to parse with " in message:
        log.info(f"briefing: {message}")
    else:
        log.debug(message)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


REUSED_TEMPLATE = "briefing-reused-page.html"  # renders nothing: MkDocs then leaves the reused output alone
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class _QuietReuse(logging.Filter):
    """MkDocs says "Page skipped ... Generated empty output" for every page it did not write: for a
    reused page that is the point, not news."""

    def __init__(self, reused: set[str]):
        super().__init__()
        self.reused = reused

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and message.endswith("'. Generated empty output."):
            return message[len("Page skipped: '"):-len("'. Generated empty output.")] not in self.reused
        return True


class BriefingPlugin(BasePlugin[BriefingConfig]):
    _command: str | None = None
    _swap: SiteSwap | None = None
    _previous_site: Path | None = None  # where the previous build's pages are (page reuse)
    _set_aside: Path | None = None  # `mkdocs serve`: the previous build, moved aside until this one is done

    def on_startup(self, *, command, dirty) -> None:
        self._command, self._dirty = command, dirty

    def on_config(self, config):
        """`mkdocs build` writes into a folder beside site_dir and swaps it in when complete (publish.py);
        the briefing's stylesheet (written with the pages) is added to every page, and attr_list
        (`{ data-search-exclude }`) to the Markdown extensions."""
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if "attr_list" not in config.markdown_extensions:  # the pages mark sections search leaves out
            config.markdown_extensions.append("attr_list")
        self._site_dir = config.site_dir  # where the site ends up (the page manifest is kept for it)
        self._previous_site = Path(config.site_dir)
        if self._command == "build" and not getattr(self, "_dirty", False):
            self._swap = SiteSwap(Path(config.site_dir), log.info)
            config.site_dir = str(self._swap.begin())
        return config

    def _manifest(self, config) -> Path | None:
        folder = self._path(config, self.config.build_cache)
        return None if folder is None else page_reuse.manifest_path(folder, Path(self._site_dir),
                                                                    serve=self._command == "serve")

    def on_pre_build(self, *, config) -> None:
        """`mkdocs serve` empties the site folder before each build: its pages are moved aside first,
        so that the unchanged ones can be taken back."""
        site = Path(config.site_dir)
        manifest = self._manifest(config)
        if self._swap is None and self._command == "serve" and manifest is not None and manifest.exists() \
                and site.is_dir():
            aside = site.with_name(site.name + ".previous")
            shutil.rmtree(aside, ignore_errors=True)
            os.rename(site, aside)
            self._previous_site = self._set_aside = aside

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _path(self, config, value: str | None) -> Path | None:
        return None if not value else (self._root(config) / value)

    def _label(self, config, seeds: Path) -> str:
        """How problems name the seeds folder: relative to the project (`seeds/<file>`) when inside it."""
        root = self._root(config)
        try:
            return Path(os.path.normpath(seeds)).relative_to(root).as_posix()
        except ValueError:
            return str(seeds)

    def on_files(self, files: Files, *, config) -> Files:
        seeds = self._path(config, self.config.seeds)
        settings = Settings(seeds=seeds, model=self.config.model,
                            cache=self._path(config, self.config.cache),
                            templates=self._path(config, self.config.templates),
                            curation=self._path(config, self.config.curation), strict=bool(config.strict),
                            label=self._label(config, seeds), publish_text=self.config.publish_text,
                            curate=self.config.curate_controls or self._command == "serve",
                            site_url=config.site_url or "", site_name=config.site_name or "",
                            processes=self.config.processes,
                            previous=self._path(config, self.config.previous),
                            build_cache=self._path(config, self.config.build_cache))
        try:
            tree, result = build_tree(settings, _progress_line)
        except BuildFailed as exc:
            for problem in exc.problems:  # every problem, not only the first, so one run finds them all
                log.error(problem)
            raise PluginError(str(exc)) from exc
        for warning in result.warnings:
            log.warning(warning)
        unwritten = f"; {result.cache_write_errors} cache entries not written" if result.cache_write_errors else ""
        log.info(f"briefing: {result.parsed} article(s) parsed, {result.cached} from the cache{unwritten}")
        self._set_build_date(result.data)
        documents = tree.pop(SEARCH_DOCUMENTS, "[]")
        self._search_documents = json.loads(documents)
        self._generated_pages: dict[str, str] = {}  # tree page -> its URL
        for path, content in tree.items():
            file = File.generated(config, path, content=content)
            files.append(file)
            if path.endswith(".md"):
                self._generated_pages[path] = file.url
        self._edit_targets = edit_targets(result.data, tree)
        self._actor_names = {a["id"]: a["name"] for a in result.data.get("actors", [])
                             if f"feeds/actors/{a['id']}.xml" in tree}
        self._keys = self._page_keys(config, tree, files)
        return files

    # --- rendered-page reuse (page_reuse.py) -------------------------------------------------------

    def _site_fingerprint(self, config) -> str:
        """Everything outside a page's own Markdown that goes into its HTML."""
        from generator import __version__

        code = [Path(__file__).read_bytes(), Path(page_reuse.__file__).read_bytes(),
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

    def _page_keys(self, config, tree: dict[str, str], files: Files) -> dict[str, tuple[str, str]]:
        """{page: (key, output path)} for every generated page, when reuse is on."""
        if self._manifest(config) is None:
            return {}
        site = self._site_fingerprint(config)
        keys = {}
        for path, content in tree.items():
            file = files.get_file_from_path(path)
            if path.endswith(".md") and file is not None:
                extra = "\0".join((self._edit_targets.get(path, ""), self._actor_names.get(actor_of_page(file.url), "")))
                keys[path] = (page_reuse.page_key(site, path, content, extra), file.dest_uri)
        return keys

    def on_nav(self, nav, *, config, files):
        """Decide which pages are reused (never a page of the nav) and put their previous output in place."""
        self._reused: set[str] = set()
        self._anchors: dict[str, set[str]] = {}
        manifest = self._manifest(config)
        keys = getattr(self, "_keys", {})
        if manifest is None or not keys:
            return nav
        self._previous = page_reuse.load_manifest(manifest)
        in_nav = {page.file.src_uri for page in nav.pages}
        site, previous = Path(config.site_dir), self._previous_site
        for path, (key, dest) in keys.items():
            entry = self._previous.get(path)
            if path in in_nav or entry is None or entry.dest != dest or previous is None:
                continue
            if page_reuse.unchanged(entry, key, previous) and page_reuse.place(previous, site, dest):
                self._reused.add(path)
        self._quiet = _QuietReuse(self._reused)
        _BUILD_LOG.addFilter(self._quiet)
        if self._reused:
            log.info(f"briefing: {len(self._reused)} of {len(keys)} generated pages unchanged since the last "
                     "build, not rendered again")
        return nav

    def on_env(self, env, *, config, files):
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])
        return env

    def _stop_quieting(self) -> None:
        quiet = getattr(self, "_quiet", None)
        if quiet is not None:
            _BUILD_LOG.removeFilter(quiet)
            self._quiet = None

    def _finish_reuse(self, config) -> None:
        """The manifest of the pages as this build wrote them; the set-aside previous build goes."""
        self._stop_quieting()
        manifest = self._manifest(config)
        keys = getattr(self, "_keys", {})
        if manifest is not None and keys:
            previous = getattr(self, "_previous", {})
            pages = {}
            for path, (key, dest) in keys.items():
                if path in self._reused:
                    pages[path] = (key, dest, previous[path].anchors)
                elif path in self._anchors:
                    pages[path] = (key, dest, self._anchors[path])
            page_reuse.save_manifest(manifest, page_reuse.record(Path(config.site_dir), pages))
        if self._set_aside is not None:
            shutil.rmtree(self._set_aside, ignore_errors=True)
            self._set_aside = None

    def on_pre_page(self, page, *, config, files):
        """A reused page is neither read nor rendered: its previous output stands (MkDocs writes nothing
        for the empty page it gets), and links into it are checked against its recorded anchors."""
        path = page.file.src_uri
        if path not in getattr(self, "_reused", ()):
            return page
        anchors = set(self._previous[path].anchors)

        def read_source(config) -> None:
            page.markdown, page.meta = "", {"template": REUSED_TEMPLATE, "search": {"exclude": True}}

        def render(config, files) -> None:
            page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", get_toc([]), anchors, {}

        page.read_source, page.render = read_source, render
        return page

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """The theme's search leaves the generated pages out: the briefing's search documents stand for
        them (search_documents.py), added to its index after the build."""
        if page.file.src_uri in getattr(self, "_generated_pages", {}):
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_post_page(self, output: str, *, page, config) -> str:
        """Feed links in every page's head (an actor page: its own feeds too); the search dialog named."""
        if page.file.src_uri in getattr(self, "_reused", ()):
            return output
        actor = actor_of_page(page.url)
        names = getattr(self, "_actor_names", {})
        links = feed_links(page.url, config.site_name or "Briefing",
                           (actor, names[actor]) if actor in names else None)
        return name_search_dialog(add_to_head(output, links))

    def on_page_context(self, context, *, page, config, nav):
        """Material's "Edit this page": a source page edits its seed, every other briefing page the
        curation file, a page of docs/ itself (only when `edit_url` is a safe http(s) address)."""
        base = safe_url(self.config.edit_url)
        if base:
            target = getattr(self, "_edit_targets", {}).get(page.file.src_uri, f"docs/{page.file.src_uri}")
            page.edit_url = base.rstrip("/") + "/" + quote(target, safe="/")
        return context

    # --- reproducible dates ------------------------------------------------------------------------

    def _set_build_date(self, data: dict) -> None:
        """Pages are created after on_files, so their update date (and the sitemap's) follows this."""
        global _epoch_set_by_us
        current = os.environ.get(EPOCH_ENV)
        if current is not None and current != _epoch_set_by_us:
            log.debug(f"briefing: {EPOCH_ENV}={current} set by the user; kept")
            return
        epoch = newest_article_epoch(data)
        if epoch is None:
            os.environ.pop(EPOCH_ENV, None)
            _epoch_set_by_us = None
            return
        os.environ[EPOCH_ENV] = _epoch_set_by_us = epoch
        log.debug(f"briefing: {EPOCH_ENV}={epoch} (the newest article's date)")

    def _restore_build_date(self) -> None:
        global _epoch_set_by_us
        if _epoch_set_by_us is not None and os.environ.get(EPOCH_ENV) == _epoch_set_by_us:
            del os.environ[EPOCH_ENV]
        _epoch_set_by_us = None

    @event_priority(-100)  # after every other plugin's output (the search index) is written
    def on_post_build(self, *, config) -> None:
        self._restore_build_date()
        if config is not None:
            add_to_index(Path(config.site_dir), getattr(self, "_search_documents", []),
                         getattr(self, "_generated_pages", {}))
            self._finish_reuse(config)
        if self._swap is not None:
            self._swap.commit()
            config.site_dir, self._swap = self._site_dir, None

    def on_build_error(self, *, error) -> None:
        self._restore_build_date()
        self._stop_quieting()
        if self._set_aside is not None:  # `mkdocs serve`: the previous pages are shown again, as they were
            site = Path(self._site_dir)
            shutil.rmtree(site, ignore_errors=True)
            os.rename(self._set_aside, site)
            self._set_aside = None
        if self._swap is not None:
            self._swap.abort()  # the previous site stays as it was
            self._swap = None

    # --- page titles -------------------------------------------------------------------------------

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Pin the page title as rendered (seed text stays entity-escaped, e.g. `&#60;script&#62;`).

        Material prints `page.title | striptags` in <title>, and striptags decodes entities: a seed
        title such as `</title><script>…` would become markup. With `meta.title` set, the theme prints
        the title as it is, still escaped. (Only titles that striptags would change: others, and the
        home page, whose <title> is the site name, keep the theme's output.)"""
        path = page.file.src_uri
        if path in getattr(self, "_reused", ()):
            return html
        if path in getattr(self, "_keys", {}):
            self._anchors[path] = set(page.present_anchor_ids or ())
        title = page.title
        if title and "title" not in page.meta and not page.is_homepage and ("&" in title or "<" in title):
            page.meta["title"] = title
        return html

    def on_serve(self, server, *, config, builder):
        curation = self._path(config, self.config.curation)
        for folder in (self._path(config, self.config.seeds), curation, self._path(config, self.config.templates),
                       DEFAULT_TEMPLATES):
            if folder is not None and folder.exists():
                server.watch(str(folder))
        return server
