"""``ownerkit thanked``: record what the queue asked for, in the referral's own YAML file.

A person id clears all their rows of the queue (thank-yous, follow-ups, chain
notes); a referral id clears that one row (:func:`generator.model.owed.to_record`
says which fields that means). A thank-you is ``thanked: {date, how}``; a
follow-up is one more date under ``followed_up:``, earlier dates kept. Only the
lines that record it are added (:mod:`generator.write.yamlappend`); every comment
and every other line of the owner's file stays as it was.

Why the kit is still valid afterwards, with one load and no second check of the
whole kit (a 50,000-referral kit loads in a few seconds; doing it twice was half
the time of the command):

- The whole kit is loaded and checked once, under the kit's lock, before
  anything is planned: ``thanked`` refuses an invalid kit as every command does,
  so the rest of the kit is known valid when the edit is made. Only warnings,
  which ``thanked`` never shows, are skipped (``load_kit(warnings=False)``).
- The edit adds lines only inside the records it edits, and only the fields
  ``thanked`` and ``followed_up``. :func:`~generator.write.yamledit.verify`
  reads each edited record again from the new text and refuses unless its
  other fields are exactly as before and the new field reads as meant; when a
  record cannot be read on its own lines (flow lists, anchors), the whole file
  is parsed again and every record in it compared. Every other record keeps its
  bytes, so what was valid stays valid.
- The values written are valid by construction: ``how`` comes from the
  command's choices, the date is neither in the future nor before the referral
  or an earlier follow-up (refused below), ``told`` is the referral's own outcome. Neither
  field names a person or a story, so no reference can be broken.
- The files are re-read just before they are replaced (under the same lock):
  a save made meanwhile is kept and reported, never overwritten.

Work is done for the person thanked only: the queue rows it clears
(:func:`~generator.model.owed.to_record`) and what their letter told
(:func:`what_the_letter_told`) never work out anyone else's letters.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Refused
from generator.load.kit import load_kit
from generator.model.letters import NoLetter, letters_owed
from generator.model.owed import owed, to_record
from generator.model.records import Kit, Referral
from generator.write.lock import kit_lock
from generator.write.yamlappend import plan_thanks
from generator.write.yamledit import Edit, FileChange, apply_changes, finish_interrupted, verify


@dataclass(frozen=True)
class ThankedResult:
    """The changes made (or, in a dry run, that would be made) to the owner's files."""

    changes: list[FileChange]
    thanks: int  # thank-yous recorded
    follow_ups: int  # follow-ups and chain notes recorded
    dry_run: bool
    nothing: str = ""  # when nothing was owed: why, and what to do instead
    notes: tuple[str, ...] = ()  # what became of a change an earlier, interrupted run left half-done

    @property
    def recorded(self) -> int:
        return self.thanks + self.follow_ups


def record_thanked(
    root: Path,
    today: dt.date,
    ident: str,
    *,
    how: str = "handwritten",
    day: dt.date | None = None,
    follow_up: bool = False,
    dry_run: bool = False,
) -> ThankedResult:
    """Record that the owner sent what ``ident`` (a person or one referral) is owed, on ``day``.

    With ``follow_up``, only follow-ups. Raises :class:`~generator.errors.Refused`
    when the records do not allow it (an unknown id, a referral with nothing owed).
    The kit's lock is held from reading the files to writing them: two at once
    cannot lose each other's record.
    """
    with kit_lock(root):
        notes = tuple(finish_interrupted(root))
        result = _record(root, today, ident, how, day, follow_up, dry_run)
    return replace(result, notes=notes)


