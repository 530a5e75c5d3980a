"""The owner's own pages: About, Contact and the thanks wall (consenting people only)."""

from __future__ import annotations

import re
from collections import Counter

from generator.render.site.builder import SiteBuilder
from generator.render.site.home import contact_block, start_story
from generator.render.site.text import esc, front_matter, paragraphs, plural


def render_about(site: SiteBuilder) -> None:
    here = "about.md"
    owner = site.owner
    facts = [owner.business]
    if owner.location:
        facts.append(owner.location)
    if owner.started:
        facts.append(f"since {owner.started}")
    out = [front_matter(f"About {site.owner_name}", owner.tagline or f"About {owner.business}.")]
    out.append(f"<h1>About {esc(site.owner_name)}</h1>\n\n")
    about = ['<div class="ok-hero">']
    if owner.photo:
        about.append(site.image_tag(here, owner.photo, owner.photo_alt, "ok-photo"))
    about.append(f'<div class="ok-hero-text"><p class="ok-business">{esc(" · ".join(facts))}</p>')
    if owner.tagline:
        about.append(f'<p class="ok-tagline">{esc(owner.tagline)}</p>')
    about.append("</div></div>")
    out.append("".join(about) + "\n\n")
    start = start_story(site)
    if start:
        link = esc(site.href(here, site.story_path(start)))
        out.append(f'<p>How it began: <a href="{link}">{esc(start.title)}</a>.</p>\n\n')
    if owner.values:
        out.append("<h2>What I stand for</h2>\n\n")
        out.append(
            '<dl class="ok-values">'
            + "".join(f"<dt>{esc(v.title)}</dt><dd>{paragraphs(v.text)}</dd>" for v in owner.values)
            + "</dl>\n\n"
        )
    out.append(contact_block(site, here))
    site.add_page(here, out)


def render_contact(site: SiteBuilder) -> None:
    here = "contact.md"
    owner = site.owner
    contact = owner.contact
    out = [front_matter("Contact", f"How to reach {site.owner_name} at {owner.business}.")]
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
        links = "".join(f'<li><a href="{esc(link.url)}" rel="me">{esc(link.label)}</a></li>' for link in owner.social)
        out.append(f'<h2>Elsewhere</h2>\n\n<ul class="ok-social">{links}</ul>\n')
    site.add_page(here, out)


def render_thanks(site: SiteBuilder) -> None:
    here = "thanks.md"
    referred = Counter(r.from_id for r in site.kit.referrals)
    wall = [p for p in site.consenting() if referred[p.id]]
    wall.sort(key=lambda p: (-referred[p.id], p.shown_name.casefold(), p.id))
    out = [
        front_matter("Thanks", f"The people who sent friends to {site.owner.business}, named with their permission."),
        "<h1>Thank you</h1>\n\n",
        f"<p>{esc(site.owner.business)} grows by word of mouth. These are some of the people who sent friends"
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
    site.add_page(here, out)
