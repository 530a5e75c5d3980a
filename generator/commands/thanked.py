"""``ownerkit thanked``: record a thank-you or a follow-up in the referral's own YAML file.

Only the lines that record it are added (:mod:`generator.write.yamledit`); every
comment and every other line of the owner's file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Refused
from generator.load.kit import load_kit
from generator.model.owed import owed
from generator.model.records import Kit, Referral
from generator.write.lock import kit_lock
from generator.write.yamledit import Edit, FileChange, apply_changes, finish_interrupted, plan_edits, verify


@dataclass(frozen=True)
class ThankedResult:
    """The changes made (or, in a dry run, that would be made) to the owner's files."""

    changes: list[FileChange]
    recorded: int  # referrals recorded; 0 when there was nothing left to record
    follow_up: bool
    dry_run: bool
    notes: tuple[str, ...] = ()  # what became of a change an earlier, interrupted run left half-done


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
    """Record that the owner thanked (or, with ``follow_up``, followed up) ``ident`` on ``day``.

    ``ident`` is a referral id, or a person id (all their referrals not yet
    recorded). Raises :class:`~generator.errors.Refused` when the records do not allow it.
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
    kit = load_kit(root, today).kit
    day = day or today
    referrals = _referrals_for(kit, today, ident, follow_up)
    edits = []
    for referral in referrals:
        if day < referral.date:
            raise Refused(f"{referral.id}: {day} is before the referral itself ({referral.date})")
        if follow_up:
            if referral.followed_up and referral.followed_up >= day:
                raise Refused(f"{referral.id} was already followed up on {referral.followed_up}; nothing was written")
            edits.append(Edit(referral, "followed_up", day.isoformat(), replace=referral.followed_up is not None))
        else:
            edits.append(Edit(referral, "thanked", {"date": day.isoformat(), "how": how}))
    if not edits:
        return ThankedResult([], 0, follow_up, dry_run)
    changes = plan_edits(kit, edits)
    verify(kit, changes, today)
    if not dry_run:
        apply_changes(kit, changes)
    return ThankedResult(changes, len(edits), follow_up, dry_run)


def _referrals_for(kit: Kit, today: dt.date, ident: str, follow_up: bool) -> list[Referral]:
    by_id = {r.id: r for r in kit.referrals}
    if ident in by_id:
        referral = by_id[ident]
        if follow_up and referral.outcome != "client" and not _in_chain(kit, today, referral):
            raise Refused(f"{ident}: the friend did not become a client, so there is no news to follow up with")
        if not follow_up and referral.thanked:
            raise Refused(
                f"{ident} was already thanked on {referral.thanked.date} ({referral.thanked.how}); nothing was written"
            )
        return [referral]
    if ident not in kit.people:
        known = [*kit.people, *(r.id for r in kit.referrals)]
        close = sorted(k for k in known if k.startswith(ident)) or difflib.get_close_matches(
            ident, known, n=1, cutoff=0.6
        )
        hint = f"did you mean {close[0]}?" if close else "see ownerkit queue for ids"
        raise Refused(f'no referral or person has the id "{ident}" ({hint})')
    if not follow_up:
        return [r for r in kit.referrals if r.from_id == ident and r.thanked is None]
    owed_now = [o for o in owed(kit, today) if o.person.id == ident and o.kind in ("follow-up", "chain")]
    found = {o.referrals[0].id: o.referrals[0] for o in owed_now}
    return sorted(found.values(), key=lambda r: (r.date, r.id))


def _in_chain(kit: Kit, today: dt.date, referral: Referral) -> bool:
    """Whether ``referral`` (A sent B) is owed a chain follow-up (B has since sent someone)."""
    return any(o.kind == "chain" and o.referrals[0].id == referral.id for o in owed(kit, today))
