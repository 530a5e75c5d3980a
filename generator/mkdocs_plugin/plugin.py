"""The ``ownerkit`` MkDocs plugin: feeds the kit's site tree to ``mkdocs build`` and ``mkdocs serve``.

A thin adapter over :mod:`generator.render.site`. It builds the site's tree when
the configuration is read, puts the brand from ``owner.yml`` into Material's
settings (name, colours, logo, favicon, footer), replaces whatever MkDocs found in
``docs_dir`` (normally ``stories/``, so raw story files, drafts and ``owner.yml``
are never published as they are) with the generated pages, sets the short
navigation when ``mkdocs.yml`` has none, adds the theme overrides and the
stylesheets, and watches ``stories/`` and ``referrals/`` while serving. Drafts are
published only while serving, marked as drafts.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.errors import KitInvalid, OwnerkitError
from generator.load.kit import load_kit
from generator.load.mkdocs_config import MKDOCS_FILE
from generator.mkdocs_plugin.config import OwnerkitConfig
from generator.render.site import PageParts, SiteTree, apply_theme_settings, build_site, overrides_dir, site_nav
from generator.render.site.build import STYLESHEETS

log = logging.getLogger("mkdocs.plugins.ownerkit")


def _listed(exc: KitInvalid, where: str) -> PluginError:
    # build logs are often public: the place and field of each problem, never a value (mkdocs.yml is not private)
    listed = "\n".join(f"  {p if p.path == MKDOCS_FILE else p.without_values()}" for p in exc.problems)
    return PluginError(f"ownerkit: {len(exc.problems)} problem(s) in the kit{where}:\n{listed}")


class OwnerkitPlugin(BasePlugin[OwnerkitConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root: Path | None = None
        self.site: SiteTree | None = None
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
            self.site = build_site(
                checked.kit,
                include_drafts=self.include_drafts,
                site_url=config.site_url or None,
                directory_urls=config.use_directory_urls,
                per_page=self.config.per_page,
            )
        except KitInvalid as exc:
            raise _listed(exc, f" at {self.root}") from exc
        except OwnerkitError as exc:
            raise PluginError(f"ownerkit: {exc}") from exc
        for problem in checked.warnings:
            if problem.path == MKDOCS_FILE:  # settings, never private: say them
                log.warning("ownerkit: %s", problem)
        private = [p for p in checked.warnings if p.path != MKDOCS_FILE]
        if private:
            # Only a count: warnings may quote private notes, and build logs are often public.
            log.info("ownerkit: %d warning(s) about the kit; run 'ownerkit check' to see them", len(private))
        if config.nav is None:
            config.nav = site_nav(checked.kit, self.include_drafts)
        apply_theme_settings(config, config.theme, self.site.theme, STYLESHEETS)
        dirs = config.theme.dirs
        overrides = str(overrides_dir())
        if overrides not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:  # pragma: no cover - on_config always runs first
            raise PluginError("ownerkit: the kit was not loaded")
        docs_dir = Path(config.docs_dir).resolve()
        kept = [f for f in files if not (f.src_dir and Path(f.src_dir).resolve() == docs_dir)]
        generated = [
            File.generated(config, path, content=content, inclusion=_inclusion(path))
            for path, content in self.site.files.items()
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

    def _parts(self, page: Page) -> PageParts | None:
        return self.site.parts.get(page.file.src_uri) if self.site else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Only the owner's Markdown goes through Markdown; the generated HTML is added after."""
        parts = self._parts(page)
        return markdown if parts is None else parts.markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = self._parts(page)
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
