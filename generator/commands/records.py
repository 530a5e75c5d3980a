"""Record keeping without editing YAML: ``add person``, ``add referral``, ``touched``, ``publish``.

(``consent`` is in :mod:`generator.commands.consent`.)

Each verb is one library call that loads the kit, makes the new text of the one
file it changes (:mod:`generator.write.yamlappend`: every other byte kept),
loads the whole kit again with that text in place, and only then writes it
(unless ``dry_run``). It returns what it did; it prints nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.errors import OwnerkitError
from generator.load.kit import load_kit, referral_files
from generator.model.friends import third_person_warning
from generator.model.matching import Match, PeopleIndex, base_id, slug, unique_id
from generator.model.records import OUTCOMES, Kit, PersonName
from generator.model.text import without_comments
from generator.render.yamlrecord import record_lines
from generator.write.lock import kit_lock
from generator.write.yamlappend import (
    TextChange,
    append_item,
    append_records,
    read_text,
    set_field,
    verify_kit,
    write_texts,
)
from generator.write.yamltext import EditRefused

PEOPLE_FILE = "referrals/people.yml"
REFERRALS_FILE = "referrals/referrals.yml"


class PersonExists(OwnerkitError):
    """The person to add is already on file (same email, or same name)."""

    def __init__(self, match: Match) -> None:
        self.match = match
        super().__init__(
            f"{match.person.name.full} is already on file as {match.person.id} ({match.why},"
            f" {match.person.source}); nothing was written (use that id; for a different person with the same"
            " name, add --anyway and a --preferred name to tell them apart)"
        )


class NotFound(OwnerkitError):
    """No person or story has the id given."""


@dataclass(frozen=True)
class Recorded:
    """What a record-keeping command wrote (or, on a dry run, would write)."""

    ident: str  # the new or changed record's id
    change: TextChange
    written: bool
    similar: tuple[Match, ...] = ()  # people on file who might be the same person
    notes: tuple[str, ...] = field(default=())


F = TypeVar("F", bound=Callable[..., "Recorded"])


def locked(function: F) -> F:
    """Run a record-keeping verb under the kit's write lock, from reading the kit to writing the file.

    Two commands run at once (two ``add referral --from ben`` in two terminals)
    then take turns: the second reads the file the first wrote, so it picks a
    fresh id and keeps the first one's record.
    """

    @functools.wraps(function)
    def run(root: Path, *args: Any, **kwargs: Any) -> Recorded:
        with kit_lock(root):
            return function(root, *args, **kwargs)

    return cast(F, run)


def people_file(kit: Kit) -> str:
    """Where new people go: the file holding the most people, else referrals/people.yml."""
    counts: dict[str, int] = {}
    for person in kit.people.values():
        counts[person.source.path] = counts.get(person.source.path, 0) + 1
    return max(sorted(counts), key=lambda path: counts[path]) if counts else PEOPLE_FILE


def referrals_file(kit: Kit) -> str:
    """Where new referrals go: the file holding the latest one, else referrals/referrals.yml."""
    if kit.referrals:
        return max(kit.referrals, key=lambda r: (r.date, r.source.line)).source.path
    names = {p.relative_to(kit.root).as_posix() for p in referral_files(kit.root)}
    return REFERRALS_FILE if REFERRALS_FILE in names or not names else people_file(kit)


def finish_change(kit: Kit, change: TextChange, today: dt.date, dry_run: bool) -> bool:
    try:
        verify_kit(kit.root, {change.path: change.new}, today)
    except EditRefused as exc:
        raise option_problems(exc, change) from None
    if not dry_run:
        write_texts(kit.root, [change])
    return not dry_run


def option_problems(refused: EditRefused, change: TextChange) -> OwnerkitError:
    """Problems in the lines about to be added, told by the option that gave the value (``--email: ...``).

    Those lines were never written, so their place in the file means nothing to
    the owner. Any other problem keeps the whole refusal as it was.
    """
    last = change.first_line + len(change.added)
    mine = [p for p in refused.problems if p.path == change.path and change.first_line <= p.line < last]
    if not mine or len(mine) != len(refused.problems):
        return refused
    told = []
    for problem in mine:
        field = re.sub(r"\[\d+\].*$", "", problem.field).rsplit(".", 1)[-1]  # name.given: --given
        hint = f" ({problem.hint})" if problem.hint else ""
        told.append(f"--{field.replace('_', '-')}: {problem.message}{hint}")
    return OwnerkitError("; ".join(told) + "; nothing was written")


def text_change(rel: str, old: str, new: str) -> TextChange:
    """The change from ``old`` to ``new``, with the first line it touches and the lines it adds."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    first, added = 0, []
    for tag, i1, _i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        first = first or (j1 + 1 if j2 > j1 else i1 + 1)
        added += new_lines[j1:j2]
    while len(added) > 1 and not added[0].strip():  # the blank line kept between records
        added.pop(0)
        first += 1
    return TextChange(rel, old, new, first, tuple(added))


