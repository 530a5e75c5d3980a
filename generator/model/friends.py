"""The friends a letter speaks of, and the facts it may safely say about them.

A :class:`Friend` is one referral as a letter may use it: the friend's name as
the referrer knows them, what they came for, how it went, the owner's note, and
what the last letter already told. Every owner-written value is tested twice
before it gets here: does it touch one of the reader's ``dont_mention`` topics
(:mod:`generator.model.topics`), and does it speak of the reader in the third
person ("Ingrid, her neighbour" in a letter to that neighbour's friend)? A value
that fails is simplified (the friend's name alone) or left out, and the owner
is told in a :class:`LeftOut`.

:func:`letter_field_warnings` reports the same findings to ``ownerkit check``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.errors import Problem
from generator.model.english import broken_end, join_names, plain_text
from generator.model.records import Kit, Person, Referral
from generator.model.topics import mentions

LETTER_FIELDS = ("referred", "for", "note")
_THIRD_PERSON = re.compile(r"(?<!\w)(her|his|their|hers|him|them|she|he)(?!\w)", re.IGNORECASE)
_YOURS = {"her": "your", "his": "your", "their": "your", "hers": "yours", "him": "you", "them": "you"}
_TWO = re.compile(r"\s(?:and|&)\s")
_BUSINESS = re.compile(
    r"(?<!\w)(?:ltd|limited|plc|inc|llc|co|company|music|school|shop|café|cafe|club|church|society|studio|"
    r"studios|bakery|services|trust|group|centre|center|hotel|inn|pub|academy|association)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LeftOut:
    """A fact kept out of a letter, and why (shown to the owner, never in the letter)."""

    person_id: str
    what: str
    why: str
    where: str = ""


@dataclass(frozen=True)
class Friend:
    """One referral as a letter may speak of it."""

    referral_id: str
    # as the referrer knows the friend: "your neighbour Ingrid", "Lorna, the choir's new alto"; empty when no
    # name is safe to write ("Ben's mum" to Ben): sentences are then chosen that need none
    name: str
    short: str  # the name alone, for a second mention: "Ingrid", "Lorna" (empty with ``name``)
    pronoun: str | None  # she, he, they: only when recorded
    count: int | None  # how many people: only when known
    for_what: str | None
    outcome: str
    note: str | None
    date: dt.date
    where: str  # file:line of the referral, for messages
    told: str | None = None  # the outcome the thank-you already told
    note_told: bool = False  # the thank-you already gave the note
    deceased: bool = False  # the friend has died since: no hopes of seeing them again
    relation: str | None = None  # "colleague" when ``name`` is "your colleague Pat": friends may be grouped by it

    @property
    def one(self) -> bool | None:
        """One person (True), several (False), or not known (None)."""
        return None if self.count is None else self.count == 1


@dataclass(frozen=True)
class ChainLink:
    """A sent ``friend``, and ``friend`` has since sent ``their_friends``."""

    friend: str
    their_friends: tuple[str, ...]


def addressed(person: Person) -> str:
    """How a letter greets ``person``: "Peggy", "Ruth and Tom", "Ruth, Tom and Jo"."""
    return join_names([person.name.greeting, *(n.greeting for n in person.with_names)])


def envelope_names(person: Person) -> list[str]:
    """The envelope's first lines: the names (a shared family name once), then the organisation."""
    names = [person.name, *person.with_names]
    families = {n.family for n in names}
    if len(names) > 1 and len(families) == 1 and names[0].family and not person.name.family_first:
        lines = [join_names([n.given for n in names]) + f" {names[0].family}"]
    else:
        lines = [join_names([n.full for n in names])]
    if person.organisation:
        lines.append(person.organisation)
    return lines


