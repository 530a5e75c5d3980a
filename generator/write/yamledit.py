"""Careful edits of the owner's YAML: add one field to one record, touch nothing else.

``ownerkit thanked`` records ``thanked: {date, how}`` (or ``followed_up:``) in
the file that holds the referral. A round-trip through a YAML library would
re-indent the file and re-flow its flow mappings, so the edit is made on the
text instead: PyYAML's node marks say exactly where the record's last value
ends, and one new line (or, in a flow mapping, one ``, key: value``) goes there.
Every other byte of the file stays as it was: comments, key order, flow style,
anchors, indentation, line endings.

Before anything is written the whole kit is loaded again with the edited file
in place; if it would not load, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import KitInvalid, OwnerkitError
from generator.load.kit import load_kit
from generator.model.records import Kit, Referral
from generator.write.files import safe_join, write_atomic


class EditRefused(OwnerkitError):
    """The edit cannot be made safely; the file was left as it was."""


@dataclass(frozen=True)
class Edit:
    """One field added to one referral."""

    referral: Referral
    key: str  # "thanked" or "followed_up"
    value: dict[str, str] | str  # {"date": ..., "how": ...} or a date
    replace: bool = False  # a later follow-up replaces an earlier followed_up: date


@dataclass(frozen=True)
class Changed:
    """The lines one edit added or changed, as they stand in the new file."""

    referral_id: str
    first_line: int
    lines: tuple[str, ...]
    replaced: bool


@dataclass(frozen=True)
class FileChange:
    path: str  # kit-relative
    old: str
    new: str
    changed: tuple[Changed, ...]


def _walk(node: yaml.Node, parents: tuple[yaml.Node, ...] = ()) -> Iterator[tuple[yaml.Node, tuple[yaml.Node, ...]]]:
    yield node, parents
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(key, (*parents, node))
            yield from _walk(value, (*parents, node))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, (*parents, node))


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in node.value:
        if _scalar(k) == key:
            return v
    return None


def find_record(root: yaml.Node, referral: Referral) -> yaml.MappingNode:
    """The mapping node of ``referral`` in a composed file."""
    found = []
    seen: dict[int, int] = {}
    for node, _ in _walk(root):
        seen[id(node)] = seen.get(id(node), 0) + 1
        if not isinstance(node, yaml.MappingNode) or node.start_mark.line + 1 != referral.source.line:
            continue
        when, who = _get(node, "date"), _get(node, "from")
        if (
            when is None
            or who is None
            or _scalar(when) != referral.date.isoformat()
            or _scalar(who) != referral.from_id
        ):
            continue
        explicit = _get(node, "id")
        if explicit is not None and _scalar(explicit) != referral.id:
            continue
        found.append(node)
    unique = list({id(n): n for n in found}.values())
    if len(unique) != 1:
        raise EditRefused(
            f"{referral.source}: cannot find referral {referral.id} in the file as loaded"
            " (was the file changed since? run the command again)"
        )
    node = unique[0]
    if seen.get(id(node), 0) > 1:
        raise EditRefused(
            f"{referral.source}: referral {referral.id} is used in more than one place (an anchor and *alias);"
            " edit it by hand"
        )
    if any(_scalar(k) == "<<" for k, _ in node.value):
        raise EditRefused(f"{referral.source}: referral {referral.id} merges other fields (<<:); edit it by hand")
    return node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _flow(value: dict[str, str] | str) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return value


def _block_style(root: yaml.Node, key: str) -> int | None:
    """If the file writes ``key`` as a block mapping already, its inner indentation step."""
    for node, _ in _walk(root):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if _scalar(k) == key and isinstance(v, yaml.MappingNode) and not v.flow_style and v.value:
                    return v.value[0][0].start_mark.column - k.start_mark.column
    return None


def add_field(
    text: str, referral: Referral, key: str, value: dict[str, str] | str, replace: bool = False
) -> tuple[str, list[int], int]:
    """``text`` with ``key: value`` added to the referral's record (or, with ``replace``, a one-line scalar
    value of ``key`` replaced).

    Also returns the 1-based numbers of the lines added or changed, and how many lines were added.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise EditRefused(f"{referral.source.path}: the file is empty")
    node = find_record(root, referral)
    existing = _get(node, key)
    if existing is not None:
        if not replace or not isinstance(existing, yaml.ScalarNode) or isinstance(value, dict):
            raise EditRefused(f"{referral.source}: referral {referral.id} already has {key}:")
        if existing.start_mark.line != existing.end_mark.line:
            raise EditRefused(f"{referral.source}: {key}: of {referral.id} spans lines; edit it by hand")
        start, end = existing.start_mark.index, existing.end_mark.index
        return text[:start] + value + text[end:], [existing.start_mark.line + 1], 0
    last_value = node.value[-1][1]
    if node.flow_style:
        at = last_value.end_mark.index
        new = text[:at] + f", {key}: {_flow(value)}" + text[at:]
        return new, [last_value.end_mark.line + 1], 0

    column = node.value[0][0].start_mark.column
    lines = text.splitlines(keepends=True)
    last = last_value.end_mark.line  # 0-based
    if last_value.end_mark.column == 0 and last > last_value.start_mark.line:
        last -= 1
    if last_value.start_mark.line != last or not isinstance(last_value, yaml.ScalarNode):
        # a multi-line value: its lines are those indented deeper than the key (or blank)
        last = last_value.start_mark.line
        for number in range(last_value.start_mark.line + 1, len(lines)):
            line = lines[number]
            if not line.strip():
                continue
            if _indent(line) > column or (
                isinstance(last_value, yaml.SequenceNode) and _indent(line) == column and line.lstrip().startswith("-")
            ):
                last = number
                continue
            break
    pad = " " * column
    step = _block_style(root, key) if isinstance(value, dict) else None
    if step:
        added = [f"{pad}{key}:"] + [f"{pad}{' ' * step}{k}: {v}" for k, v in value.items()]  # type: ignore[union-attr]
    else:
        added = [f"{pad}{key}: {_flow(value)}"]
    before = "".join(lines[: last + 1])
    if before and not before.endswith(("\n", "\r")):
        before += newline
    new = before + "".join(line + newline for line in added) + "".join(lines[last + 1 :])
    return new, [last + 2 + i for i in range(len(added))], len(added)


