"""Careful edits of the owner's YAML: add one field to some records, touch nothing else, lose nothing.

``ownerkit thanked`` records ``thanked: {date, how}`` (or ``followed_up:``) in
the file that holds the referral; later commands add records through the same
calls. The text edit itself is :mod:`generator.write.yamltext` (one parse per
file). Around it:

- :func:`plan_edits` gives each file's new text; nothing is written.
- :func:`verify` parses each changed file again and refuses the change unless
  it holds the same records in the same order, with the edited fields as meant.
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
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.load.marked import MarkedMap
from generator.load.sourcefile import read_plain_bytes
from generator.load.yamlsource import parse_yaml
from generator.model.records import Kit, Referral
from generator.write.files import remove_stale_temps, safe_join, write_atomic
from generator.write.lock import kit_lock
from generator.write.yamltext import Changed, Document, Edit, EditRefused, _walk, edit_text

__all__ = [
    "Changed",
    "Edit",
    "EditRefused",
    "FileChange",
    "add_field",
    "apply_changes",
    "find_record",
    "finish_interrupted",
    "plan_edits",
]

JOURNAL = ".ownerkit-journal.json"
_BREAKS = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FileChange:
    path: str  # kit-relative
    old: str
    new: str
    changed: tuple[Changed, ...]
    edits: tuple[Edit, ...] = ()
    new_lines: tuple[int, ...] = ()  # the line each edited record starts on in the new text


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


def find_record(root: yaml.Node, referral: Referral) -> yaml.MappingNode:
    """The mapping node of ``referral`` in a file composed whole (for edits this module does not make)."""
    document = Document(referral.source.path, "")
    document.by_line = {}
    for node in _walk(root):
        document.uses[id(node)] = document.uses.get(id(node), 0) + 1
        if isinstance(node, yaml.MappingNode):
            document.by_line.setdefault(node.start_mark.line + 1, []).append(node)
    return document.find(referral)


def add_field(
    text: str, referral: Referral, key: str, value: dict[str, str] | str, replace: bool = False
) -> tuple[str, list[int], int]:
    """``text`` with one field added to one referral: the new text, the lines (from 1) added or changed,
    and how many lines were added. Several edits of one file are faster through :func:`plan_edits`."""
    new, changed, _ = edit_text(referral.source.path, text, [Edit(referral, key, value, replace)])
    added = len(_BREAKS.findall(new)) - len(_BREAKS.findall(text))
    return new, [changed[0].first_line + i for i in range(max(added, 1))], added


def plan_edits(kit: Kit, edits: list[Edit]) -> list[FileChange]:
    """The new text of every file the edits touch (nothing is written)."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.referral.source.path, []).append(edit)
    changes = []
    for rel, file_edits in by_file.items():
        old = _read_text(kit.root, rel)
        new, changed, new_lines = edit_text(rel, old, file_edits)
        changes.append(FileChange(rel, old, new, changed, tuple(file_edits), new_lines))
    return changes


def verify(kit: Kit, changes: list[FileChange], today: dt.date | None = None) -> None:
    """Parse each changed file again; raise unless it holds the same records, in order, with only the edited
    fields added or changed.

    A record edited inside its own lines (an item of a block list) is checked by
    parsing those lines before and after: what is indented under its ``-`` can
    only change that record. Any other change is checked on the whole file.
    """
    for change in changes:
        if not (change.edits and _pieces_ok(change)):
            _whole_file_ok(kit, change)


def _piece_data(document: Document, line: int) -> MarkedMap | None:
    found = document.piece(line)
    if found is None:
        return None
    data, problems = parse_yaml(document.rel, found[1])
    if problems or not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], MarkedMap):
        return None
    return data[0]


def _pieces_ok(change: FileChange) -> bool:
    """Whether every edited record, read on its own, is as before plus its edit (False: check the whole file)."""
    before, after = Document(change.path, change.old), Document(change.path, change.new)
    records: dict[int, tuple[int, list[Edit]]] = {}  # a record may get a thank-you and a follow-up at once
    for edit, new_line in zip(change.edits, change.new_lines, strict=True):
        records.setdefault(edit.referral.source.line, (new_line, []))[1].append(edit)
    for old_line, (new_line, edits) in records.items():
        old, new = _piece_data(before, old_line), _piece_data(after, new_line)
        if old is None or new is None:
            return False
        keys = {edit.key for edit in edits}
        others_same = {k: v for k, v in new.items() if k not in keys} == {k: v for k, v in old.items() if k not in keys}
        if not (others_same and all(_as_meant(new.get(edit.key), edit) for edit in edits)):
            raise EditRefused(f"{change.path}: the edit would change more than it should, so nothing was written")
    return True


def _whole_file_ok(kit: Kit, change: FileChange) -> None:
    data, problems = parse_yaml(change.path, change.new)
    mine = sorted((r for r in kit.referrals if r.source.path == change.path), key=lambda r: r.source.line)
    people = sum(1 for p in kit.people.values() if p.source.path == change.path)
    if problems or not isinstance(data, MarkedMap):
        details = "; ".join(str(p) for p in problems[:3]) or "the file no longer holds records"
        raise EditRefused(f"the kit would not load after this change, so nothing was written: {details}")
    records = data.get("referrals") or []
    found_people = data.get("people") or []
    ok = isinstance(records, list) and isinstance(found_people, list) and len(found_people) == people
    ok = ok and len(records) == len(mine)
    edited = {e.referral.source.line: e for e in change.edits}
    for record, referral in zip(records, mine, strict=False) if ok else ():
        ok = ok and isinstance(record, MarkedMap)
        ok = ok and _same_day(record.get("date"), referral.date)
        ok = ok and str(record.get("from")).strip() == referral.from_id
        edit = edited.get(referral.source.line)
        if ok and edit is not None:
            ok = _as_meant(record.get(edit.key), edit)
    if not ok:
        raise EditRefused(f"{change.path}: the edit would change more than it should, so nothing was written")


def _plain(value: object) -> object:
    """A parsed YAML value as text, the way an edit writes it (``true``, not ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value is None else str(value)


def _as_meant(value: object, edit: Edit) -> bool:
    """Whether the edited field now reads as the edit meant (a follow-up may join a list of earlier ones)."""
    if _plain(value) == _plain(edit.value):
        return True
    return edit.key == "followed_up" and isinstance(value, list) and bool(value) and _plain(value[-1]) == edit.value


def _same_day(value: object, day: dt.date) -> bool:
    try:
        return dt.date(*(int(part) for part in str(value).strip().split("-"))) == day
    except (TypeError, ValueError):
        return False


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
