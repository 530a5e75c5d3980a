"""The home page: the owner, the business and the calls to action, then stories, kind words, contact."""

from __future__ import annotations

from generator.model.records import Story
from generator.render.site.builder import FEATURED_ON_HOME, LATEST_ON_HOME, TESTIMONIALS_ON_HOME, SiteBuilder
from generator.render.site.structured import as_script, local_business
from generator.render.site.text import esc


def render_home(site: SiteBuilder) -> None:
    """The owner first; then the "why I started" lead, featured and latest stories (none twice); kind words."""
    here = "index.md"
    owner = site.owner
    description = owner.tagline or f"{owner.business}: stories from {site.owner_name}."
    out = [site.front(owner.business, description, jsonld=as_script(local_business(site)))]
    hero = ['<div class="ok-hero h-card">', site.owner_photo(here)]
    hero.append('<div class="ok-hero-text">')
    hero.append(f'<h1 class="p-name">{esc(site.owner_name)}</h1>')
    hero.append(f'<p class="ok-business"><span class="p-org">{esc(owner.business)}</span>')
    if owner.location:
        hero.append(f' · <span class="p-locality">{esc(owner.location)}</span>')
    hero.append("</p>")
    if owner.tagline:
        hero.append(f'<p class="ok-tagline p-note">{esc(owner.tagline)}</p>')
    hero.append(
        '<p class="ok-actions"><a class="md-button md-button--primary" '
        f'href="{esc(site.href(here, "contact.md"))}">Get in touch</a> '
        f'<a class="md-button" href="{esc(site.href(here, "about.md"))}">About me</a></p>'
    )
    hero.append("</div></div>")
    out.append("".join(hero) + "\n\n")

    shown: set[str] = set()
    start = start_story(site)
    if start:
        shown.add(start.slug)
        lead = esc(start.summary) if start.summary else "How it all began."
        picture = site.story_picture(here, start, "ok-lead-image", "card")
        out.append(
            f'<section class="ok-lead">{picture}<div><h2>Why I started</h2><p>{lead}</p>'
            f'<p><a href="{esc(site.href(here, site.story_path(start)))}">Read “{esc(start.title)}”</a></p>'
            "</div></section>\n\n"
        )
    featured = [s for s in site.stories if s.featured and s.slug not in shown][:FEATURED_ON_HOME]
    shown.update(s.slug for s in featured)
    if featured:
        cards = site.cards(here, featured)
        out.append(f'<section class="ok-featured"><h2>Featured stories</h2>\n{cards}\n</section>\n\n')
    latest = [s for s in site.stories if s.slug not in shown][:LATEST_ON_HOME]
    all_link = f'<p><a href="{esc(site.href(here, "stories/index.md"))}">All stories</a></p>'
    if latest:
        out.append(
            f'<section class="ok-latest"><h2>Latest stories</h2>\n{site.cards(here, latest)}\n'
            f"{all_link}</section>\n\n"
        )
    elif site.stories:
        out.append(f"{all_link}\n\n")
    quotes = [p for p in site.consenting() if p.testimonial][:TESTIMONIALS_ON_HOME]
    if quotes:
        out.append(
            '<section class="ok-quotes"><h2>Kind words</h2>'
            + "".join(site.testimonial(p) for p in quotes)
            + f'<p><a href="{esc(site.href(here, "thanks.md"))}">Our thanks wall</a></p></section>\n\n'
        )
    out.append(contact_block(site, here))
    site.add_page(here, out)


def start_story(site: SiteBuilder) -> Story | None:
    starts = [s for s in site.stories if s.prompt == "why-i-started"]
    if not starts:
        return None
    featured = [s for s in starts if s.featured]
    return (featured or sorted(starts, key=lambda s: (s.date, s.slug)))[0]


def contact_block(site: SiteBuilder, here: str) -> str:
    email = site.owner.contact.email
    mail = f' or write to <a href="mailto:{esc(email)}">{esc(email)}</a>' if email else ""
    return (
        f'<section class="ok-touch"><h2>Get in touch</h2><p>Questions, bookings or a story of your own: '
        f'see <a href="{esc(site.href(here, "contact.md"))}">how to reach me</a>{mail}.</p></section>\n'
    )
