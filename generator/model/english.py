"""English for letters: lists of names, numbers in words, pronouns, dates as people say them.

Pure string helpers with no knowledge of the kit. Every helper that needs a
fact it was not given (a pronoun, a count) returns ``None`` so the caller can
build a sentence that needs none: vague beats wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.model.dates import MONTH_NAMES

_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_ORDINALS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)

FRIENDS_NAMED = 2  # a card has room for two of a chain's friends; the rest are counted

# subject, object, possessive, "is"-contraction, reflexive
PRONOUNS: dict[str, tuple[str, str, str, str]] = {
    "she": ("she", "her", "her", "she's"),
    "he": ("he", "him", "his", "he's"),
    "they": ("they", "them", "their", "they're"),
}


def join_some(names: list[str], most: int = FRIENDS_NAMED) -> str:
    """Up to ``most`` names, then how many more: ``"Sam, the Lewis family and two others"``."""
    if len(names) <= most:
        return join_names(names)
    rest = len(names) - most
    return join_names([*names[:most], f"{number_words(rest)} {'other' if rest == 1 else 'others'}"])


def join_names(names: list[str]) -> str:
    """``"Isla"``, ``"Isla and Tom"``, ``"Isla, Tom and Priya"``.

    Names with a description after a comma ("Lorna, the choir's new alto") are
    kept apart with semicolons, so the list still reads right.
    """
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    if any("," in n for n in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


_ARTICLE = re.compile(r"^(The|A|An) (?=\S)")


def in_sentence(name: str) -> str:
    """A friend's name as it reads inside a sentence: "The Lewis family" becomes "the Lewis family"."""
    return _ARTICLE.sub(lambda m: m.group(1).lower() + " ", name)


def in_clause(name: str) -> str:
    """A name inside a sentence, with the comma that closes a description ("Lorna, the choir's new alto,")."""
    return _close_description(in_sentence(name))


def _close_description(name: str) -> str:
    return name + "," if "," in name and not name.endswith(",") else name


def as_start(name: str) -> str:
    """A name at the start of a sentence: "the Lewis family" becomes "The Lewis family"."""
    return name[:1].upper() + name[1:]


def as_subject(name: str) -> str:
    """A name starting a sentence, with the comma that closes a description."""
    return _close_description(as_start(name))


def capitalise(sentence: str) -> str:
    """The sentence with its first letter in capitals (and nothing else changed)."""
    return sentence[:1].upper() + sentence[1:]


def number_words(number: int) -> str:
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def ordinal(number: int) -> str:
    if 0 < number < len(_ORDINALS):
        return _ORDINALS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def pronoun(which: str | None, form: int) -> str | None:
    """A form of a recorded pronoun (0 subject, 1 object, 2 possessive, 3 "she's"); ``None`` when unrecorded."""
    return PRONOUNS[which][form] if which in PRONOUNS else None


def when_words(day: dt.date, today: dt.date) -> str:
    """When ``day`` was, as a person would write it: "in March", "in March last year", "in May 2023"."""
    month = MONTH_NAMES[day.month - 1]
    if day.year == today.year:
        return f"in {month}"
    if day.year == today.year - 1:
        return f"in {month} last year"
    return f"in {month} {day.year}"


def how_late(days: int) -> str:
    """How late a thank-you is, in round words: "six weeks", "three months", "over a year"."""
    if days < 9 * 7:
        return f"{number_words(days // 7)} weeks"
    if days < 365:
        return f"{number_words(round(days / 30.4))} months"
    if days < 2 * 365:
        return "over a year"
    return f"over {number_words(days // 365)} years"


