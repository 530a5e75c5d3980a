"""Who is who: safe new ids, and whether a new person may be someone already on file.

Pure rules shared by ``add person``, ``add referral`` and ``import``:

- an id is the name in lowercase ASCII with hyphens (``ana-ferreira``); a name
  with no Latin letters (李小龍, Ирина) takes its email's local part, else a
  short stable code from the name, so that importing twice gives the same id;
  a taken id gets ``-2``, ``-3``…
- two records are the same person when their emails match (any case), or their
  names match once case, accents and spacing are folded away;
- a close match (a name a letter or two away, or the same family and a given
  name that starts the same) is offered, never assumed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.names import PersonName, fold
from generator.model.records import Person

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ]")
# Latin letters that do not decompose into a base letter and an accent
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "œ": "oe", "ı": "i"})


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by hyphens; empty when ``text`` has no Latin letters."""
    text = _APOSTROPHES.sub("", text.lower().translate(_LETTERS))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", folded.lower()).strip("-")[:50].strip("-")


def base_id(name: PersonName, email: str | None = None) -> str:
    """The id a person would get before checking what is taken.

    Every part of the name in Latin letters: the name (``aoife-oneill``). A part
    in another script: the email's local part, else what there is of the name
    and a short code made from the whole name, the same every time.
    """
    words = [name.given, name.family or ""]
    if name.family_first:
        words.reverse()
    present = [w for w in words if w]
    made = slug(" ".join(present))
    if made and all(slug(w) for w in present):
        return made
    local = slug(email.split("@", 1)[0]) if email else ""
    if len(local) >= 2:
        return local
    digest = hashlib.sha1(fold(name.full).encode("utf-8")).hexdigest()[:6]
    return f"{made}-{digest}" if made else f"person-{digest}"


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is free."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def name_key(name: PersonName) -> str:
    """A name folded for matching: case, accents, spacing and order do not count."""
    return " ".join(sorted(fold(name.full).replace("-", " ").split())) or fold(name.full)


@dataclass(frozen=True)
class Match:
    person: Person
    why: str  # "same email", "same name", "similar name"


class PeopleIndex:
    """The people on file, looked up by email and folded name."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people: list[Person] = []
        self.by_email: dict[str, Person] = {}
        self.by_name: dict[str, Person] = {}
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        self.people.append(person)
        if person.email:
            self.by_email.setdefault(person.email.casefold(), person)
        self.by_name.setdefault(name_key(person.name), person)
        if person.name.preferred:  # "Bisi Adebayo" finds Olubisi Adebayo, called Bisi
            known_as = PersonName(person.name.preferred, person.name.family, order=person.name.order)
            self.by_name.setdefault(name_key(known_as), person)

    def same(self, name: PersonName, email: str | None) -> Match | None:
        """Someone on file who is certainly this person."""
        if email and email.casefold() in self.by_email:
            return Match(self.by_email[email.casefold()], "same email")
        found = self.by_name.get(name_key(name))
        return Match(found, "same name") if found else None

    def close(self, name: PersonName, limit: int = 3) -> list[Match]:
        """People on file who might be this person (to offer, never to assume)."""
        key = name_key(name)
        keys = difflib.get_close_matches(key, list(self.by_name), n=limit, cutoff=0.75)
        found = [Match(self.by_name[k], "same name" if k == key else "similar name") for k in keys]
        given, family = fold(name.given), fold(name.family or "")
        for person in self.people:
            if len(found) >= limit:
                break
            other_family = fold(person.name.family or "")
            if (
                family
                and other_family == family
                and given[:1] == fold(person.name.given)[:1]
                and all(m.person.id != person.id for m in found)
            ):
                found.append(Match(person, "similar name"))
        return found
