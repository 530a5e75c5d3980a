"""How a long command reports progress without printing: the caller passes a wrapper for its work list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    """``with progress(items, label) as items: ...``: the same items, counted as they are used."""

    def __call__(self, items: Sequence[T], label: str) -> AbstractContextManager[Iterable[T]]: ...


@contextmanager
def no_progress(items: Sequence[T], label: str) -> Iterator[Iterable[T]]:
    """The items as they are: for scripts, tests and JSON output."""
    yield items
