"""The site's brand from ``owner.yml``: colours, logo, favicon, footer, social icons, link-preview card.

:func:`theme_settings` returns what the MkDocs plugin (and ``ownerkit emit``) puts
into Material's configuration; :func:`brand_files` the files it needs (a stylesheet
with the colours, the logo and favicon, the link-preview card). Colours are checked
for contrast: white text on the primary colour and links on the page must reach
WCAG's 4.5:1, so a colour too light is darkened until it does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from PIL import Image, ImageDraw, ImageFont

from generator.model.records import Owner
from generator.render.site.images import RASTER_SUFFIXES, Pictures
from generator.render.site.text import esc, public_owner_name

BRAND_CSS = "assets/brand.css"
LOGO = "assets/brand/logo"
FAVICON = "assets/brand/favicon"
PREVIEW_CARD = "assets/brand/preview.png"
# Eight colours white text reads well on, one picked from the business name when owner.yml sets none.
DEFAULT_PRIMARIES = ("#1f5c57", "#2d4a7a", "#6b3e75", "#8a3b2e", "#3f5e2a", "#5a4632", "#1d5a80", "#7a3350")
SLATE_BACKGROUND = "#1e2129"
NETWORKS = {
    # domain: (Material icon, share URL with {url} and {title}, or "" when the network has none)
    "instagram.com": ("fontawesome/brands/instagram", ""),
    "facebook.com": ("fontawesome/brands/facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    "youtube.com": ("fontawesome/brands/youtube", ""),
    "x.com": ("fontawesome/brands/x-twitter", "https://x.com/intent/post?url={url}&text={title}"),
    "twitter.com": ("fontawesome/brands/x-twitter", "https://x.com/intent/post?url={url}&text={title}"),
    "linkedin.com": ("fontawesome/brands/linkedin", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    "tiktok.com": ("fontawesome/brands/tiktok", ""),
    "pinterest.com": (
        "fontawesome/brands/pinterest",
        "https://www.pinterest.com/pin/create/button/?url={url}&description={title}",
    ),
    "bsky.app": ("fontawesome/brands/bluesky", "https://bsky.app/intent/compose?text={title}%20{url}"),
    "threads.net": ("fontawesome/brands/threads", "https://www.threads.net/intent/post?text={title}%20{url}"),
    "whatsapp.com": ("fontawesome/brands/whatsapp", "https://wa.me/?text={title}%20{url}"),
    "etsy.com": ("fontawesome/brands/etsy", ""),
    "github.com": ("fontawesome/brands/github", ""),
}


# ------------------------------------------------------------------ colours


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, against: str, ratio: float = 4.5) -> str:
    """``colour`` moved towards black (on a light ``against``) or white (on a dark one) until it reads."""
    target = (0.0, 0.0, 0.0) if luminance(against) > 0.18 else (1.0, 1.0, 1.0)
    rgb = _rgb(colour)
    for step in range(41):
        mixed = _hex(tuple(c + (t - c) * step / 40 for c, t in zip(rgb, target)))  # type: ignore[arg-type]
        if contrast(mixed, against) >= ratio:
            return mixed
    return _hex(target)


@dataclass(frozen=True)
class Colours:
    primary: str  # background of the header and buttons, white text on it
    accent: str  # hover and highlights
    link_light: str  # links on the light page
    link_dark: str  # links on the dark (slate) page


def colours(owner: Owner) -> Colours:
    chosen = (
        owner.brand.primary
        or DEFAULT_PRIMARIES[int(hashlib.sha256(owner.business.encode()).hexdigest(), 16) % len(DEFAULT_PRIMARIES)]
    )
    primary = readable(chosen, "#ffffff")
    accent = readable(owner.brand.accent or primary, "#ffffff")
    return Colours(primary, accent, primary, readable(chosen, SLATE_BACKGROUND))


def brand_css(c: Colours) -> str:
    return (
        "/* ownerkit: the brand colours from owner.yml (brand: primary, accent), checked for contrast. */\n"
        "[data-md-color-primary=custom] {\n"
        f"  --md-primary-fg-color: {c.primary};\n"
        f"  --md-primary-fg-color--light: {c.primary};\n"
        f"  --md-primary-fg-color--dark: {readable(c.primary, '#ffffff', 7)};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: #ffffff;\n"
        "}\n"
        "[data-md-color-accent=custom] {\n"
        f"  --md-accent-fg-color: {c.accent};\n"
        f"  --md-accent-fg-color--transparent: {c.accent}1a;\n"
        "  --md-accent-bg-color: #ffffff;\n"
        "  --md-accent-bg-color--light: #ffffffb3;\n"
        "}\n"
        f"[data-md-color-scheme=default] {{ --md-typeset-a-color: {c.link_light}; }}\n"
        f"[data-md-color-scheme=slate] {{ --md-typeset-a-color: {c.link_dark}; --ok-accent-text: {c.link_dark}; }}\n"
        f"[data-md-color-scheme=default] {{ --ok-accent-text: {c.accent}; }}\n"
    )


# ------------------------------------------------------------------ pictures


def initials(owner: Owner) -> str:
    name = public_owner_name(owner.name)
    letters = [word[0] for word in name.split() if word[:1].isalpha()]
    return ("".join(letters[:1] + letters[-1:]) if len(letters) > 1 else "".join(letters) or "?").upper()


def initials_svg(owner: Owner, c: Colours, on_brand: bool) -> bytes:
    """The owner's initials in a circle: white on the primary colour (favicon), or the reverse (the header)."""
    text = esc(initials(owner))
    fill, ink = ("#ffffff", c.primary) if on_brand else (c.primary, "#ffffff")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
        f'<circle cx="48" cy="48" r="48" fill="{fill}"/>'
        f'<text x="48" y="50" text-anchor="middle" dominant-baseline="middle" fill="{ink}"'
        f' font-family="system-ui, sans-serif" font-size="40" font-weight="700">{text}</text></svg>'
    ).encode()


