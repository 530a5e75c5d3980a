"""``dont_mention`` by meaning: a topic touches a text when the text uses its key words, in any simple form.

A topic such as "her father's illness" has the key words *father* and *illness*;
"the restaurant closing" has *restaurant* and *closing*. Words are compared by
a rough stem ("closing", "closed" and "closes" are all *clos*; "divorced" is
*divorc*; "father's" is *father*; "divorcée" is folded to "divorcee"; "-ncy" and
"-cy" meet "-nt" and "-t", so "redundancy" is "redundant" and "bankruptcy" is
"bankrupt"), so the owner need not foresee every spelling.

Some topics are also spoken of in other words: a divorce as an "ex-wife", a
cancer as "chemotherapy", an accident as a "crash". ``RELATED`` is a small
table of those for the sensitive topics an owner is most likely to list; a key
word of the topic that is in a row of the table also matches every word and
phrase of that row.

A topic of one or two key words touches a text that uses any one of them; a
topic of three or more, a text that uses at least two. That errs on the side of
leaving a sentence out, which is the right side: a letter with one sentence
fewer is still a letter, and a letter that touches a grief is not.
"""

from __future__ import annotations

import re
import unicodedata
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
_SUFFIXES = ("nesses", "ness", "ings", "ing", "ies", "ied", "ees", "ee", "ed", "es", "s", "e", "y")
# "redundancy"/"redundancies" → "redundant", "bankruptcy" → "bankrupt", "pregnancy" → "pregnant".
_NOUN_ENDINGS = (("ncies", "nt"), ("ncy", "nt"), ("tcies", "t"), ("tcy", "t"))

# Other words for common sensitive topics: a row matches whenever one of its words is a topic's key word.
RELATED: tuple[tuple[str, ...], ...] = (
    ("divorce", "ex-wife", "ex-husband", "ex-partner", "separated", "separation", "split up", "break-up"),
    ("cancer", "chemo", "chemotherapy", "radiotherapy", "tumour", "tumor", "oncology", "cancerous"),
    ("accident", "crash", "collision"),
    ("death", "bereavement", "died", "dead", "passed away", "funeral", "the late", "widow", "widower", "grief"),
    ("illness", "ill", "sick", "sickness", "hospital", "diagnosis", "diagnosed"),
    ("redundancy", "laid off", "lay-off", "lost job", "lost her job", "lost his job", "lost their job"),
    ("pregnancy", "expecting", "baby due", "miscarriage"),
    ("debt", "debts", "bankruptcy", "insolvency", "insolvent", "repossessed", "arrears"),
)


def _fold(word: str) -> str:
    """Lower case, curly apostrophe made straight, accents dropped ("Divorcée" → "divorcee")."""
    word = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(c for c in word if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A rough stem: lower case, no accents, no possessive, no common ending ("closing" → "clos")."""
    word = _fold(word)
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    for ending, becomes in _NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)] + becomes
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(text.replace("-", " ")))


@lru_cache(maxsize=1)
def _related_rows() -> tuple[frozenset[tuple[str, ...]], ...]:
    return tuple(frozenset(_phrase(entry) for entry in row) for row in RELATED)


@lru_cache(maxsize=4096)
def _alternatives(key: str) -> frozenset[tuple[str, ...]]:
    """The stem sequences that speak of one key word: itself, and its rows of ``RELATED``."""
    found: set[tuple[str, ...]] = {(key,)}
    for row in _related_rows():
        if (key,) in row:
            found |= row
    return frozenset(found)


@lru_cache(maxsize=4096)
def key_words(topic: str) -> frozenset[str]:
    """The stems that carry a topic's meaning (small and common words left out)."""
    words = [w for w in _WORD.findall(topic) if w.casefold().replace("’", "'").split("'")[0] not in STOP_WORDS]
    return frozenset(stem(w) for w in words if len(w) >= 3)


def text_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text))


def _says(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def touches(text: str, topic: str) -> bool:
    """Whether ``text`` speaks of ``topic`` (see the module's note for the rule)."""
    keys = key_words(topic)
    if not keys:
        wanted = topic.casefold().strip()
        return bool(wanted) and re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", text.casefold()) is not None
    words = _phrase(text)
    found = sum(1 for key in keys if any(_says(words, phrase) for phrase in _alternatives(key)))
    return found >= (1 if len(keys) <= 2 else 2)


def mentions(text: str, topics: tuple[str, ...]) -> str | None:
    """The first ``dont_mention`` topic that ``text`` touches, else ``None``."""
    if not text:
        return None
    for topic in topics:
        if topic.strip() and touches(text, topic):
            return topic
    return None
