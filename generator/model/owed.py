"""Who is owed what: thank-yous, follow-ups, chain thanks and quiet hellos.

One notion shared by the queue, the letters and the calendar. Pure functions
of the kit and today's date; nothing here reads or writes files.

- **thank**: a referral with no ``thanked`` record. Due a week after it came.
- **follow-up**: the friend became a client, the referrer was thanked, but
  has not heard how it went (no ``followed_up``, and the thank-you did not
  already tell them: ``thanked.told``). Due two weeks after the thanks.
- **chain**: A sent B, and B has since sent C. A is owed the news (their friend
  is now sending friends too) until A's referral of B is followed up on or
  after the day C came. Due a week after C came.
- **hello**: a best customer, referral source or long-standing client not
  heard from in half a year, or a new customer not heard from in a month: say
  hello for no reason (unless a thank-you, follow-up or chain note is owed them
  already).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from generator.model.dates import months_before
from generator.model.records import Kit, Person, Referral

THANK_WITHIN_DAYS = 7
FOLLOW_UP_AFTER_DAYS = 14
CHAIN_WITHIN_DAYS = 7
QUIET_AFTER_DAYS = 183
NEW_CUSTOMER_DAYS = 120
NEW_CUSTOMER_QUIET_DAYS = 30
LONG_STANDING_YEARS = 5

OwedKind = Literal["thank", "follow-up", "chain", "hello"]


@dataclass(frozen=True)
class Owed:
    """One thing the owner owes one person."""

    kind: OwedKind
    person: Person
    since: dt.date  # when it became owed
    due: dt.date
    referrals: tuple[Referral, ...] = ()  # what it is about (for chain: A→B, then B→C)
    reason: str = ""  # for hello: why this person matters
    last_contact: dt.date | None = None  # for hello: when they last heard from the owner

    def days_waiting(self, today: dt.date) -> int:
        return (today - self.since).days


def last_in_touch_index(kit: Kit) -> dict[str, dt.date]:
    """The latest day the owner is known to have been in touch with each person.

    Their ``last_contact``, and every thank-you and follow-up sent to them; one
    pass over the referrals.
    """
    index: dict[str, dt.date] = {p.id: p.last_contact for p in kit.people.values() if p.last_contact}
    for referral in kit.referrals:
        for day in (referral.thanked.date if referral.thanked else None, referral.followed_up):
            if day and (referral.from_id not in index or day > index[referral.from_id]):
                index[referral.from_id] = day
    return index


def referrals_by_referrer(kit: Kit) -> dict[str, list[Referral]]:
    grouped: dict[str, list[Referral]] = defaultdict(list)
    for referral in kit.referrals:
        grouped[referral.from_id].append(referral)
    return grouped


def chain_links(kit: Kit, sources: frozenset[str] | None = None) -> list[tuple[Referral, Referral]]:
    """Pairs (A→B, B→C) where B, sent by A, later sent C (only A in ``sources``, when given)."""
    by_referred: dict[str, list[Referral]] = defaultdict(list)
    for referral in kit.referrals:
        if referral.referred_id and (sources is None or referral.from_id in sources):
            by_referred[referral.referred_id].append(referral)
    links = []
    for later in kit.referrals:
        for earlier in by_referred.get(later.from_id, ()):
            if earlier.date <= later.date and earlier.from_id != later.referred_id:
                links.append((earlier, later))
    return links


def owed(kit: Kit, today: dt.date) -> list[Owed]:
    """Everything owed today, oldest first; nothing for people who have died."""
    items = letters_due(kit)
    hearing_soon = {item.person.id for item in items}  # a letter is owed them anyway
    items.extend(o for o in quiet_people(kit, today) if o.person.id not in hearing_soon)
    return sorted(items, key=lambda o: (o.since, o.kind, o.person.id))


def letters_due(kit: Kit, sources: frozenset[str] | None = None) -> list[Owed]:
    """The thank-yous, follow-ups and chain notes owed (to ``sources`` only, when given), oldest first.

    The rows of :func:`owed` that are letters, without working out the hellos:
    ``thanked`` and a letter to one person need no more.
    """
    items: list[Owed] = []
    people = kit.people
    for referral in kit.referrals:
        if sources is not None and referral.from_id not in sources:
            continue
        person = people[referral.from_id]
        if person.deceased:
            continue
        if referral.thanked is None:
            items.append(
                Owed("thank", person, referral.date, referral.date + dt.timedelta(THANK_WITHIN_DAYS), (referral,))
            )
        elif referral.outcome == "client" and referral.followed_up is None and referral.thanked.told != "client":
            since = referral.thanked.date
            items.append(Owed("follow-up", person, since, since + dt.timedelta(FOLLOW_UP_AFTER_DAYS), (referral,)))
    for earlier, later in chain_links(kit, sources):
        person = people[earlier.from_id]
        if person.deceased or (earlier.followed_up and earlier.followed_up >= later.date):
            continue
        items.append(Owed("chain", person, later.date, later.date + dt.timedelta(CHAIN_WITHIN_DAYS), (earlier, later)))
    return sorted(items, key=lambda o: (o.since, o.kind, o.person.id))


def quiet_people(kit: Kit, today: dt.date) -> list[Owed]:
    """People who matter and have not heard from the owner in a long while."""
    sources = {r.from_id for r in kit.referrals}
    touch = last_in_touch_index(kit)
    items = []
    for person in kit.people.values():
        if person.deceased:
            continue
        reason, quiet_days = _why_they_matter(person, person.id in sources, today)
        if not reason:
            continue
        last = touch.get(person.id) or person.client_since
        if last is None or (today - last).days < quiet_days:
            continue
        since = last + dt.timedelta(quiet_days)
        items.append(Owed("hello", person, since, since, (), reason, last))
    return items


def _why_they_matter(person: Person, is_source: bool, today: dt.date) -> tuple[str, int]:
    """Why a long silence matters for ``person``, and how long is too long."""
    if person.best_customer:
        return "best customer", QUIET_AFTER_DAYS
    if person.client_since and (today - person.client_since).days <= NEW_CUSTOMER_DAYS:
        return "new customer", NEW_CUSTOMER_QUIET_DAYS
    if is_source:
        return "referral source", QUIET_AFTER_DAYS
    if person.client_since and person.client_since <= months_before(today, 12 * LONG_STANDING_YEARS):
        return "long-standing client", QUIET_AFTER_DAYS
    return "", 0


RecordKind = Literal["thanked", "followed_up"]


def to_record(
    kit: Kit, today: dt.date, ident: str, follow_up_only: bool = False, day: dt.date | None = None
) -> list[tuple[Referral, RecordKind]]:
    """What ``ownerkit thanked IDENT`` records: the queue rows it clears, as fields to add.

    A person id clears all their rows: each thank-you owed (``thanked``), each
    follow-up and chain note owed (one more ``followed_up`` date on the
    referral it is about). A referral id clears that row alone. With
    ``follow_up_only``, a referral id records a follow-up even when none is
    owed yet, so long as there is news (the friend became a client, or sent
    someone since). ``day`` is when it was done (default: today): a
    follow-up is not owed on the day of the thank-you itself, nor chain news
    before the friend's friend came. Raises ``KeyError`` when ``ident``
    names no one.
    """
    referrals = {r.id: r for r in kit.referrals}
    day = day or today
    person = referrals[ident].from_id if ident in referrals else ident
    rows = [
        o
        for o in letters_due(kit, frozenset({person}))  # every row that ident clears is owed to this person
        if (o.kind == "thank")
        or (o.kind == "follow-up" and o.since < day)  # on the day of the thank-you it is the same letter
        or (o.kind == "chain" and o.since <= day)  # news from before the friend's friend came is not news
    ]
    if ident in referrals:
        referral = referrals[ident]
        found: list[tuple[Referral, RecordKind]] = []
        if referral.thanked is None and not follow_up_only:
            found.append((referral, "thanked"))
        if any(o.kind in ("follow-up", "chain") and o.referrals[0].id == ident for o in rows):
            found.append((referral, "followed_up"))  # the chain news goes in the same letter
        if found:
            return found
        has_news = referral.outcome == "client" or any(
            earlier.id == ident for earlier, _ in chain_links(kit, frozenset({person}))
        )
        if follow_up_only and has_news:
            return [(referral, "followed_up")]
        return []
    if ident not in kit.people:
        raise KeyError(ident)
    wanted: dict[tuple[str, str], tuple[Referral, RecordKind]] = {}
    for item in rows:
        if item.person.id != ident:
            continue
        referral = item.referrals[0]
        if item.kind == "thank" and not follow_up_only:
            wanted.setdefault((referral.id, "thanked"), (referral, "thanked"))
        elif item.kind in ("follow-up", "chain"):
            wanted.setdefault((referral.id, "followed_up"), (referral, "followed_up"))
    return sorted(wanted.values(), key=lambda pair: (pair[0].date, pair[0].id, pair[1] != "thanked"))
