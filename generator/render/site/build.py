"""The whole site: every page module run in order over one :class:`SiteBuilder`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from generator.model.records import Kit
from generator.render.site.brand import BRAND_CSS, theme_settings
from generator.render.site.builder import FEED, STYLESHEET, SiteBuilder, SiteOptions, SiteTree, Tree
from generator.render.site.feed import render_feed
from generator.render.site.home import render_home
from generator.render.site.listings import render_archive, render_prompt_pages, render_stories_index, render_tags
from generator.render.site.pages import render_about, render_contact, render_thanks
from generator.render.site.story import render_story


def build_site(kit: Kit, include_drafts: bool = False, **options: Any) -> SiteTree:
    """Every file of the site, and each page's parts (see :class:`PageParts`)."""
    site = SiteBuilder(kit, SiteOptions(include_drafts=include_drafts, **options))
    site.tree[STYLESHEET] = (resources.files("generator") / "assets" / "ownerkit.css").read_bytes()
    render_home(site)
    render_stories_index(site)
    for prompt in site.prompts:
        render_prompt_pages(site, prompt)
    for story in site.stories:
        render_story(site, story)
    render_archive(site)
    render_tags(site)
    render_about(site)
    render_contact(site)
    render_thanks(site)
    site.tree[FEED] = render_feed(site)
    return SiteTree(site.tree, site.parts, theme_settings(kit.owner, site.brand, site.options.today))


def build_pages(kit: Kit, include_drafts: bool = False, **options: Any) -> Tree:
    """Every page and file of the site: ``{site-relative path: text or bytes}``.

    Drafts are left out unless ``include_drafts`` (for previews). Options:
    ``site_url``, ``directory_urls``, ``per_page`` (see :class:`SiteOptions`).
    """
    return build_site(kit, include_drafts, **options).files


def site_nav(kit: Kit, include_drafts: bool = False) -> list[Any]:
    """The short navigation: the main pages only (every page renders it, so it stays small).

    Story sections, the archive and tags are reached from the Stories page; stories from listings.
    """
    return [
        {"Home": "index.md"},
        {"Stories": "stories/index.md"},
        {"About": "about.md"},
        {"Thanks": "thanks.md"},
        {"Contact": "contact.md"},
    ]


STYLESHEETS = (STYLESHEET, BRAND_CSS)


def overrides_dir() -> Path:
    """The theme overrides (Open Graph tags, feed link) the plugin adds to Material."""
    return Path(str(resources.files("generator") / "assets" / "overrides"))


def overrides_files() -> Tree:
    """The overrides as ``{name: text}``, for ``ownerkit emit``."""
    folder = overrides_dir()
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}
