"""Parsing the owner's YAML, keeping line numbers.

Mappings come back as :class:`MarkedMap` and sequences as :class:`MarkedList`;
both remember where each key and value stood so that validation can point at
the exact line. Dates stay strings here: the field rules parse them, so that
``2026-02-30`` becomes a clear message rather than a crash. PyYAML's C parser
is used where present (:mod:`generator.load.yamlfast`); reading the file's
bytes is :mod:`generator.load.sourcefile`, and turning PyYAML's errors into
messages is :mod:`generator.load.yamlerrors`.

Aliases (``*name``) are counted before anything is built: one that would repeat
more than :data:`ALIAS_LIMIT` values (a "billion laughs") is reported at the
alias's own line, and the file is not built at all.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

from generator.errors import Problem
from generator.load.marked import DateFreeResolver, Mark, MarkedList, MarkedMap
from generator.load.sourcefile import BOM, SourceText, field_at, read_source
from generator.load.yamlerrors import yaml_error_problem
from generator.load.yamlfast import HAVE_LIBYAML, Unusual

__all__ = [
    "BOM",
    "Mark",
    "MarkedList",
    "MarkedMap",
    "SourceText",
    "parse_yaml",
    "read_source",
    "tab_problems",
    "yaml_error_problem",
]

ALIAS_LIMIT = 100_000  # values that aliases may repeat in one file

if HAVE_LIBYAML:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    from generator.load.yamlfast import EventBuilder
else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner


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


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # thousands of digits: the field's rule reports the text
        return node.value


if HAVE_LIBYAML:

    class _Loader(_Parser, SafeConstructor, DateFreeResolver):  # type: ignore[misc]
        def __init__(self, stream: str, line_offset: int = 0) -> None:
            _Parser.__init__(self, stream)
            SafeConstructor.__init__(self)
            DateFreeResolver.__init__(self)
            self.line_offset = line_offset

else:  # pragma: no cover

    class _Loader(Reader, Scanner, Parser, Composer, SafeConstructor, DateFreeResolver):  # type: ignore[no-redef,misc]
        def __init__(self, stream: str, line_offset: int = 0) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            DateFreeResolver.__init__(self)
            self.line_offset = line_offset


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def tab_problems(rel: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Tabs used for indentation: YAML only allows spaces."""
    problems = []
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1 + line_offset
        col = match.end() - match.start()
        end = text.find("\n", match.start())
        found = field_at(text[match.start() : None if end < 0 else end])
        problems.append(
            Problem(rel, line, col, found, "a tab is used for indentation", "YAML indents with spaces only")
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
                return EventBuilder(text, line_offset).build(), []
            except Unusual:
                pass  # anchors, tags, merge keys, several documents: the general way below
        aliases = alias_problems(rel, text, line_offset)
        if aliases:
            return None, aliases
        return _load_general(text, line_offset), []
    except yaml.MarkedYAMLError as exc:
        return None, [yaml_error_problem(rel, text, line_offset, exc)]
    except RecursionError:
        return None, [
            Problem(
                rel, message="values are nested hundreds of levels deep", hint="a record needs a few levels at most"
            )
        ]
    except yaml.YAMLError as exc:  # reader errors: control characters are reported before parsing
        return None, [Problem(rel, message=f"YAML: {exc}")]


def _load_general(text: str, line_offset: int) -> Any:
    loader = _Loader(text, line_offset)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def alias_problems(rel: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Aliases that repeat too much (or the value they stand in), found from the parser's events alone.

    Each anchored value's size (the values it holds, aliases expanded) is known
    when it closes; every alias adds its anchor's size to the file's total. The
    first alias that takes the total past :data:`ALIAS_LIMIT` is reported.
    Syntax errors are left to the loader, which reports them in the owner's words.
    """
    if "*" not in text:
        return []
    sizes: dict[str, int] = {}
    open_anchors: set[str] = set()
    stack: list[tuple[str | None, int]] = []  # (anchor, values so far) of each open collection
    repeated = 0
    lines = text.split("\n")
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader):
            size = 0
            if isinstance(event, AliasEvent):
                name = str(event.anchor)
                if name in open_anchors:
                    return [_alias_problem(rel, lines, line_offset, event, f"the alias *{name} stands inside &{name}")]
                size = sizes.get(name, 0)
                repeated += size
                if repeated > ALIAS_LIMIT:
                    return [
                        _alias_problem(
                            rel, lines, line_offset, event, f"the alias *{name} repeats more than {ALIAS_LIMIT} values"
                        )
                    ]
            elif isinstance(event, CollectionStartEvent):
                stack.append((event.anchor, 1))
                if event.anchor:
                    open_anchors.add(event.anchor)
                continue
            elif isinstance(event, CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                    open_anchors.discard(anchor)
            elif isinstance(event, NodeEvent):  # a scalar
                size = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            if stack:
                anchor, count = stack[-1]
                stack[-1] = (anchor, count + size)
    except yaml.YAMLError:
        return []
    return []


def _alias_problem(rel: str, lines: list[str], line_offset: int, event: Any, message: str) -> Problem:
    line, col = event.start_mark.line, event.start_mark.column
    name = field_at(lines[line]) if line < len(lines) else ""
    return Problem(rel, line + 1 + line_offset, col + 1, name, message, "write the values out, or use fewer aliases")
