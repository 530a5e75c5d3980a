"""Reading names, people and referrals from the owner's YAML records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.load.fields import SLUG, RecordReader
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source
from generator.model.records import (
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
    parts = {part: name.get(part) for part in ("given", "family", "preferred")}
    for part, text in parts.items():
        if text is not None and "\n" in text:
            name.problem(part, "a name is one line", "write it on one line, without \\n or a | block")
            parts[part] = None
    given = parts["given"]
    if given is None:
        return None
    return PersonName(
        given=given,
        family=parts["family"],
        preferred=parts["preferred"],
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


@dataclass
class ReferralFile:
    """What one ``referrals/*.yml`` file holds.

    ``complete`` is false when some person records could not be read at all
    (the file, or its people: list, is broken): other files' references to
    people are then not checked, rather than reported as naming no one.
    ``other_ids`` are the ids of person records that were read with errors.
    """

    people: list[Person] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    other_ids: set[str] = field(default_factory=set)
    complete: bool = True


def load_referral_file(path: Path, rel: str, problems: list[Problem]) -> ReferralFile:
    """People and referrals from one ``referrals/*.yml`` file."""
    source = read_source(path, rel)
    problems.extend(source.problems)
    if source.text is None:
        return ReferralFile(complete=False)
    data, yaml_problems = parse_yaml(rel, source.text)
    problems.extend(yaml_problems)
    if data is None:
        if not yaml_problems:
            problems.append(Problem(rel, message="the file has no records", hint="start with people: or referrals:"))
        return ReferralFile(complete=not yaml_problems)
    if not isinstance(data, MarkedMap):
        if isinstance(data, list):
            message = "the file is a list, but it needs people: and/or referrals: at the top"
            hint = "add a line referrals: or people: above the list, and indent the list under it"
        else:
            message, hint = (
                "expected people: and/or referrals: at the top of the file",
                "start with people: or referrals:",
            )
        problems.append(Problem(rel, 1, 1, message=message, hint=hint))
        return ReferralFile(complete=False)
    top = RecordReader(rel, data, REFERRALS_FILE_RULES, problems)
    found = ReferralFile()
    people_data = data.get("people")
    if people_data is not None and not (
        isinstance(people_data, list) and all(isinstance(item, MarkedMap) for item in people_data)
    ):
        found.complete = False
    for record in top.items("people", PERSON_RULES, nested=False):
        person = read_person(record)
        if person is not None:
            found.people.append(person)
            continue
        pid = record.data.get("id")
        if isinstance(pid, str) and SLUG.match(pid):
            found.other_ids.add(pid)
        else:
            found.complete = False
    found.referrals = [f for r in top.items("referrals", REFERRAL_RULES, nested=False) if (f := read_referral(r))]
    return found
