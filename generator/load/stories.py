"""Reading the owner's stories: ``stories/*.md`` with front matter, or ``stories/*.yml``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.errors import Problem
from generator.load.fields import SLUG, SLUG_MAX, RecordReader, describe
from generator.load.pictures import body_picture_links, picture_problem
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source, tab_problems
from generator.model.records import STORY_RULES, Story

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
STORY_SUFFIXES = (".md", ".yml", ".yaml")


def story_files(stories_dir: Path) -> list[Path]:
    """Story files in ``stories/`` (the owner profile excluded), sorted by name.

    Entries that are not plain files (a folder, a fifo, a broken link) are listed
    too: reading them reports what they are, rather than skipping them in silence.
    """
    if not stories_dir.is_dir():
        return []
    with os.scandir(stories_dir) as entries:  # scandir knows file types without a stat per file
        names = sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(STORY_SUFFIXES) and not entry.name.startswith((".", "owner."))
        )
    return [stories_dir / name for name in names]


def default_slug(path: Path) -> str:
    return _DATE_PREFIX.sub("", path.stem)


def split_front_matter(rel: str, text: str) -> tuple[str | None, str, int, list[Problem]]:
    """``(front matter, body, body's first line, problems)`` of a Markdown story."""
    if not re.match(r"^---[ \t]*\r?\n", text):
        return (
            None,
            text,
            1,
            [
                Problem(
                    rel,
                    1,
                    1,
                    message="a story needs front matter at the top",
                    hint="start the file with ---, then title:, prompt:, date:, then ---",
                )
            ],
        )
    start = text.index("\n") + 1
    end = _FRONT_MATTER_END.search(text, start)
    if end is None:
        return (
            None,
            text,
            1,
            [Problem(rel, 1, 1, message="the front matter is never closed", hint="add a line with --- after it")],
        )
    front = text[start : end.start()]
    body_start = text.find("\n", end.end())
    body = "" if body_start < 0 else text[body_start + 1 :]
    body_line = text.count("\n", 0, end.end()) + 2
    return front, body, body_line, []


def load_story(path: Path, rel: str, problems: list[Problem]) -> Story | None:
    source = read_source(path, rel)
    problems.extend(source.problems)
    if source.text is None:
        return None
    text = source.text
    if path.suffix == ".md":
        front, body, body_line, front_problems = split_front_matter(rel, text)
        problems.extend(front_problems)
        if front is None:
            return None
        if not front.strip():
            problems.append(Problem(rel, 2, 1, message="the front matter is empty", hint="add title:, prompt:, date:"))
            return None
        tabs = tab_problems(rel, front, 1)
        if tabs:
            problems.extend(tabs)
            return None
        data, yaml_problems = parse_yaml(rel, front, line_offset=1)
    else:
        body, body_line = "", 0
        data, yaml_problems = parse_yaml(rel, text)
    problems.extend(yaml_problems)
    if yaml_problems:
        return None
    if not isinstance(data, MarkedMap):
        problems.append(
            Problem(
                rel,
                getattr(data, "line", 1),
                getattr(data, "col", 1),
                message=f"expected fields like title:, prompt:, date:, got {describe(data)}",
                hint="write one field per line, e.g. title: Why I started",
            )
        )
        return None
    record = RecordReader(rel, data, STORY_RULES, problems)
    if path.suffix == ".md":
        if record.has("body"):
            record.problem("body", "body: is only for .yml stories", "write the story below the closing ---")
    else:
        body = record.get("body") or ""
        if not body:
            record.problem(
                "body",
                "a .yml story needs its text under body:",
                "add a line body: | and the story below it, indented by two spaces",
                (data.line, data.col),
            )
    slug = record.get("slug") or default_slug(path)
    if not record.has("slug") and (not SLUG.match(slug) or len(slug) > SLUG_MAX):
        problems.append(
            Problem(
                rel,
                message=f'the file name gives the page address "{slug}", which is not a safe address',
                hint="rename the file with lowercase letters, digits and hyphens, or set slug:",
            )
        )
        return None
    image, image_alt = record.get("image"), record.get("image_alt")
    if image and not image_alt:
        record.problem("image", "the image has no image_alt", "say what the picture shows, for screen readers")
    if image:
        why = picture_problem(path.parent, image)
        if why:
            record.problem("image", why)
    if body_line:  # pictures a Markdown story shows are published too
        for link, line in body_picture_links(body):
            why = picture_problem(path.parent, link)
            if why:
                problems.append(Problem(rel, body_line + line, 1, "", why))
    values = {key: record.get(key) for key in ("title", "prompt", "date")}
    if any(v is None for v in values.values()):
        return None
    return Story(
        slug=slug,
        body=body,
        summary=record.get("summary"),
        image=image,
        image_alt=image_alt,
        tags=record.get("tags") or (),
        featured=bool(record.get("featured")),
        draft=bool(record.get("draft")),
        source=record.source(),
        **values,
    )
