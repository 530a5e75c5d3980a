"""The thank-you queue: who is owed a thank-you, a follow-up, a chain thank-you or a hello today.

A pure view of :func:`generator.model.owed.owed` arranged for one screen: sections in
the order they matter, oldest first within each, with days waiting. Rendering
to aligned text or JSON is here too (strings only; the CLI prints them).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from generator.model.english import as_start, as_subject, in_sentence
from generator.model.owed import Owed, owed
from generator.model.records import Kit

WHAT_WIDTH = 60  # the "what" column is cut here on a terminal (--json keeps it whole)

SECTIONS: tuple[tuple[str, str], ...] = (
    ("thank", "Thank you owed"),
    ("follow-up", "Follow-ups due (they haven't heard how it went)"),
    ("chain", "Chains to thank (their friend is sending friends too)"),
    ("hello", "Say hello (no reason needed)"),
)


@dataclass(frozen=True)
class QueueRow:
    kind: str
    person_id: str
    name: str
    what: str
    since: dt.date
    due: dt.date
    days: int
    overdue: bool
    ref: str  # what to pass to `ownerkit thanked` (a referral id), or the person id

    @property
    def command(self) -> str:
        """The exact command that clears this row once the owner has done it."""
        if self.kind == "hello":
            return f"ownerkit touched {self.person_id}"
        return f"ownerkit thanked {self.ref}"

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "person": self.person_id,
            "name": self.name,
            "what": self.what,
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "days_waiting": self.days,
            "overdue": self.overdue,
            "id": self.ref,
            "command": self.command,
        }


def queue_rows(kit: Kit, today: dt.date) -> list[QueueRow]:
    """Every row of the queue, by section, oldest first within a section."""
    rows = [_row(kit, item, today) for item in owed(kit, today)]
    order = {kind: i for i, (kind, _) in enumerate(SECTIONS)}
    return sorted(rows, key=lambda r: (order[r.kind], r.since, r.person_id, r.ref))


def _row(kit: Kit, item: Owed, today: dt.date) -> QueueRow:
    person = item.person
    if item.kind == "thank":
        referral = item.referrals[0]
        what = f"sent {in_sentence(kit.referred_display_name(referral))}"
        if referral.for_what:
            what += f" ({referral.for_what})"
        ref = referral.id
    elif item.kind == "follow-up":
        referral = item.referrals[0]
        what = f"{as_subject(kit.referred_display_name(referral))} became a client"
        ref = referral.id
    elif item.kind == "chain":
        earlier, later = item.referrals
        what = (
            f"{as_start(kit.referred_display_name(earlier))} has sent {in_sentence(kit.referred_display_name(later))}"
        )
        ref = earlier.id
    else:
        last = item.last_contact
        what = item.reason + (f", last in touch {last.isoformat()}" if last else "")
        ref = person.id
    return QueueRow(
        kind=item.kind,
        person_id=person.id,
        name=person.name.full,
        what=what,
        since=item.since,
        due=item.due,
        days=item.days_waiting(today),
        overdue=item.due < today,
        ref=ref,
    )


def render_queue(rows: list[QueueRow], today: dt.date) -> str:
    """The queue as aligned text for a terminal."""
    if not rows:
        return f"Nothing owed today ({today.isoformat()}): everyone has been thanked.\n"
    lines = [f"Who to thank today, {today.isoformat()}"]
    for kind, title in SECTIONS:
        section = [r for r in rows if r.kind == kind]
        if not section:
            continue
        lines += ["", f"{title}: {len(section)}"]
        table = [("days", "person", "what", "when done")] + [
            (f"{r.days}{'!' if r.overdue else ''}", r.name, _cut(r.what), r.command) for r in section
        ]
        widths = [max(shown_width(row[i]) for row in table) for i in range(3)]
        for days, name, what, ref in table:
            cells = (_pad(days, widths[0], right=True), _pad(name, widths[1]), _pad(what, widths[2]))
            lines.append(f"  {'  '.join(cells)}  {ref}".rstrip())
    lines += [
        "",
        "! = overdue. Write them: ownerkit letters. When one is done, run the command on its row;",
        "ownerkit thanked PERSON records everything owed to that person at once.",
    ]
    return "\n".join(lines) + "\n"


def shown_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text
    )


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - shown_width(text))
    return fill + text if right else text + fill


def _cut(text: str, width: int = WHAT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
