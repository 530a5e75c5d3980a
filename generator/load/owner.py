"""Reading the owner's profile, ``stories/owner.yml``."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Problem
from generator.load.fields import RecordReader, describe
from generator.load.people import read_name
from generator.load.pictures import picture_problem
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source
from generator.model.records import (
    CONTACT_RULES,
    OWNER_RULES,
    PROMPT_RULES,
    SOCIAL_RULES,
    VALUE_RULES,
    Contact,
    Link,
    Owner,
    Prompt,
    Source,
    Value,
)

OWNER_FILE = "stories/owner.yml"


def load_owner(root: Path, problems: list[Problem]) -> Owner | None:
    path = root / OWNER_FILE
    if not os.path.lexists(path):
        problems.append(
            Problem(OWNER_FILE, message="the owner's profile is missing", hint="run 'ownerkit init' for a starter")
        )
        return None
    source = read_source(path, OWNER_FILE)
    problems.extend(source.problems)
    if source.text is None:
        return None
    data, yaml_problems = parse_yaml(OWNER_FILE, source.text)
    problems.extend(yaml_problems)
    if yaml_problems:
        return None
    if not isinstance(data, MarkedMap):
        problems.append(
            Problem(
                OWNER_FILE,
                getattr(data, "line", 1),
                getattr(data, "col", 1),
                message=f"expected fields like name:, business:, signature:, got {describe(data)}",
                hint="write one field per line, e.g. business: Ferreira Bakes",
            )
        )
        return None
    record = RecordReader(OWNER_FILE, data, OWNER_RULES, problems)
    name = read_name(record)
    contact = Contact()
    sub = record.sub("contact", CONTACT_RULES)
    if sub is not None:
        contact = Contact(sub.get("email"), sub.get("phone"), sub.get("address"))
    social = tuple(
        Link(label, url)
        for item in record.items("social", SOCIAL_RULES)
        if (label := item.get("label")) and (url := item.get("url"))
    )
    values = tuple(
        Value(title, text)
        for item in record.items("values", VALUE_RULES)
        if (title := item.get("title")) and (text := item.get("text"))
    )
    prompts = tuple(
        Prompt(pid, title, item.get("intro") or "", item.get("questions") or ())
        for item in record.items("prompts", PROMPT_RULES)
        if (pid := item.get("id")) and (title := item.get("title"))
    )
    business, signature = record.get("business"), record.get("signature")
    photo, photo_alt = record.get("photo"), record.get("photo_alt")
    if photo and not photo_alt:
        record.problem(
            "photo_alt",
            "a photo needs a description",
            "add photo_alt: saying what the photo shows, for screen readers",
            data.key_marks.get("photo"),
        )
    why = picture_problem(root / "stories", photo) if photo else None
    if why:
        record.problem("photo", why)
    if name is None or business is None or signature is None:
        return None
    return Owner(
        name=name,
        business=business,
        signature=signature,
        tagline=record.get("tagline"),
        photo=photo,
        photo_alt=photo_alt,
        location=record.get("location"),
        started=record.get("started"),
        contact=contact,
        social=social,
        values=values,
        card_size=record.get("card_size") or "A2",
        prompts=prompts,
        source=Source(OWNER_FILE, 1),
    )
