"""Reading the owner's stories: ``stories/*.md`` with front matter, or ``stories/*.yml``."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.errors import Problem
from generator.load.fields import SLUG, SLUG_MAX, RecordReader, not_a_record
from generator.load.pictures import body_picture_links, picture_problem
from generator.load.records import Unbuilt, build, read_fields
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source, tab_problems
from generator.model.records import Story
from generator.model.rules import rules_of

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


def load_story(path: Path, rel: str, problems: list[Problem]) -> Story | Unbuilt | None:
    """The story, what could be read of it (for the checks across stories), or ``None`` when nothing could."""
    source = read_source(path, rel)
    problems.extend(source.problems)
    if source.text is None:
        return None
    if path.suffix == ".md":
        front, body, body_line, front_problems = split_front_matter(rel, source.text)
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
        data, yaml_problems = parse_yaml(rel, source.text)
    problems.extend(yaml_problems)
    if yaml_problems:
        return None
    if not isinstance(data, MarkedMap):
        problems.append(not_a_record(rel, data, "title:, prompt:, date:", "title: Why I started"))
        return None
    record = RecordReader(rel, data, rules_of(Story), problems)
    if body_line:
        _check_body_pictures(path, record, body, body_line)
    return _read_story(path, record, body)


def _read_story(path: Path, record: RecordReader, body: str) -> Story | Unbuilt:
    values = read_fields(record, Story)
    if path.suffix == ".md":
        if record.has("body"):
            record.problem("body", "body: is only for .yml stories", "write the story below the closing ---")
        values["body"] = body
    elif not values.get("body"):
        values["body"] = ""
        record.problem(
            "body",
            "a .yml story needs its text under body:",
            "add a line body: | and the story below it, indented by two spaces",
            (record.data.line, record.data.col),
        )
    if not record.has("slug"):
        values["slug"] = default_slug(path)
        if not SLUG.match(values["slug"]) or len(values["slug"]) > SLUG_MAX:
            record.problems.append(
                Problem(
                    record.rel,
                    message=f'the file name gives the page address "{values["slug"]}", which is not a safe address',
                    hint="rename the file with lowercase letters, digits and hyphens, or set slug:",
                )
            )
            values["slug"] = None
    _check_image(path, record, values.get("image"), values.get("image_alt"))
    return build(Story, values, record.source()) or Unbuilt(record.source(), values)


def _check_image(path: Path, record: RecordReader, image: str | None, image_alt: str | None) -> None:
    if image and not image_alt:
        record.problem("image", "the image has no image_alt", "say what the picture shows, for screen readers")
    why = picture_problem(path.parent, image) if image else None  # inside stories/, a real picture
    if why:
        record.problem("image", *why)


def _check_body_pictures(path: Path, record: RecordReader, body: str, body_line: int) -> None:
    """The pictures a Markdown story shows are published too: each must pass the same checks."""
    for link, line in body_picture_links(body):
        why = picture_problem(path.parent, link)
        if why:  # a missing one is only left out of the page; anything else could publish what it must not
            missing = why[0].startswith("no file at")
            problem = Problem(record.rel, body_line + line, 1, "", *why, severity="warning" if missing else "error")
            record.problems.append(problem)