def plain_text(text: str | None) -> str | None:
    """Blank text is no text: ``None``, so the sentence that needs it is dropped."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


# words no phrase can end on ("a tuning for the"); and, for a name, prepositions too ("Jo from")
_DANGLING = frozenset(["a", "an", "the", "my", "your", "its", "our", "their", "and", "or", "&", "but", "nor"])
_DANGLING_IN_NAMES = frozenset(["of", "from", "for", "to", "with", "at", "in", "on", "by", "near", "than"])


def broken_end(phrase: str, name: bool = True, cut: bool = False) -> str | None:
    """How ``phrase`` cannot stand as a name (or, not ``name``, a phrase) in a sentence; ``None`` when it can.

    Empty (or no letter at all); ending on an article or conjunction ("a
    tuning for the"); a name also not on a preposition ("Jo from"; "a piano
    to practise on" is good English, a lone "for" is not). A phrase ``cut`` from a longer one also
    not in a possessive ("Ben's" out of "Ben's mum"); the owner's whole text
    may ("the organist at St Laurence's").
    """
    words = phrase.replace(",", " ").split()
    if not words or not any(c.isalnum() for c in phrase):
        return "it is empty"
    last = words[-1].rstrip(".;:!?")
    if cut and re.search(r"\w['’]s$", last):
        return f'it ends in a possessive, "{last}"'
    if last.casefold() in _DANGLING or ((name or len(words) == 1) and last.casefold() in _DANGLING_IN_NAMES):
        return f'it ends on "{last}"'
    return None


def as_sentence(text: str) -> str:
    """Owner's words made into a sentence: a capital to start, a full stop to end when none is there."""
    text = capitalise(text.strip())
    return text if text[-1:] in ".!?…\"'’”)" else text + "."


_DETERMINERS = {"the", "her", "his", "their", "my", "your", "our", "its", "this", "that", "these", "those"}
_QUESTION = {"if", "whether", "how", "what", "when", "which", "where", "who", "why"}


@dataclass(frozen=True)
class WhatFor:
    """What a friend came for, shaped for the two frames letters use.

    ``for_phrase`` follows "came to me for" (``None`` when no phrasing with
    "for" can take it, as with "to tune the piano"); ``asked_me`` follows
    "asked me" and is always grammatical.
    """

    for_phrase: str | None
    asked_me: str


def what_for(text: str) -> WhatFor:
    """The owner's ``for:`` in whatever shape she typed it, made to fit "came to me for …" and "asked me …".

    "a tuning", "moving advice", "help with the move" → for and asked me "for
    …"; "checking the donated piano" and "the chapel's old Cramer" → for "help
    with …", asked me "about …"; "to tune it" → no "for" phrasing, asked me "to
    tune it"; "if I could restore it" → asked me "if I could restore it".
    """
    words = " ".join(text.split()).rstrip(".").split(" ")
    if words[0].lower() == "for" and len(words) > 1:  # "for a tuning": the letter says "for" itself
        words = words[1:]
    first = words[0]
    phrase = " ".join(words)
    low = first.lower()
    if low == "to" and len(words) > 1:
        return WhatFor(None, phrase)
    if low in _QUESTION and first.islower():
        return WhatFor(None, phrase)
    if _gerund(words):  # "checking the piano", "tuning": not "moving advice", a noun
        phrase = " ".join([low, *words[1:]])
        return WhatFor(f"help with {phrase}", f"about {phrase}")
    if low in _DETERMINERS or low.endswith(("'s", "’s")):  # "the chapel's old Cramer": "for" would mean "on behalf of"
        return WhatFor(f"help with {phrase}", f"about {phrase}")
    return WhatFor(phrase, f"for {phrase}")  # "a tuning", "advice on a piano", "moving advice": asked me for it


_AFTER_GERUND = _DETERMINERS | {
    "a",
    "an",
    "and",
    "or",
    "some",
    "it",
    "them",
    "up",
    "out",
    "back",
    "after",
    "over",
    "off",
}


def _gerund(words: list[str]) -> bool:
    """The words open with a verb in -ing that takes an object ("tuning the upright"), not an adjective."""
    first = words[0]
    if not first.lower().endswith("ing") or len(first) <= 4 or not first[1:].islower():
        return False
    if len(words) == 1:
        return first.islower()
    second = words[1].lower()
    return second in _AFTER_GERUND or second.endswith(("'s", "’s"))


# Relations whose plural ownerkit knows; any other is never grouped (vague beats wrong).
_PLURALS = {
    "child": "children",
    "man": "men",
    "woman": "women",
    "person": "people",
    "wife": "wives",
}
_REGULAR = {
    "aunt", "boss", "brother", "client", "colleague", "cousin", "customer", "daughter", "father", "friend",
    "grandchild", "granddaughter", "grandson", "husband", "mother", "nephew", "niece", "neighbour", "neighbor",
    "parent", "partner", "pupil", "sister", "son", "student", "teacher", "uncle", "workmate", "classmate",
    "flatmate", "housemate", "teammate", "godchild", "godson", "goddaughter", "stepson", "stepdaughter",
    "stepbrother", "stepsister", "stepchild", "grandparent", "grandmother", "grandfather",
}  # fmt: skip


def plural_relation(relation: str) -> str | None:
    """``"colleague"`` → ``"colleagues"``, ``"sister-in-law"`` → ``"sisters-in-law"``; ``None`` when not known.

    Only the head word changes ("old friend" → "old friends"); a relation whose
    head word is not in the lists is never guessed at.
    """
    words = relation.split()
    if not words:
        return None
    head, dash, rest = words[-1].partition("-in-law")
    if rest or (dash and not head):
        return None
    low = head.lower()
    if low.endswith("child") and low != "child" and low[: -len("child")] in ("grand", "god", "step"):
        plural = head + "ren"
    elif low in _PLURALS:
        plural = _PLURALS[low]
    elif low in _REGULAR:
        plural = head + ("es" if low.endswith("s") else "s")
    else:
        return None
    return " ".join([*words[:-1], plural + dash])


def join_groups(items: list[str]) -> str:
    """Like :func:`join_names`, with a comma before the last "and" when an item has its own "and"."""
    items = [i for i in items if i]
    if len(items) > 1 and not any("," in i for i in items) and any(" and " in i for i in items):
        return ", ".join(items[:-1]) + ", and " + items[-1]
    return join_names(items)
