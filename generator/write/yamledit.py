"""Careful edits of the owner's YAML: add one field to some records, touch nothing else, lose nothing.

``ownerkit thanked`` records ``thanked: {date, how}`` (or ``followed_up:``) in
the file that holds the referral; later commands add records through the same
calls. The text edit itself is :mod:`generator.write.yamltext` (one parse per
file). Around it:

- :func:`plan_edits` gives each file's new text; nothing is written.
- :func:`verify` reads each changed file as ``ownerkit check`` would and refuses
  the change unless the file still loads and every record but the edited
  fields is exactly as before.
- :func:`apply_changes` writes under the kit's lock
  (:mod:`generator.write.lock`), checking each file again just before it is
  replaced: a save the owner made meanwhile is kept and reported, never
  overwritten. A change to several files is all-or-nothing: it is written down
  first in ``.ownerkit-journal.json``, and a run killed half-way is finished by
  :func:`finish_interrupted` on the next run (or reported, if the owner has
  edited the file since).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from generator.errors import Problem
from generator.load.people import ReferralFile, load_referral_file
from generator.load.sourcefile import read_plain_bytes
from generator.model.records import Kit
from generator.write.files import remove_stale_temps, safe_join, write_atomic
from generator.write.lock import kit_lock
from generator.write.yamltext import Changed, Edit, EditRefused, edit_text

__all__ = ["Changed", "Edit", "EditRefused", "FileChange", "apply_changes", "finish_interrupted", "plan_edits"]

JOURNAL = ".ownerkit-journal.json"


@dataclass(frozen=True)
class FileChange:
    path: str  # kit-relative
    old: str
    new: str
    changed: tuple[Changed, ...]
    edits: tuple[Edit, ...] = ()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_text(root: Path, rel: str) -> str:
    data = read_plain_bytes(safe_join(root, rel))
    if isinstance(data, str):
        raise EditRefused(f"{rel}: the file {data}; nothing was written")
    if data.startswith(b"\xef\xbb\xbf"):
        raise EditRefused(f"{rel}: starts with a byte-order mark; save it as plain UTF-8 first")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefused(f"{rel}: is not UTF-8 text; save it as UTF-8 first") from None


def plan_edits(kit: Kit, edits: list[Edit]) -> list[FileChange]:
    """The new text of every file the edits touch (nothing is written)."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.referral.source.path, []).append(edit)
    changes = []
    for rel, file_edits in by_file.items():
        old = _read_text(kit.root, rel)
        new, changed = edit_text(rel, old, file_edits)
        changes.append(FileChange(rel, old, new, changed, tuple(file_edits)))
    return changes


def _read_records(rel: str, text: str, folder: Path) -> tuple[ReferralFile, list[Problem]]:
    path = folder / Path(rel).name
    path.write_bytes(text.encode("utf-8"))
    problems: list[Problem] = []
    found = load_referral_file(path, rel, problems)
    return found, [p for p in problems if p.severity == "error"]


def _same(a: object, b: object, leave_out: tuple[str, ...]) -> bool:
    return all(
        getattr(a, f.name) == getattr(b, f.name)
        for f in fields(a)  # type: ignore[arg-type]
        if f.name not in ("source", *leave_out)
    )


def verify(kit: Kit, changes: list[FileChange], today: dt.date | None = None) -> None:
    """Read each changed file as ``check`` would; raise unless only the edited fields changed."""
    with tempfile.TemporaryDirectory(prefix="ownerkit-check-") as tmp:
        for change in changes:
            before, _ = _read_records(change.path, change.old, Path(tmp))
            after, problems = _read_records(change.path, change.new, Path(tmp))
            if problems:
                details = "; ".join(str(p) for p in problems[:3])
                raise EditRefused(f"the kit would not load after this change, so nothing was written: {details}")
            edited = {e.referral.source.line: e for e in change.edits}
            ok = len(before.people) == len(after.people) and len(before.referrals) == len(after.referrals)
            ok = ok and all(_same(a, b, ()) for a, b in zip(before.people, after.people, strict=True))
            for old, new in zip(before.referrals, after.referrals, strict=False) if ok else ():
                edit = edited.get(old.source.line)
                if edit is None:
                    ok = ok and _same(old, new, ())
                    continue
                ok = ok and _same(old, new, (edit.key,))
                value = getattr(new, edit.key)
                wanted = edit.value if isinstance(edit.value, str) else edit.value.get("date")
                shown = value.isoformat() if isinstance(value, dt.date) else getattr(value, "date", None)
                ok = ok and (shown.isoformat() if isinstance(shown, dt.date) else shown) == wanted
            if not ok:
                raise EditRefused(f"{change.path}: the edit would change more than it should, so nothing was written")


def apply_changes(kit: Kit, changes: list[FileChange]) -> None:
    """Write the changed files under the kit's lock, all or nothing; never over a save made meanwhile."""
    root = Path(kit.root)
    with kit_lock(root):
        remove_stale_temps(root)
        for folder in {os.path.dirname(c.path) for c in changes} - {""}:
            remove_stale_temps(safe_join(root, folder))
        for change in changes:
            if _read_text(root, change.path) != change.old:
                raise EditRefused(
                    f"{change.path}: changed while ownerkit was working (your change is kept); nothing was written."
                    " Run the command again."
                )
        journal = root / JOURNAL
        if len(changes) > 1:
            entries = [{"path": c.path, "old": _digest(c.old), "new": c.new} for c in changes]
            write_atomic(journal, json.dumps({"about": _JOURNAL_ABOUT, "files": entries}, ensure_ascii=False))
        written: list[str] = []
        for change in changes:

            def unchanged(change: FileChange = change) -> bool:
                return _read_text(root, change.path) == change.old

            still = write_atomic(safe_join(root, change.path), change.new.encode("utf-8"), may_replace=unchanged)
            if not still:
                journal.unlink(missing_ok=True)
                done = f" It was recorded in {', '.join(written)} only." if written else " Nothing was written."
                raise EditRefused(
                    f"{change.path}: you saved it while ownerkit was writing; your save is kept.{done}"
                    " Run the command again to record the rest."
                )
            written.append(change.path)
        journal.unlink(missing_ok=True)


_JOURNAL_ABOUT = "ownerkit was writing these files; if it was stopped half-way, the next command finishes the job"


def finish_interrupted(root: Path) -> list[str]:
    """Finish a change to several files that a killed run left half-done; say what happened to each file."""
    root = Path(root)
    journal = root / JOURNAL
    if not os.path.lexists(journal):
        return []
    with kit_lock(root):
        data = read_plain_bytes(journal)
        try:
            entries = json.loads(data)["files"] if isinstance(data, bytes) else None
        except (ValueError, KeyError, TypeError, RecursionError):
            entries = None
        if not isinstance(entries, list):
            return [f"{JOURNAL}: cannot read what an interrupted ownerkit was writing; delete it and check your files"]
        notes = []
        for entry in entries:
            try:
                rel, old, new = str(entry["path"]), str(entry["old"]), str(entry["new"])
                current = _read_text(root, rel)
            except (EditRefused, KeyError, TypeError) as exc:
                notes.append(f"{JOURNAL}: an interrupted change could not be finished ({exc})")
                continue
            if current == new:
                continue
            if _digest(current) == old:
                write_atomic(safe_join(root, rel), new.encode("utf-8"))
                notes.append(f"{rel}: finished recording what an interrupted ownerkit command had started")
            else:
                notes.append(
                    f"{rel}: an interrupted ownerkit command did not record its change here, and the file has been"
                    " edited since; run that command again"
                )
        journal.unlink()
        return notes
