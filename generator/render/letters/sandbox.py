"""The sandbox letter templates run in, with limits an owner's override cannot get past.

The owner may put her own templates in ``referrals/templates/``. They run in
Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment` (no attribute tricks),
and here also within limits on what a template can build: ``range()`` of at
most :data:`MAX_ITEMS` numbers; no text or list longer than :data:`MAX_TEXT`
from ``*``, ``+``, ``%``, ``str.format`` or a method such as ``center`` or
``replace``; no power past :data:`MAX_EXPONENT`. A template that calls itself
without end (``{% extends %}`` of itself, a macro calling itself) stops at
Python's recursion limit and is reported by :func:`limit_problem`. Template
files are read only when they are plain UTF-8 files: a fifo is never opened.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import TemplateProblem
from generator.load.sourcefile import not_a_file

MAX_ITEMS = 10_000
MAX_TEXT = 200_000
MAX_EXPONENT = 256
_BIG_NUMBER = re.compile(r"\d{7,}")  # a width of a million or more in a format string


class LimitExceeded(jinja2.exceptions.SecurityError):
    """A template tried to build something far larger than any letter."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_ITEMS:
        raise LimitExceeded(f"range() of {len(numbers)} numbers; a letter needs at most {MAX_ITEMS}")
    return numbers


_limited_range.__name__ = "range"


def _check_args(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
            raise LimitExceeded(f"passes the number {value} to {name}")


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses huge numbers (``center(10**9)``) and huge results."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_args(name, args, kwargs)
        return _check_text(function(*args, **kwargs))

    return guarded


def _check_text(value: Any) -> Any:
    if _size(value) > MAX_TEXT:
        raise LimitExceeded(f"built a text of {_size(value)} characters; a letter needs at most {MAX_TEXT}")
    return value


def _limited_join(join: Callable[[Any], str]) -> Callable[[Any], str]:
    """Jinja's ``~`` (join) with the text limit: a loop doubling a text stops at the limit."""

    def limited(parts: Any) -> str:
        return _check_text(join(parts))

    return limited


class _LimitedTemplate(jinja2.Template):
    @classmethod
    def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Any = None) -> Any:  # noqa: A002
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        for name in ("str_join", "markup_join"):
            if name in namespace:
                namespace[name] = _limited_join(namespace[name])
        return template


class LetterSandbox(SandboxedEnvironment):
    """Jinja2's sandbox plus size limits."""

    template_class = _LimitedTemplate

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _limited_range
        self.filters = {name: _guarded(name, function) for name, function in self.filters.items()}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, str) and attribute in ("format", "format_map") and _BIG_NUMBER.search(obj):
            raise LimitExceeded("formats with a width of a million or more")
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            count = right if isinstance(left, (str, list, tuple)) else left
            seq = left if isinstance(left, (str, list, tuple)) else right
            if isinstance(count, int) and isinstance(seq, (str, list, tuple)) and len(seq) * count > MAX_TEXT:
                raise LimitExceeded(f"repeats a text {count} times; a letter needs far less")
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise LimitExceeded(f"raises a number to the power {right}; a letter needs far less")
        elif operator == "+":
            if _size(left) + _size(right) > MAX_TEXT:
                raise LimitExceeded("joins texts longer than any letter")
        elif operator == "%" and isinstance(left, str) and _BIG_NUMBER.search(left):
            raise LimitExceeded("formats with a width of a million or more")
        return _check_text(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _check_args(getattr(__obj, "__name__", "a function"), args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "replace" and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            grown = len(owner) + (owner.count(old) if old else len(owner) + 1) * len(new)
            if grown > MAX_TEXT:
                raise LimitExceeded("replace() would build a text longer than any letter")
        return _check_text(super().call(__context, __obj, *args, **kwargs))


class OwnerTemplateLoader(jinja2.FileSystemLoader):
    """A folder of templates whose files are opened only when they are plain files."""

    def __init__(self, folder: str, shown_as: str) -> None:
        super().__init__(folder)
        self.folder = folder
        self.shown_as = shown_as

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = os.path.join(self.folder, *template.split("/"))
        if os.path.lexists(path):
            why = not_a_file(path)  # type: ignore[arg-type]
            if why:
                raise TemplateProblem(f"{self.shown_as}/{template}: the file {why}; move it away or replace it")
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise TemplateProblem(
                f"{self.shown_as}/{template}: byte 0x{exc.object[exc.start]:02x} at offset {exc.start} is not UTF-8"
                " (save the template as UTF-8 in your editor)"
            ) from None


def limit_problem(exc: BaseException) -> str | None:
    """The owner's words for a template that ran past a limit, or ``None`` for other errors."""
    if isinstance(exc, RecursionError):
        return (
            "the template calls itself without end ({% extends %} or {% include %} of itself,"
            " or a macro that calls itself)"
        )
    if isinstance(exc, LimitExceeded):
        return f"the template {exc}"
    if isinstance(exc, OverflowError):
        return "the template builds a number or a range far too large for a letter"
    if isinstance(exc, MemoryError):
        return "the template builds something far too large for a letter"
    return None
