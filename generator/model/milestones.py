"""The milestones of a kit: dates worth a card, a call or a thank-you, as plain records.

What goes in:

- **birthdays** and the person's other **remembered dates**: all-day, yearly
  (``RRULE:FREQ=YEARLY``), whether or not the year is known. February 29
  repeats on the last day of February (``BYMONTH=2;BYMONTHDAY=-1``), so it
  falls on the 28th in other years, as :meth:`PartialDate.next_on_or_after` does.
- **client anniversaries** (``client_since``), yearly.
- **referral anniversaries**, yearly, for referrals that brought a client: a
  friend who was not a fit, or is still pending, is nothing to celebrate.
- **thank-you, follow-up and chain-news due dates** from :mod:`generator.model.owed`,
  once each. A due date already past is placed on today and says since when
  it is overdue, so it is seen rather than buried in the past. Chain news is
  one event per friend A sent, however many friends that friend has sent
  since. Quiet "say hello" reminders stay in the queue: they have no date.

Nothing is made for, or names, a person who has died. Every event's
description says who the person is and how they relate to the business, when
the owner was last in touch, what the owner remembers with how fresh it is,
and which topics to avoid.

UIDs are a hash of person id, kind and label (or referral id), so importing
the file again updates events instead of duplicating them. DTSTAMP is
derived from ``today``, so the same kit and day give the same bytes.

:mod:`generator.render.calendar` writes these records as iCalendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator.model.dates import FRESH_MONTHS, PartialDate, ago, is_leap, long_date, partial_date_text
from generator.model.owed import Owed, last_in_touch_index, owed
from generator.model.records import Kit, Person, Referral
from generator.model.text import count

MilestoneKind = Literal["birthday", "date", "client-anniversary", "referral-anniversary", "thank", "follow-up", "chain"]
KIND_ORDER: dict[str, int] = {
    kind: n
    for n, kind in enumerate(
        ("thank", "follow-up", "chain", "birthday", "date", "client-anniversary", "referral-anniversary")
    )
}
CHAIN_NAMES = 8  # friends named in one chain-news event; the rest are counted
FOOTER = "Private: from your ownerkit records."


@dataclass(frozen=True)
class Milestone:
    """One calendar event: about one person, on one day, once or every year."""

    uid: str
    kind: MilestoneKind
    person_id: str
    summary: str
    start: dt.date
    headline: str  # what this event is about, first line of the description
    about: str  # who the person is: the same text on every event about them
    yearly: bool = False
    last_day_of_february: bool = False  # yearly on Feb 29 in leap years, Feb 28 otherwise

    @property
    def description(self) -> str:
        return f"{self.headline}\n{self.about}\n{FOOTER}"


class PeopleIndex:
    """Per-person facts computed once for the whole kit (no O(people × referrals) scans)."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.touch = last_in_touch_index(kit)
        self.sent: dict[str, list[Referral]] = defaultdict(list)
        self.came_through: dict[str, Referral] = {}
        for referral in kit.referrals:  # sorted by date: the first one through wins
            self.sent[referral.from_id].append(referral)
            if referral.referred_id and referral.referred_id not in self.came_through:
                self.came_through[referral.referred_id] = referral
        self._about: dict[str, str] = {}

    def referred_name(self, referral: Referral) -> str:
        return self.kit.referred_display_name(referral, full=True)

    def involves_deceased(self, referral: Referral) -> bool:
        people = self.kit.people
        return people[referral.from_id].deceased or bool(
            referral.referred_id and referral.referred_id in people and people[referral.referred_id].deceased
        )

    def relation(self, person: Person) -> str:
        """How the person relates to the business, or ``""`` when nothing is recorded."""
        parts = []
        if person.client_since:
            parts.append(f"client since {long_date(person.client_since)}")
        sent = self.sent.get(person.id, ())
        if sent:
            clients = sum(r.outcome == "client" for r in sent)
            text = f"referred {count(len(sent), 'friend')}"
            if clients:
                text += f" ({clients} became {'a client' if clients == 1 else 'clients'})"
            parts.append(text)
        through = self.came_through.get(person.id)
        if through:
            referrer = self.kit.people[through.from_id]
            text = f"came to you through {referrer.name.full} ({long_date(through.date)})"
            parts.append(text + (f"; {referrer.name.full} has since died" if referrer.deceased else ""))
        if not parts:
            return ""
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def about(self, person: Person, today: dt.date) -> str:
        """The lines every event about ``person`` carries (cached per person)."""
        cached = self._about.get(person.id)
        if cached is not None:
            return cached
        lines = []
        who = f"Who: {person.name.full}"
        if person.name.greeting != person.name.given:
            who += f" (you call them {person.name.greeting})"
        lines.append(who + ".")
        relation = self.relation(person)
        if relation:
            lines.append(relation)
        last = self.touch.get(person.id)
        if last:
            lines.append(f"Last in touch: {long_date(last)} ({ago(last, today)}).")
        else:
            lines.append("Last in touch: not recorded.")
        if person.remember:
            lines.append("You remember:")
            for item in person.remember:
                when = f"checked {ago(item.checked, today)}"
                if not item.fresh(today, FRESH_MONTHS):
                    when += "; stale, re-check before mentioning it"
                lines.append(f"- {item.fact} ({when})")
        if person.dont_mention:
            lines.append("Avoid: " + "; ".join(person.dont_mention) + ".")
        text = "\n".join(lines)
        self._about[person.id] = text
        return text


