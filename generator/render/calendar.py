"""The milestones calendar: dates worth a card, a call or a thank-you, as iCalendar.

Model first (:func:`milestones` returns plain :class:`Milestone` records), then
rendering (:func:`render_calendar` returns RFC 5545 text). Nothing here touches
the disk.

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

Values are encoded with the icalendar library's own types (``vText``,
``vDate``, ``vDDDTypes``, ``vRecur``); lines are assembled and folded here
(RFC 5545 section 3.1). Building ``icalendar.Event`` objects and calling
``Calendar.to_ical()`` is the same text but about 170 microseconds per event
(10 s for a 60,000-event calendar, most of it in line folding); this way is
about 20 times faster. Tests parse the output back with
``icalendar.Calendar.from_ical``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from icalendar import vDate, vDatetime, vRecur, vText

from generator.model.dates import FRESH_MONTHS, MONTH_NAMES, PartialDate
from generator.model.owed import Owed, last_in_touch_index, owed
from generator.model.records import Kit, Person, Referral

MilestoneKind = Literal["birthday", "date", "client-anniversary", "referral-anniversary", "thank", "follow-up", "chain"]
KIND_ORDER: dict[str, int] = {
    kind: n
    for n, kind in enumerate(
        ("thank", "follow-up", "chain", "birthday", "date", "client-anniversary", "referral-anniversary")
    )
}
PRODID = "-//ownerkit//milestones//EN"
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


# ------------------------------------------------------------------- wording


def long_date(day: dt.date) -> str:
    """``12 March 2019``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def partial_date_text(date: PartialDate) -> str:
    """``12 March`` or ``12 March 1980``."""
    text = f"{date.day} {MONTH_NAMES[date.month - 1]}"
    return f"{text} {date.year}" if date.year else text


def ago(then: dt.date, today: dt.date) -> str:
    """How long ago ``then`` was, in words: ``3 months ago``."""
    days = (today - then).days
    if days < 0:
        return f"on {long_date(then)}, after today"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    months = (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)
    if months < 2:
        return f"{days // 7} weeks ago"
    if months < 12:
        return f"{months} months ago"
    years = months // 12
    return "a year ago" if years == 1 else f"{years} years ago"


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


# --------------------------------------------------------------------- model


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
        if referral.referred_id and referral.referred_id in self.kit.people:
            return self.kit.people[referral.referred_id].name.full
        return referral.referred_name or ""

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
            text = f"referred {_plural(len(sent), 'friend', 'friends')}"
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
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return dt.date(year, 2, 29 if leap else 28), True
    return dt.date(year, date.month, date.day), False


def _full_date(day: dt.date) -> PartialDate:
    return PartialDate(day.month, day.day, day.year)


