"""The owner's own pages: About, Contact and the thanks wall (consenting people only)."""

from __future__ import annotations

import re
from collections import Counter

from generator.render.site.builder import SiteBuilder
from generator.render.site.home import contact_block, start_story
from generator.render.site.text import esc, paragraphs, plural


def render_about(site: SiteBuilder) -> None:
    here = "about.md"
    owner = site.owner
    facts = [owner.business]
    if owner.location:
        facts.append(owner.location)
    if owner.started:
        facts.append(f"since {owner.started}")
    out = [site.front(f"About {site.owner_name}", owner.tagline or f"About {owner.business}.")]
    out.append(f'<h1 class="ok-narrow">About {esc(site.owner_name)}</h1>\n\n')
    about = ['<div class="ok-hero">', site.owner_photo(here)]
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
    out = [site.front("Contact", f"How to reach {site.owner_name} at {owner.business}.")]
    out.append('<h1 class="ok-narrow">Contact</h1>\n\n')
    card = ['<div class="ok-contact-card h-card">', site.owner_photo(here, lazy=True)]
    card.append(f'<p><span class="p-name">{esc(site.owner_name)}</span>, <span class="p-org">{esc(owner.business)}</span>')
    if owner.location:
        card.append(f', <span class="p-locality">{esc(owner.location)}</span>')
    card.append(".</p>")
    rows = []
    if contact.email:
        rows.append(f'<dt>Email</dt><dd><a class="u-email" href="mailto:{esc(contact.email)}">{esc(contact.email)}</a></dd>')
    if contact.phone:
        tel = re.sub(r"[^0-9+]", "", contact.phone)
        rows.append(f'<dt>Phone</dt><dd><a class="p-tel" href="tel:{esc(tel)}">{esc(contact.phone)}</a></dd>')
    if contact.address:
        lines = "<br>".join(esc(line) for line in contact.address.strip().splitlines())
        rows.append(f'<dt>Post</dt><dd><address class="p-adr">{lines}</address></dd>')
    if rows:
        card.append('<dl class="ok-contact">' + "".join(rows) + "</dl>")
    else:
        card.append(f"<p>{esc(owner.business)} has not published contact details yet.</p>")
    card.append("</div>")
    out.append("".join(card) + "\n\n")
    if owner.social:
        links = "".join(f'<li><a href="{esc(link.url)}" rel="me">{esc(link.label)}</a></li>' for link in owner.social)
        out.append(f'<h2>Elsewhere</h2>\n\n<ul class="ok-social">{links}</ul>\n')
    site.add_page(here, out)


def render_thanks(site: SiteBuilder) -> None:
    here = "thanks.md"
    referred = Counter(r.from_id for r in site.kit.referrals)
    wall = [p for p in site.consenting() if referred[p.id]]
    wall.sort(key=lambda p: (-referred[p.id], site.public_name(p).casefold(), p.id))
    out = [
        site.front("Thanks", f"The people who sent friends to {site.owner.business}, named with their permission."),
        '<h1 class="ok-narrow">Thank you</h1>\n\n',
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
                f'<li class="ok-thanks"><h2>{esc(site.public_name(person))}</h2>'
                f'<p class="ok-count">Sent {plural(count, "friend")} our way</p>{quote}</li>'
            )
        out.append('<ul class="ok-wall">\n' + "\n".join(items) + "\n</ul>\n")
    site.add_page(here, out)