def person_record(
    pid: str,
    name: PersonName,
    *,
    email: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    birthday: str | None = None,
    client_since: dt.date | None = None,
    public_thanks: dt.date | None = None,
    fields: dict[str, object] | None = None,
) -> list[str]:
    """The YAML lines of a new person (column 0); ``fields`` are any further fields, by their names in the file."""
    name_map = {"given": name.given, "family": name.family, "preferred": name.preferred}
    if name.order is not None and name.order != "given-first":
        name_map["order"] = name.order
    record: dict[str, object] = {
        "id": pid,
        "name": name_map,
        "email": email,
        "phone": phone,
        "address": address,
        "birthday": birthday,
        "client_since": client_since,
        **(fields or {}),
    }
    if public_thanks:
        record["public_thanks"] = True
        record["public_thanks_since"] = public_thanks
    return record_lines(record)


@locked
def add_person(
    root: Path,
    today: dt.date,
    name: PersonName,
    *,
    email: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    birthday: str | None = None,
    client_since: dt.date | None = None,
    public_thanks: dt.date | None = None,
    fields: dict[str, object] | None = None,
    anyway: bool = False,
    dry_run: bool = False,
) -> Recorded:
    """Add one person to the people file, with a new unique id (``fields``: further fields, by file name)."""
    kit = load_kit(root, today).kit
    index = PeopleIndex(kit.people.values())
    same = index.same(name, email)
    if same and (same.why == "same email" or not anyway):
        raise PersonExists(same)
    pid = unique_id(base_id(name, email), set(kit.people))
    lines = person_record(
        pid,
        name,
        email=email,
        phone=phone,
        address=address,
        birthday=birthday,
        client_since=client_since,
        public_thanks=public_thanks,
        fields=fields,
    )
    rel = people_file(kit)
    old = read_text(root, rel)
    new, _ = append_records(old, rel, "people", [lines])
    change = text_change(rel, old, new)
    similar = tuple(m for m in index.close(name) if m.person.id != pid)
    return Recorded(pid, change, finish_change(kit, change, today, dry_run), similar)


def resolve_person(kit: Kit, ref: str) -> str:
    """A person id from an id or a name; raise :class:`NotFound` with the closest ids."""
    if ref in kit.people:
        return ref
    words = ref.split()
    if words:
        guess = PersonName(words[0], " ".join(words[1:]) or None)
        same = PeopleIndex(kit.people.values()).same(guess, ref if "@" in ref else None)
        if same:
            return same.person.id
        close = PeopleIndex(kit.people.values()).close(guess, limit=1)
    else:
        close = []
    ids = difflib.get_close_matches(ref, list(kit.people), n=1, cutoff=0.6)
    hint = f"did you mean {ids[0] if ids else close[0].person.id}? " if ids or close else ""
    raise NotFound(f'no one on file is "{ref}" ({hint}to add them: ownerkit add person)')


def _friend(kit: Kit, referred: str, from_id: str, details: dict[str, object]) -> str:
    """The referred friend's id when on file, else their name; refused when it is the referrer themselves."""
    try:
        friend = resolve_person(kit, referred)
    except NotFound:
        friend = " ".join(referred.split())
    if friend == from_id:
        raise OwnerkitError(f"{from_id} cannot refer themselves")
    if details and friend in kit.people:
        options = ", ".join(f"--{key}" for key in details)
        raise OwnerkitError(
            f"{options}: {friend} is on file, so what is known of them goes in their own record"
            f" ({kit.people[friend].source}); give only --referred {friend}; nothing was written"
        )
    return friend


