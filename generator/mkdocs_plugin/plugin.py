"""The ``ownerkit`` MkDocs plugin: feeds the kit's site tree to ``mkdocs build`` and ``mkdocs serve``.

A thin adapter over :mod:`generator.render.site`. It replaces whatever MkDocs found in
``docs_dir`` (normally ``stories/``, so raw story files, drafts and
``owner.yml`` are never published as they are) with the generated pages, sets
the short navigation when ``mkdocs.yml`` has none, adds the theme overrides and
the stylesheet, and watches ``stories/`` and ``referrals/`` while serving.
Drafts are published only while serving, marked as drafts.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.errors import KitInvalid, OwnerkitError
from generator.load.kit import load_kit
from generator.model.records import Kit
from generator.render.site import PER_PAGE, STYLESHEET, PageParts, build_site, overrides_dir, site_nav

log = logging.getLogger("mkdocs.plugins.ownerkit")


class OwnerkitConfig(base.Config):
    kit = c.Optional(c.Type(str))
    """The kit folder (default: the folder of mkdocs.yml)."""
    per_page = c.Type(int, default=PER_PAGE)
    """Stories per listing page."""
    drafts_in_serve = c.Type(bool, default=True)
    """Show drafts, marked as drafts, while previewing with ``mkdocs serve``."""


class OwnerkitPlugin(BasePlugin[OwnerkitConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.kit: Kit | None = None
        self.root: Path | None = None
        self.parts: dict[str, PageParts] = {}
        self.nav_urls: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def include_drafts(self) -> bool:
        return self.serving and self.config.drafts_in_serve

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        here = Path(config.config_file_path or ".").resolve().parent
        self.root = (here / self.config.kit).resolve() if self.config.kit else here
        try:
            checked = load_kit(self.root, dt.date.today())
        except KitInvalid as exc:
            listed = "\n".join(f"  {p.without_values()}" for p in exc.problems)
            raise PluginError(f"ownerkit: {len(exc.problems)} problem(s) in the kit at {self.root}:\n{listed}") from exc
        if checked.warnings:
            # Only a count: warnings may quote private notes, and build logs are often public.
            log.info("ownerkit: %d warning(s) about the kit; run 'ownerkit check' to see them", len(checked.warnings))
        self.kit = checked.kit
        if config.nav is None:
            config.nav = site_nav(self.kit, self.include_drafts)
        dirs = config.theme.dirs
        overrides = str(overrides_dir())
        if overrides not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.kit is None:  # pragma: no cover - on_config always runs first
            raise PluginError("ownerkit: the kit was not loaded")
        try:
            site = build_site(
                self.kit,
                include_drafts=self.include_drafts,
                site_url=config.site_url or None,
                directory_urls=config.use_directory_urls,
                per_page=self.config.per_page,
            )
        except KitInvalid as exc:
            listed = "\n".join(f"  {p.without_values()}" for p in exc.problems)
            raise PluginError(f"ownerkit: {len(exc.problems)} problem(s) in the kit:\n{listed}") from exc
        except OwnerkitError as exc:
            raise PluginError(f"ownerkit: {exc}") from exc
        self.parts = site.parts
        docs_dir = Path(config.docs_dir).resolve()
        kept = [f for f in files if not (f.src_dir and Path(f.src_dir).resolve() == docs_dir)]
        generated = [
            File.generated(config, path, content=content, inclusion=_inclusion(path))
            for path, content in site.files.items()
        ]
        return Files(kept + generated)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = {page.url for page in nav.pages}
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The navigation of pages outside it depends only on their depth: render it once per depth."""
        env.globals["ownerkit_nav_cache"] = {}
        env.globals["ownerkit_nav_key"] = self._nav_key
        return env

    def _nav_key(self, page: object) -> int | None:
        if not isinstance(page, Page) or page.url in self.nav_urls:
            return None
        return page.url.count("/")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Only the owner's Markdown goes through Markdown; the generated HTML is added after."""
        parts = self.parts.get(page.file.src_uri)
        return markdown if parts is None else parts.markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = self.parts.get(page.file.src_uri)
        return html if parts is None else parts.head + html + parts.tail

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.root is not None:
            for folder in ("stories", "referrals"):
                if (self.root / folder).is_dir():
                    server.watch(str(self.root / folder))
        return server


def _inclusion(path: str) -> InclusionLevel:
    """Stories and listing pages are reached through links, not the navigation."""
    if path.startswith(("stories/", "prompts/", "archive/", "tags/")) and path.endswith(".md"):
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.UNDEFINED
