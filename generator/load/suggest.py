"""'Did you mean ...?' for ids that name no one, fast on a kit with thousands of them.

Candidates are only the known ids that start with the same letter and are of
a similar length (difflib's ratio of 0.75 needs lengths within a factor of
about 1.7 anyway), each wrong id is looked up once, and after
:data:`SUGGESTION_LIMIT` suggestions the rest go without one: a kit with
25,000 dangling ids gets its messages in well under a second.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

SUGGESTION_LIMIT = 200


class Suggester:
    """The closest known id to a wrong one, or None."""

    def __init__(self, known: set[str], cutoff: float = 0.75) -> None:
        self.cutoff = cutoff
        self.known = known
        self.buckets: dict[tuple[str, int], list[str]] | None = None  # built at the first wrong id
        self.cache: dict[str, str | None] = {}
        self.made = 0

    def closest(self, wrong: str) -> str | None:
        if wrong in self.cache:
            return self.cache[wrong]
        if self.made >= SUGGESTION_LIMIT:
            return None
        self.made += 1
        if self.buckets is None:
            self.buckets = defaultdict(list)
            for ident in sorted(self.known):
                self.buckets[(ident[:1], len(ident))].append(ident)
        low, high = int(len(wrong) * 0.6), int(len(wrong) / 0.6) + 1
        candidates = [i for n in range(low, high + 1) for i in self.buckets.get((wrong[:1], n), ())]
        close = difflib.get_close_matches(wrong, candidates, n=1, cutoff=self.cutoff)
        self.cache[wrong] = close[0] if close else None
        return self.cache[wrong]


_last: list[tuple[set[str], Suggester]] = []  # the suggester of the id set being checked now


def closest_id(wrong: str, known: set[str]) -> str | None:
    """The closest of ``known`` to ``wrong``; one :class:`Suggester` serves every call with the same set."""
    if not _last or _last[0][0] is not known:
        _last[:] = [(known, Suggester(known))]
    return _last[0][1].closest(wrong)