def milestones(kit: Kit, today: dt.date, owed_items: Iterable[Owed] | None = None) -> list[Milestone]:
    """Every milestone of the kit, in calendar order; nothing for people who have died."""
    index = PeopleIndex(kit)
    found: list[Milestone] = []
    seen_uids: dict[str, int] = {}

    def add(
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
        if uid in seen_uids:  # the same label twice for one person: keep both, apart
            seen_uids[uid] += 1
            uid = uid_for(person.id, kind, f"{key}\x1f{seen_uids[uid]}")
        else:
            seen_uids[uid] = 1
        about = index.about(person, today)
        found.append(Milestone(uid, kind, person.id, summary, start, first_line, about, yearly, february))

    for person in kit.people.values():
        if person.deceased:
            continue
        full = person.name.full
        if person.birthday:
            start, feb = _yearly_start(person.birthday, today)
            line = f"Birthday: {partial_date_text(person.birthday)}."
            add(person, "birthday", "birthday", f"Birthday: {full}", start, line, True, feb)
        for item in person.dates:
            start, feb = _yearly_start(item.date, today)
            line = f"{item.label}: {partial_date_text(item.date)}."
            add(person, "date", item.label, f"{full}: {item.label}", start, line, True, feb)
        if person.client_since:
            start, feb = _yearly_start(_full_date(person.client_since), today)
            line = f"Became a client on {long_date(person.client_since)}."
            summary = f"Client anniversary: {full} (since {person.client_since.year})"
            add(person, "client-anniversary", "client-since", summary, start, line, True, feb)

    for referral in kit.referrals:
        if referral.outcome != "client" or index.involves_deceased(referral):
            continue
        person = kit.people[referral.from_id]
        friend = index.referred_name(referral)
        start, feb = _yearly_start(_full_date(referral.date), today)
        line = f"On {long_date(referral.date)} {person.name.full} sent you {friend}"
        line += f" ({referral.for_what})" if referral.for_what else ""
        line += f"; {friend} became a client."
        summary = f"Referral anniversary: {person.name.full} sent you {friend}"
        add(person, "referral-anniversary", referral.id, summary, start, line, True, feb)

    items = owed(kit, today) if owed_items is None else owed_items
    chains: dict[str, list[Owed]] = {}
    for due in items:
        if due.kind == "hello" or any(index.involves_deceased(r) for r in due.referrals):
            continue
        if due.kind == "chain":  # one event per friend A sent, however many friends that friend sent since
            chains.setdefault(due.referrals[0].id, []).append(due)
        else:
            add(due.person, due.kind, due.referrals[0].id, *_owed_event(due, index, today))
    for key, group in chains.items():
        add(group[0].person, "chain", key, *_chain_event(group, index, today))

    found.sort(key=lambda m: (m.start, KIND_ORDER[m.kind], m.person_id, m.uid))
    return found


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


# ----------------------------------------------------------------- rendering


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character or an escape."""
    if line.isascii():
        if len(line) <= 75:
            return line
        parts, start, limit = [], 0, 75
        while len(line) - start > limit:
            end = start + limit
            if line[end - 1] == "\\":  # keep a backslash with the character it escapes
                end -= 1
            parts.append(line[start:end])
            start, limit = end, 74  # continuation lines start with a space
        parts.append(line[start:])
        return "\r\n ".join(parts)
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    chunks, begin, size = [], 0, 75
    while len(data) - begin > size:
        end = begin + size
        while end > begin and (data[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte: step back
            end -= 1
        if data[end - 1 : end] == b"\\":
            end -= 1
        chunks.append(data[begin:end])
        begin, size = end, 74
    chunks.append(data[begin:])
    return "\r\n ".join(c.decode("utf-8") for c in chunks)


def _text(value: str) -> str:
    return vText(value).to_ical().decode("utf-8")


def render_calendar(kit: Kit, events: list[Milestone], today: dt.date) -> str:
    """The events as one VCALENDAR (RFC 5545), CRLF line ends; same kit and day, same text."""
    stamp = vDatetime(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)).to_ical().decode()
    rules = {
        False: "RRULE:" + vRecur({"freq": "yearly"}).to_ical().decode() + "\r\n",
        True: "RRULE:" + vRecur({"freq": "yearly", "bymonth": 2, "bymonthday": -1}).to_ical().decode() + "\r\n",
    }
    days: dict[dt.date, str] = {}
    abouts: dict[str, str] = {}  # the same person's text, escaped once
    footer = _text(FOOTER)

    def day(value: dt.date) -> str:
        text = days.get(value)
        if text is None:
            text = days[value] = vDate(value).to_ical().decode()
        return text

    name = _text(f"{kit.owner.business}: milestones (private)")
    desc = _text("Birthdays, anniversaries and thank-yous from your ownerkit records. Private: do not share.")
    out = [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        f"PRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        f"{_fold('X-WR-CALNAME:' + name)}\r\n{_fold('X-WR-CALDESC:' + desc)}\r\n"
    ]
    for event in events:
        about = abouts.get(event.about)
        if about is None:
            about = abouts[event.about] = _text(event.about)
        description = f"DESCRIPTION:{_text(event.headline)}\\n{about}\\n{footer}"
        out.append(
            f"BEGIN:VEVENT\r\nUID:{event.uid}\r\nDTSTAMP:{stamp}\r\n"
            f"DTSTART;VALUE=DATE:{day(event.start)}\r\n"
            f"DTEND;VALUE=DATE:{day(event.start + dt.timedelta(days=1))}\r\n"
            f"{rules[event.last_day_of_february] if event.yearly else ''}"
            f"{_fold('SUMMARY:' + _text(event.summary))}\r\n{_fold(description)}\r\n"
            f"CATEGORIES:ownerkit,{event.kind}\r\nCLASS:PRIVATE\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        )
    out.append("END:VCALENDAR\r\n")
    return "".join(out)
