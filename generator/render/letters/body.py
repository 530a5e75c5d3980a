"""A letter's body: the owner's words first, and around them the fewest sentences that carry the facts.

Order: an apology when the thank-you is late; the owner's note, when it names
the friend and can stand first; the thank-you itself; how it went (left out
when the note already tells it); the count for someone who has sent friends
before; news and chains; the owner's line written for this letter (``letter_lines``);
the owner's own question from a fresh ``remember``.
On a card too small for all of it, ownerkit's sentences go (in
:data:`~generator.render.letters.phrasings.TRIM_ORDER`) before any of the owner's.

Phrasings come from :mod:`generator.render.letters.phrasings`; one
:class:`Phrasebook` serves one batch of letters so that it can keep every
sentence to three letters at most.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import zlib
from collections import Counter
from dataclasses import dataclass, field

from generator.model.cards import CardSize
from generator.model.english import (
    as_sentence,
    as_subject,
    capitalise,
    how_late,
    in_clause,
    in_sentence,
    join_names,
    join_some,
    number_words,
    ordinal,
    pronoun,
    what_for,
    when_words,
)
from generator.model.friends import Friend
from generator.model.letters import Letter
from generator.render.letters.phrasings import PHRASINGS, SIGN_OFFS, TRIM_ORDER

TRIM_NAMES = {
    "pending": "a line about what comes next",
    "repeat": "how many friends they have sent",
    "some-not-a-fit": "a line of thanks all the same",
    "more-chains": "the count of other chains",
    "chain-too": "the second chain",
    "news-too": "news of an earlier friend",
    "client": "how it went",
    "late": "the apology for lateness",
    "chain": "the chain news",
}
MOST_LETTERS = 3  # no ownerkit sentence in more letters than this, in one batch
CHAINS_NAMED = 2  # a card has room for two chains; the rest are counted
WARM_AFTER_SENT = 3  # someone who has sent friends this many times gets a warmer closing
_FORMATTER = string.Formatter()
_LEADING_PRONOUN = {"it", "its", "it's", "this", "that", "he", "she", "they", "his", "her", "their", "there"}


@dataclass(frozen=True)
class Sentence:
    text: str
    slot: str = ""  # the phrasing slot, or "" for the owner's own words
    template_words: int = 0  # words that came from ownerkit, not from the owner's records


@dataclass
class Body:
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    trimmed: list[str] = field(default_factory=list)  # slots left out to fit the card

    def texts(self) -> list[str]:
        return [" ".join(s.text for s in p) for p in self.paragraphs if p]

    def words(self) -> tuple[int, int]:
        """(all words, words that came from ownerkit)."""
        sentences = [s for p in self.paragraphs for s in p]
        return sum(len(s.text.split()) for s in sentences), sum(s.template_words for s in sentences)


class Phrasebook:
    """Picks phrasings for one batch of letters: deterministic, varied, none in more than three letters."""

    def __init__(self) -> None:
        self.used: Counter[str] = Counter()  # by phrasing, so that names do not hide a form sentence

    def say(
        self, slot: str, values: dict[str, str | None], key: str, turn: int, required: bool = False
    ) -> Sentence | None:
        """A sentence for ``slot`` using ``values``; ``None`` when nothing fits (or silence was chosen)."""
        options = PHRASINGS[slot] if slot in PHRASINGS else SIGN_OFFS[slot.removeprefix("sign-off-")]
        start = (zlib.crc32(f"{key}:{slot}".encode()) + turn) % len(options)
        fallback: tuple[str, Sentence] | None = None
        for step in range(len(options)):
            template = options[(start + step) % len(options)]
            if not template:
                if not required:
                    return None
                continue
            sentence = _fill(template, values, slot)
            if sentence is None:
                continue
            if self.used[template] < MOST_LETTERS:
                self.used[template] += 1
                return sentence
            if required and (fallback is None or self.used[template] < self.used[fallback[0]]):
                fallback = (template, sentence)
        if fallback is None:
            return None
        self.used[fallback[0]] += 1
        return fallback[1]


def _fill(template: str, values: dict[str, str | None], slot: str) -> Sentence | None:
    names = [name for _, name, _, _ in _FORMATTER.parse(template) if name]
    if any(values.get(name) is None for name in names):
        return None
    text = template.format(**{name: values[name] for name in names})
    text = re.sub(r",([.,;:])", r"\1", text)
    fixed = len(_FORMATTER.vformat(re.sub(r"\{[^}]*\}", "", template), (), {}).split())
    return Sentence(capitalise(text), slot, fixed)


def friend_values(friend: Friend, named: bool = False, pronouns: bool = True) -> dict[str, str | None]:
    """How sentences may speak of ``friend``; once ``named`` (the note just did), by pronoun where recorded.

    ``pronouns`` is false where a pronoun could point at someone else (a letter about several friends).
    """
    subject, obj = pronoun(friend.pronoun, 0), pronoun(friend.pronoun, 1)
    they_are = pronoun(friend.pronoun, 3)
    name = friend.short if named else friend.name
    if not name:  # no safe name: only sentences that need none
        return dict.fromkeys(("friend", "Friend", "subject", "Subject", "name", "They_are"), None) | {
            "for_what": what_for(friend.for_what).for_phrase if friend.for_what else None,
            "asked_me": what_for(friend.for_what).asked_me if friend.for_what else None,
            "was": None,
        }
    shape = what_for(friend.for_what) if friend.for_what else None
    by_pronoun = named and pronouns and bool(subject and obj)
    if by_pronoun:
        first, start, sub = obj or "", capitalise(subject or ""), subject or ""
    else:
        first, start, sub = in_clause(name), as_subject(name), in_clause(name)
    if friend.one is False or (by_pronoun and friend.pronoun == "they"):
        was: str | None = "were"
    else:
        was = "was" if friend.one or friend.pronoun in ("she", "he", "they") else None
    return {
        "friend": first,
        "Friend": start,
        "subject": sub,
        "Subject": capitalise(sub),
        "name": None if named else in_clause(name),  # just named: never the name twice running
        "for_what": shape.for_phrase if shape else None,
        "asked_me": shape.asked_me if shape else None,
        "They_are": capitalise(they_are) if by_pronoun and they_are else None,
        "was": was,
    }


def note_leads(friend: Friend) -> bool:
    """The note can open the letter: it names the friend and has no word ("it", "this") that needs context."""
    note = friend.note or ""
    first = note.split()[0].lower().rstrip(",") if note.split() else ""
    token = friend.short.split()[0] if friend.short.split() else ""
    named = bool(token) and re.search(r"(?<!\w)" + re.escape(token) + r"(?!\w)", note) is not None
    needs_context = re.search(r"(?<!\w)(?:it|it's|its)(?!\w)", note, re.IGNORECASE) is not None  # "it": the piano?
    return named and first not in _LEADING_PRONOUN and not needs_context


class BodyWriter:
    """Writes the bodies of one batch of letters."""

    def __init__(self) -> None:
        self.book = Phrasebook()

    def sign_off(self, letter: Letter, today: dt.date) -> str:
        """A closing in the owner's voice, varied like the body's sentences; warmer only where the record says so.

        Warmer for a best customer, a client of five years or more, or someone
        who has sent friends three times or more; never "With love,", which
        only the owner can choose (``sign_off:``).
        """
        person = letter.person
        since = person.client_since
        if letter.situation == "hello":
            kind = "hello"
        elif (
            person.best_customer or letter.total_sent >= WARM_AFTER_SENT or (since and (today - since).days >= 5 * 365)
        ):
            kind = "warm"
        else:
            kind = "thanks"
        turn = letter.letters_before
        said = self.book.say(f"sign-off-{kind}", {}, person.id, turn) or self.book.say(
            "sign-off-any", {}, person.id, turn
        )
        said = said or self.book.say(f"sign-off-{kind}", {}, person.id, turn, required=True)
        return said.text if said else SIGN_OFFS["thanks"][0]

    def write(
        self, letter: Letter, card: CardSize, today: dt.date, signature: str, sign_off: str = SIGN_OFFS["thanks"][0]
    ) -> Body:
        body = Body()
        self._today = today
        self._key = letter.person.id
        self._turn = letter.letters_before
        if letter.situation == "hello":
            body.paragraphs.append(self._hello(letter))
        else:
            if letter.thanks:
                body.paragraphs.extend(self._thanks(letter))
            body.paragraphs.append(self._news(letter))
            body.paragraphs.append(self._chains(letter))
        if letter.line:  # written for this letter: the owner's words, never trimmed
            body.paragraphs.append([Sentence(as_sentence(letter.line.text))])
        if letter.asks:
            body.paragraphs.append([Sentence(as_sentence(letter.asks[0]))])
        body.paragraphs = [p for p in body.paragraphs if p]
        _trim(body, letter, card, f"{sign_off} {signature}")
        return body

    def _say(self, slot: str, values: dict[str, str | None], required: bool = False) -> Sentence | None:
        return self.book.say(slot, values, self._key, self._turn, required)

    def _thanks(self, letter: Letter) -> list[list[Sentence]]:
        first: list[Sentence | None] = []
        later: list[Sentence | None] = []
        if letter.late_days:
            first.append(self._say("late", {"late": how_late(letter.late_days)}))
        if len(letter.thanks) == 1:
            first.extend(self._one_friend(letter.thanks[0]))
        else:
            first.extend(self._friends(letter.thanks))
            later = [Sentence(as_sentence(f.note)) for f in letter.thanks if f.note]
        if letter.situation == "repeat":
            times = ordinal(letter.total_sent) if letter.total_sent > 1 else None
            first.append(self._say("repeat", {"ordinal": times}))
        return [[s for s in first if s], [s for s in later if s]]

    def _one_friend(self, friend: Friend) -> list[Sentence | None]:
        leads = bool(friend.note) and note_leads(friend)
        said: list[Sentence | None] = [Sentence(as_sentence(friend.note))] if leads and friend.note else []
        values = friend_values(friend, named=leads)
        thank = None
        unnamed = not friend.name  # no safe name ("Ben's mum" to Ben): thanks that need none
        if unnamed or (leads and values["friend"] == in_clause(friend.short)):  # or named just now, no pronoun
            thank = self._say("thank-for-named" if values["for_what"] else "thank-named", values, required=unnamed)
        said.append(thank or self._say("thank-for" if friend.for_what else "thank", values, required=True))
        after = friend_values(friend, named=True)
        if after["friend"] == in_clause(friend.short):  # no pronoun: never the name again straight after
            after.update(friend=None, Friend=None, subject=None, Subject=None)
        bare = "" if friend.for_what else "-bare"  # "it" would point at a fact the letter does not give
        if friend.deceased:
            pass  # nothing about what comes next, or hopes of seeing them again
        elif friend.outcome == "not-a-fit":
            said.append(self._say("not-a-fit" + bare, after))
        elif friend.outcome == "client" and not friend.note:
            said.append(self._say("client" + bare, after))
        elif friend.outcome == "pending":
            said.append(self._say("pending", after))
        if friend.note and not leads:
            said.append(Sentence(as_sentence(friend.note)))
        return said

    def _friends(self, friends: tuple[Friend, ...]) -> list[Sentence | None]:
        unnamed = sum(1 for f in friends if not f.name)  # no safe name: counted, never guessed
        others = [f"{number_words(unnamed)} {'other' if unnamed == 1 else 'others'}"] if unnamed else []
        names = join_names([*(in_sentence(f.name) for f in friends if f.name), *others])
        if unnamed == len(friends):
            return [self._say("thank-named", {}, required=True)]
        said = [self._say("thank", {"friend": names, "Friend": capitalise(names)}, required=True)]
        for friend in friends:
            if not friend.for_what or friend.deceased:  # nothing in the present tense about a friend who has died
                continue
            slot = {"client": "each-for-client", "not-a-fit": "each-for-not-a-fit"}.get(friend.outcome, "each-for")
            said.append(self._say(slot, friend_values(friend, named=True, pronouns=False), required=True))
        if any(f.outcome == "not-a-fit" and not f.deceased for f in friends):
            said.append(self._say("some-not-a-fit", {}))
        return said

    def _news(self, letter: Letter) -> list[Sentence]:
        said: list[Sentence | None] = []
        main = letter.situation == "follow-up" and not letter.thanks
        for friend in letter.follow_ups:
            if friend.outcome != "client" or friend.deceased:
                continue
            slot = ("news" if main else "news-too") + ("" if friend.name else "-unnamed")
            said.append(self._say(slot, friend_values(friend), required=main))
            if main and friend.note and not friend.note_told:
                said.append(Sentence(as_sentence(friend.note)))
            main = False
        return [s for s in said if s]

    def _chains(self, letter: Letter) -> list[Sentence]:
        said: list[Sentence | None] = []
        for index, link in enumerate(letter.chains[:CHAINS_NAMED]):
            values: dict[str, str | None] = {
                "friend": in_clause(link.friend),
                "Friend": as_subject(link.friend),
                "their_friends": join_some([in_sentence(n) for n in link.their_friends]),
            }
            said.append(self._say("chain" if index == 0 else "chain-too", values, required=index == 0))
        more = len(letter.chains) - CHAINS_NAMED
        if more > 0:
            said.append(
                self._say(
                    "more-chains", {"More": capitalise(number_words(more)), "have": "has" if more == 1 else "have"}
                )
            )
        return [s for s in said if s]

    def _hello(self, letter: Letter) -> list[Sentence]:
        if not letter.past:
            return []
        friend = letter.past[-1]
        when = when_words(friend.date, self._today)
        values: dict[str, str | None] = {"friend": in_clause(friend.name), "when": when}
        if (self._today - friend.date).days > 180:
            values["long_ago"] = when
        said = self._say("hello" if friend.name else "hello-unnamed", values, required=True)
        return [said] if said else []


def size(body: Body, letter: Letter, closing: str) -> tuple[int, int]:
    """Words and characters of what goes on the card: greeting, body, sign-off and signature (``closing``)."""
    text = " ".join([f"Dear {letter.greeting},", *body.texts(), closing])
    return len(text.split()), len(text)


def _trim(body: Body, letter: Letter, card: CardSize, closing: str) -> None:
    """Leave out ownerkit's sentences, least needed first, until the card has room (the owner's words stay)."""
    for slot in TRIM_ORDER:
        words, chars = size(body, letter, closing)
        if words <= card.words and chars <= card.characters:
            return
        remaining = [[s for s in p if s.slot != slot] for p in body.paragraphs]
        if not any(remaining):
            continue  # never trim a letter down to nothing
        if sum(map(len, remaining)) < sum(map(len, body.paragraphs)):
            body.trimmed.append(slot)
        body.paragraphs = remaining
    body.paragraphs = [p for p in body.paragraphs if p]
