"""The public site as a tree of pages: Markdown pages, images, a stylesheet and a feed.

:func:`build_pages` turns a loaded :class:`~generator.model.records.Kit` into
``{site-relative path: content}``. The MkDocs plugin feeds that tree to
``mkdocs build``; ``ownerkit emit`` writes it to disk for other engines. This
module never imports mkdocs.

Privacy: the only things read from ``referrals/`` are, for people who gave
consent (``public_thanks: true``), their public name, their testimonial and how
many friends they referred. Everything else stays out of the tree.

Escaping: every value that comes from YAML is written through :func:`esc`
(HTML-escaped, quotes included) inside raw HTML blocks, so Markdown does not
reinterpret it and MkDocs templates (which do not autoescape) print it as text.
Front matter values are escaped the same way, because the theme prints
``page.title`` and ``page.meta.description`` into HTML as they are.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.model.dates import long_date
from generator.model.names import PersonName
from generator.model.prompts import Prompt
from generator.model.records import Kit, Person, Story
from generator.model.site import IMAGE_SUFFIXES
from generator.model.text import count as plural
from generator.render.starter import slugify

PER_PAGE = 12
FEED_ENTRIES = 20
RELATED = 3
LATEST_ON_HOME = 5
FEATURED_ON_HOME = 3
TESTIMONIALS_ON_HOME = 3
STYLESHEET = "assets/ownerkit.css"
FEED = "feed.xml"

Tree = dict[str, str | bytes]


@dataclass(frozen=True)
class SiteOptions:
    """How the tree is built: drafts (only while previewing), absolute URLs, page size."""

    include_drafts: bool = False
    site_url: str | None = None
    directory_urls: bool = True
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class PageParts:
    """A page after its front matter: generated HTML around the owner's Markdown (if any).

    The MkDocs plugin renders only ``markdown`` through Markdown and puts the
    HTML around the result, which keeps big listings out of the Markdown parser.
    Other engines get the whole page (HTML blocks inside Markdown) and render
    the same thing.
    """

    head: str
    markdown: str
    tail: str


@dataclass(frozen=True)
class SiteTree:
    files: Tree
    parts: dict[str, PageParts]


# --------------------------------------------------------------- small helpers


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


_PICTURE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")
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


# ------------------------------------------------------------------- the site


class _Site:
    """Builds one tree; holds the indexes every page needs."""

    def __init__(self, kit: Kit, options: SiteOptions) -> None:
        self.kit = kit
        self.options = options
        self.owner = kit.owner
        self.owner_name = public_owner_name(kit.owner.name)
        self.stories = [s for s in kit.stories if options.include_drafts or not s.draft]
        self.stories.sort(key=lambda s: (s.date, s.slug), reverse=True)
        self.by_prompt: dict[str, list[Story]] = defaultdict(list)
        self.by_tag: dict[str, list[Story]] = defaultdict(list)
        for story in self.stories:
            self.by_prompt[story.prompt].append(story)
            for tag in dict.fromkeys(story.tags):
                self.by_tag[tag].append(story)
        self.prompts: list[Prompt] = [p for pid, p in kit.prompts.items() if pid in self.by_prompt]
        self.tag_slugs = _tag_slugs(sorted(self.by_tag, key=str.casefold))
        self.tree: Tree = {}
        self.parts: dict[str, PageParts] = {}
        self._folders: dict[str, list[str]] = {}
        self._minutes = {s.slug: s.reading_minutes for s in self.stories}

    # -- paths and links

    def url(self, path: str) -> str:
        return page_url(path, self.options.directory_urls)

    def href(self, here: str, target: str) -> str:
        """A link from page ``here`` to page or file ``target``, relative so it works anywhere."""
        from_parts = self._folders.get(here)
        if from_parts is None:
            here_url = self.url(here)
            base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url) + "/"
            from_parts = self._folders[here] = base.split("/")[:-1] if base not in ("", "/") else []
        target_url = self.url(target)
        to_parts = target_url.split("/")
        common = 0
        while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
            common += 1
        rel = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
        return rel or "./"

    def absolute(self, target: str) -> str:
        """An absolute URL when ``site_url`` is set, else the site-relative one."""
        url = self.url(target)
        if self.options.site_url:
            return self.options.site_url.rstrip("/") + "/" + url
        return url or "./"

    @staticmethod
    def story_path(story: Story) -> str:
        return f"stories/{story.slug}.md"

    @staticmethod
    def prompt_path(prompt_id: str, page: int = 1) -> str:
        return f"prompts/{prompt_id}/index.md" if page == 1 else f"prompts/{prompt_id}/page/{page}.md"

    def tag_path(self, tag: str) -> str:
        return f"tags/{self.tag_slugs[tag]}.md"

    @staticmethod
    def year_path(year: int) -> str:
        return f"archive/{year}.md"

    def prompt_title(self, prompt_id: str) -> str:
        prompt = self.kit.prompts.get(prompt_id)
        return prompt.title if prompt else prompt_id

    # -- pages are front matter, then HTML, the owner's Markdown (stories only), more HTML

    def add_page(self, path: str, head: list[str], markdown: str = "", tail: str = "") -> None:
        """Store a page: ``head[0]`` is its front matter, the rest HTML; ``markdown`` the owner's text."""
        html_head = "".join(head[1:])
        self.parts[path] = PageParts(html_head, markdown, tail)
        text = head[0] + html_head
        if markdown:
            text += markdown + "\n"
        self.tree[path] = text + tail

    # -- pieces of pages

    def add_picture(self, image: str) -> str:
        """Publish a picture from ``stories/`` at the same place under the site's ``stories/``.

        Kept where it is in the kit, so links in a story's own Markdown (``images/x.jpg``)
        work on the site as they do in the owner's editor.
        """
        path = f"stories/{posixpath.normpath(image)}"
        if path not in self.tree:
            self.tree[path] = (self.kit.stories_dir / image).read_bytes()
        return path

    def image_tag(self, here: str, image: str, alt: str | None, css: str) -> str:
        path = self.add_picture(image)
        return f'<img class="{css}" src="{esc(self.href(here, path))}" alt="{esc(alt or "")}">'

    def body_pictures(self, story: Story) -> None:
        """Publish the pictures a published story's own Markdown shows (and only those)."""
        for found in _PICTURE_LINK.findall(story.body):
            link = next(part for part in found if part)
            if "://" in link or link.startswith(("/", "#", "data:")) or ".." in link.split("/"):
                continue
            if link.lower().endswith(IMAGE_SUFFIXES) and (self.kit.stories_dir / link).is_file():
                self.add_picture(link)

    def meta_line(self, here: str, story: Story) -> str:
        parts = [
            f'<time datetime="{story.date.isoformat()}">{long_date(story.date)}</time>',
            f'<a href="{esc(self.href(here, self.prompt_path(story.prompt)))}">'
            f"{esc(self.prompt_title(story.prompt))}</a>",
            f"{self._minutes[story.slug]} min read",
        ]
        if story.draft:
            parts.append('<span class="ok-draft-badge">Draft</span>')
        return '<p class="ok-meta">' + " · ".join(parts) + "</p>"

    def card(self, here: str, story: Story) -> str:
        summary = f'<p class="ok-summary">{esc(story.summary)}</p>' if story.summary else ""
        return (
            f'<li class="ok-card"><h3><a href="{esc(self.href(here, self.story_path(story)))}">{esc(story.title)}</a>'
            f"</h3>{self.meta_line(here, story)}{summary}</li>"
        )

    def cards(self, here: str, stories: Iterable[Story]) -> str:
        items = "\n".join(self.card(here, s) for s in stories)
        return f'<ul class="ok-cards">\n{items}\n</ul>'

    def title_list(self, here: str, stories: Iterable[Story]) -> str:
        items = "\n".join(
            f'<li><time datetime="{s.date.isoformat()}">{long_date(s.date)}</time> '
            f'<a href="{esc(self.href(here, self.story_path(s)))}">{esc(s.title)}</a>'
            + (' <span class="ok-draft-badge">Draft</span>' if s.draft else "")
            + "</li>"
            for s in stories
        )
        return f'<ul class="ok-titles">\n{items}\n</ul>'

    def pager(self, paths: list[str], index: int) -> str:
        if len(paths) < 2:
            return ""
        here = paths[index]
        parts = []
        if index > 0:
            parts.append(f'<a rel="prev" href="{esc(self.href(here, paths[index - 1]))}">← Newer stories</a>')
        parts.append(f"<span>Page {index + 1} of {len(paths)}</span>")
        if index + 1 < len(paths):
            parts.append(f'<a rel="next" href="{esc(self.href(here, paths[index + 1]))}">Older stories →</a>')
        return '<nav class="ok-pager" aria-label="Pages">' + " ".join(parts) + "</nav>"

    def consenting(self) -> list[Person]:
        return [p for p in self.kit.people.values() if p.public_thanks]

    def testimonial(self, person: Person) -> str:
        return (
            f'<blockquote class="ok-quote">{paragraphs(person.testimonial or "")}'
            f"<footer>{esc(person.shown_name)}</footer></blockquote>"
        )

    # -- pages

    def build(self) -> Tree:
        self.tree[STYLESHEET] = (resources.files("generator") / "assets" / "ownerkit.css").read_bytes()
        self.home()
        self.stories_index()
        for prompt in self.prompts:
            self.prompt_pages(prompt)
        for story in self.stories:
            self.story_page(story)
        self.archive()
        self.tags()
        self.about()
        self.contact()
        self.thanks()
        self.tree[FEED] = self.feed()
        return self.tree

    def home(self) -> None:
        here = "index.md"
        owner = self.owner
        out = [front_matter(owner.business, owner.tagline or f"{owner.business}: stories from {self.owner_name}.")]
        hero = ['<div class="ok-hero">']
        if owner.photo:
            hero.append(self.image_tag(here, owner.photo, owner.photo_alt, "ok-photo"))
        hero.append('<div class="ok-hero-text">')
        hero.append(f"<h1>{esc(self.owner_name)}</h1>")
        hero.append(f'<p class="ok-business">{esc(owner.business)}</p>')
        if owner.tagline:
            hero.append(f'<p class="ok-tagline">{esc(owner.tagline)}</p>')
        hero.append(
            '<p class="ok-actions"><a class="md-button md-button--primary" '
            f'href="{esc(self.href(here, "contact.md"))}">Get in touch</a> '
            f'<a class="md-button" href="{esc(self.href(here, "about.md"))}">About me</a></p>'
        )
        hero.append("</div></div>")
        out.append("".join(hero) + "\n\n")

        start = self.start_story()
        if start:
            lead = esc(start.summary) if start.summary else "How it all began."
            out.append(
                f'<section class="ok-lead"><h2>Why I started</h2><p>{lead}</p>'
                f'<p><a href="{esc(self.href(here, self.story_path(start)))}">Read “{esc(start.title)}” →</a></p>'
                "</section>\n\n"
            )
        featured = [s for s in self.stories if s.featured][:FEATURED_ON_HOME]
        if featured:
            cards = self.cards(here, featured)
            out.append(f'<section class="ok-featured"><h2>Featured stories</h2>\n{cards}\n</section>\n\n')
        latest = self.stories[:LATEST_ON_HOME]
        if latest:
            out.append(
                f'<section class="ok-latest"><h2>Latest stories</h2>\n{self.cards(here, latest)}\n'
                f'<p><a href="{esc(self.href(here, "stories/index.md"))}">All stories →</a></p></section>\n\n'
            )
        quotes = [p for p in self.consenting() if p.testimonial][:TESTIMONIALS_ON_HOME]
        if quotes:
            out.append(
                '<section class="ok-quotes"><h2>Kind words</h2>'
                + "".join(self.testimonial(p) for p in quotes)
                + f'<p><a href="{esc(self.href(here, "thanks.md"))}">Our thanks wall →</a></p></section>\n\n'
            )
        out.append(self.contact_block(here))
        self.add_page(here, out)

    def start_story(self) -> Story | None:
        starts = [s for s in self.stories if s.prompt == "why-i-started"]
        if not starts:
            return None
        featured = [s for s in starts if s.featured]
        return (featured or sorted(starts, key=lambda s: (s.date, s.slug)))[0]

    def contact_block(self, here: str) -> str:
        email = self.owner.contact.email
        mail = f' or write to <a href="mailto:{esc(email)}">{esc(email)}</a>' if email else ""
        return (
            f'<section class="ok-touch"><h2>Get in touch</h2><p>Questions, bookings or a story of your own: '
            f'see <a href="{esc(self.href(here, "contact.md"))}">how to reach me</a>{mail}.</p></section>\n'
        )

    def stories_index(self) -> None:
        here = "stories/index.md"
        description = f"Stories from {self.owner_name} of {self.owner.business}."
        out = [front_matter("Stories", description, search={"exclude": True})]
        count = plural(len(self.stories), "story", "stories")
        out.append(f"<h1>Stories</h1>\n\n<p>{count}, newest first in each section. ")
        out.append(
            f'See also the <a href="{esc(self.href(here, "archive/index.md"))}">archive by date</a>, the '
            f'<a href="{esc(self.href(here, "tags/index.md"))}">tags</a> and the '
            f'<a href="{esc(self.href(here, FEED))}">feed</a>.</p>\n\n'
        )
        if not self.stories:
            out.append("<p>No stories are published yet.</p>\n")
        for prompt in self.prompts:
            stories = self.by_prompt[prompt.id]
            link = esc(self.href(here, self.prompt_path(prompt.id)))
            intro = f"<p>{esc(prompt.intro)}</p>" if prompt.intro else ""
            out.append(
                f'<section class="ok-section"><h2><a href="{link}">{esc(prompt.title)}</a></h2>{intro}\n'
                f"{self.cards(here, stories[:3])}\n"
                f'<p><a href="{link}">All {plural(len(stories), "story", "stories")} in “{esc(prompt.title)}” →</a></p>'
                "</section>\n\n"
            )
        self.add_page(here, out)

    def prompt_pages(self, prompt: Prompt) -> None:
        stories = self.by_prompt[prompt.id]
        size = max(1, self.options.per_page)
        chunks = [stories[i : i + size] for i in range(0, len(stories), size)] or [[]]
        paths = [self.prompt_path(prompt.id, n + 1) for n in range(len(chunks))]
        for index, chunk in enumerate(chunks):
            here = paths[index]
            title = prompt.title if index == 0 else f"{prompt.title} (page {index + 1})"
            out = [front_matter(title, prompt.intro or None, search={"exclude": True})]
            out.append(f"<h1>{esc(title)}</h1>\n\n")
            if prompt.intro:
                out.append(f'<p class="ok-intro">{esc(prompt.intro)}</p>\n\n')
            out.append(self.cards(here, chunk) + "\n\n")
            pager = self.pager(paths, index)
            if pager:
                out.append(pager + "\n")
            self.add_page(here, out)

    def story_page(self, story: Story) -> None:
        here = self.story_path(story)
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
        head.append(f"<h1>{esc(story.title)}</h1>\n\n{self.meta_line(here, story)}\n\n")
        if story.image:
            head.append(
                f'<figure class="ok-figure">{self.image_tag(here, story.image, story.image_alt, "ok-image")}'
                f"</figure>\n\n"
            )
        tail = []
        if story.tags:
            links = " ".join(
                f'<a class="ok-tag" href="{esc(self.href(here, self.tag_path(t)))}">{esc(t)}</a>'
                for t in dict.fromkeys(story.tags)
            )
            tail.append(f'<p class="ok-tags" data-search-exclude>Tags: {links}</p>\n\n')
        related = self.related(story)
        if related:
            items = "".join(
                f'<li><a href="{esc(self.href(here, self.story_path(s)))}">{esc(s.title)}</a></li>' for s in related
            )
            tail.append(
                f'<aside class="ok-related" data-search-exclude><h2>Related stories</h2><ul>{items}</ul></aside>\n'
            )
        self.body_pictures(story)
        front = front_matter(story.title, story.summary, **extra)
        self.add_page(here, [front, *head], story.body.strip() + "\n", "".join(tail))

    def related(self, story: Story) -> list[Story]:
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
            for other in near(self.by_tag[tag]):
                scores[other.slug] += 2
                found[other.slug] = other
        for other in near(self.by_prompt[story.prompt]):
            scores[other.slug] += 1
            found[other.slug] = other
        scores.pop(story.slug, None)
        ranked = sorted(
            scores, key=lambda slug: (-scores[slug], abs((found[slug].date - story.date).days), found[slug].slug)
        )
        return [found[slug] for slug in ranked[:RELATED]]

    def archive(self) -> None:
        here = "archive/index.md"
        years: dict[int, list[Story]] = defaultdict(list)
        for story in self.stories:
            years[story.date.year].append(story)
        out = [front_matter("Archive", "Every story, by year.", search={"exclude": True}), "<h1>Archive</h1>\n\n"]
        if not years:
            out.append("<p>No stories are published yet.</p>\n")
        else:
            items = "".join(
                f'<li><a href="{esc(self.href(here, self.year_path(y)))}">{y}</a>'
                f" ({plural(len(years[y]), 'story', 'stories')})</li>"
                for y in sorted(years, reverse=True)
            )
            out.append(f'<ul class="ok-years">{items}</ul>\n')
        self.add_page(here, out)
        for year, stories in years.items():
            path = self.year_path(year)
            page = [front_matter(f"Stories from {year}", f"Every story from {year}.", search={"exclude": True})]
            page.append(f"<h1>Stories from {year}</h1>\n\n")
            months: dict[int, list[Story]] = defaultdict(list)
            for story in stories:
                months[story.date.month].append(story)
            for month in sorted(months, reverse=True):
                page.append(f"<h2>{months[month][0].date:%B}</h2>\n\n{self.title_list(path, months[month])}\n\n")
            page.append(f'<p><a href="{esc(self.href(path, here))}">← All years</a></p>\n')
            self.add_page(path, page)

    def tags(self) -> None:
        here = "tags/index.md"
        out = [front_matter("Tags", "Stories by topic.", search={"exclude": True}), "<h1>Tags</h1>\n\n"]
        if not self.by_tag:
            out.append("<p>No story has tags yet.</p>\n")
        else:
            items = "".join(
                f'<li><a href="{esc(self.href(here, self.tag_path(t)))}">{esc(t)}</a> ({len(self.by_tag[t])})</li>'
                for t in self.tag_slugs
            )
            out.append(f'<ul class="ok-tag-list">{items}</ul>\n')
        self.add_page(here, out)
        for tag, stories in self.by_tag.items():
            path = self.tag_path(tag)
            page = [front_matter(f"Tag: {tag}", f"Stories tagged {tag}.", search={"exclude": True})]
            page.append(f"<h1>Stories tagged “{esc(tag)}”</h1>\n\n{self.title_list(path, stories)}\n\n")
            page.append(f'<p><a href="{esc(self.href(path, here))}">← All tags</a></p>\n')
            self.add_page(path, page)

    def about(self) -> None:
        here = "about.md"
        owner = self.owner
        facts = [owner.business]
        if owner.location:
            facts.append(owner.location)
        if owner.started:
            facts.append(f"since {owner.started}")
        out = [front_matter(f"About {self.owner_name}", owner.tagline or f"About {owner.business}.")]
        out.append(f"<h1>About {esc(self.owner_name)}</h1>\n\n")
        about = ['<div class="ok-hero">']
        if owner.photo:
            about.append(self.image_tag(here, owner.photo, owner.photo_alt, "ok-photo"))
        about.append(f'<div class="ok-hero-text"><p class="ok-business">{esc(" · ".join(facts))}</p>')
        if owner.tagline:
            about.append(f'<p class="ok-tagline">{esc(owner.tagline)}</p>')
        about.append("</div></div>")
        out.append("".join(about) + "\n\n")
        start = self.start_story()
        if start:
            link = esc(self.href(here, self.story_path(start)))
            out.append(f'<p>How it began: <a href="{link}">{esc(start.title)}</a>.</p>\n\n')
        if owner.values:
            out.append("<h2>What I stand for</h2>\n\n")
            out.append(
                '<dl class="ok-values">'
                + "".join(f"<dt>{esc(v.title)}</dt><dd>{paragraphs(v.text)}</dd>" for v in owner.values)
                + "</dl>\n\n"
            )
        out.append(self.contact_block(here))
        self.add_page(here, out)

    def contact(self) -> None:
        here = "contact.md"
        owner = self.owner
        contact = owner.contact
        out = [front_matter("Contact", f"How to reach {self.owner_name} at {owner.business}.")]
        out.append(f"<h1>Contact</h1>\n\n<p>{esc(owner.business)}")
        if owner.location:
            out.append(f", {esc(owner.location)}")
        out.append(".</p>\n\n")
        rows = []
        if contact.email:
            rows.append(f'<dt>Email</dt><dd><a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a></dd>')
        if contact.phone:
            tel = re.sub(r"[^0-9+]", "", contact.phone)
            rows.append(f'<dt>Phone</dt><dd><a href="tel:{esc(tel)}">{esc(contact.phone)}</a></dd>')
        if contact.address:
            lines = "<br>".join(esc(line) for line in contact.address.strip().splitlines())
            rows.append(f"<dt>Post</dt><dd><address>{lines}</address></dd>")
        if rows:
            out.append('<dl class="ok-contact">' + "".join(rows) + "</dl>\n\n")
        else:
            out.append(f"<p>{esc(owner.business)} has not published contact details yet.</p>\n\n")
        if owner.social:
            links = "".join(
                f'<li><a href="{esc(link.url)}" rel="me">{esc(link.label)}</a></li>' for link in owner.social
            )
            out.append(f'<h2>Elsewhere</h2>\n\n<ul class="ok-social">{links}</ul>\n')
        self.add_page(here, out)

    def thanks(self) -> None:
        here = "thanks.md"
        referred = Counter(r.from_id for r in self.kit.referrals)
        wall = [p for p in self.consenting() if referred[p.id]]
        wall.sort(key=lambda p: (-referred[p.id], p.shown_name.casefold(), p.id))
        out = [
            front_matter(
                "Thanks", f"The people who sent friends to {self.owner.business}, named with their permission."
            ),
            "<h1>Thank you</h1>\n\n",
            f"<p>{esc(self.owner.business)} grows by word of mouth. These are some of the people who sent friends"
            " our way, named here because they said we could.</p>\n\n",
        ]
        if not wall:
            out.append(
                '<p class="ok-empty">Nobody is named here yet. When someone who sent a friend our way'
                " agrees to be thanked in public, their name goes up on this wall.</p>\n"
            )
        else:
            items = []
            for person in wall:
                count = referred[person.id]
                quote = ""
                if person.testimonial:
                    quote = f'<blockquote class="ok-quote">{paragraphs(person.testimonial)}</blockquote>'
                items.append(
                    f'<li class="ok-thanks"><h2>{esc(person.shown_name)}</h2>'
                    f'<p class="ok-count">Sent {plural(count, "friend")} our way</p>{quote}</li>'
                )
            out.append('<ul class="ok-wall">\n' + "\n".join(items) + "\n</ul>\n")
        self.add_page(here, out)

    def feed(self) -> str:
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
            if self.options.site_url:
                return self.absolute(path)
            return "urn:ownerkit:" + (path[:-3] if path.endswith(".md") else path)

        stories = [s for s in self.stories if not s.draft][:FEED_ENTRIES]
        sub(feed, "title", f"{self.owner.business}: stories")
        if self.owner.tagline:
            sub(feed, "subtitle", self.owner.tagline)
        sub(feed, "id", ident("index.md"))
        sub(feed, "link", href=self.absolute("index.md"), rel="alternate", type="text/html")
        sub(feed, "link", href=self.absolute(FEED), rel="self", type="application/atom+xml")
        newest = stories[0].date.isoformat() if stories else "2000-01-01"
        sub(feed, "updated", f"{newest}T00:00:00Z")
        author = sub(feed, "author")
        sub(author, "name", self.owner_name)
        for story in stories:
            entry = sub(feed, "entry")
            path = self.story_path(story)
            sub(entry, "title", story.title)
            sub(entry, "link", href=self.absolute(path), rel="alternate", type="text/html")
            sub(entry, "id", ident(path))
            sub(entry, "published", f"{story.date.isoformat()}T00:00:00Z")
            sub(entry, "updated", f"{story.date.isoformat()}T00:00:00Z")
            sub(entry, "category", term=story.prompt, label=self.prompt_title(story.prompt))
            sub(entry, "summary", story.summary or story.title)
        ET.indent(feed)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


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


