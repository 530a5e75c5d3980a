"""Reading the owner's YAML and Markdown files, keeping line numbers.

Mappings come back as :class:`MarkedMap` and sequences as :class:`MarkedList`;
both remember where each key and value stood so that validation can point at
the exact line. Dates stay strings here: the field rules parse them, so that
``2026-02-30`` becomes a clear message rather than a crash. PyYAML's C parser
is used where present.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from generator.errors import Problem

try:  # the C parser is several times faster; the constructor stays ours
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    HAVE_LIBYAML = False

BOM = b"\xef\xbb\xbf"
Mark = tuple[int, int]  # (line, column), both counted from 1


class MarkedMap(dict[str, Any]):
    """A YAML mapping that knows where it, its keys and its values stand."""

    line: int = 0
    col: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}
        self.duplicates: list[tuple[str, Mark]] = []

    def mark(self, key: str) -> Mark:
        """Where the value of ``key`` stands, else the key, else the mapping."""
        return self.value_marks.get(key) or self.key_marks.get(key) or (self.line, self.col)


class MarkedList(list[Any]):
    """A YAML sequence that knows where it and each item stand."""

    line: int = 0
    col: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_marks: list[Mark] = []

    def mark(self, index: int) -> Mark:
        if 0 <= index < len(self.item_marks):
            return self.item_marks[index]
        return (self.line, self.col)


class _Resolver(Resolver):
    """YAML 1.1 resolution without timestamps: dates are parsed by our rules."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.copy().items()
}


def _mark_of(loader: Any, node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1 + loader.line_offset, node.start_mark.column + 1)


def _construct_map(loader: Any, node: yaml.MappingNode) -> Any:
    data = MarkedMap()
    data.line, data.col = _mark_of(loader, node)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=False)
        if not isinstance(key, str):
            key = str(key)
        mark = _mark_of(loader, key_node)
        if key in data:
            data.duplicates.append((key, mark))
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_marks[key] = mark
        data.value_marks[key] = _mark_of(loader, value_node)


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> Any:
    data = MarkedList()
    data.line, data.col = _mark_of(loader, node)
    yield data
    for child in node.value:
        data.append(loader.construct_object(child, deep=False))
        data.item_marks.append(_mark_of(loader, child))


if HAVE_LIBYAML:

    class _Loader(_Parser, SafeConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str, line_offset: int = 0) -> None:
            _Parser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)
            self.line_offset = line_offset

else:  # pragma: no cover

    class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, _Resolver):  # type: ignore[no-redef,misc]
        def __init__(self, stream: str, line_offset: int = 0) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)
            self.line_offset = line_offset


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


@dataclass
class SourceText:
    """A file's text, or the problems that kept it from being read."""

    rel: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_FIELD_AT = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")  # the field a line sets


def read_source(path: Path, rel: str) -> SourceText:
    """Read ``path`` as UTF-8, reporting an empty file, a BOM or bad bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceText(rel, None, [Problem(rel, message=f"cannot read the file: {exc.strerror}")])
    problems: list[Problem] = []
    if data.startswith(BOM):
        problems.append(
            Problem(rel, 1, 1, message="the file starts with a byte-order mark", hint="save it as UTF-8 without BOM")
        )
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bad_line = data[before.rfind(b"\n") + 1 :].split(b"\n", 1)[0].decode("utf-8", "replace")
        found = _FIELD_AT.match(bad_line)
        problems.append(
            Problem(
                rel,
                line,
                col,
                found.group(1) if found else "",
                f"byte 0x{data[exc.start]:02x} is not UTF-8",
                "save the file as UTF-8 in your editor",
            )
        )
        return SourceText(rel, None, problems)
    if "\r" in text:  # saved on Windows (or an old Mac): lines and columns stay the same
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.append(Problem(rel, message="the file is empty", hint="add content or delete the file"))
        return SourceText(rel, None, problems)
    return SourceText(rel, text, problems)


def tab_problems(rel: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Tabs used for indentation: YAML only allows spaces."""
    problems = []
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1 + line_offset
        col = match.end() - match.start()
        end = text.find("\n", match.start())
        found = _FIELD_AT.match(text[match.start() : None if end < 0 else end])
        problems.append(
            Problem(
                rel,
                line,
                col,
                found.group(1) if found else "",
                "a tab is used for indentation",
                "YAML indents with spaces only",
            )
        )
    return problems