def preview_card(owner: Owner, c: Colours) -> bytes:
    """A 1200x630 PNG in the primary colour with the business name and tagline, for link previews."""
    image = Image.new("RGB", (1200, 630), c.primary)
    draw = ImageDraw.Draw(image)
    title = ImageFont.load_default(size=72)
    small = ImageFont.load_default(size=36)
    draw.text((80, 200), owner.business, fill="#ffffff", font=title)
    lines = _wrap(draw, owner.tagline or public_owner_name(owner.name), small, 1040)
    for number, line in enumerate(lines[:3]):
        draw.text((80, 320 + number * 52), line, fill="#ffffff", font=small)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


@dataclass(frozen=True)
class Brand:
    """What the theme shows: the paths of the logo and favicon in the site, and the colours."""

    colours: Colours
    logo: str
    favicon: str
    preview: str  # a raster picture for link previews of pages without one


def brand_files(owner: Owner, stories_dir: Path, pictures: Pictures) -> Brand:
    """Put the stylesheet, logo, favicon and preview card into the tree; where they are."""
    c = colours(owner)
    tree = pictures.tree
    tree[BRAND_CSS] = brand_css(c)
    where = ("stories/owner.yml", "brand.logo")
    source = owner.brand.logo or owner.photo
    if source:
        logo = favicon = pictures.publish(source, "logo", where).path
    else:
        logo, favicon = LOGO + ".svg", FAVICON + ".svg"
        tree[logo] = initials_svg(owner, c, on_brand=True)
        tree[favicon] = initials_svg(owner, c, on_brand=False)
    if owner.brand.favicon:
        favicon = pictures.publish(owner.brand.favicon, "logo", ("stories/owner.yml", "brand.favicon")).path
    preview = PREVIEW_CARD
    raster = owner.photo if owner.photo and owner.photo.lower().endswith(RASTER_SUFFIXES) else None
    if raster:
        preview = pictures.publish(raster, "figure", ("stories/owner.yml", "photo")).path
    else:
        tree[PREVIEW_CARD] = preview_card(owner, c)
    return Brand(c, logo, favicon, preview)


# ------------------------------------------------------------------ theme settings


def network(url: str) -> tuple[str, str]:
    """The Material icon and share-link pattern for a social address (a globe and none when unknown)."""
    host = (urlparse(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for domain, found in NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            return found
    return "material/web", ""


def footer_line(owner: Owner, year: int) -> str:
    where = f" · {owner.location}" if owner.location else ""
    return f"© {year} {owner.business}{where}"


def theme_settings(owner: Owner, brand: Brand, today: dt.date | None = None) -> dict[str, Any]:
    """Material settings from owner.yml: name, description, colours, logo, favicon, footer, social icons."""
    year = (today or dt.date.today()).year
    # Material prints these into HTML as they are: escaped here, like every value from YAML.
    social = [{"icon": network(link.url)[0], "link": esc(link.url), "name": link.label} for link in owner.social]
    return {
        "site_name": esc(owner.business),
        "site_description": esc(owner.tagline) if owner.tagline else None,
        "copyright": esc(footer_line(owner, year)),
        "logo": brand.logo,
        "favicon": brand.favicon,
        "extra": {"generator": owner.brand.theme_credit, "social": social},
    }


MATERIAL_FAVICON = "assets/images/favicon.png"


def apply_theme_settings(config: Any, theme: Any, settings: dict[str, Any], stylesheets: tuple[str, ...]) -> None:
    """Put ``settings`` into a mkdocs.yml-like ``config`` and its ``theme`` (mappings; MkDocs' or plain dicts).

    owner.yml wins for the name and description (a contradiction is reported by
    ``check``); the owner's own ``copyright``, ``logo``, ``favicon`` and ``extra``
    entries in mkdocs.yml are kept; the palette uses the brand colours.
    """
    config["site_name"] = settings["site_name"]
    if settings["site_description"]:
        config["site_description"] = settings["site_description"]
    if not config.get("copyright"):
        config["copyright"] = settings["copyright"]
    if not theme.get("logo"):
        theme["logo"] = settings["logo"]
    if theme.get("favicon") in (None, "", MATERIAL_FAVICON):
        theme["favicon"] = settings["favicon"]
    palette = theme.get("palette")
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    for entry in entries:
        entry["primary"] = "custom"
        entry["accent"] = "custom"
    if not entries:
        theme["palette"] = {"primary": "custom", "accent": "custom"}
    extra = config.get("extra")
    if extra is None:
        extra = config["extra"] = {}
    for key, value in settings["extra"].items():
        if extra.get(key) is None:
            extra[key] = value
    extra_css = config.get("extra_css")
    if extra_css is None:
        extra_css = config["extra_css"] = []
    for sheet in stylesheets:
        if sheet not in extra_css:
            extra_css.append(sheet)
