"""Reading names, people and referrals from the owner's YAML records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem
from .fields import RecordReader
from .models import (
    DATE_RULES,
    NAME_RULES,
    PERSON_RULES,
    REFERRAL_RULES,
    REFERRALS_FILE_RULES,
    REMEMBER_RULES,
    THANKS_RULES,
    MemorableDate,
    Person,
    PersonName,
    Referral,
    Remembered,
    Thanks,
)
from .yamlsource import MarkedMap, parse_yaml, read_source


def read_name(record: RecordReader, key: str = "name") -> PersonName | None:
    """A structured name; ``None`` (with problems) when it cannot be read."""
    if not record.has(key):
        return None
    if isinstance(record.data.get(key), str):
        record.problem(
            key,
            "expected given and family as separate fields",
            "write name: {given: Ana, family: Ferreira} so first and last names are never swapped",
        )
        return None
    name = record.sub(key, NAME_RULES)
    if name is None:
        return None
    given = name.get("given")
    if given is None:
        return None
    return PersonName(
        given=given,
        family=name.get("family"),
        preferred=name.get("preferred"),
        order=name.get("order") or "given-first",
    )


def read_person(record: RecordReader) -> Person | None:
    pid = record.get("id")
    name = read_name(record)
    remember = []
    for item in record.items("remember", REMEMBER_RULES):
        fact, checked = item.get("fact"), item.get("checked")
        if fact and checked:
            remember.append(Remembered(fact, checked))
    dates = []
    for item in record.items("dates", DATE_RULES):
        label, when = item.get("label"), item.get("date")
        if label and when:
            dates.append(MemorableDate(label, when))
    values: dict[str, Any] = {
        key: record.get(key)
        for key in (
            "email",
            "phone",
            "address",
            "client_since",
            "last_contact",
            "birthday",
            "public_name",
            "testimonial",
        )
    }
    dont = record.get("dont_mention") or ()
    if pid is None or name is None:
        return None
    return Person(
        id=pid,
        name=name,
        dates=tuple(dates),
        remember=tuple(remember),
        dont_mention=dont,
        best_customer=bool(record.get("best_customer")),
        deceased=bool(record.get("deceased")),
        public_thanks=bool(record.get("public_thanks")),
        source=record.source(),
        **values,
    )


def read_referral(record: RecordReader) -> Referral | None:
    thanked = None
    sub = record.sub("thanked", THANKS_RULES)
    if sub is not None:
        when, how = sub.get("date"), sub.get("how")
        if when and how:
            thanked = Thanks(when, how)
    values = {key: record.get(key) for key in ("id", "date", "from", "referred", "outcome")}
    optional = {
        "for_what": record.get("for"),
        "value": record.get("value"),
        "note": record.get("note"),
        "followed_up": record.get("followed_up"),
        "situation": record.get("situation"),
    }
    if any(values[key] is None for key in ("date", "from", "referred", "outcome")):
        return None
    if record.has("thanked") and thanked is None:
        return None
    referred = values["referred"]
    return Referral(
        id=values["id"] or "",
        date=values["date"],
        from_id=values["from"],
        outcome=values["outcome"],
        referred_id=referred if _looks_like_id(referred) else None,
        referred_name=None if _looks_like_id(referred) else referred,
        thanked=thanked,
        source=record.source(),
        **optional,
    )


def _looks_like_id(text: str) -> bool:
    return text == text.lower() and " " not in text and text.isascii()


def load_referral_file(path: Path, rel: str, problems: list[Problem]) -> tuple[list[Person], list[Referral]]:
    """People and referrals from one ``referrals/*.yml`` file."""
    source = read_source(path, rel)
    problems.extend(source.problems)
    if source.text is None:
        return [], []
    data, yaml_problems = parse_yaml(rel, source.text)
    problems.extend(yaml_problems)
    if data is None:
        if not yaml_problems:
            problems.append(Problem(rel, message="the file has no records", hint="start with people: or referrals:"))
        return [], []
    if not isinstance(data, MarkedMap):
        problems.append(Problem(rel, 1, 1, message="expected people: and/or referrals: at the top of the file"))
        return [], []
    top = RecordReader(rel, data, REFERRALS_FILE_RULES, problems)
    people = [p for r in top.items("people", PERSON_RULES, nested=False) if (p := read_person(r))]
    referrals = [f for r in top.items("referrals", REFERRAL_RULES, nested=False) if (f := read_referral(r))]
    return people, referrals
