"""YAML values that remember where they stand: :class:`MarkedMap` and :class:`MarkedList`.

Both the general loader (:mod:`generator.load.yamlsource`) and the fast path
(:mod:`generator.load.yamlfast`) build these, with the same marks, so that
validation can point at the exact line and column of every key and value.
"""

from __future__ import annotations

from typing import Any

from yaml.resolver import Resolver

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


class DateFreeResolver(Resolver):
    """YAML 1.1 resolution without timestamps: dates are parsed by our rules."""


DateFreeResolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.copy().items()
}
