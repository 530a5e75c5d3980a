"""Rules the public site's layout sets on the owner's files: reserved page addresses, picture types."""

from __future__ import annotations

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
RESERVED_SLUGS = ("index",)  # stories/index.md is the stories page