def uid_for(person_id: str, kind: str, key: str) -> str:
    """A UID that stays the same for the same person, kind and label, run after run."""
    digest = hashlib.sha1(f"{person_id}\x1f{kind}\x1f{key}".encode()).hexdigest()
    return f"{digest}@ownerkit"


def _yearly_start(date: PartialDate, today: dt.date) -> tuple[dt.date, bool]:
    """The first day of a yearly event, and whether it follows the last day of February."""
    year = date.year if date.year is not None else today.year
    if date.month == 2 and date.day == 29:
        return dt.date(year, 2, 29 if is_leap(year) else 28), True
    return dt.date(year, date.month, date.day), False


def _full_date(day: dt.date) -> PartialDate:
    return PartialDate(day.month, day.day, day.year)


@dataclass
class _Milestones:
    """The milestones found so far, each with a UID that stays the same run after run."""

    index: PeopleIndex
    today: dt.date
    found: list[Milestone] = field(default_factory=list)
    seen_uids: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        person: Person,
        kind: MilestoneKind,
        key: str,
        summary: str,
        start: dt.date,
        first_line: str,
        yearly: bool = False,
        february: bool = False,
    ) -> None:
        uid = uid_for(person.id, kind, key)
        if uid in self.seen_uids:  # the same label twice for one person: keep both, apart
            self.seen_uids[uid] += 1
            uid = uid_for(person.id, kind, f"{key}\x1f{self.seen_uids[uid]}")
        else:
            self.seen_uids[uid] = 1
        about = self.index.about(person, self.today)
        self.found.append(Milestone(uid, kind, person.id, summary, start, first_line, about, yearly, february))


def milestones(kit: Kit, today: dt.date, owed_items: Iterable[Owed] | None = None) -> list[Milestone]:
    """Every milestone of the kit, in calendar order; nothing for people who have died."""
    found = _Milestones(PeopleIndex(kit), today)
    _personal_dates(kit, found)
    _referral_anniversaries(kit, found)
    _due_dates(owed(kit, today) if owed_items is None else owed_items, found)
    found.found.sort(key=lambda m: (m.start, KIND_ORDER[m.kind], m.person_id, m.uid))
    return found.found


def _personal_dates(kit: Kit, found: _Milestones) -> None:
    """Birthdays, remembered dates and client anniversaries: yearly."""
    today = found.today
    for person in kit.people.values():
        if person.deceased:
            continue
        full = person.name.known_as  # "Birthday: Bisi Adebayo", as she knows her
        if person.birthday:
            start, feb = _yearly_start(person.birthday, today)
            line = f"Birthday: {partial_date_text(person.birthday)}."
            found.add(person, "birthday", "birthday", f"Birthday: {full}", start, line, True, feb)
        for item in person.dates:
            start, feb = _yearly_start(item.date, today)
            line = f"{item.label}: {partial_date_text(item.date)}."
            found.add(person, "date", item.label, f"{full}: {item.label}", start, line, True, feb)
        if person.client_since:
            start, feb = _yearly_start(_full_date(person.client_since), today)
            line = f"Became a client on {long_date(person.client_since)}."
            summary = f"Client anniversary: {full} (since {person.client_since.year})"
            found.add(person, "client-anniversary", "client-since", summary, start, line, True, feb)


