"""The checks across records: unknown prompts, shared addresses and ids, references to people, dates.

Each check runs on every record that could be read, including what could be
read of a record with other errors (:class:`~generator.load.records.Unbuilt`),
so that one run of ``ownerkit check`` reports every problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from generator.errors import Problem
from generator.load.records import Unbuilt
from generator.load.suggest import closest_id
from generator.model.dates import FRESH_MONTHS, months_before
from generator.model.names import fold
from generator.model.records import Person, Referral, Story, looks_like_id
from generator.model.site import RESERVED_SLUGS
from generator.model.text import short

SUMMARY_LIMIT = 160


def value(record: Any, attribute: str) -> Any:
    """A field of a record, or of what could be read of one."""
    return record.get(attribute) if isinstance(record, Unbuilt) else getattr(record, attribute)


def at(record: Story | Person | Referral | Unbuilt, field: str, message: str, hint: str = "") -> Problem:
    line, col = record.source.at(field)
    return Problem(record.source.path, line, col, field, message, hint)


def check_stories(stories: list[Story | Unbuilt], prompts: Collection[str], problems: list[Problem]) -> None:
    """Each story's prompt exists and its page address is its own."""
    seen: dict[str, Story | Unbuilt] = {}
    for story in stories:
        prompt, slug = value(story, "prompt"), value(story, "slug")
        if prompt is not None and prompt not in prompts:
            close = difflib.get_close_matches(prompt, list(prompts), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else "one of " + ", ".join(prompts)
            problems.append(at(story, "prompt", f'unknown prompt "{prompt}"', hint))
        if slug is None:
            continue
        if slug in RESERVED_SLUGS:
            problems.append(at(story, "slug", f'"{slug}" is reserved for the stories page', "set a different slug:"))
        elif slug in seen:
            problems.append(
                at(story, "slug", f'"{slug}" is also the address of {seen[slug].source.path}', "set a different slug:")
            )
        else:
            seen[slug] = story


def check_people(people: list[Person], problems: list[Problem]) -> dict[str, Person]:
    """People by id; the same id, email or name twice is reported."""
    by_id: dict[str, Person] = {}
    by_email: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for person in people:
        if person.id in by_id:
            problems.append(
                at(person, "id", f'"{person.id}" is already used at {by_id[person.id].source}', "ids must be unique")
            )
            continue
        by_id[person.id] = person
        if person.email:
            other = by_email.setdefault(fold(person.email), person)
            if other is not person:
                problems.append(
                    at(
                        person,
                        "email",
                        f"same email as {other.id} at {other.source}",
                        "merge the two records if they are one person",
                    )
                )
        other = by_name.setdefault(fold(f"{person.name.full}|{person.name.greeting}"), person)
        if other is not person:
            problems.append(
                at(
                    person,
                    "name",
                    f"same name as {other.id} at {other.source}",
                    "merge the two records, or give them different preferred names if they are two people",
                )
            )
    return by_id


def number_referrals(referrals: list[Referral], problems: list[Problem]) -> list[Referral]:
    """Each referral with its id (``from-date``, ``from-date-2``... when not given); a repeated id is reported."""
    explicit = {r.id for r in referrals if r.id}
    seen: dict[str, Referral] = {}
    counters: dict[str, int] = defaultdict(int)
    numbered = []
    for referral in referrals:
        rid = referral.id
        if not rid:
            base = f"{referral.from_id}-{referral.date.isoformat()}"
            counters[base] += 1
            rid = base if counters[base] == 1 else f"{base}-{counters[base]}"
            while rid in explicit:
                counters[base] += 1
                rid = f"{base}-{counters[base]}"
            referral = replace(referral, id=rid)
        if rid in seen:
            problems.append(at(referral, "id", f'"{rid}" is already used at {seen[rid].source}', "ids must be unique"))
        seen[rid] = referral
        numbered.append(referral)
    return numbered


def check_referral(referral: Referral | Unbuilt, known: set[str], today: dt.date) -> list[Problem]:
    """A referral's references to people and its dates, checked on whatever of it could be read."""
    problems = []
    from_id, referred, when = value(referral, "from_id"), value(referral, "referred"), value(referral, "date")
    referred_id = referred if referred is not None and looks_like_id(referred) else None
    if from_id is not None and from_id not in known:
        problems.append(at(referral, "from", f'"{from_id}" names no one', id_hint(from_id, known)))
    if referred_id is not None and referred_id not in known:
        otherwise = "use a person's id, or their name with capitals if they are not on file"
        problems.append(
            at(referral, "referred", f'"{referred_id}" names no one', id_hint(referred_id, known, otherwise))
        )
    if referred_id is not None and referred_id == from_id:
        problems.append(at(referral, "referred", "someone cannot refer themselves", "check from: and referred:"))
    if when is not None and when > today:
        problems.append(at(referral, "date", f"{when} is in the future", f"today is {today}; check the year"))
    thanked = value(referral, "thanked")
    if thanked is not None:
        problems.extend(_check_done(referral, "thanked.date", thanked.date, when, today, THANKED))
    for followed_up in value(referral, "follow_ups") or ():
        problems.extend(_check_done(referral, "followed_up", followed_up, when, today, FOLLOWED_UP))
    return problems


def check_consent(people: list[Person], today: dt.date, problems: list[Problem]) -> None:
    """Consent to be thanked in public, with the dates that show it (a missing date is a warning)."""
    for person in people:
        since, withdrawn = person.public_thanks_since, person.public_thanks_withdrawn
        for key, day in (("public_thanks_since", since), ("public_thanks_withdrawn", withdrawn)):
            if day and day > today:
                problems.append(at(person, key, f"{day} is in the future", f"today is {today}"))
        if since and withdrawn and withdrawn < since:
            problems.append(at(person, "public_thanks_withdrawn", f"{withdrawn} is before consent was given ({since})"))
        if person.public_thanks and since is None:
            message, hint = "no date for this consent", "add public_thanks_since: YYYY-MM-DD, the day they said yes"
        elif since and not person.public_thanks and withdrawn is None:
            message, hint = f"consent given on {since} was taken back", "add public_thanks_withdrawn: YYYY-MM-DD"
        else:
            continue
        problems.append(replace(at(person, "public_thanks", f"{person.id}: {message}", hint), severity="warning"))


# what the owner did after a referral: (why not before it, what to do instead of a future date)
THANKED = ("you thank someone after their friend came; check both dates", "record a thank-you once it is done")
FOLLOWED_UP = (
    "you tell them how it went after their friend came; check both dates",
    "record a follow-up once it is done",
)


def _check_done(
    referral: Referral | Unbuilt,
    field: str,
    done: dt.date,
    when: dt.date | None,
    today: dt.date,
    hints: tuple[str, str],
) -> list[Problem]:
    """A date the owner did something about a referral: after the referral, not in the future."""
    problems = []
    if when is not None and done < when:
        problems.append(at(referral, field, f"{done} is before the referral ({when})", hints[0]))
    if done > today:
        problems.append(at(referral, field, f"{done} is in the future", f"today is {today}; {hints[1]}"))
    return problems


def id_hint(wrong: str, known: set[str], otherwise: str = "use the id of a person in referrals/") -> str:
    close = closest_id(wrong, known)  # bounded: see load/suggest.py
    return f"did you mean {close}?" if close else otherwise


def quality_warnings(stories: list[Story], people: list[Person], today: dt.date) -> list[Problem]:
    """What could be better: stories without a good summary, facts not checked for a year."""
    warnings = []
    for story in stories:
        line, col = story.source.at("summary")
        if not story.summary:
            message, hint = "the story has no summary", "listings and link previews use it"
        elif len(story.summary) > SUMMARY_LIMIT:
            message = f"the summary has {len(story.summary)} characters; link previews cut it at {SUMMARY_LIMIT}"
            hint = "shorten it"
        else:
            continue
        warnings.append(Problem(story.source.path, line, col, "summary", message, hint, "warning"))
    stale_before = months_before(today, FRESH_MONTHS)
    for person in people:
        for item in person.remember:
            if item.checked < stale_before:
                warnings.append(
                    Problem(
                        person.source.path,
                        *person.source.at("remember"),
                        "remember",
                        f'{person.id}: "{short(item.fact)}" was last checked {item.checked}',
                        "letters leave it out until you check it again and update checked:",
                        "warning",
                    )
                )
    return warnings