def name_alone(text: str) -> str:
    """The friend's name without the owner's description: "Ingrid, her neighbour" → "Ingrid".

    Empty when no clean name can be cut out: "Ben's mum" would leave "Ben's",
    a possessive with nothing after it, so a letter says no name at all.
    """
    head = text.split(",")[0].strip()
    if head.split()[:1] in (["The"], ["A"], ["An"]):
        return "" if broken_end(head) else head  # "The PTA chair": a description is the name
    words: list[str] = []
    for word in head.split():
        if words and not word[:1].isupper() and word not in ("and", "&"):
            break
        words.append(word)
    while words and words[-1] in ("and", "&"):
        words.pop()
    alone = " ".join(words) or head
    return "" if broken_end(alone, cut=alone != text.strip()) else alone


def turned_on_reader(text: str, reader: Person, field: str) -> str | None:
    """The word in ``text`` that speaks of the letter's reader in the third person, else ``None``.

    The reader's own name, in any field; in ``referred``, also her/his/their
    (the friend's relation to the referrer: "Ingrid, her neighbour").
    """
    for name in {reader.name.given, reader.name.greeting, *(n.greeting for n in reader.with_names)}:
        if name and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            return name
    if field == "referred":
        found = _THIRD_PERSON.search(text)
        if found and found.group(1).lower() not in ("she", "he"):
            return found.group(1)
    return None


def second_person(text: str, reader: Person) -> str:
    """The rewrite to suggest: the reader spoken to as "you"."""
    for name in {reader.name.given, reader.name.greeting}:
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"['’]s(?!\w)", "your", text)
    return _THIRD_PERSON.sub(lambda m: _match_case(_YOURS.get(m.group(1).lower(), m.group(1)), m.group(1)), text)


def _match_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def make_friend(
    kit: Kit, referral: Referral, reader: Person, avoid: tuple[str, ...], left_out: list[LeftOut]
) -> Friend:
    """The referral as a letter to ``reader`` may speak of it; what is unsafe is simplified or left out."""
    where = str(referral.source)
    name, pronoun, count = _friend_name(kit, referral)
    short = safe_name(name, reader)
    if word := turned_on_reader(name, reader, "referred"):
        left_out.append(_third_person(reader, "referred:", name, word, where, _instead(short)))
        name = short
    elif why := broken_end(name):
        left_out.append(LeftOut(reader.id, f'referred: "{name}"', f"{why}; {_instead(short)}", where))
        name = short
    recorded = referral.referred_record
    relation = None
    if recorded and recorded.relation:
        if topic := mentions(recorded.relation, avoid):
            why = f"{_touches(topic)}; {_instead(short)}"
            left_out.append(LeftOut(reader.id, f"referred: of {referral.id}", why, where))
        else:
            relation = recorded.relation if name else None
            name = f"your {recorded.relation} {name}".strip()
            short = short or name
    if topic := mentions(name, avoid):
        left_out.append(LeftOut(reader.id, f"referred: of {referral.id}", f"{_touches(topic)}; {_instead('')}", where))
        name = short = ""
        relation = None
    values = {"for": plain_text(referral.for_what), "note": plain_text(referral.note)}
    for field, value in values.items():
        if not value:
            continue
        if topic := mentions(value, avoid):
            left_out.append(LeftOut(reader.id, f"{field}: of {referral.id}", _touches(topic), where))
            values[field] = None
        elif word := turned_on_reader(value, reader, field):
            left_out.append(_third_person(reader, f"{field}:", value, word, where, "left out"))
            values[field] = None
        elif field == "for" and (why := broken_end(value, name=False)):
            left_out.append(LeftOut(reader.id, f'for: "{value}"', f"{why}; left out", where))
            values[field] = None
    thanked = referral.thanked
    return Friend(
        referral_id=referral.id,
        name=name,
        short=short,
        pronoun=pronoun,
        count=count,
        for_what=values["for"],
        outcome=referral.outcome,
        note=values["note"],
        date=referral.date,
        where=where,
        told=thanked.told if thanked else None,
        note_told=bool(thanked and thanked.note_told),
        deceased=bool((on_file := _on_file(kit, referral)) and on_file.deceased),
        relation=relation,
    )


