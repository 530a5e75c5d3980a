"""Small text helpers for the site's pages: escaping, dates, URLs and front matter.

Escaping: every value that comes from YAML is written through :func:`esc`
(HTML-escaped, quotes included) inside raw HTML blocks, so Markdown does not
reinterpret it and MkDocs templates (which do not autoescape) print it as text.
Front matter values are escaped the same way, because the theme prints
``page.title`` and ``page.meta.description`` into HTML as they are.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from generator.model.dates import long_date
from generator.model.names import PersonName
from generator.model.text import count as plural

__all__ = ["esc", "front_matter", "long_date", "page_url", "paragraphs", "plural", "public_owner_name", "yaml_scalar"]


def esc(text: object) -> str:
    """``text`` as HTML text or attribute value: ``<``, ``&``, quotes escaped.

    Braces are escaped too, so no template engine that sees the page later
    can mistake ``{{ ... }}`` for an expression.
    """
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def paragraphs(text: str) -> str:
    """Escaped text as ``<p>`` paragraphs (blank lines split them, single newlines break)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join("<p>" + "<br>".join(esc(line) for line in p.splitlines()) + "</p>" for p in parts)



def public_owner_name(name: PersonName) -> str:
    """The owner's name as the site shows it: what they are called, then the family name."""
    return PersonName(given=name.greeting, family=name.family, order=name.order).full



def page_url(path: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a page or file (``""`` is the home page)."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_scalar(value: object) -> str:
    """``value`` as YAML: JSON, which YAML reads, with the characters YAML refuses escaped."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def front_matter(title: str, description: str | None = None, **extra: Any) -> str:
    """YAML front matter with escaped title and description (written by hand: yaml.dump is slow)."""
    meta: dict[str, Any] = {"title": esc(title)}
    if description:
        meta["description"] = esc(description)
    meta.update(extra)
    lines = "".join(f"{key}: {yaml_scalar(value)}\n" for key, value in meta.items())
    return f"---\n{lines}---\n\n"
