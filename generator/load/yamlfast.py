"""The fast path of YAML loading: plain documents built straight from the C parser's events.

Composing nodes and running PyYAML's constructor costs several times more
than the C parser itself. Plain documents (no anchors, aliases, explicit tags,
merge keys or complex keys; one document) are built straight from the C
parser's events into the same MarkedMap/MarkedList values, with the same
marks. Anything else raises :class:`Unusual` and takes the general path in
:mod:`generator.load.yamlsource`, so results and messages are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from generator.load.marked import DateFreeResolver, MarkedList, MarkedMap

try:  # the C parser is several times faster
    from yaml.cyaml import CParser as Parser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    HAVE_LIBYAML = False


class Unusual(Exception):
    """The document needs PyYAML's general composer and constructor."""


_STR = "tag:yaml.org,2002:str"
_SCALAR_CACHE: dict[str, Any] = {}
_SCALAR_CACHE_LIMIT = 200_000
_RESOLVER = DateFreeResolver()
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
        try:
            result = _CONVERT[tag](yaml.ScalarNode(tag, value))
        except ValueError:  # an integer of thousands of digits: the field's rule reports the text
            result = value
    else:  # e.g. '<<' (merge) or '=' (value): leave them to the general path
        raise Unusual(tag)
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

    class EventBuilder:
        def __init__(self, text: str, line_offset: int) -> None:
            self.parser = Parser(text)
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
                    raise Unusual("several documents")
                return data
            finally:
                self.parser.dispose()

        def scalar(self, event: Any) -> Any:
            if event.anchor is not None or event.tag is not None:
                raise Unusual("anchor or tag")
            if event.implicit[0]:
                return _plain_scalar(event.value)
            return event.value

        def node(self, event: Any) -> Any:
            kind = type(event)
            if kind is ScalarEvent:
                return self.scalar(event)
            if event.anchor is not None or event.tag is not None:
                raise Unusual("anchor, alias or tag")
            if kind is MappingStartEvent:
                return self.mapping(event)
            if kind is SequenceStartEvent:
                return self.sequence(event)
            raise Unusual(kind.__name__)

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
                    raise Unusual("a complex key")
                if event.anchor is not None or event.tag is not None:
                    raise Unusual("anchor or tag")
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
                        raise Unusual("anchor or tag")
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
