"""Reading the owner's YAML and Markdown files, keeping line numbers.

Mappings come back as :class:`MarkedMap` and sequences as :class:`MarkedList`;
both remember where each key and value stood so that validation can point at
the exact line. Dates stay strings here: the field rules parse them, so that
``2026-02-30`` becomes a clear message rather than a crash. PyYAML's C parser
is used where present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from .errors import Problem

try:  # the C parser is several times faster; the constructor stays ours
    from yaml import CParser as _Parser  # type: ignore[attr-defined]

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
        problems.append(
            Problem(
                rel,
                line,
                col,
                message=f"byte 0x{data[exc.start]:02x} is not UTF-8",
                hint="save the file as UTF-8",
            )
        )
        return SourceText(rel, None, problems)
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
        problems.append(
            Problem(rel, line, col, message="a tab is used for indentation", hint="YAML indents with spaces only")
        )
    return problems


def parse_yaml(rel: str, text: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its data (``None`` on failure) and problems."""
    tabs = tab_problems(rel, text, line_offset)
    if tabs:
        return None, tabs
    loader = _Loader(text, line_offset)
    try:
        return loader.get_single_data(), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 0
        col = mark.column + 1 if mark else 0
        what = exc.problem or exc.context or "not valid YAML"
        if isinstance(exc, ConstructorError):
            what = f"unsupported YAML: {what}"
        else:
            what = f"YAML syntax: {what}"
        return None, [Problem(rel, line, col, message=what, hint=_yaml_hint(str(exc.problem or "")))]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are caught earlier
        return None, [Problem(rel, message=f"YAML: {exc}")]
    finally:
        loader.dispose()


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' needs quotes"
    if "could not find expected ':'" in problem:
        return "each line needs 'field: value'"
    if "found character '\\t'" in problem:
        return "YAML indents with spaces only"
    if "expected <block end>" in problem:
        return "check the indentation of this line against the one above"
    return ""


def duplicate_key_problems(rel: str, data: MarkedMap) -> list[Problem]:
    return [
        Problem(rel, line, col, key, "this field appears twice in the same record", "keep one")
        for key, (line, col) in data.duplicates
    ]
