"""``ownerkit emit``: the site as plain files (``mkdocs.yml``, ``docs/``, ``overrides/``) for other engines."""

from __future__ import annotations

import copy
import datetime as dt
from importlib import resources
from typing import Any

import yaml

from generator.load.mkdocs_config import ConfigDumper, read_mkdocs_config
from generator.model.records import Kit
from generator.render.site.brand import apply_theme_settings
from generator.render.site.build import STYLESHEETS, build_site, overrides_files, site_nav
from generator.render.site.builder import PER_PAGE, Tree

EMIT_MARKER = ".ownerkit-emit"
EMIT_HEADER = (
    "# Written by `ownerkit emit`: the kit's site as plain pages, for any engine that reads mkdocs.yml\n"
    "# (mkdocs build, zensical build). Do not edit: run `ownerkit emit` again instead.\n"
)


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return str(entry)


def emit_tree(kit: Kit, config: dict[str, Any], today: dt.date | None = None) -> Tree:
    """The site as files for another engine: ``mkdocs.yml``, ``docs/`` and ``overrides/``.

    ``config`` is the kit's mkdocs.yml (read with :func:`read_mkdocs_config`); the
    ownerkit plugin is taken out, since its work is done: every page is in ``docs/``.
    """
    config = dict(config)
    options: dict[str, Any] = {}
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        options = plugins.pop("ownerkit", None) or {}
        plugins = [{name: opts} if opts else name for name, opts in plugins.items()]
    else:
        for entry in plugins:
            if _plugin_name(entry) == "ownerkit" and isinstance(entry, dict):
                options = entry["ownerkit"] or {}
        plugins = [p for p in plugins if _plugin_name(p) != "ownerkit"]
    config["plugins"] = plugins or ["search"]
    site = build_site(
        kit,
        site_url=config.get("site_url") or None,
        directory_urls=bool(config.get("use_directory_urls", True)),
        per_page=int(options.get("per_page", PER_PAGE)),
        today=today,
    )
    theme = config.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else copy.deepcopy(theme)
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config.setdefault("nav", site_nav(kit))
    config["extra"] = copy.deepcopy(config.get("extra") or {})
    config["extra_css"] = list(config.get("extra_css") or [])
    apply_theme_settings(config, theme, site.theme, STYLESHEETS)
    tree: Tree = {f"docs/{path}": content for path, content in site.files.items()}
    tree.update({f"overrides/{name}": text for name, text in overrides_files().items()})
    dumped = yaml.dump(config, Dumper=ConfigDumper, allow_unicode=True, sort_keys=False, width=1000)
    tree["mkdocs.yml"] = EMIT_HEADER + dumped
    return tree


def default_mkdocs_config(kit: Kit) -> dict[str, Any]:
    """The starter mkdocs.yml's settings, for a kit that has none."""
    text = (resources.files("generator") / "starter" / "mkdocs.yml").read_text("utf-8")
    config = read_mkdocs_config(text)
    config["site_name"] = kit.owner.business
    return config