def parse_yaml(rel: str, text: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its data (``None`` on failure) and problems."""
    tabs = tab_problems(rel, text, line_offset)
    if tabs:
        return None, tabs
    try:
        if HAVE_LIBYAML:
            try:
                return _EventBuilder(text, line_offset).build(), []
            except _Unusual:
                pass  # anchors, tags, merge keys, several documents: the general way below
        return _load_general(text, line_offset), []
    except yaml.MarkedYAMLError as exc:
        return None, [yaml_error_problem(rel, text, line_offset, exc)]
    except RecursionError:
        return None, [
            Problem(
                rel, message="values are nested hundreds of levels deep", hint="a record needs a few levels at most"
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are caught earlier
        return None, [Problem(rel, message=f"YAML: {exc}")]


def _load_general(text: str, line_offset: int) -> Any:
    loader = _Loader(text, line_offset)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


# ------------------------------------------------------------ the fast path
#
# Composing nodes and running PyYAML's constructor costs several times more
# than the C parser itself. Plain documents (no anchors, aliases, explicit tags,
# merge keys or complex keys; one document) are built straight from the C
# parser's events into the same MarkedMap/MarkedList values, with the same
# marks. Anything else raises _Unusual and takes the general path above, so
# results and messages are the same either way.


class _Unusual(Exception):
    """The document needs PyYAML's general composer and constructor."""


_STR = "tag:yaml.org,2002:str"
_SCALAR_CACHE: dict[str, Any] = {}
_SCALAR_CACHE_LIMIT = 200_000
_RESOLVER = _Resolver()
_CONSTRUCTOR = SafeConstructor()
_CONVERT = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}
_MISSING = object()


def _plain_scalar(value: str) -> Any:
    """The Python value of a plain (unquoted) scalar, as the general path gives it."""
    found = _SCALAR_CACHE.get(value, _MISSING)
    if found is not _MISSING:
        return found
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR:
        result: Any = value
    elif tag in _CONVERT:
        result = _CONVERT[tag](yaml.ScalarNode(tag, value))
    else:  # e.g. '<<' (merge) or '=' (value): leave them to the general path
        raise _Unusual(tag)
    if len(_SCALAR_CACHE) >= _SCALAR_CACHE_LIMIT:
        _SCALAR_CACHE.clear()
    _SCALAR_CACHE[value] = result
    return result


if HAVE_LIBYAML:
    from yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    class _EventBuilder:
        def __init__(self, text: str, line_offset: int) -> None:
            self.parser = _Parser(text)
            self.next: Callable[[], Any] = self.parser.get_event
            self.offset = line_offset + 1

        def build(self) -> Any:
            try:
                self.next()  # stream start
                event = self.next()
                if type(event) is StreamEndEvent:
                    return None
                data = self.node(self.next())
                self.next()  # document end
                if type(self.next()) is not StreamEndEvent:
                    raise _Unusual("several documents")
                return data
            finally:
                self.parser.dispose()

        def scalar(self, event: Any) -> Any:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor or tag")
            if event.implicit[0]:
                return _plain_scalar(event.value)
            return event.value

        def node(self, event: Any) -> Any:
            kind = type(event)
            if kind is ScalarEvent:
                return self.scalar(event)
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor, alias or tag")
            if kind is MappingStartEvent:
                return self.mapping(event)
            if kind is SequenceStartEvent:
                return self.sequence(event)
            raise _Unusual(kind.__name__)

        def mapping(self, start: Any) -> MarkedMap:
            # The hot loop of a large kit: scalars are handled inline.
            data = MarkedMap()
            offset = self.offset
            data.line, data.col = start.start_mark.line + offset, start.start_mark.column + 1
            key_marks, value_marks, duplicates = data.key_marks, data.value_marks, data.duplicates
            next_event, node, cached = self.next, self.node, _SCALAR_CACHE.get
            while True:
                event = next_event()
                if type(event) is not ScalarEvent:
                    if type(event) is MappingEndEvent:
                        return data
                    raise _Unusual("a complex key")
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual("anchor or tag")
                key = event.value
                if event.implicit[0]:
                    key = cached(key, _MISSING)
                    if key is _MISSING:
                        key = _plain_scalar(event.value)
                    if type(key) is not str:
                        key = str(key)
                mark: Any = event.start_mark
                key_mark = (mark.line + offset, mark.column + 1)
                event = next_event()
                if type(event) is ScalarEvent:
                    if event.anchor is not None or event.tag is not None:
                        raise _Unusual("anchor or tag")
                    value = event.value
                    if event.implicit[0]:
                        value = cached(value, _MISSING)
                        if value is _MISSING:
                            value = _plain_scalar(event.value)
                else:
                    value = node(event)
                if key in data:
                    duplicates.append((key, key_mark))
                data[key] = value
                key_marks[key] = key_mark
                mark = event.start_mark
                value_marks[key] = (mark.line + offset, mark.column + 1)

        def sequence(self, start: Any) -> MarkedList:
            data = MarkedList()
            offset = self.offset
            data.line, data.col = start.start_mark.line + offset, start.start_mark.column + 1
            marks = data.item_marks
            next_event, node = self.next, self.node
            while True:
                event = next_event()
                if type(event) is SequenceEndEvent:
                    return data
                data.append(node(event))
                marks.append((event.start_mark.line + offset, event.start_mark.column + 1))


