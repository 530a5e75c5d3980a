"""Rules for text a reader will see (on a card, an envelope, a Subject line or the site).

Three faults make such text wrong in a way the owner cannot see in her editor:

- it is *invisibly empty*: nothing but zero-width or other invisible characters
  (``"\\u200b"`` gives "Dear ​," — a greeting with no name);
- it holds a *direction control* (U+202A–U+202E, U+2066–U+2069) that turns the
  text around, or the text after it, when shown (``"\\u202eleinaD"`` shows as
  "Daniel" and prints backwards in everything after it);
- in a name, it is a *placeholder* that a spreadsheet or a form left behind:
  ``None``, ``null``, ``N/A``, ``TBC``, ``unknown``, ``-``, ``?``.

Zero-width joiners and non-joiners (U+200D, U+200C) are part of how Persian,
Hindi, Malayalam or an emoji are written; between two letters (or symbols) they
are allowed. Every name field declares its longest length with the field
(``limit=NAME_MAX``); the loader reports a longer value.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 60  # a person's given, family or preferred name; a friend's name or relation
BUSINESS_MAX = 100  # a business or organisation name
FRIEND_MAX = 100  # a referred friend written as text: a name, perhaps with a few words about them

_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_JOINERS = "\u200c\u200d"
# shown as nothing though they are letters or symbols: Hangul fillers, Mongolian vowel separator, braille blank
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u180e\u2800")
# a placeholder is the whole value, compared without case or surrounding dots; "nan" only as pandas writes it.
# Words that are also real names are not here: Test, Blank, Nil, Anon, Nan.
_PLACEHOLDERS = frozenset(
    {
        "none",
        "null",
        "n/a",
        "n.a",
        "n.a.",
        "tbc",
        "tba",
        "tbd",
        "unknown",
        "not known",
        "undefined",
        "anonymous",
        "name",
        "first name",
        "last name",
        "given name",
        "family name",
        "surname",
        "firstname",
        "lastname",
        "todo",
        "to do",
        "xxx",
        "xx",
        "missing",
    }
)
_CASE_SENSITIVE_PLACEHOLDERS = frozenset({"nan", "NaN", "NAN"})  # "Nan" is a name


def direction_control(text: str) -> str | None:
    """The first bidi override or isolate control in ``text`` (as ``U+202E``), else ``None``."""
    found = _DIRECTION.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def visible(text: str) -> str:
    """``text`` without invisible characters (format characters, blank letters), spaces kept as they are."""
    if text.isascii():
        return text  # no format character or blank letter is ASCII
    return "".join(c for c in text if not _invisible(c))


def invisibly_empty(text: str) -> bool:
    """Nothing a reader would see: no letter, digit, punctuation or symbol once invisible characters are gone."""
    # Stops at the first visible character: a format character is category C, a blank letter is left out.
    return not any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK_LETTERS for c in text)


def stray_invisible(text: str) -> str | None:
    """An invisible character a name should not hold (``U+200B ZERO WIDTH SPACE``), else ``None``.

    A joiner or non-joiner between two letters, marks or symbols is how some
    scripts and emoji are written, and is allowed.
    """
    if text.isascii():
        return None
    for index, char in enumerate(text):
        if not _invisible(char) or _DIRECTION.match(char):
            continue
        if char in _JOINERS and _joins(text, index):
            continue
        return f"U+{ord(char):04X} {unicodedata.name(char, 'INVISIBLE CHARACTER')}"
    return None


def placeholder(text: str) -> bool:
    """A value that stands for a missing one: ``None``, ``N/A``, ``TBC``, ``unknown``, ``-``, ``?``, ``nan``."""
    bare = " ".join(visible(text).split())
    if bare in _CASE_SENSITIVE_PLACEHOLDERS:
        return True
    if not any(unicodedata.category(c)[0] in "LN" for c in bare):
        return True  # "-", "?", "...", "—": no letter or digit at all
    return bare.casefold().strip(".") in _PLACEHOLDERS or bare.casefold() in _PLACEHOLDERS


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _BLANK_LETTERS


def _joins(text: str, index: int) -> bool:
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    return bool(before and after) and all(unicodedata.category(c)[0] in "LMS" for c in before + after)
