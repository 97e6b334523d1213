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
import json
import logging
import os
from pathlib import Path
from urllib.parse import quote

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import collector
from generator.build_store import keep_in_memory
from generator.nlp.cache import keep_entries_in_memory
from generator.nlp.model import model_name, preload
from generator.pipeline import BuildFailed, Settings, build_tree
from generator.site.download_files import Written
from generator.site.head import STYLESHEET, actor_of_page, add_to_head, feed_links, name_search_dialog
from generator.site import page_reuse
from generator.site.mkdocs_reuse import PageReuse, site_fingerprint
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
    if message.startswith("parsed ") or " to parse with " in message or " page(s) rendered, " in message:
        log.info(f"briefing: {message}")
    else:
        log.debug(message)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    _command: str | None = None
    _swap: SiteSwap | None = None
    _reuse: PageReuse | None = None  # this build's rendered-page reuse (mkdocs_reuse.py); None: off

    def on_startup(self, *, command, dirty) -> None:
        self._command, self._dirty = command, dirty
        keep_in_memory(command == "serve")  # many rebuilds in one process (build_store.py, nlp/cache.py)
        keep_entries_in_memory(command == "serve")

    def on_config(self, config):
        """`mkdocs build` writes into a folder beside site_dir and swaps it in when complete (publish.py);
        the briefing's stylesheet (written with the pages) is added to every page, and attr_list
        (`{ data-search-exclude }`) to the Markdown extensions; page reuse is set up for this build."""
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if "attr_list" not in config.markdown_extensions:  # the pages mark sections search leaves out
            config.markdown_extensions.append("attr_list")
        self._site_dir = config.site_dir  # where the site ends up (the page manifest is kept for it)
        folder = self._path(config, self.config.build_cache)
        self._reuse = None if folder is None else PageReuse(
            page_reuse.manifest_path(folder, Path(config.site_dir), serve=self._command == "serve"),
            Path(config.site_dir), log.info)
        if self._command == "build" and not getattr(self, "_dirty", False):
            self._swap = SiteSwap(Path(config.site_dir), log.info)
            config.site_dir = str(self._swap.begin())
        return config

    def on_pre_build(self, *, config) -> None:
        collector.relax()  # the whole build, MkDocs' part too: restored after it (collector.py)
        if self._reuse is not None and self._swap is None and self._command == "serve":
            self._reuse.move_aside(Path(config.site_dir))

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _path(self, config, value: str | None) -> Path | None:
        return None if not value else (self._root(config) / value)

    def _downloads_dir(self, config) -> Path | None:
        """Where the downloads are written (download_files.py): in the build cache, one folder for
        `mkdocs serve` and one for builds, so a preview and a build at work together never share one."""
        folder = self._path(config, self.config.build_cache)
        return None if folder is None else folder / ("downloads-serve" if self._command == "serve" else "downloads")

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
                            build_cache=self._path(config, self.config.build_cache),
                            downloads=self._downloads_dir(config))
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
        downloads: dict[str, str] = {}  # every other generated file -> its output path
        for path, content in tree.items():
            file = File.generated(config, path, abs_src_path=str(content.path)) if isinstance(content, Written) \
                else File.generated(config, path, content=content)
            files.append(file)
            if path.endswith(".md"):
                self._generated_pages[path] = file.url
            else:
                downloads[path] = file.dest_uri
        self._edit_targets = edit_targets(result.data, tree)
        self._actor_names = {a["id"]: a["name"] for a in result.data.get("actors", [])
                             if f"feeds/actors/{a['id']}.xml" in tree}
        if self._reuse is not None:
            self._reuse.compute_keys(
                site_fingerprint(config, Path(__file__)), tree,
                {path: files.get_file_from_path(path).dest_uri for path in self._generated_pages},
                lambda path: "\0".join((self._edit_targets.get(path, ""),
                                        self._actor_names.get(actor_of_page(self._generated_pages[path]), ""))),
                downloads)
        return files

    # --- rendered-page reuse (mkdocs_reuse.py) ----------------------------------------------------

    def on_nav(self, nav, *, config, files):
        if self._reuse is not None:
            self._reuse.plan({page.file.src_uri for page in nav.pages}, Path(config.site_dir))
            for file in files:
                self._reuse.keep_file(file)
        return nav

    def on_env(self, env, *, config, files):
        return PageReuse.environment(env)

    def _is_reused(self, page) -> bool:
        return self._reuse is not None and page.file.src_uri in self._reuse.reused

    def on_pre_page(self, page, *, config, files):
        if self._is_reused(page):
            self._reuse.skip(page)
        return page

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """The theme's search leaves the generated pages out: the briefing's search documents stand for
        them (search_documents.py), added to its index after the build."""
        if page.file.src_uri in getattr(self, "_generated_pages", {}):
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_post_page(self, output: str, *, page, config) -> str:
        """Feed links in every page's head (an actor page: its own feeds too); the search dialog named."""
        if self._is_reused(page):
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
        collector.restore()
        self._restore_build_date()
        if config is not None:
            add_to_index(Path(config.site_dir), getattr(self, "_search_documents", []),
                         getattr(self, "_generated_pages", {}))
            if self._reuse is not None:
                self._reuse.finish(Path(config.site_dir))
        if self._swap is not None:
            self._swap.commit()
            config.site_dir, self._swap = self._site_dir, None
        if self._command == "serve":  # the next rebuild is likely an edited or new seed: have spaCy ready
            preload(model_name(self.config.model))

    def on_build_error(self, *, error) -> None:
        collector.restore()
        self._restore_build_date()
        if self._reuse is not None:
            self._reuse.abandon(Path(self._site_dir))
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
        if self._is_reused(page):
            return html
        if self._reuse is not None:
            self._reuse.rendered(page)
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
