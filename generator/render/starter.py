"""Starter files: a new kit (``init``) and a new story (``new story``).

These functions return ``{relative path: text}``; the caller writes them with
:func:`generator.write.files.write_new`, which never overwrites.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from importlib import resources

from generator.errors import OwnerkitError
from generator.model.names import PersonName
from generator.model.prompts import Prompt


def slugify(text: str) -> str:
    """A page address from a title: ASCII letters, digits and hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-")


def yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def story_file(title: str, prompt: Prompt, when: dt.date, slug: str | None = None) -> tuple[str, str]:
    """``(file name, text)`` of a new draft story with the prompt's questions."""
    slug = slug or slugify(title)
    if not slug:
        raise OwnerkitError(f"{title!r}: cannot make a page address from this title; pass --slug")
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


def starter_files(name: PersonName, business: str, prompt: Prompt, today: dt.date) -> dict[str, str]:
    """Every file of a new kit, filled in with the owner's name and business."""
    starter = resources.files("generator") / "starter"
    family = f"  family: {yaml_text(name.family)}\n" if name.family else ""
    files = {
        "mkdocs.yml": (starter / "mkdocs.yml").read_text("utf-8").replace('"{{business}}"', yaml_text(business)),
        ".gitignore": (starter / "gitignore").read_text("utf-8"),
        "stories/owner.yml": (
            "# Your profile. The site shows it; letters are signed with signature.\n"
            "# Every field is described in the ownerkit README.\n"
            "name:\n"
            f"  given: {yaml_text(name.given)}\n"
            f"{family}"
            f"business: {yaml_text(business)}\n"
            f"signature: {yaml_text(name.greeting)}\n"
            "card_size: A2\n"
        ),
        "referrals/people.yml": (starter / "people.yml").read_text("utf-8"),
        "referrals/referrals.yml": (starter / "referrals.yml").read_text("utf-8"),
    }
    file_name, text = story_file("Why I started", prompt, today, "why-i-started")
    files[f"stories/{file_name}"] = text
    return files
