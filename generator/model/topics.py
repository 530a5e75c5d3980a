"""``dont_mention`` by meaning: a topic touches a text when the text uses its key words, in any simple form.

A topic such as "her father's illness" has the key words *father* and *illness*;
"the restaurant closing" has *restaurant* and *closing*. Words are compared by
a rough stem ("closing", "closed" and "closes" are all *clos*; "divorced" is
*divorc*; "father's" is *father*), so the owner need not foresee every spelling.

A topic of one or two key words touches a text that uses any one of them; a
topic of three or more, a text that uses at least two. That errs on the side of
leaving a sentence out, which is the right side: a letter with one sentence
fewer is still a letter, and a letter that touches a grief is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "her",
        "his",
        "their",
        "its",
        "my",
        "our",
        "your",
        "them",
        "him",
        "she",
        "he",
        "they",
        "i",
        "we",
        "you",
        "me",
        "us",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "about",
        "and",
        "or",
        "any",
        "anything",
        "all",
        "some",
        "that",
        "this",
        "those",
        "these",
        "be",
        "being",
        "been",
        "is",
        "was",
        "were",
        "are",
        "mention",
        "mentions",
        "mentioning",
        "talk",
        "talking",
        "subject",
        "topic",
        "old",
        "new",
        "last",
        "first",
        "little",
        "big",
        "good",
        "bad",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SUFFIXES = ("nesses", "ness", "ings", "ing", "ies", "ied", "ed", "es", "s", "e", "y")


def stem(word: str) -> str:
    """A rough stem: lower case, no possessive, no common ending ("closing" → "clos")."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def key_words(topic: str) -> frozenset[str]:
    """The stems that carry a topic's meaning (small and common words left out)."""
    words = [w for w in _WORD.findall(topic) if w.casefold().replace("’", "'").split("'")[0] not in STOP_WORDS]
    return frozenset(stem(w) for w in words if len(w) >= 3)


def text_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text))


def touches(text: str, topic: str) -> bool:
    """Whether ``text`` speaks of ``topic`` (see the module's note for the rule)."""
    keys = key_words(topic)
    if not keys:
        wanted = topic.casefold().strip()
        return bool(wanted) and re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", text.casefold()) is not None
    found = len(keys & text_stems(text))
    return found >= (1 if len(keys) <= 2 else 2)


def mentions(text: str, topics: tuple[str, ...]) -> str | None:
    """The first ``dont_mention`` topic that ``text`` touches, else ``None``."""
    if not text:
        return None
    for topic in topics:
        if topic.strip() and touches(text, topic):
            return topic
    return None
