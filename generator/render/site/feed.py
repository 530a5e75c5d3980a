"""The Atom feed of the newest stories (absolute links when ``site_url`` is set)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.render.site.builder import FEED, FEED_ENTRIES, SiteBuilder


def render_feed(site: SiteBuilder) -> str:
    """An Atom feed of the newest stories (absolute links when ``site_url`` is set)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    def ident(path: str) -> str:
        if site.options.site_url:
            return site.absolute(path)
        return "urn:ownerkit:" + (path[:-3] if path.endswith(".md") else path)

    stories = [s for s in site.stories if not s.draft][:FEED_ENTRIES]
    sub(feed, "title", f"{site.owner.business}: stories")
    if site.owner.tagline:
        sub(feed, "subtitle", site.owner.tagline)
    sub(feed, "id", ident("index.md"))
    sub(feed, "link", href=site.absolute("index.md"), rel="alternate", type="text/html")
    sub(feed, "link", href=site.absolute(FEED), rel="self", type="application/atom+xml")
    newest = stories[0].date.isoformat() if stories else "2000-01-01"
    sub(feed, "updated", f"{newest}T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", site.owner_name)
    for story in stories:
        entry = sub(feed, "entry")
        path = site.story_path(story)
        sub(entry, "title", story.title)
        sub(entry, "link", href=site.absolute(path), rel="alternate", type="text/html")
        sub(entry, "id", ident(path))
        sub(entry, "published", f"{story.date.isoformat()}T00:00:00Z")
        sub(entry, "updated", f"{story.date.isoformat()}T00:00:00Z")
        sub(entry, "category", term=story.prompt, label=site.prompt_title(story.prompt))
        sub(entry, "summary", story.summary or story.title)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
