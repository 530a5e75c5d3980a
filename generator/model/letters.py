"""Which thank-you letters are owed, to whom, in which situation, with which facts.

A pure model of the kit and today's date: nothing here reads files, renders
templates or writes. :mod:`generator.render.letters.text` turns a :class:`Letter`
into text, a print-ready card and an email draft; :mod:`generator.render.letters.checks`
checks the result before anything is written.

Vague beats wrong: a fact the owner did not record is ``None`` here, and the
templates drop every sentence that needs it. Facts that touch a person's
``dont_mention`` topics are left out before any template sees them; ``remember``
facts are offered only while they are fresh; nobody who has died gets a letter;
amounts (``value``) never reach a letter at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.model.dates import FRESH_MONTHS
from generator.model.owed import Owed, owed, referrals_by_referrer
from generator.model.records import SITUATIONS, Kit, Person, Referral

CARD_SIZES: dict[str, tuple[float, float]] = {
    # card: (width, height) in inches
    "A2": (4.25, 5.5),
    "A6": (4.5, 6.25),
    "A7": (5.0, 7.0),
}
ENVELOPES: dict[str, tuple[float, float]] = {
    # the matching envelope, printed landscape: (width, height) in inches
    "A2": (5.75, 4.375),
    "A6": (6.5, 4.75),
    "A7": (7.25, 5.25),
}
# What fits on the inside of the card in ordinary handwriting: (words, characters).
HANDWRITING_BUDGET: dict[str, tuple[int, int]] = {
    "A2": (45, 260),
    "A6": (60, 340),
    "A7": (80, 450),
}

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
    name: str  # as the owner knows the friend
    for_what: str | None
    outcome: str
    note: str | None
    date: dt.date
    where: str  # file:line of the referral, for messages

    def as_context(self) -> dict[str, Any]:
        return {
            "name": in_sentence(self.name),
            "mid": in_clause(self.name),
            "start": as_start(self.name),
            "subject": as_subject(self.name),
            "for_what": self.for_what,
            "outcome": self.outcome,
            "became_client": self.outcome == "client",
            "not_a_fit": self.outcome == "not-a-fit",
            "pending": self.outcome == "pending",
            "note": self.note,
            "date": self.date,
        }


@dataclass(frozen=True)
class ChainLink:
    """A sent ``friend``, and ``friend`` has since sent ``their_friends``."""

    friend: str
    their_friends: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    """One letter to one person: the situation and every fact its templates may use."""

    person: Person
    situation: str
    thanks: tuple[Friend, ...]  # unthanked referrals this letter thanks them for
    follow_ups: tuple[Friend, ...]  # referrals whose news they have not heard
    chains: tuple[ChainLink, ...]  # their friend is now sending friends too
    referrals: tuple[Referral, ...]  # every referral the letter is about (for `thanked`)
    total_sent: int  # how many friends they have sent, ever
    remember: tuple[tuple[str, dt.date], ...]  # fresh facts, for the owner's eyes
    avoid: tuple[str, ...]  # dont_mention topics (the checks look for them)
    left_out: tuple[LeftOut, ...] = ()
    overridden: bool = False  # situation came from a referral's `situation:`

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def notes(self) -> tuple[str, ...]:
        """The owner's own lines for this letter: notes of the referrals it thanks for
        (and, in a follow-up letter, of the referrals it gives news of)."""
        about = (*self.thanks, *self.follow_ups) if self.situation == "follow-up" else self.thanks
        return tuple(f.note for f in about if f.note)

    @property
    def personal(self) -> bool:
        """Has at least one line only this person could receive (the owner's own note)."""
        return bool(self.notes)

    def facts(self) -> dict[str, str]:
        """Every owner-written value the letter may print, by field (for messages)."""
        found: dict[str, str] = {}
        for friend in (*self.thanks, *self.follow_ups):
            if friend.note:
                found[f"note: ({friend.where})"] = friend.note
            if friend.for_what:
                found[f"for: ({friend.where})"] = friend.for_what
            found[f"referred: ({friend.where})"] = friend.name
        for fact, checked in self.remember:
            found[f"remember: ({self.person.source}, checked {checked})"] = fact
        found[f"name: ({self.person.source})"] = self.person.name.full
        return found

    def context(self, kit: Kit, card: str, today: dt.date) -> dict[str, Any]:
        """The variables every letter template receives."""
        owner = kit.owner
        thanks = [f.as_context() for f in self.thanks]
        follow_ups = [f.as_context() for f in self.follow_ups]
        width, height = CARD_SIZES[card]
        env_w, env_h = ENVELOPES[card]
        return {
            "situation": self.situation,
            "today": today,
            "card": {"name": card, "width": width, "height": height, "envelope_width": env_w, "envelope_height": env_h},
            "person": {
                "id": self.person.id,
                "greeting": self.person.name.greeting,
                "full_name": self.person.name.full,
                "email": self.person.email,
                "address_lines": _lines(self.person.address),
            },
            "owner": {
                "greeting": owner.name.greeting,
                "full_name": owner.name.full,
                "signature": owner.signature,
                "business": owner.business,
                "email": owner.contact.email,
                "address_lines": _lines(owner.contact.address),
            },
            "thanks": thanks,
            "friends": join_names([in_sentence(f.name) for f in self.thanks]),
            "friend_count": len(self.thanks),
            "follow_ups": follow_ups,
            "chains": [
                {
                    "friend": in_sentence(c.friend),
                    "mid": in_clause(c.friend),
                    "start": as_start(c.friend),
                    "their_friends": join_some([in_sentence(n) for n in c.their_friends]),
                    "count": len(c.their_friends),
                }
                for c in self.chains[:CHAINS_NAMED]
            ],
            "more_chains": max(0, len(self.chains) - CHAINS_NAMED),
            "more_chains_words": number_words(max(0, len(self.chains) - CHAINS_NAMED)),
            "total_sent": self.total_sent,
            "total_sent_words": number_words(self.total_sent),
            "ordinal": ordinal(self.total_sent),
            "notes": [f.note for f in self.thanks if f.note],
            "remember": [{"fact": fact, "checked": checked} for fact, checked in self.remember],
        }


CHAINS_NAMED = 2  # a card has room for two chains; the rest are counted
FRIENDS_NAMED = 2  # and for two of each chain's friends


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
    """A friend's name inside a sentence, with the comma that closes a description.

    "Lorna, the choir's new alto" becomes "Lorna, the choir's new alto," so that
    "... my way" follows it correctly.
    """
    return _close_description(in_sentence(name))


def _close_description(name: str) -> str:
    """Add the comma that closes a description after a name ("Lorna, the choir's new alto,")."""
    return name + "," if "," in name and not name.endswith(",") else name


def as_start(name: str) -> str:
    """A friend's name at the start of a sentence: "the Lewis family" becomes "The Lewis family"."""
    return name[:1].upper() + name[1:]


def as_subject(name: str) -> str:
    """A friend's name starting a sentence, with the comma that closes a description.

    "Lorna, the choir's new alto" becomes "Lorna, the choir's new alto," so that
    "... came to me" follows it correctly.
    """
    return _close_description(as_start(name))


def number_words(number: int) -> str:
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def ordinal(number: int) -> str:
    if 0 < number < len(_ORDINALS):
        return _ORDINALS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def mentions(text: str, topics: tuple[str, ...]) -> str | None:
    """The first ``dont_mention`` topic that ``text`` touches (whole words, any case), else ``None``."""
    folded = text.casefold()
    for topic in topics:
        wanted = topic.casefold().strip()
        if wanted and re.search(r"(?<!\w)" + re.escape(wanted), folded):
            return topic
    return None


# ---------------------------------------------------------------- choosing


class NoLetter(Exception):
    """Asked for a letter to someone who must not (or cannot) get one."""


def letters_owed(
    kit: Kit,
    today: dt.date,
    *,
    person_ids: tuple[str, ...] = (),
    everyone: bool = False,
    fresh_months: int = FRESH_MONTHS,
) -> list[Letter]:
    """The letters to write today, one per person, in the order the queue shows them.

    By default: everyone owed a thank-you, a follow-up or a chain thank-you.
    ``person_ids`` picks people (a letter about their latest referral when nothing
    is owed); ``everyone`` adds every living person who has ever referred a friend.
    Raises :class:`NoLetter` for an unknown id, someone who has died, or someone
    who never referred anyone.
    """
    items = [o for o in owed(kit, today) if o.kind in ("thank", "follow-up", "chain")]
    by_person: dict[str, list[Owed]] = {}
    for item in items:
        by_person.setdefault(item.person.id, []).append(item)
    sent = referrals_by_referrer(kit)
    if person_ids:
        wanted = list(dict.fromkeys(person_ids))
        for pid in wanted:
            person = kit.people.get(pid)
            if person is None:
                raise NoLetter(f'no person has the id "{pid}"')
            if person.deceased:
                raise NoLetter(f"{pid} has died: ownerkit writes them no letter")
            if not sent.get(pid):
                raise NoLetter(f"{pid} has not referred anyone yet: there is nothing to thank them for")
    elif everyone:
        wanted = [pid for pid in kit.people if sent.get(pid) and not kit.people[pid].deceased]
        wanted.sort(key=lambda pid: (min((o.since for o in by_person.get(pid, ())), default=dt.date.max), pid))
    else:
        wanted = list(by_person)
    letters = []
    for pid in wanted:
        person = kit.people[pid]
        if person.deceased:
            continue
        letters.append(build_letter(kit, person, by_person.get(pid, []), today, fresh_months, sent.get(pid, [])))
    return letters


def build_letter(
    kit: Kit,
    person: Person,
    items: list[Owed],
    today: dt.date,
    fresh_months: int = FRESH_MONTHS,
    sent_by_them: list[Referral] | None = None,
) -> Letter:
    """The letter for ``person`` covering everything in ``items`` (or their latest referral).

    ``sent_by_them`` (every referral from ``person``) saves a pass over the kit when given.
    """
    avoid = tuple(t for t in person.dont_mention if t.strip())
    left_out: list[LeftOut] = []
    if sent_by_them is None:
        sent_by_them = referrals_by_referrer(kit).get(person.id, [])
    sent = sorted(sent_by_them, key=lambda r: (r.date, r.id))
    thank_refs = [r for o in items if o.kind == "thank" for r in o.referrals]
    follow_refs = [r for o in items if o.kind == "follow-up" for r in o.referrals]
    chain_pairs = [(o.referrals[0], o.referrals[1]) for o in items if o.kind == "chain" and len(o.referrals) == 2]
    if not (thank_refs or follow_refs or chain_pairs) and sent:
        thank_refs = [sent[-1]]  # asked for explicitly: write about the latest referral

    thanks = tuple(_friend(kit, r, avoid, left_out, person.id) for r in _unique(thank_refs))
    follow_ups = tuple(_friend(kit, r, avoid, left_out, person.id) for r in _unique(follow_refs))
    grouped: dict[str, list[str]] = {}
    for earlier, later in sorted(chain_pairs, key=lambda pair: (pair[0].date, pair[1].date, pair[1].id)):
        friend, their_friend = kit.referred_display_name(earlier), kit.referred_display_name(later)
        if topic := mentions(f"{friend} {their_friend}", avoid):
            left_out.append(
                LeftOut(
                    person.id, f"the chain through {friend}", f'it touches "{topic}" (dont_mention)', str(later.source)
                )
            )
            continue
        grouped.setdefault(friend, []).append(their_friend)
    chains = [ChainLink(friend, tuple(dict.fromkeys(names))) for friend, names in grouped.items()]
    remember = []
    for item in person.remember:
        if not item.fresh(today, fresh_months):
            left_out.append(
                LeftOut(person.id, f'remember "{item.fact}"', f"last checked {item.checked}", str(person.source))
            )
        elif topic := mentions(item.fact, avoid):
            left_out.append(LeftOut(person.id, "a remember fact", f'it touches "{topic}" (dont_mention)'))
        else:
            remember.append((item.fact, item.checked))
    total_sent = sum(1 for r in sent if r.date <= today)
    about = [*_unique(thank_refs), *_unique(follow_refs), *(earlier for earlier, _ in chain_pairs)]
    situation, overridden = choose_situation(thanks, follow_ups, chains, total_sent, about)
    referrals = tuple(_unique([*thank_refs, *follow_refs, *(earlier for earlier, _ in chain_pairs)]))
    return Letter(
        person=person,
        situation=situation,
        thanks=thanks,
        follow_ups=follow_ups,
        chains=tuple(chains),
        referrals=referrals,
        total_sent=total_sent,
        remember=tuple(remember),
        avoid=avoid,
        left_out=tuple(left_out),
        overridden=overridden,
    )


def choose_situation(
    thanks: tuple[Friend, ...],
    follow_ups: tuple[Friend, ...],
    chains: list[ChainLink],
    total_sent: int,
    about: list[Referral],
) -> tuple[str, bool]:
    """The letter's situation: a referral's ``situation:`` wins, else the facts decide."""
    for referral in reversed(about):
        if referral.situation in SITUATIONS:
            return referral.situation, True
    if thanks:
        if total_sent > 1:
            return "repeat", False
        if all(f.outcome == "client" for f in thanks):
            return "client", False
        if all(f.outcome == "not-a-fit" for f in thanks):
            return "not-a-fit", False
        return "first", False
    if chains:
        return "chain", False
    return "follow-up", False


def _unique(referrals: list[Referral]) -> list[Referral]:
    seen: dict[str, Referral] = {}
    for referral in referrals:
        seen.setdefault(referral.id, referral)
    return sorted(seen.values(), key=lambda r: (r.date, r.id))


def _friend(kit: Kit, referral: Referral, avoid: tuple[str, ...], left_out: list[LeftOut], pid: str) -> Friend:
    where = str(referral.source)
    for_what, note = referral.for_what, referral.note
    if for_what and (topic := mentions(for_what, avoid)):
        left_out.append(LeftOut(pid, f"for: of {referral.id}", f'it touches "{topic}" (dont_mention)', where))
        for_what = None
    if note and (topic := mentions(note, avoid)):
        left_out.append(LeftOut(pid, f"note: of {referral.id}", f'it touches "{topic}" (dont_mention)', where))
        note = None
    return Friend(
        referral_id=referral.id,
        name=kit.referred_display_name(referral),
        for_what=_clean(for_what),
        outcome=referral.outcome,
        note=_clean(note),
        date=referral.date,
        where=where,
    )


def _clean(text: str | None) -> str | None:
    """Blank text is no text: ``None``, so the sentence that needs it is dropped."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None