def _record(
    root: Path, today: dt.date, ident: str, how: str, day: dt.date | None, follow_up: bool, dry_run: bool
) -> ThankedResult:
    kit = load_kit(root, today, warnings=False).kit  # thanked shows no warnings; every error is still checked
    day = day or today
    if day > today:
        raise Refused(f"{day} is in the future (today is {today}); nothing was written")
    try:
        records = to_record(kit, today, ident, follow_up, day)
    except KeyError:
        raise Refused(_unknown_id(kit, ident)) from None
    if not records:
        if ident in kit.people and kit.people[ident].deceased:
            raise Refused(_deceased(kit, ident))
        if ident in kit.people:
            return ThankedResult([], 0, 0, dry_run, _nothing_owed(kit, today, ident, follow_up))
        raise Refused(_nothing_owed(kit, today, ident, follow_up))
    edits = []
    thanking = [referral for referral, key in records if key == "thanked"]
    told = what_the_letter_told(kit, thanking, today, day) if thanking else {}
    for referral, key in records:
        if day < referral.date:
            raise Refused(f"{referral.id}: {day} is before the referral itself ({referral.date})")
        if key == "followed_up":
            if referral.followed_up and referral.followed_up >= day:
                raise Refused(f"{referral.id} was already followed up on {referral.followed_up}; nothing was written")
            edits.append(Edit(referral, "followed_up", day.isoformat()))
        else:
            edits.append(Edit(referral, "thanked", {"date": day.isoformat(), "how": how, **told.get(referral.id, {})}))
    changes = plan_thanks(kit, edits)
    verify(kit, changes, today)
    if not dry_run:
        apply_changes(kit, changes)
    thanks = sum(e.key == "thanked" for e in edits)
    return ThankedResult(changes, thanks, len(edits) - thanks, dry_run)


def _unknown_id(kit: Kit, ident: str) -> str:
    known = [*kit.people, *(r.id for r in kit.referrals)]
    close = sorted(k for k in known if k.startswith(ident)) or difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "see ownerkit queue for ids"
    return f'no referral or person has the id "{ident}" ({hint})'


def _deceased(kit: Kit, ident: str) -> str:
    """Why nothing is recorded for a person who has died, and how to record one referral anyway."""
    said = f"{ident} is recorded as deceased, so the queue asks for no letter to them; nothing was written"
    unthanked = [r.id for r in kit.referrals if r.from_id == ident and r.thanked is None]
    if not unthanked:
        return said
    anyway = f"to record a referral as thanked anyway: ownerkit thanked {unthanked[0]}"
    return f"{said} ({anyway}; not thanked yet: {', '.join(unthanked)})"


def _nothing_owed(kit: Kit, today: dt.date, ident: str, follow_up: bool) -> str:
    """Why there is nothing to record for ``ident``, with what was recorded already."""
    referral = next((r for r in kit.referrals if r.id == ident), None)
    if referral is None:
        what = "followed up on" if follow_up else "thanked and followed up on"
        message = f"nothing to record: every referral from {ident} has been {what} already"
        if any(o.kind == "hello" and o.person.id == ident for o in owed(kit, today)):
            message += f"; when you have said hello: ownerkit touched {ident}"
        return message
    if follow_up:
        return f"{ident}: the friend did not become a client, so there is no news to follow up with"
    done = f"thanked on {referral.thanked.date} ({referral.thanked.how})" if referral.thanked else ""
    if referral.follow_ups:
        done += f", followed up on {', '.join(str(d) for d in referral.follow_ups)}"
    return f"{ident} was already {done}; nothing was written"


def what_the_letter_told(
    kit: Kit, referrals: list[Referral], today: dt.date, day: dt.date | None = None
) -> dict[str, dict[str, str]]:
    """For each referral, what its thank-you letter tells: the outcome, whether it gives the note, and the line.

    Recorded with the thank-you (``told``, ``note_told``, ``line_told``) so that no
    follow-up repeats news already given. A letter sent (``day``) before the owner
    wrote her line did not carry it.
    """
    told: dict[str, dict[str, str]] = {}
    for pid in dict.fromkeys(r.from_id for r in referrals):
        try:
            letters = letters_owed(kit, today, person_ids=(pid,))
        except NoLetter:
            continue
        for letter in letters:
            line = letter.line is not None and letter.line.written <= (day or today)
            for friend in letter.thanks:
                told[friend.referral_id] = {
                    "told": friend.outcome,
                    **({"note_told": "true"} if friend.note else {}),
                    **({"line_told": "true"} if line else {}),
                }
    return told
