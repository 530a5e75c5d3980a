"""YAML syntax errors in the owner's words, at the line where the fix goes and naming the field there."""

from __future__ import annotations

import re

import yaml
from yaml.constructor import ConstructorError

from generator.errors import Problem
from generator.load.sourcefile import field_at


def yaml_error_problem(rel: str, text: str, line_offset: int, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML error in the owner's words, at the line where the fix goes and naming the field there."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line, mark.column) if mark is not None else None  # counted from 0
    lines = text.splitlines()
    message, hint, at = _explain(exc, problem, context, lines, at)
    if at is None:
        return Problem(rel, 0, 0, "", message, hint)
    found = field_at(lines[at[0]]) if 0 <= at[0] < len(lines) else ""
    return Problem(rel, at[0] + 1 + line_offset, at[1] + 1, found, message, hint)


def _explain(
    exc: yaml.MarkedYAMLError, problem: str, context: str, lines: list[str], at: tuple[int, int] | None
) -> tuple[str, str, tuple[int, int] | None]:
    """``(message, hint, where the fix goes)`` for one of PyYAML's errors."""
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
    return message, hint, at


def _first_colon(lines: list[str], line: int, column: int) -> bool:
    """Whether the ':' at ``column`` is the line's first 'key:' (rather than one inside a value)."""
    if not 0 <= line < len(lines):
        return False
    before = lines[line][:column]
    return ": " not in before and not before.rstrip().endswith(":")
