"""Thin MkDocs adapter: runs the pipeline and hands its Markdown tree to MkDocs in memory.

Nothing is written into docs/, so `mkdocs serve` has no rebuild loop; seeds and templates are
watched; the spaCy model and the extraction cache are reused across serve rebuilds.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .pipeline import BuildFailed, Settings, build_tree
from .render import DEFAULT_TEMPLATES

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    templates = c.Optional(c.Type(str))  # override folder, searched before the default templates
    model = c.Optional(c.Type(str))
    cache = c.Type(str, default=".cache/extraction")
    curation = c.Optional(c.Type(str))


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _path(self, config, value: str | None) -> Path | None:
        return None if not value else (self._root(config) / value)

    def on_files(self, files: Files, *, config) -> Files:
        settings = Settings(seeds=self._path(config, self.config.seeds), model=self.config.model,
                            cache=self._path(config, self.config.cache),
                            templates=self._path(config, self.config.templates),
                            curation=self._path(config, self.config.curation), strict=bool(config.strict))
        try:
            tree, result = build_tree(settings, log.debug)
        except BuildFailed as exc:
            raise PluginError(str(exc)) from exc
        for warning in result.warnings:
            log.warning(warning)
        log.info(f"briefing: {result.parsed} article(s) parsed, {result.cached} from the cache")
        for path, content in tree.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server, *, config, builder):
        for folder in (self._path(config, self.config.seeds), self._path(config, self.config.templates),
                       DEFAULT_TEMPLATES):
            if folder is not None and folder.exists():
                server.watch(str(folder))
        return server
