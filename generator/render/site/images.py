"""Pictures on the site: decoded, resized and re-encoded, never published as they are.

Each picture comes from ``stories/`` (the loader checked it is a file there) and is
published under the site's ``stories/`` at the same relative place, so links in a
story's own Markdown (``images/x.jpg``) work on the site as they do in the owner's
editor. A raster picture (PNG, JPEG, WebP, GIF, AVIF) is decoded with Pillow and written
again at the widths the theme shows it (:data:`WIDTHS`), never wider than the
original; the original file itself is never copied, so a file that only claims to be
a picture, or a photo far larger than needed, never reaches the site. An SVG is
parsed as XML, must have an ``<svg>`` root, and loses scripts and event handlers.

Work is cached for the process by (path, size, modification time), so ``mkdocs
serve`` re-encodes only pictures that changed.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.errors import KitInvalid, Problem
from generator.model.site import IMAGE_SUFFIXES

RASTER_SUFFIXES = tuple(s for s in IMAGE_SUFFIXES if s != ".svg")
WIDTHS = {"photo": (320, 640), "figure": (800, 1600), "card": (400, 800), "logo": (96, 192), "body": (800, 1600)}
PREVIEW = (1200, 630)  # link previews (og:image)
_PICTURE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")
_MARKDOWN_PICTURE = re.compile(r"(!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\s*\))(?!\{)")
_SVG = "{http://www.w3.org/2000/svg}svg"


@dataclass(frozen=True)
class Picture:
    """A published picture: its largest copy, its size, and every copy for ``srcset``."""

    path: str
    width: int
    height: int
    srcset: tuple[tuple[str, int], ...] = ()

    @property
    def raster(self) -> bool:
        return not self.path.endswith(".svg")


_CACHE: dict[tuple[str, int, int, str], tuple[Picture, dict[str, bytes]]] = {}


def _resized(image: Image.Image, width: int, fmt: str) -> bytes:
    copy = image if image.width <= width else image.resize((width, round(image.height * width / image.width)))
    out = io.BytesIO()
    if fmt == "JPEG":
        copy.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        copy.save(out, "PNG", optimize=True)
    return out.getvalue()


def _raster(source: Path, rel: str, kind: str) -> tuple[Picture, dict[str, bytes]]:
    with Image.open(source) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
    fmt = "JPEG" if source.suffix.lower() in (".jpg", ".jpeg") else "PNG"
    suffix = ".jpg" if fmt == "JPEG" else ".png"
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if fmt == "PNG" else "RGB")
    stem = posixpath.splitext(f"stories/{posixpath.normpath(rel)}")[0]
    files: dict[str, bytes] = {}
    srcset = []
    widths = sorted({min(w, image.width) for w in WIDTHS[kind]})
    for width in widths:
        path = f"{stem}-{width}w{suffix}"
        files[path] = _resized(image, width, fmt)
        srcset.append((path, width))
    largest = widths[-1]
    height = round(image.height * largest / image.width)
    return Picture(srcset[-1][0], largest, height, tuple(srcset)), files


def _svg(source: Path, rel: str) -> tuple[Picture, dict[str, bytes]]:
    root = ET.fromstring(source.read_bytes())
    if root.tag not in (_SVG, "svg"):
        raise ValueError("not an SVG picture")
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
                parent.remove(child)
        for attr in list(parent.attrib):
            if attr.lower().startswith("on") or parent.attrib[attr].strip().lower().startswith("javascript:"):
                del parent.attrib[attr]
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    data = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    width, height = _svg_size(root)
    path = f"stories/{posixpath.normpath(rel)}"
    return Picture(path, width, height, ((path, width),)), {path: data}


def _svg_size(root: ET.Element) -> tuple[int, int]:
    """The SVG's size from width/height, else its viewBox, else 300x150 (the browser default)."""
    numbers = [re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", root.get(k) or "") for k in ("width", "height")]
    if numbers[0] and numbers[1]:
        return round(float(numbers[0].group(1))), round(float(numbers[1].group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return max(1, round(float(box[2]))), max(1, round(float(box[3])))
        except ValueError:
            pass
    return 300, 150


def prepare(source: Path, rel: str, kind: str) -> tuple[Picture, dict[str, bytes]]:
    """Decode ``source`` and make its published copies; ValueError when it is not a picture."""
    stat = source.stat()
    key = (str(source), stat.st_size, stat.st_mtime_ns, kind)
    if key not in _CACHE:
        try:
            if source.suffix.lower() == ".svg":
                _CACHE[key] = _svg(source, rel)
            else:
                _CACHE[key] = _raster(source, rel, kind)
        except (OSError, UnidentifiedImageError, ET.ParseError, Image.DecompressionBombError) as exc:
            raise ValueError(str(exc) or type(exc).__name__) from exc
    return _CACHE[key]


def preview_image(source: Path) -> bytes:
    """A 1200x630 JPEG of a raster picture, cropped to fill, for link previews."""
    with Image.open(source) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened).convert("RGB")
    fitted = ImageOps.fit(image, PREVIEW)
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


class Pictures:
    """Publishes pictures into ``tree`` (site-relative path to bytes), each once."""

    def __init__(self, stories_dir: Path, tree: dict[str, str | bytes]) -> None:
        self.stories_dir = stories_dir
        self.tree = tree
        self.published: dict[tuple[str, str], Picture] = {}

    def publish(self, image: str, kind: str = "figure", where: tuple[str, str] = ("", "")) -> Picture:
        """Publish a picture from ``stories/``; ``where`` (file, field) names it in an error."""
        key = (posixpath.normpath(image), kind)
        if key not in self.published:
            path, field = where
            source = self.stories_dir / image
            if not source.resolve().is_relative_to(self.stories_dir.resolve()):
                message = f"stories/{image} leads outside stories/ (a link); only pictures inside it are published"
                raise KitInvalid([Problem(path or f"stories/{image}", 0, 0, field, message)])
            try:
                picture, files = prepare(source, image, kind)
            except ValueError as exc:
                message = f"stories/{image} is not a picture ({exc})"
                raise KitInvalid([Problem(path or f"stories/{image}", 0, 0, field, message)]) from exc
            self.tree.update(files)
            self.published[key] = picture
        return self.published[key]

    def size_markdown(self, markdown: str, where: str) -> str:
        """The story's Markdown with each local picture resized, sized and lazy (attr_list syntax)."""

        def sized(match: re.Match[str]) -> str:
            whole, link = match.group(1), match.group(2)
            if not _local_picture(link) or not (self.stories_dir / link).is_file():
                return whole
            picture = self.publish(link, "body", (where, "body"))
            src = posixpath.relpath(picture.path, "stories")
            whole = whole.replace(link, src, 1)
            return f'{whole}{{ width="{picture.width}" height="{picture.height}" loading="lazy" }}'

        return _MARKDOWN_PICTURE.sub(sized, markdown)

    def publish_linked(self, markdown: str, where: str) -> None:
        """Publish the pictures a story's raw HTML shows (``<img src>``), re-encoded, at their own paths."""
        for found in _PICTURE_LINK.findall(markdown):
            link = found[1]
            if link and _local_picture(link) and (self.stories_dir / link).is_file():
                picture = self.publish(link, "body", (where, "body"))
                original = f"stories/{posixpath.normpath(link)}"
                if original not in self.tree:
                    self.tree[original] = self.tree[picture.path]


def _local_picture(link: str) -> bool:
    if "://" in link or link.startswith(("/", "#", "data:")) or ".." in link.split("/"):
        return False
    return link.lower().endswith(IMAGE_SUFFIXES)
