"""``ownerkit consent``: consent to be thanked on the site, with its dates; given again, the old ones kept.

Written like every record-keeping verb (:mod:`generator.commands.records`): the
new text of the one file it changes, checked with the whole kit, then written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.records import Recorded, finish_change, locked, resolve_person, text_change
from generator.errors import OwnerkitError
from generator.load.kit import load_kit
from generator.model.records import Person
from generator.render.yamlrecord import record_lines
from generator.write.yamlappend import append_item, read_text, remove_field, set_field


@locked
def consent(
    root: Path,
    today: dt.date,
    person_ref: str,
    *,
    withdrawn: bool = False,
    when: dt.date | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Record that someone agreed to be thanked on the site (``public_thanks`` and its date), or took it back."""
    kit = load_kit(root, today).kit
    pid = resolve_person(kit, person_ref)
    person = kit.people[pid]
    day = when or today
    if day > today:
        raise OwnerkitError(f"date: {day} is in the future (today is {today})")
    if person.deceased:
        raise OwnerkitError(f"{pid} is recorded as deceased: consent cannot be recorded for them; nothing was written")
    rel = person.source.path
    old = read_text(root, rel)
    if person.public_thanks_withdrawn:
        if withdrawn:
            raise OwnerkitError(
                f"{pid} withdrew consent on {person.public_thanks_withdrawn} already; nothing was written"
            )
        text = _consent_again(old, rel, person, person.public_thanks_withdrawn, day)
    elif withdrawn:
        if not person.public_thanks:
            raise OwnerkitError(f"{pid} has not agreed to be thanked on the site; there is nothing to withdraw")
        if person.public_thanks_since and day < person.public_thanks_since:
            raise OwnerkitError(f"date: {day} is before they agreed ({person.public_thanks_since})")
        text, _ = set_field(old, rel, pid, "public_thanks_withdrawn", day.isoformat())
    else:
        if person.public_thanks and person.public_thanks_since:
            raise OwnerkitError(f"{pid} agreed on {person.public_thanks_since} already; nothing was written")
        text, _ = set_field(old, rel, pid, "public_thanks", "true")
        text, _ = set_field(text, rel, pid, "public_thanks_since", day.isoformat())
    change = text_change(rel, old, text)
    return Recorded(pid, change, finish_change(kit, change, today, dry_run))


def _consent_again(old: str, rel: str, person: Person, withdrawn: dt.date, day: dt.date) -> str:
    """Consent given again after a withdrawal: the earlier dates move to ``consent_history``, none lost."""
    if day < withdrawn:
        raise OwnerkitError(f"date: {day} is before they withdrew consent ({withdrawn}); nothing was written")
    pid = person.id
    if person.public_thanks_since:
        span = record_lines({"since": person.public_thanks_since, "withdrawn": withdrawn})
        text, _ = append_item(old, rel, pid, "consent_history", span)
    else:
        text = old
    text = remove_field(text, rel, pid, "public_thanks_withdrawn")
    text, _ = set_field(text, rel, pid, "public_thanks", "true")
    text, _ = set_field(text, rel, pid, "public_thanks_since", day.isoformat())
    return text
