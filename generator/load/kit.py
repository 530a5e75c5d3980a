"""Loading a whole kit: the owner, the stories and the referral records.

:func:`load_kit` reads every file, checks each record and the links between
them, and either returns the :class:`~generator.model.records.Kit` with its warnings or
raises :class:`~generator.errors.KitInvalid` listing every error at once.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path

from generator.errors import KitInvalid, NotAKit, Problem
from generator.load import filecache
from generator.load.checks import (
    check_consent,
    check_people,
    check_referral,
    check_stories,
    number_referrals,
    quality_warnings,
)
from generator.load.mkdocs_config import brand_conflicts
from generator.load.owner import load_owner
from generator.load.people import ReferralFile, load_referral_file
from generator.load.records import Unbuilt
from generator.load.sourcefile import read_plain_bytes
from generator.load.stories import load_story, story_files
from generator.model.asof import person_as_of, referrals_as_of
from generator.model.friends import letter_field_warnings
from generator.model.prompts import builtin_prompts
from generator.model.records import Kit, Person, Referral, Story


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


def load_kit(root: Path, today: dt.date | None = None, *, warnings: bool = True) -> Checked:
    """Load and check the kit at ``root``; raise :class:`KitInvalid` on any error.

    ``warnings=False`` skips what only warns (stale facts, what letters will
    simplify): a command that shows no warnings (``thanked``) saves that time.
    Every error is still checked.
    """
    # Loading builds a million small objects and no reference cycles: pausing the
    # cycle collector meanwhile saves a sixth of the time on a large kit.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_kit(root, today, warnings)
    finally:
        if collecting:
            gc.enable()


def _referral_file(root: Path, path: Path, problems: list[Problem]) -> ReferralFile:
    """One referral file read, from the kit's cache when its bytes were read before (:mod:`.filecache`)."""
    rel = rel_to(root, path)
    data = read_plain_bytes(path) if filecache.cache_enabled() else None
    if not isinstance(data, bytes):  # off, or not a plain readable file: read and report as ever
        return load_referral_file(path, rel, problems)
    file, own = filecache.cached_read(root, rel, data, lambda fresh: load_referral_file(path, rel, fresh))
    problems.extend(own)
    return file  # type: ignore[no-any-return]


def refuse_non_kit(root: Path) -> None:
    """A missing folder, or one with neither ``stories/`` nor ``referrals/``, is not a kit: say so plainly."""
    if not root.is_dir():
        raise NotAKit(f"no such folder: {root} (give your kit's folder with --kit FOLDER)")
    if not (root / "stories").exists() and not (root / "referrals").exists():
        raise NotAKit(
            f"{root} is not an ownerkit kit: it has no stories/ or referrals/ folder"
            f" (start one there with 'ownerkit init {root}', or give your kit's folder with --kit FOLDER)"
        )


def clock_today() -> dt.date:
    """The real clock's today: a record dated after it is an error, whatever ``--today`` says."""
    return dt.date.today()


def _load_kit(root: Path, today: dt.date | None, warnings: bool = True) -> Checked:
    clock = clock_today()
    today = today or clock
    latest = max(today, clock)  # --today in the past (catching up): later records are not yet counted
    root = Path(root)
    refuse_non_kit(root)
    problems: list[Problem] = []
    owner_file = load_owner(root, problems)
    if owner_file.owner:
        problems.extend(brand_conflicts(root, owner_file.owner.business, owner_file.owner.tagline))
    read = [
        found for path in story_files(root / "stories") if (found := load_story(path, f"stories/{path.name}", problems))
    ]
    stories = [story for story in read if isinstance(story, Story)]
    people: list[Person] = []
    referrals: list[Referral] = []
    unbuilt: list[Referral | Unbuilt] = []
    known: set[str] = set()  # every person id that could be read, even from a record or file with errors
    for path in referral_files(root):
        file = _referral_file(root, path, problems)
        people.extend(file.people)
        referrals.extend(file.referrals)
        unbuilt.extend(file.unbuilt_referrals)
        known |= file.person_ids

    prompts = builtin_prompts()
    prompts.update({p.id: p for p in owner_file.prompts})
    check_stories(read, set(prompts) | owner_file.prompt_ids, problems)
    people_by_id = check_people(people, problems)
    check_consent(people, latest, problems)
    referrals = number_referrals(referrals, problems)
    for referral in [*referrals, *unbuilt]:
        problems.extend(check_referral(referral, known, latest))
    if warnings:
        problems.extend(quality_warnings(stories, people, today))

    errors = [p for p in problems if p.severity == "error"]
    if errors or owner_file.owner is None:
        raise KitInvalid(errors)
    if today < clock:
        people_by_id = {pid: person_as_of(person, today) for pid, person in people_by_id.items()}
        referrals = referrals_as_of(referrals, today)
    kit = Kit(
        root=root,
        owner=owner_file.owner,
        stories=tuple(sorted(stories, key=lambda s: (s.date, s.slug), reverse=True)),
        people=people_by_id,
        referrals=tuple(sorted(referrals, key=lambda r: (r.date, r.id))),
        prompts=prompts,
    )
    if warnings:
        problems.extend(letter_field_warnings(kit))  # what letters will simplify or leave out, and why
    return Checked(kit, tuple(sorted(p for p in problems if p.severity == "warning")))
