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
from generator.load.yamlsource import MarkedMap
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
    """The declared fields of ``cls`` that ``record`` has, read by attribute; ``None`` when wrong."""
    values: dict[str, Any] = {}
    present = record.data
    for attribute, rule in declared(cls):
        key = rule.key or attribute
        if key not in present:
            continue  # absent: the record's default, or its required-field problem (reported by the reader)
        if rule.kind == "friend" and isinstance(present[key], MarkedMap):
            # a referred friend written as a small record: name, relation, pronoun, count
            friend = RecordReader(record.rel, present[key], rules_of(rule.record), record.problems, f"{key}.")
            values[attribute] = read_record(friend, rule.record)  # type: ignore[arg-type]
        elif rule.record is None or rule.kind == "friend":
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
    for attribute in _needed(cls):  # type: ignore[arg-type]
        if values.get(attribute) is None:
            return None
    given = {attribute: value for attribute, value in values.items() if value is not None}
    if source is not None:
        given["source"] = source
    return cls(**given)


@functools.cache
def _needed(cls: type) -> tuple[str, ...]:
    """The attributes a record cannot be built without: required by its rule, or without a default."""
    required = {attribute for attribute, rule in declared(cls) if rule.required}
    return tuple(
        f.name
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name != "source"
        and (f.name in required or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING))
    )


def read_record(record: RecordReader, cls: type[R]) -> R | None:
    """A nested record (a name, a thank-you, a link...) read and built."""
    has_source = any(f.name == "source" for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return build(cls, read_fields(record, cls), record.source() if has_source else None)
