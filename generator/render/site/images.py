"""Pictures on the site: the owner's photo, story pictures and the pictures a story's Markdown shows.

Each is published from ``stories/`` at the same place under the site's ``stories/``,
so links in a story's own Markdown (``images/x.jpg``) work on the site as they do in
the owner's editor.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_PICTURE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")


class Pictures:
    """Publishes pictures into ``tree`` (site-relative path to bytes), each once."""

    def __init__(self, stories_dir: Path, tree: dict[str, str | bytes]) -> None:
        self.stories_dir = stories_dir
        self.tree = tree

    def publish(self, image: str) -> str:
        """Publish a picture from ``stories/``; its site-relative path."""
        path = f"stories/{posixpath.normpath(image)}"
        if path not in self.tree:
            self.tree[path] = (self.stories_dir / image).read_bytes()
        return path

    def publish_linked(self, markdown: str) -> None:
        """Publish the pictures a published story's own Markdown shows (and only those)."""
        for found in _PICTURE_LINK.findall(markdown):
            link = next(part for part in found if part)
            if "://" in link or link.startswith(("/", "#", "data:")) or ".." in link.split("/"):
                continue
            if link.lower().endswith(IMAGE_SUFFIXES) and (self.stories_dir / link).is_file():
                self.publish(link)
