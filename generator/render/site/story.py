"""A story's own page: title, meta line, picture, the owner's Markdown, tags and related stories."""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Any

from generator.model.records import Story
from generator.render.site.builder import RELATED, SiteBuilder
from generator.render.site.text import esc, front_matter


def render_story(site: SiteBuilder, story: Story) -> None:
    here = site.story_path(story)
    extra: dict[str, Any] = {"og_type": "article"}
    if story.image:
        extra["og_image"] = esc(f"stories/{posixpath.normpath(story.image)}")
    head = []
    if story.draft:
        head.append(
            '<p class="ok-draft">Draft: you see this page because you are previewing with'
            " <code>mkdocs serve</code>. It is left out of the built site until you remove"
            " <code>draft: true</code>.</p>\n\n"
        )
    head.append(f"<h1>{esc(story.title)}</h1>\n\n{site.meta_line(here, story)}\n\n")
    if story.image:
        head.append(
            f'<figure class="ok-figure">{site.image_tag(here, story.image, story.image_alt, "ok-image")}</figure>\n\n'
        )
    tail = []
    if story.tags:
        links = " ".join(
            f'<a class="ok-tag" href="{esc(site.href(here, site.tag_path(t)))}">{esc(t)}</a>'
            for t in dict.fromkeys(story.tags)
        )
        tail.append(f'<p class="ok-tags" data-search-exclude>Tags: {links}</p>\n\n')
    shown = related(site, story)
    if shown:
        items = "".join(
            f'<li><a href="{esc(site.href(here, site.story_path(s)))}">{esc(s.title)}</a></li>' for s in shown
        )
        tail.append(f'<aside class="ok-related" data-search-exclude><h2>Related stories</h2><ul>{items}</ul></aside>\n')
    site.pictures.publish_linked(story.body)
    front = front_matter(story.title, story.summary, **extra)
    site.add_page(here, [front, *head], story.body.strip() + "\n", "".join(tail))


def related(site: SiteBuilder, story: Story) -> list[Story]:
    """Up to three stories sharing the most tags, then the same prompt, nearest in date.

    Candidates are the nearest few in each shared tag and in the prompt, so this
    stays linear in the number of stories.
    """
    window = 6
    scores: Counter[str] = Counter()
    found: dict[str, Story] = {}

    def near(stories: list[Story]) -> list[Story]:
        at = _position(stories, story)
        return stories[max(0, at - window) : at + window + 1]

    for tag in dict.fromkeys(story.tags):
        for other in near(site.by_tag[tag]):
            scores[other.slug] += 2
            found[other.slug] = other
    for other in near(site.by_prompt[story.prompt]):
        scores[other.slug] += 1
        found[other.slug] = other
    scores.pop(story.slug, None)
    ranked = sorted(
        scores, key=lambda slug: (-scores[slug], abs((found[slug].date - story.date).days), found[slug].slug)
    )
    return [found[slug] for slug in ranked[:RELATED]]


def _position(stories: list[Story], story: Story) -> int:
    """Where ``story`` sits in a list sorted newest first (binary search)."""
    key = (story.date, story.slug)
    low, high = 0, len(stories)
    while low < high:
        mid = (low + high) // 2
        if (stories[mid].date, stories[mid].slug) > key:
            low = mid + 1
        else:
            high = mid
    return low
