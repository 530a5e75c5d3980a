"""The public site as a tree of pages: Markdown pages, images, a stylesheet and a feed.

:func:`build_pages` turns a loaded :class:`~generator.model.records.Kit` into
``{site-relative path: content}``. The MkDocs plugin feeds that tree to
``mkdocs build``; ``ownerkit emit`` writes it to disk for other engines. This
package never imports mkdocs.

Modules: ``builder`` (indexes, links, the tree), ``text`` (escaping, front matter),
``images``, one module per kind of page (``home``, ``listings``, ``story``, ``pages``),
``feed``, ``build`` (runs them all) and ``emit`` (the tree for other engines).
"""

from generator.load.mkdocs_config import read_mkdocs_config
from generator.render.site.brand import apply_theme_settings
from generator.render.site.build import build_pages, build_site, overrides_dir, overrides_files, site_nav
from generator.render.site.builder import PER_PAGE, STYLESHEET, PageParts, SiteOptions, SiteTree, Tree
from generator.render.site.emit import EMIT_MARKER, default_mkdocs_config, emit_tree
from generator.render.site.text import esc, page_url

__all__ = [
    "EMIT_MARKER",
    "PER_PAGE",
    "STYLESHEET",
    "PageParts",
    "SiteOptions",
    "SiteTree",
    "Tree",
    "apply_theme_settings",
    "build_pages",
    "build_site",
    "default_mkdocs_config",
    "emit_tree",
    "esc",
    "overrides_dir",
    "overrides_files",
    "page_url",
    "read_mkdocs_config",
    "site_nav",
]