def _on_file(kit: Kit, referral: Referral) -> Person | None:
    """The friend's record: by id, or by a ``referred:`` name that is exactly one person's full name."""
    person = kit.people.get(referral.referred_id or "")
    if person is not None or not referral.referred_name:
        return person
    found = _by_full_name(kit).get(" ".join(referral.referred_name.split()).casefold(), [])
    return found[0] if len(found) == 1 else None


_INDEXED: list[Any] = [None, 0, {}]  # the last kit whose people were indexed, their count, the index


def _by_full_name(kit: Kit) -> dict[str, list[Person]]:
    """Everyone on file by casefolded full name, built once per kit (200 friends x 5,000 people took 8 s)."""
    if _INDEXED[0] is not kit or _INDEXED[1] != len(kit.people):
        index: dict[str, list[Person]] = {}
        for person in kit.people.values():
            index.setdefault(person.name.full.casefold(), []).append(person)
        _INDEXED[:] = [kit, len(kit.people), index]
    return _INDEXED[2]  # type: ignore[no-any-return]


def _friend_name(kit: Kit, referral: Referral) -> tuple[str, str | None, int | None]:
    """The friend's name, pronoun and how many people, from their record or the referral."""
    person = _on_file(kit, referral)
    if person is not None:
        return addressed(person), person.pronoun if not person.with_names else "they", 1 + len(person.with_names)
    name = referral.referred_name or ""
    recorded = referral.referred_record
    count = recorded.count if recorded else None
    if count is None and _TWO.search(name.split(",")[0]):
        count = 2
    pronoun = (recorded.pronoun if recorded else None) or ("they" if count and count > 1 else None)
    return name, pronoun, count


def safe_name(text: str, reader: Person) -> str:
    """The friend's name alone, when it can be cut out cleanly and does not name the reader; else empty."""
    alone = name_alone(text)
    return "" if turned_on_reader(alone, reader, "referred") else alone


def _instead(short: str) -> str:
    return f'the letter says "{short}"' if short else "the letter leaves the friend's name out"


def _touches(topic: str) -> str:
    return f'it touches "{topic}" (dont_mention)'


def _third_person(reader: Person, field: str, value: str, word: str, where: str, instead: str) -> LeftOut:
    why = f'"{word}" speaks of the reader, {reader.name.greeting}, in the third person ({instead})'
    return LeftOut(reader.id, f'{field} "{value}"', why, where)


# ---------------------------------------------------------------- for `ownerkit check`


def letter_field_warnings(kit: Kit) -> list[Problem]:
    """What letters will have to leave out or simplify, and names that will not read right."""
    found: list[Problem] = []
    for referral in kit.referrals:
        reader = kit.people.get(referral.from_id)
        if reader is None or reader.deceased:
            continue
        values = {"referred": referral.referred_name, "for": referral.for_what, "note": referral.note}
        for field, value in values.items():
            if value:
                found.extend(_field_warnings(referral, field, value, reader))
    for person in kit.people.values():
        found.extend(_name_warnings(person))
        for item in person.remember:
            if topic := mentions(f"{item.fact} {item.ask or ''}", person.dont_mention):
                line, col = person.source.at("remember")
                found.append(_touch(person.source.path, line, col, "remember", person, topic))
        newest = max(person.letter_lines, key=lambda item: item.written, default=None)
        if newest and (topic := mentions(newest.text, person.dont_mention)):
            line, col = person.source.at("letter_lines")
            found.append(_touch(person.source.path, line, col, "letter_lines", person, topic))
    return found


def _field_warnings(referral: Referral, field: str, value: str, reader: Person) -> list[Problem]:
    """What a letter to ``reader`` must leave out or simplify of one field, and the rewrite to suggest."""
    path, (line, col) = referral.source.path, referral.source.at(field)
    found = []
    if said := third_person_warning(value, reader, field):
        found.append(Problem(path, line, col, field, *said, "warning"))
    elif field != "note" and (why := broken_end(value, name=field == "referred")):
        hint = "finish it, or write the friend's name alone" if field == "referred" else "finish it"
        until = _until(value, reader, field)
        found.append(Problem(path, line, col, field, f'"{value}": {why}', f"{hint}; until then {until}", "warning"))
    if topic := mentions(value, reader.dont_mention):
        found.append(_touch(path, line, col, field, reader, topic))
    return found


