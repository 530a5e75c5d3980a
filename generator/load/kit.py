"""Loading a whole kit: the owner, the stories and the referral records.

:func:`load_kit` reads every file, checks each record and the links between
them, and either returns the :class:`~generator.model.records.Kit` with its warnings or
raises :class:`~generator.errors.KitInvalid` listing every error at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import KitInvalid, Problem
from generator.load.owner import load_owner
from generator.load.people import load_referral_file
from generator.load.stories import load_story, story_files
from generator.load.suggest import Suggester
from generator.model.records import FRESH_MONTHS, Kit, Person, Referral, Story, builtin_prompts, fold, months_before

SUMMARY_LIMIT = 160


@dataclass(frozen=True)
class Checked:
    """A kit that loaded without errors, and what could still be better."""

    kit: Kit
    warnings: tuple[Problem, ...]


def referral_files(root: Path) -> list[Path]:
    """Every ``referrals/*.yml`` entry, files or not: a folder or a broken link there is reported when read."""
    folder = root / "referrals"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


def rel_to(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def load_kit(root: Path, today: dt.date | None = None) -> Checked:
    """Load and check the kit at ``root``; raise :class:`KitInvalid` on any error."""
    # Loading builds a million small objects and no reference cycles: pausing the
    # cycle collector meanwhile saves a sixth of the time on a large kit.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_kit(root, today)
    finally:
        if collecting:
            gc.enable()


def _load_kit(root: Path, today: dt.date | None) -> Checked:
    today = today or dt.date.today()
    root = Path(root)
    problems: list[Problem] = []
    owner = load_owner(root, problems)
    stories = [
        story for path in story_files(root / "stories") if (story := load_story(path, f"stories/{path.name}", problems))
    ]
    people: list[Person] = []
    referrals: list[Referral] = []
    other_ids: set[str] = set()  # people whose records have errors: referrals may still name them
    all_people_read = True
    for path in referral_files(root):
        found = load_referral_file(path, rel_to(root, path), problems)
        people.extend(found.people)
        referrals.extend(found.referrals)
        other_ids |= found.other_ids
        all_people_read = all_people_read and found.complete

    prompts = builtin_prompts()
    if owner:
        prompts.update({p.id: p for p in owner.prompts})
    stories = _check_stories(stories, prompts, problems)
    people_by_id = _check_people(people, problems)
    known = (set(people_by_id) | other_ids) if all_people_read else None
    referrals = _check_referrals(referrals, people_by_id, known, today, problems)
    problems.extend(_quality_warnings(stories, people, today))

    errors = [p for p in problems if p.severity == "error"]
    if errors or owner is None:
        raise KitInvalid(errors)
    kit = Kit(
        root=root,
        owner=owner,
        stories=tuple(sorted(stories, key=lambda s: (s.date, s.slug), reverse=True)),
        people=people_by_id,
        referrals=tuple(sorted(referrals, key=lambda r: (r.date, r.id))),
        prompts=prompts,
    )
    return Checked(kit, tuple(sorted(p for p in problems if p.severity == "warning")))


def _at(record: Story | Person | Referral, field: str, message: str, hint: str = "") -> Problem:
    line, col = record.source.at(field)
    return Problem(record.source.path, line, col, field, message, hint)


def _check_stories(stories: list[Story], prompts: dict, problems: list[Problem]) -> list[Story]:
    seen: dict[str, Story] = {}
    for story in stories:
        if story.prompt not in prompts:
            close = difflib.get_close_matches(story.prompt, list(prompts), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else "one of " + ", ".join(prompts)
            problems.append(_at(story, "prompt", f'unknown prompt "{story.prompt}"', hint))
        if story.slug in seen:
            problems.append(
                _at(
                    story,
                    "slug",
                    f'"{story.slug}" is also the address of {seen[story.slug].source.path}',
                    "set a different slug:",
                )
            )
        else:
            seen[story.slug] = story
    return stories


def _check_people(people: list[Person], problems: list[Problem]) -> dict[str, Person]:
    by_id: dict[str, Person] = {}
    by_email: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for person in people:
        if person.id in by_id:
            problems.append(
                _at(person, "id", f'"{person.id}" is already used at {by_id[person.id].source}', "ids must be unique")
            )
            continue
        by_id[person.id] = person
        if person.email:
            key = fold(person.email)
            if key in by_email:
                other = by_email[key]
                problems.append(
                    _at(
                        person,
                        "email",
                        f"same email as {other.id} at {other.source}",
                        "merge the two records if they are one person",
                    )
                )
            else:
                by_email[key] = person
        key = fold(f"{person.name.full}|{person.name.greeting}")
        if key in by_name:
            other = by_name[key]
            problems.append(
                _at(
                    person,
                    "name",
                    f"same name as {other.id} at {other.source}",
                    "merge the two records, or give them different preferred names if they are two people",
                )
            )
        else:
            by_name[key] = person
    return by_id


def _check_referrals(
    referrals: list[Referral],
    people: dict[str, Person],
    known: set[str] | None,
    today: dt.date,
    problems: list[Problem],
) -> list[Referral]:
    """Check each referral; ``known`` is every person id on file, or ``None`` when some file could not be read."""
    explicit = {r.id for r in referrals if r.id}
    seen: dict[str, Referral] = {}
    counters: dict[str, int] = defaultdict(int)
    checked = []
    suggester = Suggester(known) if known is not None else None
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
            problems.append(_at(referral, "id", f'"{rid}" is already used at {seen[rid].source}', "ids must be unique"))
        seen[rid] = referral
        if known is not None and referral.from_id not in known:
            problems.append(
                _at(referral, "from", f'"{referral.from_id}" names no one', _id_hint(referral.from_id, suggester))
            )
        if known is not None and referral.referred_id is not None and referral.referred_id not in known:
            problems.append(
                _at(
                    referral,
                    "referred",
                    f'"{referral.referred_id}" names no one',
                    _id_hint(
                        referral.referred_id,
                        suggester,
                        "use a person's id, or their name with capitals if they are not on file",
                    ),
                )
            )
        if referral.referred_id == referral.from_id:
            problems.append(_at(referral, "referred", "someone cannot refer themselves", "check from: and referred:"))
        if referral.date > today:
            problems.append(
                _at(referral, "date", f"{referral.date} is in the future", f"today is {today}; check the year")
            )
        if referral.thanked and referral.thanked.date < referral.date:
            problems.append(
                _at(
                    referral,
                    "thanked.date",
                    f"{referral.thanked.date} is before the referral ({referral.date})",
                    "you thank someone after their friend came; check both dates",
                )
            )
        if referral.thanked and referral.thanked.date > today:
            problems.append(
                _at(
                    referral,
                    "thanked.date",
                    f"{referral.thanked.date} is in the future",
                    f"today is {today}; record a thank-you once it is done",
                )
            )
        if referral.followed_up and referral.followed_up < referral.date:
            problems.append(
                _at(
                    referral,
                    "followed_up",
                    f"{referral.followed_up} is before the referral ({referral.date})",
                    "you tell them how it went after their friend came; check both dates",
                )
            )
        if referral.followed_up and referral.followed_up > today:
            problems.append(
                _at(
                    referral,
                    "followed_up",
                    f"{referral.followed_up} is in the future",
                    f"today is {today}; record a follow-up once it is done",
                )
            )
        checked.append(referral)
    return checked


def _id_hint(wrong: str, suggester: Suggester | None, otherwise: str = "use the id of a person in referrals/") -> str:
    close = suggester.closest(wrong) if suggester is not None else None
    return f"did you mean {close}?" if close else otherwise


def _quality_warnings(stories: list[Story], people: list[Person], today: dt.date) -> list[Problem]:
    warnings = []
    for story in stories:
        if not story.summary:
            warnings.append(
                Problem(
                    story.source.path,
                    *story.source.at("summary"),
                    "summary",
                    "the story has no summary",
                    "listings and link previews use it",
                    "warning",
                )
            )
        elif len(story.summary) > SUMMARY_LIMIT:
            warnings.append(
                Problem(
                    story.source.path,
                    *story.source.at("summary"),
                    "summary",
                    f"the summary has {len(story.summary)} characters; link previews cut it at {SUMMARY_LIMIT}",
                    "shorten it",
                    "warning",
                )
            )
    stale_before = months_before(today, FRESH_MONTHS)
    for person in people:
        for item in person.remember:
            if item.checked < stale_before:
                warnings.append(
                    Problem(
                        person.source.path,
                        *person.source.at("remember"),
                        "remember",
                        f'{person.id}: "{_short(item.fact)}" was last checked {item.checked}',
                        "letters leave it out until you check it again and update checked:",
                        "warning",
                    )
                )
    return warnings


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
