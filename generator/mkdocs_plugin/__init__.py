"""The ``ownerkit`` MkDocs plugin: a thin adapter over the library (config.py, plugin.py)."""

from generator.mkdocs_plugin.plugin import OwnerkitPlugin

__all__ = ["OwnerkitPlugin"]
