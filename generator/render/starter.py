"""Starter files: a new kit (``init``) and a new story (``new story``).

These functions return ``{relative path: text}``; the caller writes them with
:func:`generator.write.files.write_new`, which never overwrites.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from importlib import resources

from generator.model.names import PersonName
from generator.model.prompts import Prompt


def slugify(text: str) -> str:
    """A page address from a title: ASCII letters, digits and hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-")


def fallback_slug(title: str, prompt: Prompt) -> str:
    """A safe page address for a title with no Latin letters ("张伟的故事"): the prompt and a short code.

    The code is made from the title, so the same title gives the same address every time.
    """
    digest = hashlib.sha1(title.strip().encode("utf-8")).hexdigest()[:6]
    return f"{prompt.id}-{digest}"


def yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def story_file(title: str, prompt: Prompt, when: dt.date, slug: str | None = None) -> tuple[str, str]:
    """``(file name, text)`` of a new draft story with the prompt's questions."""
    slug = slug or slugify(title) or fallback_slug(title, prompt)
    questions = "\n".join(f"  - {q}" for q in prompt.questions)
    guide = f"<!--\n{prompt.title}: a few questions to start from (delete this note when done):\n{questions}\n-->\n"
    text = (
        "---\n"
        f"title: {yaml_text(title)}\n"
        f"prompt: {prompt.id}\n"
        f"date: {when.isoformat()}\n"
        "summary:\n"
        "tags: []\n"
        "draft: true\n"
        "---\n\n"
        f"{guide}\n"
    )
    return f"{when.isoformat()}-{slug}.md", text


def owner_file(
    name: PersonName,
    business: str,
    *,
    tagline: str | None = None,
    location: str | None = None,
    email: str | None = None,
) -> str:
    """``stories/owner.yml``: every field, the optional ones not given commented out with an example."""

    def field(key: str, value: str | None, example: str) -> str:
        return f"{key}: {yaml_text(value)}\n" if value else f"# {key}: {example}\n"

    family = f"  family: {yaml_text(name.family)}\n" if name.family else "  # family: Ferreira\n"
    contact = (
        f"contact:\n  email: {yaml_text(email)}\n" if email else "# contact:\n#   email: hello@your-business.example\n"
    )
    return (
        "# Your profile. The site shows it; letters are signed with signature.\n"
        "# Lines starting with # are examples: remove the # (and change the words) to use them.\n"
        "# Every field is described in the ownerkit README (File formats).\n"
        "name:\n"
        f"  given: {yaml_text(name.given)}\n"
        f"{family}"
        "  # preferred: Ana        # what people call you, if not your given name\n"
        "  # order: family-first   # if your family name comes first\n"
        f"business: {yaml_text(business)}\n"
        f"{field('tagline', tagline, 'Bread and cakes baked at dawn, two streets from you.')}"
        "# photo: images/me.jpg     # a picture of you, in stories/images/\n"
        "# photo_alt: Me at the oven, in a flour-dusted apron.\n"
        f"{field('location', location, 'Headingley, Leeds')}"
        "# started: 2019\n"
        f"{contact}"
        '#   phone: "+44 113 496 0000"\n'
        "#   address: |\n"
        "#     12 Otley Road\n"
        "#     Leeds LS6 3AA\n"
        "# social:\n"
        "#   - label: Instagram\n"
        "#     url: https://instagram.com/your-business\n"
        "# brand:                    # the site's look (default: a colour from your business name, your photo)\n"
        '#   primary: "#1f5c57"      # header, buttons and links\n'
        '#   accent: "#9a4a12"       # hover and highlights\n'
        "#   # logo: images/logo.png   # default: your photo, else your initials\n"
        "#   # favicon: images/icon.png  # the browser-tab icon (default: the logo)\n"
        '#   theme_credit: false     # true keeps "Made with Material for MkDocs" in the footer\n'
        "# values:\n"
        "#   - title: Baked the same day\n"
        "#     text: Nothing on the counter is older than this morning.\n"
        f"signature: {yaml_text(name.greeting)}\n"
        '# sign_off: "Warm wishes,"  # how every letter closes; without it, letters vary their closings\n'
        "card_size: iso-a6           # or iso-a5, dl, us-a2, us-a6, us-a7: the size of your thank-you cards\n"
        "# prompts:                  # your own story prompts, besides the four built in\n"
        "#   - id: tools-of-the-trade\n"
        "#     title: Tools of the trade\n"
        "#     intro: The things I work with, and where they came from.\n"
        "#     questions:\n"
        "#       - Which tool would you save from a fire?\n"
    )


def starter_files(
    name: PersonName,
    business: str,
    prompt: Prompt,
    today: dt.date,
    *,
    tagline: str | None = None,
    location: str | None = None,
    email: str | None = None,
) -> dict[str, str]:
    """Every file of a new kit, filled in with the owner's name and business."""
    starter = resources.files("generator") / "starter"
    files = {
        "mkdocs.yml": (starter / "mkdocs.yml").read_text("utf-8").replace('"{{business}}"', yaml_text(business)),
        ".gitignore": (starter / "gitignore").read_text("utf-8"),
        "stories/owner.yml": owner_file(name, business, tagline=tagline, location=location, email=email),
        "referrals/people.yml": (starter / "people.yml").read_text("utf-8"),
        "referrals/referrals.yml": (starter / "referrals.yml").read_text("utf-8"),
    }
    file_name, text = story_file("Why I started", prompt, today, "why-i-started")
    files[f"stories/{file_name}"] = text
    return files
