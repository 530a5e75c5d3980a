"""``ownerkit new story``: a draft story with its prompt's guiding questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.errors import Refused, WriteRefused
from generator.load.owner import load_owner
from generator.model.prompts import Prompt, builtin_prompts
from generator.render.starter import story_file
from generator.write.files import safe_join, write_new


class UnknownPrompt(Refused):
    """The prompt asked for is neither built in nor one of the owner's."""

    def __init__(self, prompt_id: str, known: list[str]) -> None:
        self.known = known
        super().__init__(f"unknown prompt {prompt_id!r}; one of: {', '.join(known)}")


def prompts_of(root: Path) -> dict[str, Prompt]:
    """The built-in prompts and the owner's own, read even from a kit with errors (``check`` reports them)."""
    prompts = builtin_prompts()
    prompts.update({prompt.id: prompt for prompt in load_owner(root, []).prompts})
    return prompts


def new_story(
    root: Path, title: str, prompt_id: str, day: dt.date, slug: str | None = None, dry_run: bool = False
) -> Path:
    """Write ``stories/DATE-SLUG.md`` as a draft and return its path; never overwrites (nor writes, on a dry run)."""
    prompts = prompts_of(root)
    if prompt_id not in prompts:
        raise UnknownPrompt(prompt_id, list(prompts))
    name, text = story_file(title, prompts[prompt_id], day, slug)
    path = safe_join(root / "stories", name)
    if dry_run:
        if path.exists():
            raise WriteRefused(f"{path}: already exists; not overwriting it")
        return path
    write_new(path, text)
    return path
