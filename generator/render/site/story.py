"""A story's own page: title, meta line, picture, the owner's Markdown, share links, tags, related stories."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

from generator.model.records import Story
from generator.model.text import without_comments
from generator.render.site.brand import network
from generator.render.site.builder import PAGE_HIDE, RELATED, SiteBuilder
from generator.render.site.images import RASTER_SUFFIXES, preview_image
from generator.render.site.structured import as_script, blog_posting
from generator.render.site.text import esc

_HEADING = re.compile(r"^#{2,6}\s|<h[2-6][\s>]", re.MULTILINE)


def render_story(site: SiteBuilder, story: Story) -> None:
    here = site.story_path(story)
    preview = story_preview(site, story)
    hide = PAGE_HIDE if not _HEADING.search(without_comments(story.body)) else tuple(h for h in PAGE_HIDE if h != "toc")
    front = site.front(
        story.title,
        story.summary,
        hide=hide,
        og_type="article",
        og_image=preview,
        jsonld=as_script(blog_posting(site, story, preview)),
    )
    head = []
    if story.draft:
        head.append(
            '<p class="ok-draft">Draft: you see this page because you are previewing with'
            " <code>mkdocs serve</code>. It is left out of the built site until you remove"
            " <code>draft: true</code>.</p>\n\n"
        )
    head.append(f'<h1 class="ok-narrow">{esc(story.title)}</h1>\n\n{site.meta_line(here, story)}\n\n')
    if story.image:
        figure = site.story_picture(here, story, "ok-image", "figure", lazy=False)
        head.append(f'<figure class="ok-figure">{figure}</figure>\n\n')
    tail = [share_links(site, story)]
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
    text = without_comments(story.body)  # the owner's notes and the starter's questions stay hers
    site.pictures.publish_linked(text, story.source.path)
    body = site.pictures.size_markdown(text.strip(), story.source.path)
    site.add_page(here, [front, *head], body + "\n", "".join(tail))


def story_preview(site: SiteBuilder, story: Story) -> str:
    """The link-preview picture: the story's own (1200x630) when it is a photo, else the site's."""
    if story.image and story.image.lower().endswith(RASTER_SUFFIXES):
        path = f"assets/previews/{story.slug}.jpg"
        site.tree[path] = preview_image(site.kit.stories_dir / story.image)
        return path
    return site.brand.preview


def share_links(site: SiteBuilder, story: Story) -> str:
    """Plain links (no scripts): email, and the networks the owner lists in ``social:`` that take a link."""
    url = site.absolute(site.story_path(story)) if site.options.site_url else ""
    if not url:
        return ""
    title = quote(story.title, safe="")
    links = [
        f'<li><a href="mailto:?subject={title}&amp;body={quote(url, safe="")}">Email</a></li>',
    ]
    seen = set()
    for link in site.owner.social:
        pattern = network(link.url)[1]
        if pattern and pattern not in seen:
            seen.add(pattern)
            href = pattern.format(url=quote(url, safe=""), title=title)
            name = link.label.split("(")[0].strip()
            links.append(f'<li><a href="{esc(href)}" rel="noopener">{esc(name)}</a></li>')
    return f'<nav class="ok-share" aria-label="Share this story" data-search-exclude>Share: <ul>{"".join(links)}</ul></nav>\n\n'


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
