"""Reading the owner's profile, ``stories/owner.yml``."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Problem
from generator.load.fields import RecordReader, not_a_record
from generator.load.people import ids_in_broken_yaml
from generator.load.pictures import picture_problem
from generator.load.records import build, read_fields
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source
from generator.model.records import Brand, Owner, Prompt
from generator.model.rules import rules_of

OWNER_FILE = "stories/owner.yml"


@dataclass(frozen=True)
class OwnerFile:
    """The owner (``None`` when the profile has errors) and the story prompts it adds.

    ``prompt_ids`` are the ids of the owner's own prompts, read even from a
    profile whose other fields, or whose YAML, are wrong.
    """

    owner: Owner | None
    prompts: tuple[Prompt, ...] = ()
    prompt_ids: frozenset[str] = frozenset()


def load_owner(root: Path, problems: list[Problem]) -> OwnerFile:
    path = root / OWNER_FILE
    if not os.path.lexists(path):  # a dangling link is reported when read
        problems.append(
            Problem(OWNER_FILE, message="the owner's profile is missing", hint="run 'ownerkit init' for a starter")
        )
        return OwnerFile(None)
    source = read_source(path, OWNER_FILE)
    problems.extend(source.problems)
    if source.text is None:
        return OwnerFile(None)
    data, yaml_problems = parse_yaml(OWNER_FILE, source.text)
    problems.extend(yaml_problems)
    if yaml_problems:
        return OwnerFile(None, prompt_ids=frozenset(ids_in_broken_yaml(source.text, "prompts")))
    if not isinstance(data, MarkedMap):
        problems.append(not_a_record(OWNER_FILE, data, "name:, business:, signature:", "business: Ferreira Bakes"))
        return OwnerFile(None)
    record = RecordReader(OWNER_FILE, data, rules_of(Owner), problems)
    values = read_fields(record, Owner)
    _check_photo(root, record, values.get("photo"), values.get("photo_alt"))
    values["brand"] = _check_brand(root, record, values.get("brand"))
    prompts = values.get("prompts", ())
    return OwnerFile(build(Owner, values, record.source()), prompts, frozenset(p.id for p in prompts))


def _check_photo(root: Path, record: RecordReader, photo: str | None, photo_alt: str | None) -> None:
    if photo and not photo_alt:
        record.problem(
            "photo_alt",
            "a photo needs a description",
            "add photo_alt: saying what the photo shows, for screen readers",
            record.data.key_marks.get("photo"),
        )
    why = picture_problem(root / "stories", photo) if photo else None  # inside stories/, a real picture
    if why:
        record.problem("photo", *why)


def _check_brand(root: Path, record: RecordReader, brand: Brand | None) -> Brand | None:
    """The brand's pictures must be real pictures under stories/ (a wrong one is reported and left out)."""
    if brand is None:
        return None
    pictures = {}
    for field in ("logo", "favicon"):
        picture = getattr(brand, field)
        wrong = picture_problem(root / "stories", picture) if picture else None
        if wrong:
            marks = getattr(record.data.get("brand"), "value_marks", {})
            record.problem(f"brand.{field}", *wrong, mark=marks.get(field))
            picture = None
        pictures[field] = picture
    primary, accent = (colour.lower() if colour else None for colour in (brand.primary, brand.accent))
    return replace(brand, primary=primary, accent=accent, **pictures)