def third_person_warning(value: str, reader: Person, field: str) -> tuple[str, str] | None:
    """``(message, hint)`` when ``value`` in a referral's ``field`` speaks of its reader in the third person."""
    word = turned_on_reader(value, reader, field)
    if not word:
        return None
    short = safe_name(value, reader) if field == "referred" else ""
    reads = reader.name.greeting
    return (
        f'"{word}" speaks of {reads} in the third person, but the letter is to {reads}',
        f"{_rewrite_hint(value, reader, short, field)}; until then {_until(value, reader, field)}",
    )


def _until(value: str, reader: Person, field: str) -> str:
    """What the letter does until the owner rewrites ``value``."""
    return _instead(safe_name(value, reader)) if field == "referred" else "the letter leaves it out"


_AS_YOU = {"says": "say", "thinks": "think", "tells": "tell", "is": "are", "was": "were", "has": "have"}


def _as_you(text: str, reader: Person) -> str:
    """The reader as the subject of a verb made "you": "Alec says" → "You say", "Alec said" → "You said"."""
    for name in {reader.name.given, reader.name.greeting}:
        pattern = r"(?<!\w)" + re.escape(name) + r" (\w+)(?!\w)"

        def you(found: re.Match[str]) -> str:
            verb = found.group(1)
            if verb in _AS_YOU or verb.endswith("ed") or verb in ("said", "thought", "told", "had"):
                start = found.start() == 0 or found.string[: found.start()].rstrip().endswith((".", "!", "?"))
                return f"{'You' if start else 'you'} {_AS_YOU.get(verb, verb)}"
            return found.group(0)

        text = re.sub(pattern, you, text)
    return text


def _rewrite_hint(value: str, reader: Person, short: str = "x", field: str = "note") -> str:
    """The rewrite to suggest, or (when it needs more than a word changed) how to make it.

    A friend with no clean name to cut out ("Ben's mum") can also be a record
    with their name and relation, so the letter says "your mum Carol".
    """
    rewrite = _as_you(second_person(value, reader), reader)
    if rewrite == value or turned_on_reader(rewrite, reader, field):  # no suggestion that breaks the rule itself
        return f'rewrite it speaking to {reader.name.greeting} as "you"'
    relation = rewrite[5:] if rewrite.startswith("your ") and not short else ""
    if relation:
        return f'write "{rewrite}", or referred: {{name: <their name>, relation: {relation}}}'
    return f'write "{rewrite}"'


def _touch(path: str, line: int, col: int, field: str, person: Person, topic: str) -> Problem:
    return Problem(
        path,
        line,
        col,
        field,
        f'touches "{topic}", which {person.id} asked never to be mentioned',
        "letters leave it out; rephrase it if it should reach the card",
        "warning",
    )


def _name_warnings(person: Person) -> list[Problem]:
    line, col = person.source.at("name")
    given = person.name.given
    found = []

    def warn(message: str, hint: str) -> None:
        found.append(Problem(person.source.path, line, col, "name.given", message, hint, "warning"))

    if _TWO.search(f" {given} "):
        warn(f'"{given}" holds two people', "give one given name, and the others under with: (each with given)")
    elif _BUSINESS.search(given) and not person.organisation:
        warn(
            f'"{given}" looks like a business, and letters would open "Dear {given}"',
            "write organisation: with its name, and name: the person you write to",
        )
    if not person.name.preferred and not _latin(given):
        warn(
            f'"{given}" is not in Latin letters and has no preferred: name',
            "add preferred: with how you greet them, even if it is the same name",
        )
    return found


def _latin(text: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)
