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

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from generator.errors import OwnerkitError, Problem
from generator.model.records import Referral

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAK = re.compile(r"\r\n|\r|\n")
_SEPARATORS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML, not to the loader or an editor
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


def _shifted(mark: yaml.Mark, index: int, line: int) -> yaml.Mark:
    return yaml.Mark(mark.name, mark.index + index, mark.line + line, mark.column, None, 0)


class EditRefused(OwnerkitError):
    """The edit cannot be made safely; the file was left as it was.

    ``problems`` are the kit's problems with the edit in place, when that is why.
    """

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


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
    added: int = 0  # whole lines added (0 for a change within a line)


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
    """One file's text, with the mapping of each record found by the line it starts on.

    A record that is an item of a block list is parsed on its own (its lines,
    up to the next line indented no deeper than its ``-``): 200 records in a
    50 MB file cost 200 small parses. Anything else (a flow list, an alias to
    an anchor elsewhere, a parse error in the piece) parses the whole file once.
    """

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text
        found = _BREAK.search(text)
        self.newline = found.group() if found else "\n"
        self.starts = _line_starts(text)
        self.by_line: dict[int, list[yaml.MappingNode]] | None = None  # the whole file, once needed
        self.uses: dict[int, int] = {}
        self._steps: dict[str, int | None] = {}

    def _compose(self, text: str) -> yaml.Node | None:
        return yaml.compose(_SEPARATORS.sub(" ", text), Loader=_LOADER)  # same length: marks stay valid

    def _whole(self) -> dict[int, list[yaml.MappingNode]]:
        if self.by_line is None:
            root = self._compose(self.text)
            if root is None:
                raise EditRefused(f"{self.rel}: the file is empty")
            self.by_line = {}
            for node in _walk(root):
                self.uses[id(node)] = self.uses.get(id(node), 0) + 1
                if isinstance(node, yaml.MappingNode):
                    self.by_line.setdefault(node.start_mark.line + 1, []).append(node)
        return self.by_line

    def piece(self, line: int) -> tuple[int, str] | None:
        """``(offset, text)`` of the block-list item whose mapping starts on ``line`` (from 1): its own lines,
        up to the next line indented no deeper than its ``-``. None when it is not such an item, or when an
        alias is in it or points to it (then only the whole file tells how often it is used)."""
        first = line - 1
        if not 0 <= first < len(self.starts):
            return None
        head = self.line(first)
        dash = len(head) - len(head.lstrip(" "))
        if not head.lstrip(" ").startswith("-"):
            return None
        end = first + 1
        while end < len(self.starts):
            body = self.line(end)
            content = body.lstrip(" ")
            if content and not content.startswith("#") and len(body) - len(content) <= dash:
                break
            end += 1
        start_at = self.starts[first]
        piece = self.text[start_at : self.starts[end] if end < len(self.starts) else len(self.text)]
        anchors = _ANCHOR.findall(piece)
        if "*" in piece or any(re.search(rf"\*{re.escape(name)}(?![^\s,\]}}])", self.text) for name in anchors):
            return None
        return start_at, piece

    def _piece(self, line: int) -> list[yaml.MappingNode] | None:
        """The mapping starting on ``line`` (from 1), parsed from its own lines; None when that is not safe."""
        found = self.piece(line)
        if found is None:
            return None
        start_at, piece = found
        try:
            root = self._compose(piece)
        except yaml.YAMLError:
            return None
        if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
            return None
        for node in _walk(root):
            node.start_mark = _shifted(node.start_mark, start_at, line - 1)
            node.end_mark = _shifted(node.end_mark, start_at, line - 1)
        item = root.value[0]
        return [item] if isinstance(item, yaml.MappingNode) and item.start_mark.line + 1 == line else None

    def block_step(self, key: str) -> int | None:
        """If the file writes ``key`` as a block mapping already, its inner indentation step."""
        if key not in self._steps:
            pattern = (
                rf"(?:\A|(?<=[\r\n]))( *(?:- +)?){re.escape(key)}:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)"
                r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*( +)[^\s-]"
            )
            # the pattern can start anywhere, so look for the key first (a literal is found fast): the
            # first match cannot start before the line of the first ``key:`` followed by a line break
            near = re.search(rf"{re.escape(key)}:[ \t]*(?:#[^\r\n]*)?[\r\n]", self.text)
            found = re.compile(pattern).search(self.text, self._line_start(near.start())) if near else None
            step = len(found.group(2)) - len(found.group(1)) if found else 0
            self._steps[key] = step if step > 0 else None
        return self._steps[key]

    def _line_start(self, index: int) -> int:
        return max(self.text.rfind("\n", 0, index), self.text.rfind("\r", 0, index)) + 1

    def line(self, number: int) -> str:
        """Line ``number`` (from 0) without its line break."""
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number] : end].rstrip("\r\n")

    def find(self, referral: Referral) -> yaml.MappingNode:
        """The mapping node of ``referral``."""
        found = []
        nodes = self._piece(referral.source.line) if self.by_line is None else None
        if nodes is None:
            nodes = self._whole().get(referral.source.line, [])
        for node in nodes:
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
        step = self.block_step(key) if isinstance(value, dict) else None
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


_LINE = re.compile(r"[^\n]*\n")  # each line with its line feed: their lengths add up to where lines start


def _line_starts(text: str) -> list[int]:
    """Where each line starts (``\r\n``, ``\r`` and ``\n`` end a line); without a ``\r``, at C speed."""
    if "\r" in text:
        return [0, *(m.end() for m in _BREAK.finditer(text))]
    return list(itertools.accumulate(map(len, _LINE.findall(text)), initial=0))


def _flow(value: dict[str, str] | str) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return value


def edit_text(rel: str, text: str, edits: list[Edit]) -> tuple[str, tuple[Changed, ...], tuple[int, ...]]:
    """``text`` with every edit made (one sweep), the lines each edit added or changed, and the line each
    edited record starts on in the new text (in the order of ``edits``)."""
    document = Document(rel, text)
    planned = sorted(((document.insertion(edit), edit) for edit in edits), key=lambda item: item[0][0])
    pieces: list[str] = []
    changed: list[Changed] = []
    moved: dict[int, int] = {}
    at = 0
    lines_added = 0
    for (start, end, new, first_line), edit in planned:
        moved[id(edit)] = edit.referral.source.line + lines_added
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
        whole = len(new_lines) if start == end and new.endswith(document.newline) else 0
        changed.append(Changed(edit.referral.id, first_line + 1 + lines_added, shown, edit.replace, whole))
        lines_added += whole
    pieces.append(text[at:])
    return "".join(pieces), tuple(changed), tuple(moved[id(edit)] for edit in edits)
