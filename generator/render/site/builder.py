"""The site builder: the indexes every page needs, links between pages, and the tree being filled.

Page modules (home, listings, story, pages, feed) are functions of a :class:`SiteBuilder`;
:func:`generator.render.site.build_site` runs them in order. Pictures go through
:class:`~generator.render.site.images.Pictures`.

Privacy: the only things read from ``referrals/`` are, for people who gave
consent (``public_thanks: true``), their public name, their testimonial and how
many friends they referred. Everything else stays out of the tree.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.model.prompts import Prompt
from generator.model.records import Kit, Person, Story
from generator.render.site.brand import Brand, brand_files
from generator.render.site.images import Pictures
from generator.render.site.text import esc, front_matter, long_date, page_url, paragraphs, public_owner_name
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
PAGE_HIDE = ("navigation", "toc", "footer")  # Material's left and right sidebars and previous/next links
SIZES = {
    "photo": "(max-width: 30em) 60vw, 16rem",
    "figure": "(max-width: 50em) 100vw, 46rem",
    "card": "(max-width: 30em) 100vw, 12rem",
    "logo": "2.4rem",
    "body": "(max-width: 50em) 100vw, 46rem",
}


@dataclass(frozen=True)
class SiteOptions:
    """How the tree is built: drafts (only while previewing), absolute URLs, page size."""

    include_drafts: bool = False
    site_url: str | None = None
    directory_urls: bool = True
    per_page: int = PER_PAGE
    today: dt.date | None = None  # the footer's copyright year (default: today)


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
    theme: dict[str, Any]  # Material settings from owner.yml (see brand.theme_settings)


class SiteBuilder:
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
        self.pictures = Pictures(kit.stories_dir, self.tree)
        self.brand: Brand = brand_files(kit.owner, kit.stories_dir, self.pictures)

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

    def front(self, title: str, description: str | None = None, hide: tuple[str, ...] = PAGE_HIDE, **extra: Any) -> str:
        """Front matter for a generated page: no docs sidebars or footer links, a raster link preview."""
        extra.setdefault("og_image", self.brand.preview)
        return front_matter(title, description, hide=list(hide), **extra)

    # -- pieces of pages

    def image_tag(
        self, here: str, image: str, alt: str | None, css: str, kind: str, where: tuple[str, str], lazy: bool = True
    ) -> str:
        """An ``<img>`` with its size, a ``srcset`` of the resized copies, and lazy loading below the fold."""
        picture = self.pictures.publish(image, kind, where)
        extra = ""
        if len(picture.srcset) > 1:
            srcset = ", ".join(f"{esc(self.href(here, path))} {width}w" for path, width in picture.srcset)
            extra = f' srcset="{srcset}" sizes="{SIZES[kind]}"'
        extra += ' loading="lazy"' if lazy else ""
        return (
            f'<img class="{css}" src="{esc(self.href(here, picture.path))}"{extra}'
            f' width="{picture.width}" height="{picture.height}" alt="{esc(alt or "")}">'
        )

    def story_picture(self, here: str, story: Story, css: str, kind: str, lazy: bool = True) -> str:
        if not story.image:
            return ""
        return self.image_tag(here, story.image, story.image_alt, css, kind, (story.source.path, "image"), lazy)

    def owner_photo(self, here: str, lazy: bool = False) -> str:
        owner = self.owner
        if not owner.photo:
            return ""
        return self.image_tag(
            here, owner.photo, owner.photo_alt, "ok-photo u-photo", "photo", (owner.source.path, "photo"), lazy
        )

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
        picture = self.story_picture(here, story, "ok-card-image", "card")
        return (
            f'<li class="ok-card">{picture}<div class="ok-card-text"><h3>'
            f'<a href="{esc(self.href(here, self.story_path(story)))}">{esc(story.title)}</a>'
            f"</h3>{self.meta_line(here, story)}{summary}</div></li>"
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

    @staticmethod
    def public_name(person: Person) -> str:
        """How the site names someone who consented (see :attr:`Person.shown_name`)."""
        return person.shown_name

    def testimonial(self, person: Person) -> str:
        return (
            f'<blockquote class="ok-quote">{paragraphs(person.testimonial or "")}'
            f"<footer>{esc(self.public_name(person))}</footer></blockquote>"
        )

    # -- pages


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
