"""Listing pages: the stories page, a section per prompt (paged), the archive by year and the tags."""

from __future__ import annotations

from collections import defaultdict

from generator.model.prompts import Prompt
from generator.model.records import Story
from generator.render.site.builder import FEED, SiteBuilder
from generator.render.site.text import esc, plural


def render_stories_index(site: SiteBuilder) -> None:
    here = "stories/index.md"
    description = f"Stories from {site.owner_name} of {site.owner.business}."
    out = [site.front("Stories", description, search={"exclude": True})]
    count = plural(len(site.stories), "story", "stories")
    out.append(f"<h1>Stories</h1>\n\n<p>{count}, newest first in each section. ")
    out.append(
        f'See also the <a href="{esc(site.href(here, "archive/index.md"))}">archive by date</a>, the '
        f'<a href="{esc(site.href(here, "tags/index.md"))}">tags</a> and the '
        f'<a href="{esc(site.href(here, FEED))}">feed</a>.</p>\n\n'
    )
    if not site.stories:
        out.append("<p>No stories are published yet.</p>\n")
    for prompt in site.prompts:
        stories = site.by_prompt[prompt.id]
        link = esc(site.href(here, site.prompt_path(prompt.id)))
        intro = f"<p>{esc(prompt.intro)}</p>" if prompt.intro else ""
        out.append(
            f'<section class="ok-section"><h2><a href="{link}">{esc(prompt.title)}</a></h2>{intro}\n'
            f"{site.cards(here, stories[:3])}\n"
            f'<p><a href="{link}">All {plural(len(stories), "story", "stories")} in “{esc(prompt.title)}” →</a></p>'
            "</section>\n\n"
        )
    site.add_page(here, out)


def render_prompt_pages(site: SiteBuilder, prompt: Prompt) -> None:
    stories = site.by_prompt[prompt.id]
    size = max(1, site.options.per_page)
    chunks = [stories[i : i + size] for i in range(0, len(stories), size)] or [[]]
    paths = [site.prompt_path(prompt.id, n + 1) for n in range(len(chunks))]
    for index, chunk in enumerate(chunks):
        here = paths[index]
        title = prompt.title if index == 0 else f"{prompt.title} (page {index + 1})"
        out = [site.front(title, prompt.intro or None, search={"exclude": True})]
        out.append(f"<h1>{esc(title)}</h1>\n\n")
        if prompt.intro:
            out.append(f'<p class="ok-intro">{esc(prompt.intro)}</p>\n\n')
        out.append(site.cards(here, chunk) + "\n\n")
        pager = site.pager(paths, index)
        if pager:
            out.append(pager + "\n")
        site.add_page(here, out)


def render_archive(site: SiteBuilder) -> None:
    here = "archive/index.md"
    years: dict[int, list[Story]] = defaultdict(list)
    for story in site.stories:
        years[story.date.year].append(story)
    out = [site.front("Archive", "Every story, by year.", search={"exclude": True}), "<h1>Archive</h1>\n\n"]
    if not years:
        out.append("<p>No stories are published yet.</p>\n")
    else:
        items = "".join(
            f'<li><a href="{esc(site.href(here, site.year_path(y)))}">{y}</a>'
            f" ({plural(len(years[y]), 'story', 'stories')})</li>"
            for y in sorted(years, reverse=True)
        )
        out.append(f'<ul class="ok-years">{items}</ul>\n')
    site.add_page(here, out)
    for year, stories in years.items():
        path = site.year_path(year)
        page = [site.front(f"Stories from {year}", f"Every story from {year}.", search={"exclude": True})]
        page.append(f"<h1>Stories from {year}</h1>\n\n")
        months: dict[int, list[Story]] = defaultdict(list)
        for story in stories:
            months[story.date.month].append(story)
        for month in sorted(months, reverse=True):
            page.append(f"<h2>{months[month][0].date:%B}</h2>\n\n{site.title_list(path, months[month])}\n\n")
        page.append(f'<p><a href="{esc(site.href(path, here))}">← All years</a></p>\n')
        site.add_page(path, page)


def render_tags(site: SiteBuilder) -> None:
    here = "tags/index.md"
    out = [site.front("Tags", "Stories by topic.", search={"exclude": True}), "<h1>Tags</h1>\n\n"]
    if not site.by_tag:
        out.append("<p>No story has tags yet.</p>\n")
    else:
        items = "".join(
            f'<li><a href="{esc(site.href(here, site.tag_path(t)))}">{esc(t)}</a> ({len(site.by_tag[t])})</li>'
            for t in site.tag_slugs
        )
        out.append(f'<ul class="ok-tag-list">{items}</ul>\n')
    site.add_page(here, out)
    for tag, stories in site.by_tag.items():
        path = site.tag_path(tag)
        page = [site.front(f"Tag: {tag}", f"Stories tagged {tag}.", search={"exclude": True})]
        page.append(f"<h1>Stories tagged “{esc(tag)}”</h1>\n\n{site.title_list(path, stories)}\n\n")
        page.append(f'<p><a href="{esc(site.href(path, here))}">← All tags</a></p>\n')
        site.add_page(path, page)