def yaml_error_problem(rel: str, text: str, line_offset: int, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML error in the owner's words, at the line where the fix goes and naming the field there."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line, mark.column) if mark is not None else None  # counted from 0
    lines = text.splitlines()
    if isinstance(exc, ConstructorError):
        message, hint = f"unsupported YAML: {problem or context}", "write plain values without ! tags"
    elif "quoted scalar" in context and exc.context_mark is not None:
        at = (exc.context_mark.line, exc.context_mark.column)  # where the quote opens, not the end of the file
        message, hint = "YAML syntax: a quoted value is never closed", "add the closing quote on the same line"
    elif "flow mapping" in context or "flow sequence" in context:
        opened, closer = ("{", "}") if "mapping" in context else ("[", "]")
        if exc.context_mark is not None:
            at = (exc.context_mark.line, exc.context_mark.column)
        message = f"YAML syntax: the {opened} that starts here is never closed"
        hint = f"close it with {closer}, and put values containing commas or {closer} in quotes"
    elif "mapping values are not allowed" in problem and at is not None:
        if _first_colon(lines, *at):
            at = (at[0], len(lines[at[0]]) - len(lines[at[0]].lstrip()))  # the line's first character
            message = "YAML syntax: this line is indented more than the field above it"
            hint = "fields of one record start in the same column"
        else:
            message = "YAML syntax: a value contains ': '"
            hint = "put the whole value in double quotes"
    elif "flow node" in context and "node content" in problem and at is not None:
        # an unclosed [ or { running into the end of the file: point at the last line that opens one
        opener = next((n for n in range(min(at[0], len(lines) - 1), -1, -1) if re.search(r"[\[{]", lines[n])), None)
        if opener is not None:
            at = (opener, max(lines[opener].rfind("["), lines[opener].rfind("{")))
        message = "YAML syntax: a [ or { is never closed"
        hint = "close it with ] or } on the same line, and put values containing commas in quotes"
    elif "block sequence entries are not allowed" in problem:
        message = "YAML syntax: a list item (- ...) cannot start on the same line as its field"
        hint = "put each - item on its own line below the field, indented"
    elif "did not find expected key" in problem:
        message = "YAML syntax: unexpected text after the value"
        hint = "put the whole value in quotes, or remove what follows it"
    elif "undefined alias" in problem:
        message, hint = "YAML syntax: a value starts with *", "put the whole value in quotes"
    elif "another document" in problem:
        message = "YAML syntax: a line --- starts a second document in this file"
        hint = "remove the --- line; one file holds one set of records"
    elif "cannot start any token" in problem and at is not None and at[0] < len(lines) and at[1] < len(lines[at[0]]):
        message = f"YAML syntax: a value cannot start with {lines[at[0]][at[1]]}"
        hint = "put the whole value in quotes"
    elif "could not find expected ':'" in problem:
        if "simple key" in context and exc.context_mark is not None:
            at = (exc.context_mark.line, exc.context_mark.column)  # the line without a colon
        message, hint = (
            "YAML syntax: this line is not 'field: value'",
            "each line needs a field name, a colon and a value; to continue the value above, indent this line",
        )
    elif "expected <block end>" in problem or "block collection" in context:
        message = "YAML syntax: this line does not line up with the lines above"
        hint = "check its indentation against the field above it"
    else:
        message, hint = f"YAML syntax: {problem or context or 'not valid YAML'}", ""
    if at is None:
        return Problem(rel, 0, 0, "", message, hint)
    found = _FIELD_AT.match(lines[at[0]]) if 0 <= at[0] < len(lines) else None
    return Problem(rel, at[0] + 1 + line_offset, at[1] + 1, found.group(1) if found else "", message, hint)


def _first_colon(lines: list[str], line: int, column: int) -> bool:
    """Whether the ':' at ``column`` is the line's first 'key:' (rather than one inside a value)."""
    if not 0 <= line < len(lines):
        return False
    before = lines[line][:column]
    return ": " not in before and not before.rstrip().endswith(":")


def duplicate_key_problems(rel: str, data: MarkedMap) -> list[Problem]:
    return [
        Problem(rel, line, col, key, "this field appears twice in the same record", "keep one")
        for key, (line, col) in data.duplicates
    ]
