"""The ``ownerkit`` plugin's settings in mkdocs.yml (``plugins: - ownerkit: {...}``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.render.site import PER_PAGE


class OwnerkitConfig(base.Config):
    kit = c.Optional(c.Type(str))
    """The kit folder (default: the folder of mkdocs.yml)."""
    per_page = c.Type(int, default=PER_PAGE)
    """Stories per listing page."""
    drafts_in_serve = c.Type(bool, default=True)
    """Show drafts, marked as drafts, while previewing with ``mkdocs serve``."""
