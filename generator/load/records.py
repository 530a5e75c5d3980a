"""Reading a record by its declaration: each declared field through its rule, nested records included.

:func:`read_fields` reads every field of a record, even when another of its
fields is wrong, so that one run reports every problem; :func:`build` makes the
record when its required fields read, and the checks across records
(:mod:`generator.load.checks`) still see what was read of one that did not.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.load.fields import RecordReader
from generator.model.records import Source
from generator.model.rules import declared, rules_of

R = TypeVar("R")


@dataclass(frozen=True)
class Unbuilt:
    """A record with a required field missing or wrong: what of it could be read, by attribute."""

    source: Source
    values: dict[str, Any]

    def get(self, attribute: str) -> Any:
        return self.values.get(attribute)


def read_fields(record: RecordReader, cls: type) -> dict[str, Any]:
    """Every declared field of ``cls`` read from ``record``, by attribute; ``None`` when absent or wrong."""
    values: dict[str, Any] = {}
    for attribute, rule in declared(cls):
        key = rule.key or attribute
        if rule.record is None:
            values[attribute] = record.get(key)
        elif rule.kind == "list":
            items = (read_record(item, rule.record) for item in record.items(key, rules_of(rule.record)))
            values[attribute] = tuple(item for item in items if item is not None)
        else:
            sub = record.sub(key, rules_of(rule.record))
            values[attribute] = None if sub is None else read_record(sub, rule.record)
    return values


def build(cls: type[R], values: dict[str, Any], source: Source | None = None) -> R | None:
    """``cls`` from ``values``, or ``None`` when a required field did not read (its problem is reported)."""
    if any(rule.required and values.get(attribute) is None for attribute, rule in declared(cls)):
        return None
    if any(values.get(name) is None for name in _without_default(cls) if name != "source"):  # type: ignore[arg-type]
        return None
    given = {attribute: value for attribute, value in values.items() if value is not None}
    if source is not None:
        given["source"] = source
    return cls(**given)


@functools.cache
def _without_default(cls: type) -> tuple[str, ...]:
    """The attributes a record cannot be built without."""
    return tuple(
        f.name
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


def read_record(record: RecordReader, cls: type[R]) -> R | None:
    """A nested record (a name, a thank-you, a link...) read and built."""
    has_source = any(f.name == "source" for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return build(cls, read_fields(record, cls), record.source() if has_source else None)