def plan_edits(kit: Kit, edits: list[Edit]) -> list[FileChange]:
    """The new text of every file the edits touch (nothing is written)."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.referral.source.path, []).append(edit)
    changes = []
    for rel, file_edits in by_file.items():
        path = safe_join(kit.root, rel)
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            raise EditRefused(f"{rel}: starts with a byte-order mark; save it as plain UTF-8 first")
        old = raw.decode("utf-8")
        text = old
        touched: list[tuple[Edit, list[int]]] = []
        # bottom-up, so that earlier records keep their line numbers
        for edit in sorted(file_edits, key=lambda e: e.referral.source.line, reverse=True):
            text, lines, inserted = add_field(text, edit.referral, edit.key, edit.value, edit.replace)
            touched = [(e, [n + inserted if n >= lines[0] else n for n in ns]) for e, ns in touched]
            touched.append((edit, lines))
        new_lines = text.splitlines()
        changed = tuple(
            Changed(e.referral.id, ns[0], tuple(new_lines[n - 1] for n in ns), e.replace)
            for e, ns in sorted(touched, key=lambda item: item[1][0])
        )
        changes.append(FileChange(rel, old, text, changed))
    return changes


def verify(kit: Kit, changes: list[FileChange], today: dt.date) -> None:
    """Load the whole kit with the changed files in place; raise if it would not load."""
    with tempfile.TemporaryDirectory(prefix="ownerkit-check-") as tmp:
        shadow = Path(tmp)
        changed = {c.path: c.new for c in changes}
        for entry in kit.root.iterdir():
            if entry.name in ("referrals", "site", "letters", "private", ".git"):
                continue
            _link(entry, shadow / entry.name)
        referrals = kit.root / "referrals"
        (shadow / "referrals").mkdir()
        for entry in referrals.iterdir():
            rel = f"referrals/{entry.name}"
            if rel in changed:
                (shadow / rel).write_bytes(changed[rel].encode("utf-8"))
            else:
                _link(entry, shadow / rel)
        try:
            load_kit(shadow, today)
        except KitInvalid as exc:
            details = "; ".join(str(p) for p in exc.problems[:3])
            raise EditRefused(f"the kit would not load after this change, so nothing was written: {details}") from None


def _link(source: Path, target: Path) -> None:
    try:
        os.symlink(source.resolve(), target, target_is_directory=source.is_dir())
    except OSError:  # no symlinks here (some Windows setups): copy instead
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def apply_changes(kit: Kit, changes: list[FileChange]) -> None:
    for change in changes:
        path = safe_join(kit.root, change.path)
        if path.read_bytes().decode("utf-8") != change.old:
            raise EditRefused(f"{change.path}: changed while ownerkit was working; nothing was written to it")
        write_atomic(path, change.new.encode("utf-8"))