def _referral_anniversaries(kit: Kit, found: _Milestones) -> None:
    """Yearly, for referrals that brought a client."""
    for referral in kit.referrals:
        if referral.outcome != "client" or found.index.involves_deceased(referral):
            continue
        person = kit.people[referral.from_id]
        friend = found.index.referred_name(referral)
        start, feb = _yearly_start(_full_date(referral.date), found.today)
        line = f"On {long_date(referral.date)} {person.name.full} sent you {friend}"
        line += f" ({referral.for_what})" if referral.for_what else ""
        line += f"; {friend} became a client."
        summary = f"Referral anniversary: {person.name.full} sent you {friend}"
        found.add(person, "referral-anniversary", referral.id, summary, start, line, True, feb)


def _due_dates(items: Iterable[Owed], found: _Milestones) -> None:
    """Thank-yous, follow-ups and chain news, once each; quiet hellos stay in the queue."""
    index, today = found.index, found.today
    chains: dict[str, list[Owed]] = {}
    for due in items:
        if due.kind == "hello" or any(index.involves_deceased(r) for r in due.referrals):
            continue
        if due.kind == "chain":  # one event per friend A sent, however many friends that friend sent since
            chains.setdefault(due.referrals[0].id, []).append(due)
        else:
            found.add(due.person, due.kind, due.referrals[0].id, *_owed_event(due, index, today))
    for key, group in chains.items():
        found.add(group[0].person, "chain", key, *_chain_event(group, index, today))


def _owed_event(item: Owed, index: PeopleIndex, today: dt.date) -> tuple[str, dt.date, str]:
    """Summary, day and first description line of a thank-you or follow-up event."""
    name = item.person.name.full
    first = item.referrals[0]
    friend = index.referred_name(first)
    what = f" ({first.for_what})" if first.for_what else ""
    if item.kind == "thank":
        summary = f"Thank {name} for sending {friend}"
        line = f"{name} sent you {friend}{what} on {long_date(first.date)}; not thanked yet."
    else:
        summary = f"Tell {name} how it went with {friend}"
        assert first.thanked is not None  # follow-ups come after a thank-you
        line = f"{friend}{what} became a client; you thanked {name} on {long_date(first.thanked.date)}"
        line += " but have not told them how it went."
    return _when_due(summary, line, item.due, today)


def _chain_event(group: list[Owed], index: PeopleIndex, today: dt.date) -> tuple[str, dt.date, str]:
    """One event for A about B, whom A sent, and every friend B has sent since that A has not heard of."""
    name = group[0].person.name.full
    first = group[0].referrals[0]
    friend = index.referred_name(first)
    newer = [index.referred_name(g.referrals[1]) for g in group]
    if len(newer) == 1:
        summary = f"Tell {name}: {friend} has sent you {newer[0]}"
    else:
        summary = f"Tell {name}: {friend} has sent you {len(newer)} friends"
    names = ", ".join(newer[:CHAIN_NAMES])
    if len(newer) > CHAIN_NAMES:
        names += f" and {len(newer) - CHAIN_NAMES} more"
    line = f"{name} sent you {friend} ({long_date(first.date)}); since then {friend} has sent you {names}."
    line += f" {name} has not heard yet."
    return _when_due(summary, line, min(g.due for g in group), today)


def _when_due(summary: str, line: str, due: dt.date, today: dt.date) -> tuple[str, dt.date, str]:
    """On its due day; when that is past, on today, marked overdue."""
    if due < today:
        return f"{summary} (overdue)", today, f"{line} Due {long_date(due)}; overdue since then."
    return summary, due, f"{line} Due {long_date(due)}."
