"""Which letters are owed, to whom, in which situation, with which facts.

A pure model of the kit and today's date: nothing here reads files, renders
or writes. :mod:`generator.render.letters.body` turns a :class:`Letter` into
sentences; :mod:`generator.render.letters.text` into its three forms.

Vague beats wrong: a fact the owner did not record is ``None`` here, and the
sentences that need it are not written. Facts that touch a person's
``dont_mention`` topics, or that speak of the reader in the third person, are
simplified or left out before any sentence sees them (:mod:`generator.model.friends`);
``remember`` facts and their ``ask`` are offered only while fresh; nobody who
has died gets a letter; amounts (``value``) never reach a letter at all.

History: nobody is thanked twice for the same referral. Asked for a letter to
someone owed nothing, ownerkit writes a hello that speaks of past referrals in
the past tense.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.errors import Refused
from generator.model.cards import CardSize
from generator.model.dates import FRESH_MONTHS
from generator.model.english import in_sentence, join_names, when_words
from generator.model.friends import ChainLink, Friend, LeftOut, addressed, envelope_names, make_friend
from generator.model.owed import Owed, letters_due, referrals_by_referrer
from generator.model.records import SITUATIONS, Kit, LetterLine, Person, Referral
from generator.model.topics import mentions

LATE_AFTER_DAYS = 42  # a thank-you later than about six weeks says so
HELLO_NAMES = 2  # a hello recalls up to two past referrals

__all__ = ["FRESH_MONTHS", "ChainLink", "Friend", "LeftOut", "Letter", "NoLetter", "build_letter", "letters_owed"]


@dataclass(frozen=True)
class Letter:
    """One letter to one person: the situation and every fact its sentences may use."""

    person: Person
    situation: str  # first, repeat, client, not-a-fit, chain, follow-up, hello
    thanks: tuple[Friend, ...]  # unthanked referrals this letter thanks them for
    follow_ups: tuple[Friend, ...]  # referrals whose news they have not heard
    chains: tuple[ChainLink, ...]  # their friend is now sending friends too
    referrals: tuple[Referral, ...]  # every referral the letter is about (for `thanked`)
    total_sent: int  # how many referrals they have made, ever (times, not people)
    remember: tuple[tuple[str, dt.date], ...]  # fresh facts, for the owner's eyes
    avoid: tuple[str, ...]  # dont_mention topics
    left_out: tuple[LeftOut, ...] = ()
    overridden: bool = False  # situation came from a referral's `situation:`
    past: tuple[Friend, ...] = ()  # a hello: earlier referrals, spoken of in the past tense
    asks: tuple[str, ...] = ()  # the owner's own questions, from fresh remember facts
    late_days: int = 0  # how late the thank-you is, when over LATE_AFTER_DAYS
    letters_before: int = 0  # thank-yous and follow-ups already sent them (to vary the wording)
    line: LetterLine | None = None  # the owner's own line for this letter (letter_lines), not yet sent

    @property
    def line_text(self) -> str | None:
        return self.line.text if self.line else None

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def greeting(self) -> str:
        return addressed(self.person)

    @property
    def notes(self) -> tuple[str, ...]:
        """The owner's own lines in this letter: notes of the referrals it speaks of, not already given."""
        about = (*self.thanks, *(f for f in self.follow_ups if not f.note_told))
        return tuple(f.note for f in about if f.note)

    @property
    def personal(self) -> bool:
        """Has at least one line only this person could receive (the owner's note or question)."""
        return bool(self.notes or self.asks or self.line)

    def facts(self) -> dict[str, str]:
        """Every owner-written value the letter may print, by field (for messages and measures)."""
        found: dict[str, str] = {}
        for friend in (*self.thanks, *self.follow_ups, *self.past):
            if friend.note:
                found[f"note: ({friend.where})"] = friend.note
            if friend.for_what:
                found[f"for: ({friend.where})"] = friend.for_what
            found[f"referred: ({friend.where})"] = friend.name
        for link in self.chains:
            for name in (link.friend, *link.their_friends):
                found[f"referred: ({name})"] = name
        for fact, checked in self.remember:
            found[f"remember: ({self.person.source}, checked {checked})"] = fact
        for ask in self.asks:
            found[f"ask: ({self.person.source})"] = ask
        if self.line:
            found[f"letter_lines: ({self.person.source}, written {self.line.written})"] = self.line.text
        found[f"name: ({self.person.source})"] = self.person.name.full
        found[f"greeting: ({self.person.source})"] = self.greeting
        return found

    def context(self, kit: Kit, card: CardSize, today: dt.date) -> dict[str, Any]:
        """The variables the form templates (and an owner's own situation templates) receive."""
        owner = kit.owner
        return {
            "situation": self.situation,
            "today": today,
            "card": {
                "name": card.name,
                "described": card.described,
                "width": card.width_mm,
                "height": card.height_mm,
                "envelope_width": card.envelope_mm[0],
                "envelope_height": card.envelope_mm[1],
                "font_pt": card.font_pt,
            },
            "person": {
                "id": self.person.id,
                "greeting": self.greeting,
                "full_name": self.person.name.full,
                "email": self.person.email,
                "envelope_lines": [*envelope_names(self.person), *_lines(self.person.address)],
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
            "sign_off": self.person.sign_off or owner.sign_off or "With warm thanks,",  # else chosen when rendered
            "thanks": [_friend_context(f) for f in self.thanks],
            "friends": join_names([in_sentence(f.name) for f in self.thanks]),
            "follow_ups": [_friend_context(f) for f in self.follow_ups],
            "past": [{**_friend_context(f), "when": when_words(f.date, today)} for f in self.past],
            "chains": [{"friend": c.friend, "their_friends": list(c.their_friends)} for c in self.chains],
            "total_sent": self.total_sent,
            "notes": list(self.notes),
            "asks": list(self.asks),
            "line": self.line_text or "",
            "late_days": self.late_days,
            "remember": [{"fact": fact, "checked": checked} for fact, checked in self.remember],
        }


def _friend_context(friend: Friend) -> dict[str, Any]:
    return {
        "name": friend.name,
        "for_what": friend.for_what,
        "outcome": friend.outcome,
        "became_client": friend.outcome == "client",
        "not_a_fit": friend.outcome == "not-a-fit",
        "pending": friend.outcome == "pending",
        "note": friend.note,
        "date": friend.date,
    }


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------- choosing


class NoLetter(Refused):
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
    ``person_ids`` picks people; ``everyone`` adds every living person who has
    ever referred a friend. Someone picked who is owed nothing gets a hello.
    Raises :class:`NoLetter` for an unknown id, someone who has died, or someone
    who never referred anyone.
    """
    items = letters_due(kit, frozenset(person_ids) if person_ids else None)  # only those picked, when picked
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
    return [
        build_letter(kit, kit.people[pid], by_person.get(pid, []), today, fresh_months, sent.get(pid, []))
        for pid in wanted
        if not kit.people[pid].deceased
    ]


def build_letter(
    kit: Kit,
    person: Person,
    items: list[Owed],
    today: dt.date,
    fresh_months: int = FRESH_MONTHS,
    sent_by_them: list[Referral] | None = None,
) -> Letter:
    """The letter for ``person`` covering everything in ``items`` (a hello when there is nothing)."""
    avoid = tuple(t for t in person.dont_mention if t.strip())
    left_out: list[LeftOut] = []
    if sent_by_them is None:
        sent_by_them = referrals_by_referrer(kit).get(person.id, [])
    sent = sorted(sent_by_them, key=lambda r: (r.date, r.id))
    thank_refs = _unique([r for o in items if o.kind == "thank" for r in o.referrals])
    follow_refs = _unique([r for o in items if o.kind == "follow-up" for r in o.referrals])
    chain_pairs = [(o.referrals[0], o.referrals[1]) for o in items if o.kind == "chain" and len(o.referrals) == 2]

    def friend(referral: Referral) -> Friend:
        return make_friend(kit, referral, person, avoid, left_out)

    thanks = tuple(friend(r) for r in thank_refs)
    follow_ups = tuple(friend(r) for r in follow_refs)
    chains = _chains(kit, person, chain_pairs, avoid, left_out)
    past: tuple[Friend, ...] = ()
    if not (thanks or follow_ups or chains):
        past = tuple(friend(r) for r in sent[-HELLO_NAMES:] if r.date <= today)
    remember, asks = _fresh_facts(person, today, fresh_months, avoid, left_out)
    total_sent = sum(1 for r in sent if r.date <= today)
    about = [*thank_refs, *follow_refs, *(earlier for earlier, _ in chain_pairs)]
    situation, overridden = choose_situation(thanks, follow_ups, chains, total_sent, about)
    late = max(((today - f.date).days for f in thanks), default=0)
    line = letter_line(person, sent, today, avoid, left_out, hello=situation == "hello")
    return Letter(
        person=person,
        situation=situation,
        thanks=thanks,
        follow_ups=follow_ups,
        chains=tuple(chains),
        referrals=tuple(_unique(about)),
        total_sent=total_sent,
        remember=tuple(remember),
        avoid=avoid,
        left_out=tuple(left_out),
        overridden=overridden,
        past=past,
        asks=tuple(asks),
        late_days=late if late > LATE_AFTER_DAYS else 0,
        letters_before=len({d for r in sent for d in (r.thanked.date if r.thanked else None, r.followed_up) if d}),
        line=line,
    )


def letter_line(
    person: Person,
    sent: list[Referral],
    today: dt.date,
    avoid: tuple[str, ...],
    left_out: list[LeftOut],
    hello: bool = False,
) -> LetterLine | None:
    """The owner's newest line for the next letter, while no contact since it was written says it went out.

    A thank-you or follow-up recorded on or after the day it was written spends
    it (vague beats wrong: a line is never sent twice); so does a
    ``last_contact`` after it, or, for a hello (which ``ownerkit touched``
    records), on that day. One that touches a ``dont_mention`` topic is left
    out, and the owner told.
    """
    lines = [item for item in person.letter_lines if item.written <= today and item.text.strip()]
    if not lines:
        return None
    newest = lines[0]
    for item in lines[1:]:
        if item.written >= newest.written:  # of two written the same day, the later in the file
            newest = item
    letters = [d for r in sent for d in (r.thanked.date if r.thanked else None, *r.follow_ups) if d]
    if any(day >= newest.written for day in letters):
        return None  # a letter recorded sent since it was written carried it
    if person.last_contact and (
        person.last_contact > newest.written or (hello and person.last_contact == newest.written)
    ):
        return None  # in touch since: it went with a hello, or is old news
    if topic := mentions(newest.text, avoid):
        left_out.append(LeftOut(person.id, "your line", f'it touches "{topic}" (dont_mention)', str(person.source)))
        return None
    return newest


def _chains(
    kit: Kit,
    person: Person,
    pairs: list[tuple[Referral, Referral]],
    avoid: tuple[str, ...],
    left_out: list[LeftOut],
) -> list[ChainLink]:
    grouped: dict[str, list[str]] = {}
    for earlier, later in sorted(pairs, key=lambda pair: (pair[0].date, pair[1].date, pair[1].id)):
        friend, their_friend = kit.referred_display_name(earlier), kit.referred_display_name(later)
        if topic := mentions(f"{friend} {their_friend}", avoid):
            why = f'it touches "{topic}" (dont_mention)'
            left_out.append(LeftOut(person.id, f"the chain through {friend}", why, str(later.source)))
            continue
        grouped.setdefault(friend, []).append(their_friend)
    return [ChainLink(friend, tuple(dict.fromkeys(names))) for friend, names in grouped.items()]


def _fresh_facts(
    person: Person, today: dt.date, fresh_months: int, avoid: tuple[str, ...], left_out: list[LeftOut]
) -> tuple[list[tuple[str, dt.date]], list[str]]:
    """The remember facts still fresh and safe, and the owner's questions among them."""
    remember, asks = [], []
    for item in person.remember:
        if not item.fresh(today, fresh_months):
            what = f'remember "{item.fact}"' + (" and its ask" if item.ask else "")
            left_out.append(LeftOut(person.id, what, f"last checked {item.checked}", str(person.source)))
        elif topic := mentions(f"{item.fact} {item.ask or ''}", avoid):
            left_out.append(LeftOut(person.id, "a remember fact", f'it touches "{topic}" (dont_mention)'))
        else:
            remember.append((item.fact, item.checked))
            if item.ask:
                asks.append(item.ask)
    return remember, asks


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
        if total_sent > len(thanks):
            return "repeat", False
        if all(f.outcome == "client" for f in thanks):
            return "client", False
        if all(f.outcome == "not-a-fit" for f in thanks):
            return "not-a-fit", False
        return "first", False
    if chains:
        return "chain", False
    if follow_ups:
        return "follow-up", False
    return "hello", False


def _unique(referrals: list[Referral]) -> list[Referral]:
    seen: dict[str, Referral] = {}
    for referral in referrals:
        seen.setdefault(referral.id, referral)
    return sorted(seen.values(), key=lambda r: (r.date, r.id))