def _tag_slugs(tags: list[str]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for number, tag in enumerate(tags, 1):
        base = slugify(tag) or f"tag-{number}"
        slug, n = base, 1
        while slug in used or slug == "index":
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[tag] = slug
    return slugs


# ------------------------------------------------------------------ public API


def build_site(kit: Kit, include_drafts: bool = False, **options: Any) -> SiteTree:
    """Every file of the site, and each page's parts (see :class:`PageParts`)."""
    site = _Site(kit, SiteOptions(include_drafts=include_drafts, **options))
    return SiteTree(site.build(), site.parts)


def build_pages(kit: Kit, include_drafts: bool = False, **options: Any) -> Tree:
    """Every page and file of the site: ``{site-relative path: text or bytes}``.

    Drafts are left out unless ``include_drafts`` (for previews). Options:
    ``site_url``, ``directory_urls``, ``per_page`` (see :class:`SiteOptions`).
    """
    return build_site(kit, include_drafts, **options).files


def site_nav(kit: Kit, include_drafts: bool = False) -> list[Any]:
    """The short navigation: the main pages only (every page renders it, so it stays small).

    Story sections, the archive and tags are reached from the Stories page; stories from listings.
    """
    return [
        {"Home": "index.md"},
        {"Stories": "stories/index.md"},
        {"About": "about.md"},
        {"Thanks": "thanks.md"},
        {"Contact": "contact.md"},
    ]


def overrides_dir() -> Path:
    """The theme overrides (Open Graph tags, feed link) the plugin adds to Material."""
    return Path(str(resources.files("generator") / "assets" / "overrides"))


def overrides_files() -> Tree:
    """The overrides as ``{name: text}``, for ``ownerkit emit``."""
    folder = overrides_dir()
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------- emit for others

EMIT_MARKER = ".ownerkit-emit"
EMIT_HEADER = (
    "# Written by `ownerkit emit`: the kit's site as plain pages, for any engine that reads mkdocs.yml\n"
    "# (mkdocs build, zensical build). Do not edit: run `ownerkit emit` again instead.\n"
)


class _Tagged:
    """A YAML value with a tag the safe loader does not know (``!!python/name:...``), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag = tag
        self.value = value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_mkdocs_config(text: str) -> dict[str, Any]:
    """A mkdocs.yml as a dict; tags such as ``!!python/name:`` are kept for writing back."""
    data = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("expected settings such as site_name:, theme: and plugins:")
    return data


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return str(entry)


def emit_tree(kit: Kit, config: dict[str, Any]) -> Tree:
    """The site as files for another engine: ``mkdocs.yml``, ``docs/`` and ``overrides/``.

    ``config`` is the kit's mkdocs.yml (read with :func:`read_mkdocs_config`); the
    ownerkit plugin is taken out, since its work is done: every page is in ``docs/``.
    """
    config = dict(config)
    options: dict[str, Any] = {}
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        options = plugins.pop("ownerkit", None) or {}
        plugins = [{name: opts} if opts else name for name, opts in plugins.items()]
    else:
        for entry in plugins:
            if _plugin_name(entry) == "ownerkit" and isinstance(entry, dict):
                options = entry["ownerkit"] or {}
        plugins = [p for p in plugins if _plugin_name(p) != "ownerkit"]
    config["plugins"] = plugins or ["search"]
    pages = build_pages(
        kit,
        site_url=config.get("site_url") or None,
        directory_urls=bool(config.get("use_directory_urls", True)),
        per_page=int(options.get("per_page", PER_PAGE)),
    )
    theme = config.get("theme") or {"name": "material"}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config.setdefault("nav", site_nav(kit))
    extra_css = list(config.get("extra_css") or [])
    if STYLESHEET not in extra_css:
        extra_css.append(STYLESHEET)
    config["extra_css"] = extra_css
    tree: Tree = {f"docs/{path}": content for path, content in pages.items()}
    tree.update({f"overrides/{name}": text for name, text in overrides_files().items()})
    dumped = yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False, width=1000)
    tree["mkdocs.yml"] = EMIT_HEADER + dumped
    return tree


def default_mkdocs_config(kit: Kit) -> dict[str, Any]:
    """The starter mkdocs.yml's settings, for a kit that has none."""
    text = (resources.files("generator") / "starter" / "mkdocs.yml").read_text("utf-8")
    config = read_mkdocs_config(text)
    config["site_name"] = kit.owner.business
    return config
