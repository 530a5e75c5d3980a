"""Structured data for search engines: JSON-LD for the business (home page) and each story.

The business is a ``LocalBusiness`` with the owner as ``founder``; each story a
``BlogPosting``. Testimonials are not marked up as reviews (search engines treat
a business's reviews of itself as self-serving). Only public fields of
``owner.yml`` and stories are used.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model.records import Story
from generator.render.site.builder import SiteBuilder


def as_script(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>``, ``&`` or braces a template could read."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("{{", "{\\u007b")):
        text = text.replace(char, code)
    return text


def _absolute(site: SiteBuilder, path: str) -> str | None:
    return site.absolute(path) if site.options.site_url else None


def local_business(site: SiteBuilder) -> dict[str, Any]:
    owner = site.owner
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": owner.business,
        "founder": {"@type": "Person", "name": site.owner_name},
    }
    if owner.tagline:
        data["description"] = owner.tagline
    if url := _absolute(site, "index.md"):
        data["url"] = url
    if image := _absolute(site, site.brand.preview):
        data["image"] = image
    if logo := _absolute(site, site.brand.logo):
        data["logo"] = logo
    if owner.contact.email:
        data["email"] = owner.contact.email
    if owner.contact.phone:
        data["telephone"] = owner.contact.phone
    if owner.contact.address or owner.location:
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if owner.contact.address:
            address["streetAddress"] = ", ".join(line.strip() for line in owner.contact.address.strip().splitlines())
        if owner.location:
            address["addressLocality"] = owner.location
        data["address"] = address
    if owner.started:
        data["foundingDate"] = str(owner.started)
    if owner.social:
        data["sameAs"] = [link.url for link in owner.social]
    return data


def blog_posting(site: SiteBuilder, story: Story, image: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": story.title,
        "datePublished": story.date.isoformat(),
        "author": {"@type": "Person", "name": site.owner_name},
        "publisher": {"@type": "Organization", "name": site.owner.business},
    }
    if story.summary:
        data["description"] = story.summary
    if url := _absolute(site, site.story_path(story)):
        data["mainEntityOfPage"] = url
        data["url"] = url
    if absolute_image := _absolute(site, image):
        data["image"] = absolute_image
    if story.tags:
        data["keywords"] = ", ".join(dict.fromkeys(story.tags))
    return data
