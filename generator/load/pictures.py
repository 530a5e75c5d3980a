"""Pictures the site may publish: inside ``stories/`` after following links, and really pictures.

A story's ``image:``, the owner's ``photo:`` and every picture a story's own
Markdown shows (``![..](images/x.jpg)``, ``<img src=..>``) reach the public
site. Each must resolve inside ``stories/`` once every link is followed (a
link to ``referrals/people.yml`` named ``leak.svg`` would publish the people
file), be a plain file (never a fifo, which would hang), and start with the
bytes of the type its name says. The checks run at load time, so ``ownerkit
check`` reports them; the site copies only files that passed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.load.sourcefile import not_a_file, read_plain_bytes

PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
PICTURE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")
_SVG_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s/>]", re.DOTALL | re.IGNORECASE
)
_MAX_PATH = 240  # bytes: longer names fail on common file systems


def _looks_like(suffix: str, head: bytes) -> bool:
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".png":
        return head.startswith(b"\x89PNG")
    if suffix == ".gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".avif":
        return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    if suffix == ".svg":
        return bool(_SVG_START.match(head.removeprefix(b"\xef\xbb\xbf")))
    return False


def picture_problem(stories_dir: Path, link: str) -> tuple[str, str] | None:
    """``(what stops link from being published, what to do)``, or ``None`` when it may be published.

    ``link`` is relative to ``stories/``.
    """
    suffix = os.path.splitext(link)[1].lower()
    if suffix not in PICTURE_SUFFIXES:
        return f'"{link}" is not a picture', "use a " + ", ".join(PICTURE_SUFFIXES) + " file"
    if len(link.encode("utf-8")) > _MAX_PATH or any(len(p.encode("utf-8")) > 200 for p in link.split("/")):
        return "the picture's path is too long for the file system", "use a shorter file name"
    path = stories_dir / link
    why = not_a_file(path)
    if why == "does not exist":
        return f"no file at stories/{link}", ""  # (a story's own Markdown may show one: see body_picture_links)
    if why:
        return f"stories/{link} {why}", "put the picture itself in stories/"
    base = os.path.realpath(stories_dir)
    if os.path.commonpath([base, os.path.realpath(path)]) != base:
        return f"stories/{link} is a link to a file outside stories/", "copy the picture into stories/ instead"
    data = read_plain_bytes(path)
    if isinstance(data, str):
        return f"stories/{link} {data}", "put the picture itself in stories/"
    if not _looks_like(suffix, data[:4096]):
        return f"stories/{link} is not a picture of the type its name says", f"its content is not {suffix}"
    return None


def body_picture_links(body: str) -> list[tuple[str, int]]:
    """The pictures a story's Markdown shows from ``stories/``, with the body line (from 0) of each."""
    found = []
    for match in PICTURE_LINK.finditer(body):
        link = match.group(1) or match.group(2)
        if "://" in link or link.startswith(("/", "#", "data:")) or ".." in link.split("/"):
            continue
        if link.lower().endswith(PICTURE_SUFFIXES):
            found.append((link, body.count("\n", 0, match.start())))
    return found
