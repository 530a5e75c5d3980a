"""Adding records to the owner's YAML as text: every byte already there is kept.

:mod:`generator.write.yamledit` adds one field to one referral; this module does
the other edits the record-keeping commands need, the same way (PyYAML's node
marks say where things end; new lines go there; nothing else moves):

- :func:`append_records` adds records at the end of a top-level list
  (``people:`` or ``referrals:``), matching the indentation of the records
  already there and the blank line between them;
- :func:`set_field` adds or replaces one scalar field of one person;
- :func:`append_item` adds one item to a list field of one person;
- :func:`remove_field` removes a one-line field (``draft: true``).

:func:`verify_kit` loads the whole kit with the new texts in place before
anything is written; :func:`write_texts` writes them, refusing a file that
changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.errors import KitInvalid
from generator.load.kit import load_kit
from generator.model.records import Kit, Referral
from generator.write.files import safe_join, write_atomic
from generator.write.lock import kit_lock
from generator.write.yamledit import Changed, Edit, EditRefused, FileChange
from generator.write.yamltext import Document, edit_text

_BREAKS = re.compile(r"\r\n|\r|\n")

SKIPPED = ("site", "letters", "private", ".git", ".venv")


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of ``key`` in a mapping node (``None`` when absent, or when ``node`` is not a mapping)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if _scalar(k) == key:
            return v
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass(frozen=True)
class TextChange:
    """The new text of one kit file (``old`` is what was read, to detect a change meanwhile)."""

    path: str  # kit-relative
    old: str
    new: str
    first_line: int  # the first line added or changed (1-based)
    added: tuple[str, ...]


def read_text(root: Path, rel: str) -> str:
    path = safe_join(root, rel)
    if not path.exists():
        return ""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise EditRefused(f"{rel}: starts with a byte-order mark; save it as plain UTF-8 first")
    return raw.decode("utf-8")


def _compose(text: str, rel: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditRefused(f"{rel}: cannot be read as YAML; run ownerkit check and fix it first ({exc})") from None


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _block_end(lines: list[str], start: int, column: int) -> int:
    """The last line (0-based) of a block starting at ``start`` whose body is indented deeper than ``column``."""
    last = start
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        if _indent(line) > column:
            last = number
            continue
        break
    return last


def _after_last_item(text: str, sequence: yaml.SequenceNode, new_lines: list[str]) -> tuple[str, int]:
    """``text`` with ``new_lines`` (indented already) after a block list's last item, and the first one's line."""
    nl = _newline(text)
    lines = text.splitlines(keepends=True)
    last = _block_end(lines, sequence.value[-1].start_mark.line, sequence.start_mark.column)
    before = "".join(lines[: last + 1])
    if not before.endswith(("\n", "\r")):
        before += nl
    return before + "".join(line + nl for line in new_lines) + "".join(lines[last + 1 :]), last + 2


def append_records(text: str, rel: str, key: str, records: list[list[str]]) -> tuple[str, int]:
    """``text`` with ``records`` (each as lines at column 0) added at the end of the top-level list ``key``.

    Returns the new text and the 1-based line of the first added line.
    """
    nl = _newline(text)
    root = _compose(text, rel)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise EditRefused(f"{rel}: expected people: and/or referrals: at the top; run ownerkit check")
    node = _get(root, key) if root is not None else None

    def items(dash_col: int) -> list[str]:
        pad = " " * dash_col
        out = []
        for lines in records:
            out.append(f"{pad}- {lines[0]}")
            out += [f"{pad}  {line}" if line else "" for line in lines[1:]]
        return out

    lines = text.splitlines(keepends=True)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        if node is None:
            body = text if not text or text.endswith(("\n", "\r")) else text + nl
            added = [f"{key}:", *items(2)]
            return body + nl.join(added) + nl, len(body.splitlines()) + 1
        at = _line_of_key(root, key)
        before, after = "".join(lines[: at + 1]), "".join(lines[at + 1 :])
        if not before.endswith(("\n", "\r")):
            before += nl
        return before + nl.join(items(2)) + nl + after, at + 2
    if not isinstance(node, yaml.SequenceNode):
        raise EditRefused(f"{rel}: {key}: is not a list; run ownerkit check")
    if node.flow_style:
        if node.value:
            raise EditRefused(f"{rel}: {key}: is written on one line [...]; write it as a list of - records first")
        start, end = node.start_mark.index, node.end_mark.index
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[end:line_end].rstrip("\r")
        head = text[:start].rstrip(" ") + rest
        return head + nl + nl.join(items(2)) + text[line_end:], node.start_mark.line + 2
    spaced = (
        any(not lines[item.start_mark.line - 1].strip() for item in node.value[1:] if item.start_mark.line > 0)
        and len(node.value) > 1
    )
    new_text, first = _after_last_item(text, node, ([""] if spaced else []) + items(node.start_mark.column))
    return new_text, first + (1 if spaced else 0)


def _line_of_key(root: yaml.Node | None, key: str) -> int:
    assert isinstance(root, yaml.MappingNode)
    for k, _ in root.value:
        if _scalar(k) == key:
            return k.start_mark.line
    raise EditRefused(f"no {key}: in the file")  # pragma: no cover - callers found it first


def find_person(root: yaml.Node | None, rel: str, person_id: str) -> yaml.MappingNode:
    """The mapping node of person ``person_id`` in a composed ``referrals/*.yml`` file."""
    people = _get(root, "people") if isinstance(root, yaml.MappingNode) else None
    if isinstance(people, yaml.SequenceNode):
        for item in people.value:
            if isinstance(item, yaml.MappingNode):
                pid = _get(item, "id")
                if pid is not None and _scalar(pid) == person_id:
                    if any(_scalar(k) == "<<" for k, _ in item.value):
                        raise EditRefused(f"{rel}: {person_id} merges other fields (<<:); edit it by hand")
                    return item
    raise EditRefused(f"{rel}: cannot find person {person_id} (was the file changed? run the command again)")


def _field_insert(text: str, node: yaml.MappingNode, lines_to_add: list[str]) -> tuple[str, int]:
    """``lines_to_add`` (at the record's key column) after the last line of mapping ``node``."""
    nl = _newline(text)
    lines = text.splitlines(keepends=True)
    column = node.value[0][0].start_mark.column
    last = _block_end(lines, node.value[-1][0].start_mark.line, column)
    pad = " " * column
    before = "".join(lines[: last + 1])
    if not before.endswith(("\n", "\r")):
        before += nl
    return before + "".join(pad + line + nl for line in lines_to_add) + "".join(lines[last + 1 :]), last + 2


def set_field(text: str, rel: str, person_id: str, key: str, value: str) -> tuple[str, int]:
    """``text`` with the person's ``key: value`` added, or its one-line value replaced."""
    node = find_person(_compose(text, rel), rel, person_id)
    if node.flow_style:
        raise EditRefused(f"{rel}: {person_id} is written on one line {{...}}; edit it by hand")
    existing = _get(node, key)
    if existing is None:
        return _field_insert(text, node, [f"{key}: {value}"])
    if not isinstance(existing, yaml.ScalarNode) or existing.start_mark.line != existing.end_mark.line:
        raise EditRefused(f"{rel}: {key}: of {person_id} is not a one-line value; edit it by hand")
    start, end = existing.start_mark.index, existing.end_mark.index
    return text[:start] + value + text[end:], existing.start_mark.line + 1


def remove_field(text: str, rel: str, person_id: str, key: str) -> str:
    """``text`` without the person's one-line ``key: value`` line (a date moved into a history list)."""
    node = find_person(_compose(text, rel), rel, person_id)
    found = [(k, v) for k, v in node.value if _scalar(k) == key] if isinstance(node, yaml.MappingNode) else []
    if node.flow_style or not found or found[0][0].start_mark.line != found[0][1].end_mark.line:
        raise EditRefused(f"{rel}: {key}: of {person_id} is not a one-line value; edit it by hand")
    lines = text.splitlines(keepends=True)
    line = found[0][0].start_mark.line
    return "".join(lines[:line] + lines[line + 1 :])


def append_item(text: str, rel: str, person_id: str, key: str, item: list[str]) -> tuple[str, int]:
    """``text`` with ``item`` (lines at column 0) added to the person's list ``key`` (made when missing)."""
    node = find_person(_compose(text, rel), rel, person_id)
    if node.flow_style:
        raise EditRefused(f"{rel}: {person_id} is written on one line {{...}}; edit it by hand")
    existing = _get(node, key)
    dashed = [f"- {item[0]}"] + [f"  {line}" for line in item[1:]]
    if existing is None:
        return _field_insert(text, node, [f"{key}:"] + [f"  {line}" for line in dashed])
    if not isinstance(existing, yaml.SequenceNode) or existing.flow_style or not existing.value:
        raise EditRefused(f"{rel}: {key}: of {person_id} is not a list of - items; edit it by hand")
    pad = " " * existing.start_mark.column
    return _after_last_item(text, existing, [pad + line for line in dashed])


def verify_kit(root: Path, texts: dict[str, str], today: dt.date) -> None:
    """Load the whole kit with ``texts`` (kit-relative path → new text) in place; raise if it would not load."""
    with tempfile.TemporaryDirectory(prefix="ownerkit-check-") as tmp:
        shadow = Path(tmp)
        folders = {rel.split("/", 1)[0] for rel in texts if "/" in rel}
        for entry in root.iterdir():
            if entry.name in SKIPPED or entry.name in texts:
                continue
            if entry.name in folders:
                (shadow / entry.name).mkdir()
                for inner in entry.iterdir():
                    if f"{entry.name}/{inner.name}" not in texts:
                        _link(inner, shadow / entry.name / inner.name)
            else:
                _link(entry, shadow / entry.name)
        for rel, text in texts.items():
            target = shadow / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        try:
            load_kit(shadow, today)
        except KitInvalid as exc:
            details = "; ".join(str(p) for p in exc.problems[:3])
            raise EditRefused(
                f"the kit would not load after this change, so nothing was written: {details}", tuple(exc.problems)
            ) from None


def _link(source: Path, target: Path) -> None:
    try:
        os.symlink(source.resolve(), target, target_is_directory=source.is_dir())
    except OSError:  # no symlinks here (some Windows setups): copy instead
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def write_texts(root: Path, changes: list[TextChange]) -> None:
    """Write each change under the kit's lock, refusing any file that changed since it was read.

    Each file is checked again just before it is replaced: a save the owner made
    meanwhile is kept, and the command says so.
    """
    with kit_lock(root):
        for change in changes:
            if read_text(root, change.path) != change.old:
                raise EditRefused(f"{change.path}: changed while ownerkit was working; nothing was written to it")
        for change in changes:

            def unchanged(change: TextChange = change) -> bool:
                return read_text(root, change.path) == change.old

            if not write_atomic(safe_join(root, change.path), change.new.encode("utf-8"), may_replace=unchanged):
                raise EditRefused(f"{change.path}: you saved it while ownerkit was writing; your save is kept")


# ------------------------------------------------- thank-yous and follow-ups


def add_follow_up(
    text: str, referral: Referral, day: str, document: Document | None = None
) -> tuple[str, list[int], int]:
    """``text`` with one more follow-up date on the referral; earlier dates are kept, never replaced.

    ``followed_up: 2026-03-20`` becomes ``followed_up: [2026-03-20, 2026-06-02]``; a list gets one
    more item in its own style. Returns the new text, the 1-based lines changed, and how many lines
    were added. ``document`` may have been read from an earlier ``text`` that differs from this one
    only below this referral's record (follow-ups made bottom-up): its positions up to there hold,
    and the file is not read again for each follow-up.
    """
    if document is None:
        document = Document(referral.source.path, text)
    node = document.find(referral)  # the record's own lines, parsed alone
    existing = _get(node, "followed_up")
    if existing is None:
        start, end, new, first = document.insertion(Edit(referral, "followed_up", day))
        added = len(_BREAKS.findall(new)) - len(_BREAKS.findall(text[start:end]))
        return text[:start] + new + text[end:], [first + 1 + i for i in range(max(added, 1))], added
    if isinstance(existing, yaml.ScalarNode):
        if existing.start_mark.line != existing.end_mark.line:
            raise EditRefused(f"{referral.source}: followed_up: of {referral.id} spans lines; edit it by hand")
        start, end = existing.start_mark.index, existing.end_mark.index
        return text[:start] + f"[{text[start:end]}, {day}]" + text[end:], [existing.start_mark.line + 1], 0
    if not isinstance(existing, yaml.SequenceNode) or not existing.value:
        raise EditRefused(
            f"{referral.source}: followed_up: of {referral.id} is not a date or a list; run ownerkit check"
        )
    if existing.flow_style:
        at = existing.value[-1].end_mark.index
        return text[:at] + f", {day}" + text[at:], [existing.value[-1].end_mark.line + 1], 0
    new_text, first = _after_last_item(text, existing, [" " * existing.start_mark.column + f"- {day}"])
    return new_text, [first], 1


def _thanks_then_follow_ups(
    rel: str, old: str, file_edits: list[Edit]
) -> tuple[str, list[tuple[Edit, list[int]]], dict[int, int]]:
    """The thank-yous in one sweep of the file, then each follow-up (bottom-up); the lines each edit touched,
    and how many lines were added to each record (by the line it started on)."""
    thanks = [e for e in file_edits if e.key != "followed_up"]
    text, done, _ = edit_text(rel, old, thanks) if thanks else (old, (), ())
    by_id = {e.referral.id: e for e in thanks}
    touched = [(by_id[c.referral_id], [c.first_line + i for i in range(len(c.lines))]) for c in done]
    added_above = [(by_id[c.referral_id].referral.source.line, c.added) for c in done]
    added_to = dict(added_above)
    follow_ups = sorted((e for e in file_edits if e.key == "followed_up"), key=lambda e: e.referral.source.line)
    document = Document(rel, text)  # read once: each follow-up below leaves the records above as they were
    for edit in reversed(follow_ups):  # bottom-up: the records above keep their lines
        line = edit.referral.source.line
        moved = line + sum(added for above, added in added_above if above < line)
        referral = replace(edit.referral, source=replace(edit.referral.source, line=moved))
        text, lines, inserted = add_follow_up(text, referral, str(edit.value), document)
        touched = [(e, [n + inserted if n >= lines[0] else n for n in ns]) for e, ns in touched]
        touched.append((edit, lines))
        added_to[edit.referral.source.line] = added_to.get(edit.referral.source.line, 0) + inserted
    return text, touched, added_to


def _record_lines(edits: list[Edit], added_to: dict[int, int]) -> tuple[int, ...]:
    """The line each edited record starts on in the new text: lines are only added inside edited records."""
    return tuple(
        e.referral.source.line + sum(n for line, n in added_to.items() if line < e.referral.source.line) for e in edits
    )


def plan_thanks(kit: Kit, edits: list[Edit]) -> list[FileChange]:
    """Like :func:`generator.write.yamledit.plan_edits`, with every follow-up added to the history."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.referral.source.path, []).append(edit)
    changes = []
    for rel, file_edits in by_file.items():
        old = read_text(kit.root, rel)
        if all(edit.key != "followed_up" for edit in file_edits):  # thank-yous only: one sweep of the file
            new, changed_lines, record_lines = edit_text(rel, old, file_edits)
            changes.append(FileChange(rel, old, new, changed_lines, tuple(file_edits), record_lines))
            continue
        text, touched, added_to = _thanks_then_follow_ups(rel, old, file_edits)
        new_lines = text.splitlines()
        changed = tuple(
            Changed(
                e.referral.id,
                ns[0],
                tuple(new_lines[n - 1] for n in ns),
                e.key == "followed_up" and bool(e.referral.follow_ups),
            )
            for e, ns in sorted(touched, key=lambda item: item[1][0])
        )
        changes.append(FileChange(rel, old, text, changed, tuple(file_edits), _record_lines(file_edits, added_to)))
    return changes