@locked
def add_referral(
    root: Path,
    today: dt.date,
    source: str,
    referred: str,
    *,
    when: dt.date | None = None,
    for_what: str | None = None,
    outcome: str = "pending",
    note: str | None = None,
    friend: dict[str, object] | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Record that ``source`` (a person id or name) sent ``referred`` (a person id or name) to the owner.

    ``friend`` holds what else is known of a friend not on file (``relation``,
    ``pronoun``, ``count``): the referral's ``referred:`` is then a record.
    """
    kit = load_kit(root, today).kit
    from_id = resolve_person(kit, source)
    if outcome not in OUTCOMES:
        raise OwnerkitError(f'outcome: "{outcome}" is not one of {", ".join(OUTCOMES)}')
    day = when or today
    if day > today:
        raise OwnerkitError(f"date: {day} is in the future (today is {today})")
    details = {key: value for key, value in (friend or {}).items() if value is not None}
    friend_id = _friend(kit, referred, from_id, details)
    for other in kit.referrals:
        if other.from_id == from_id and other.date == day and (other.referred_id or other.referred_name) == friend_id:
            raise OwnerkitError(f"already recorded as {other.id} ({other.source}); nothing was written")
    said: object = {"name": friend_id, **details} if details else friend_id
    record: dict[str, object] = {"date": day, "from": from_id, "referred": said}
    warnings = []
    values = {"referred": friend_id if friend_id not in kit.people else None, "for": for_what, "note": note}
    for key, value in values.items():
        if value and (said := third_person_warning(value, kit.people[from_id], key)):
            warnings.append(f"warning: {key}: {said[0]} ({said[1]})")
    default = f"{from_id}-{day.isoformat()}"
    taken = {r.id for r in kit.referrals}
    if default in taken:
        record = {"id": unique_id(default, taken), **record}
    record.update({"for": for_what, "outcome": outcome, "note": note})
    lines = record_lines(record)
    rel = referrals_file(kit)
    old = read_text(root, rel)
    new, _ = append_records(old, rel, "referrals", [lines])
    change = text_change(rel, old, new)
    ident = str(record.get("id", default))
    return Recorded(ident, change, finish_change(kit, change, today, dry_run), notes=tuple(warnings))


@locked
def touched(
    root: Path,
    today: dt.date,
    person_ref: str,
    *,
    when: dt.date | None = None,
    note: str | None = None,
    dry_run: bool = False,
) -> Recorded:
    """Record a contact with someone: ``last_contact`` moves to ``when``; a note becomes a remembered fact."""
    kit = load_kit(root, today).kit
    pid = resolve_person(kit, person_ref)
    person = kit.people[pid]
    day = when or today
    if day > today:
        raise OwnerkitError(f"date: {day} is in the future (today is {today})")
    rel = person.source.path
    old = read_text(root, rel)
    text = old
    notes = []
    if person.last_contact and person.last_contact >= day:
        notes.append(f"last_contact stays {person.last_contact} (later than {day})")
    else:
        text, _ = set_field(text, rel, pid, "last_contact", day.isoformat())
    if note:
        item = record_lines({"fact": " ".join(note.split()), "checked": day})
        text, _ = append_item(text, rel, pid, "remember", item)
    if text == old:
        raise OwnerkitError(f"nothing to record: {pid} was last in touch on {person.last_contact}")
    change = text_change(rel, old, text)
    return Recorded(pid, change, finish_change(kit, change, today, dry_run), notes=tuple(notes))


_DRAFT = re.compile(r"^draft:[ \t]*(true|yes|on|True|TRUE)[ \t]*(#.*)?(\r?\n|$)", re.MULTILINE)


@locked
def publish(root: Path, today: dt.date, story_ref: str, *, dry_run: bool = False) -> Recorded:
    """Clear ``draft: true`` from one story (by slug or file name) so the site shows it."""
    kit = load_kit(root, today).kit
    wanted = slug(Path(story_ref).stem) if story_ref.endswith((".md", ".yml", ".yaml")) else story_ref
    found = [s for s in kit.stories if s.slug == wanted or Path(s.source.path).stem == Path(story_ref).stem]
    if not found:
        drafts = ", ".join(s.slug for s in kit.stories if s.draft) or "none"
        raise NotFound(f'no story "{story_ref}" in stories/ (drafts: {drafts})')
    story = found[0]
    if not story.draft:
        return Recorded(story.slug, text_change(story.source.path, "", ""), False, notes=("already published",))
    if not without_comments(story.body).strip():
        raise OwnerkitError(
            f"{story.source.path}: has no story yet, only the starting questions (or your notes) in <!-- -->;"
            " write the story below them first, then publish it; nothing was written"
        )
    rel = story.source.path
    old = read_text(root, rel)
    end = old.find("\n---", 3) if rel.endswith(".md") else len(old)
    match = _DRAFT.search(old, 0, end if end > 0 else len(old))
    if not match:
        raise OwnerkitError(f"{rel}: draft: is not a plain 'draft: true' line; remove it by hand")
    new = old[: match.start()] + old[match.end() :]
    change = text_change(rel, old, new)
    return Recorded(story.slug, change, finish_change(kit, change, today, dry_run))
