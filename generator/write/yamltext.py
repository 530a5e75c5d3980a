"""Adding fields to records in a YAML file's text, in one pass, touching nothing else.

A round-trip through a YAML library would re-indent the file and re-flow its
flow mappings, so the edit is made on the text instead: the parser's node
marks say exactly where a record's last value ends, and one new line (or, in a
flow mapping, one ``, key: value``) goes there. The file is parsed once
(libyaml where present) whatever the number of records edited, and every
insertion is made in one sweep, so 200 records in a 50 MB file cost one parse.
Every other byte stays as it was: comments, key order, flow style, anchors,
indentation, and line endings (``\\n``, ``\\r\\n`` or a lone ``\\r``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from generator.errors import OwnerkitError
from generator.model.records import Referral

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAK = re.compile(r"\r\n|\r|\n")
_SEPARATORS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML, not to the loader or an editor


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


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in node.value:
        if _scalar(k) == key:
            return v
    return None


def _walk(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node, depth first, without recursion (an alias's node comes once per use)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


class Document:
    """One file's text, parsed once, with its mappings indexed by the line they start on."""

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text
        found = _BREAK.search(text)
        self.newline = found.group() if found else "\n"
        root = yaml.compose(_SEPARATORS.sub(" ", text), Loader=_LOADER)  # same length: marks stay valid
        if root is None:
            raise EditRefused(f"{rel}: the file is empty")
        self.root = root
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self.by_line: dict[int, list[yaml.MappingNode]] = {}
        self.uses: dict[int, int] = {}
        self.block_steps: dict[str, int] = {}
        for node in _walk(root):
            self.uses[id(node)] = self.uses.get(id(node), 0) + 1
            if isinstance(node, yaml.MappingNode):
                self.by_line.setdefault(node.start_mark.line + 1, []).append(node)
                for k, v in node.value:
                    key = _scalar(k)
                    block = isinstance(v, yaml.MappingNode) and v.value and not v.flow_style
                    if key and block and key not in self.block_steps:
                        self.block_steps[key] = v.value[0][0].start_mark.column - k.start_mark.column

    def line(self, number: int) -> str:
        """Line ``number`` (from 0) without its line break."""
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number] : end].rstrip("\r\n")

    def find(self, referral: Referral) -> yaml.MappingNode:
        """The mapping node of ``referral``."""
        found = []
        for node in self.by_line.get(referral.source.line, ()):
            when, who, explicit = _get(node, "date"), _get(node, "from"), _get(node, "id")
            if when is None or who is None:
                continue
            if _scalar(when) != referral.date.isoformat() or _scalar(who) != referral.from_id:
                continue
            if explicit is not None and _scalar(explicit) != referral.id:
                continue
            found.append(node)
        unique = list({id(n): n for n in found}.values())
        where = f"{self.rel}:{referral.source.line}"
        if len(unique) != 1:
            raise EditRefused(
                f"{where}: cannot find referral {referral.id} in the file as loaded"
                " (was the file changed since? run the command again)"
            )
        node = unique[0]
        if self.uses.get(id(node), 0) > 1:
            raise EditRefused(
                f"{where}: referral {referral.id} is used in more than one place (an anchor and *alias);"
                " edit it by hand"
            )
        if any(_scalar(k) == "<<" for k, _ in node.value):
            raise EditRefused(f"{where}: referral {referral.id} merges other fields (<<:); edit it by hand")
        return node

    def insertion(self, edit: Edit) -> tuple[int, int, str, int]:
        """``(start, end, new text, line of the first changed line from 0)`` for one edit."""
        referral, key, value = edit.referral, edit.key, edit.value
        where = f"{self.rel}:{referral.source.line}"
        node = self.find(referral)
        existing = _get(node, key)
        if existing is not None:
            if not edit.replace or not isinstance(existing, yaml.ScalarNode) or isinstance(value, dict):
                raise EditRefused(f"{where}: referral {referral.id} already has {key}:")
            if existing.start_mark.line != existing.end_mark.line:
                raise EditRefused(f"{where}: {key}: of {referral.id} spans lines; edit it by hand")
            return existing.start_mark.index, existing.end_mark.index, str(value), existing.start_mark.line
        last_value = node.value[-1][1]
        if node.flow_style:
            at = last_value.end_mark.index
            return at, at, f", {key}: {_flow(value)}", last_value.end_mark.line
        column = node.value[0][0].start_mark.column
        last = self._last_line(last_value, column)
        pad = " " * column
        step = self.block_steps.get(key) if isinstance(value, dict) else None
        if step and isinstance(value, dict):
            added = [f"{pad}{key}:"] + [f"{pad}{' ' * step}{k}: {v}" for k, v in value.items()]
        else:
            added = [f"{pad}{key}: {_flow(value)}"]
        at = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.text)
        lead = self.newline if at == len(self.text) and self.text and not self.text.endswith(("\n", "\r")) else ""
        return at, at, lead + "".join(line + self.newline for line in added), last + 1

    def _last_line(self, last_value: yaml.Node, column: int) -> int:
        """The last line (from 0) of a record's last value."""
        last = last_value.end_mark.line
        if last_value.end_mark.column == 0 and last > last_value.start_mark.line:
            last -= 1
        if last_value.start_mark.line == last and isinstance(last_value, yaml.ScalarNode):
            return last
        # a multi-line value: its lines are those indented deeper than the key (or blank)
        last = last_value.start_mark.line
        for number in range(last_value.start_mark.line + 1, len(self.starts)):
            line = self.line(number)
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip(" "))
            if indent > column or (
                isinstance(last_value, yaml.SequenceNode) and indent == column and line.lstrip().startswith("-")
            ):
                last = number
                continue
            break
        return last


def _flow(value: dict[str, str] | str) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return value


def edit_text(rel: str, text: str, edits: list[Edit]) -> tuple[str, tuple[Changed, ...]]:
    """``text`` with every edit made (one parse, one sweep), and the lines each edit added or changed."""
    document = Document(rel, text)
    planned = sorted(((document.insertion(edit), edit) for edit in edits), key=lambda item: item[0][0])
    pieces: list[str] = []
    changed: list[Changed] = []
    at = 0
    lines_added = 0
    for (start, end, new, first_line), edit in planned:
        if start < at:
            raise EditRefused(f"{rel}: two edits overlap; record them one at a time")
        pieces.append(text[at:start])
        pieces.append(new)
        at = end
        new_lines = [line for line in _BREAK.split(new) if line]
        if start == end and new.endswith(document.newline):  # whole new lines
            shown = tuple(new_lines)
        else:  # a change within a line: show the whole line as it now reads
            line = document.line(first_line)
            offset = start - document.starts[first_line]
            shown = (line[:offset] + new + line[offset + (end - start) :],)
        changed.append(Changed(edit.referral.id, first_line + 1 + lines_added, shown, edit.replace))
        if start == end and new.endswith(document.newline):
            lines_added += len(new_lines)
    pieces.append(text[at:])
    return "".join(pieces), tuple(changed)
