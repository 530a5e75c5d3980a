"""Reading people and referrals from ``referrals/*.yml``.

Every person id that can be read is kept, even from a record with other errors
or from a file whose YAML is broken (:func:`ids_in_broken_yaml`), so that the
references of other files are checked against every person on file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.load.fields import SLUG, RecordReader
from generator.load.records import Unbuilt, build, read_fields
from generator.load.sourcefile import read_plain_bytes
from generator.load.yamlsource import MarkedMap, parse_yaml, read_source
from generator.model.records import Person, Referral, ReferralsFile
from generator.model.rules import rules_of


def read_person(record: RecordReader) -> Person | Unbuilt:
    """The person, or what could be read of them.

    Consent withdrawn (``public_thanks_withdrawn``) no longer stands: ``public_thanks`` reads false.
    """
    values = read_fields(record, Person)
    since, withdrawn = values.get("public_thanks_since"), values.get("public_thanks_withdrawn")
    if since and not record.has("public_thanks") and withdrawn is None:
        record.problem(
            "public_thanks_since",
            "a date of consent, but no public_thanks: true",
            "add public_thanks: true, or remove the date",
        )
    if withdrawn is not None:
        values["public_thanks"] = False
    return build(Person, values, record.source()) or Unbuilt(record.source(), values)


def read_referral(record: RecordReader) -> Referral | Unbuilt:
    """The referral, or what could be read of it."""
    values = read_fields(record, Referral)
    return build(Referral, values, record.source()) or Unbuilt(record.source(), values)


@dataclass
class ReferralFile:
    """What one ``referrals/*.yml`` file holds, and the ids of every person it names.

    ``person_ids`` holds the ids of people whose records have errors too, and
    those found in a file whose YAML could not be read.
    """

    people: list[Person] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    unbuilt_referrals: list[Unbuilt] = field(default_factory=list)
    person_ids: set[str] = field(default_factory=set)


def load_referral_file(path: Path, rel: str, problems: list[Problem]) -> ReferralFile:
    """People and referrals from one ``referrals/*.yml`` file."""
    source = read_source(path, rel)
    problems.extend(source.problems)
    if source.text is None:
        return ReferralFile(person_ids=ids_in_broken_yaml(_undecodable_text(path), "people"))
    data, yaml_problems = parse_yaml(rel, source.text)
    problems.extend(yaml_problems)
    if yaml_problems:
        return ReferralFile(person_ids=ids_in_broken_yaml(source.text, "people"))
    if data is None:
        problems.append(Problem(rel, message="the file has no records", hint="start with people: or referrals:"))
        return ReferralFile()
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
        return ReferralFile()
    top = RecordReader(rel, data, rules_of(ReferralsFile), problems)
    found = ReferralFile()
    found.person_ids |= ids_within(data.get("people"))  # in records too broken to read as people
    for record in top.items("people", rules_of(Person), nested=False):
        person = read_person(record)
        if isinstance(person, Person):
            found.people.append(person)
            found.person_ids.add(person.id)
    for record in top.items("referrals", rules_of(Referral), nested=False):
        referral = read_referral(record)
        if isinstance(referral, Referral):
            found.referrals.append(referral)
        else:
            found.unbuilt_referrals.append(referral)
    return found


def ids_within(data: Any) -> set[str]:
    """Every ``id:`` holding a valid id, at any depth of the YAML read from a ``people:`` section."""
    if isinstance(data, dict):
        pid = data.get("id")
        found = {pid} if isinstance(pid, str) and SLUG.match(pid) else set()
        return found.union(*(ids_within(v) for k, v in data.items() if k != "id"))
    if isinstance(data, list):
        return set().union(*(ids_within(item) for item in data))
    return set()


def _undecodable_text(path: Path) -> str:
    """A file that is not UTF-8 (its problem is reported), decoded as well as can be to find the ids in it."""
    data = read_plain_bytes(path)  # never opens a fifo or a folder: read_source reported those
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else ""


_TOP_KEY = re.compile(r"^([A-Za-z_]\w*)\s*:")
_ID = re.compile(r"""(?:^|[\s{,])id\s*:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?=[,}#]|$)""")


def ids_in_broken_yaml(text: str, section: str) -> set[str]:
    """The ``id:`` values under the top-level ``section:`` of a file whose YAML could not be read."""
    ids: set[str] = set()
    inside = False
    for line in text.splitlines():
        top = _TOP_KEY.match(line)
        if top:
            inside = top.group(1) == section
        elif inside:
            ids.update(_ID.findall(line.split(" #")[0] if "#" in line else line))
    return ids
