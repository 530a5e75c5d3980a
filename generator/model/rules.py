"""How a field of the owner's files is declared: its kind, whether it is required, its allowed values.

A record (a frozen dataclass in :mod:`generator.model.records`) declares each of
its fields once, with :func:`declare`. That one declaration is the field's
attribute, its default and its rule: the loader reads records by it, the checks
report against it, and the README test finds its name in the File formats section.
Adding a field to the owner's files is one line in its record plus a README row.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """How one field is read: its kind, whether it is required, allowed values.

    ``key`` is the field's name in the owner's files when it differs from the
    attribute (``from`` is read into ``from_id``); ``record`` is the record each
    value (a ``map``) or each item (a ``list``) is read into. ``name_limit``
    marks a name (a person's, a friend's, a business's): at most that many
    characters, and never a placeholder such as ``None`` or ``N/A``.
    """

    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""
    key: str = ""
    record: type | None = None
    name_limit: int = 0


def declare(
    kind: str,
    required: bool = False,
    *,
    doc: str,
    choices: Iterable[str] = (),
    key: str = "",
    record: type | None = None,
    name_limit: int = 0,
    default: Any = dataclasses.MISSING,
) -> Any:
    """A dataclass field that carries its rule; without ``default`` the field is required to build the record."""
    rule = Rule(kind, required, tuple(choices), doc, key, record, name_limit)
    return dataclasses.field(default=default, metadata={"rule": rule})


def declared(cls: Any) -> tuple[tuple[str, Rule], ...]:
    """``(attribute, rule)`` for each declared field of the record ``cls``, in order."""
    return _declared(cls)


def rules_of(cls: Any) -> dict[str, Rule]:
    """The rules of ``cls`` by the name each field has in the owner's files."""
    return _rules_of(cls)


@functools.cache
def _declared(cls: type) -> tuple[tuple[str, Rule], ...]:
    return tuple((f.name, f.metadata["rule"]) for f in dataclasses.fields(cls) if "rule" in f.metadata)  # type: ignore[arg-type]


@functools.cache
def _rules_of(cls: type) -> dict[str, Rule]:
    return {rule.key or attribute: rule for attribute, rule in _declared(cls)}
