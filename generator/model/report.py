"""The figures of the private referral report: plain numbers and names, each computed once.

:func:`figures` makes them in a few passes over the referrals (indexes, never a
scan per person), so 50,000 referrals take well under a second. The HTML
(:mod:`generator.render.report.html`), the terminal tables
(:mod:`generator.render.report.text`) and the JSON only present them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from generator.model.network import Network, network
from generator.model.owed import Owed, owed
from generator.model.records import Kit, Referral

TOP_SOURCES = 10
MONTHS_SHOWN = 60
WAITING_SHOWN = 100
THANK_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, "same day"),
    (1, 3, "1-3 days"),
    (4, 7, "4-7 days"),
    (8, 14, "8-14 days"),
    (15, 30, "15-30 days"),
    (31, None, "over 30 days"),
)


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    referrals: int


@dataclass(frozen=True)
class SourceRow:
    """One referral source: how many friends they sent and how it went."""

    person_id: str
    name: str
    referrals: int
    clients: int
    not_a_fit: int
    pending: int
    value: Decimal  # total recorded value of the clients they sent
    valued: int  # how many of those clients have a value recorded


@dataclass(frozen=True)
class ValueGroup:
    label: str
    clients: int
    valued: int
    total: Decimal | None
    median: Decimal | None
    mean: Decimal | None


@dataclass(frozen=True)
class Values:
    groups: tuple[ValueGroup, ...]
    other_clients: int  # clients (client_since) who did not come by referral
    note: str  # what can and cannot be compared, in words
    by_source: tuple[SourceRow, ...]  # sources by the value of the clients they sent
    cents: bool  # some value has cents: show two decimals


@dataclass(frozen=True)
class ThankDelay:
    buckets: tuple[tuple[str, int], ...]
    thanked: int
    not_thanked: int
    median_days: float | None


@dataclass(frozen=True)
class Waiting:
    kind: str
    person_id: str
    name: str
    about: str
    since: dt.date
    due: dt.date
    days_waiting: int


@dataclass(frozen=True)
class Figures:
    today: dt.date
    business: str
    people: int
    referrals: int
    sources: int
    clients: int  # referrals that became clients
    months: tuple[MonthCount, ...]
    months_hidden: int  # earlier months not shown
    referrals_hidden: int  # referrals in those months
    busiest: MonthCount | None  # the month with the most referrals (the latest of equals)
    top_sources: tuple[SourceRow, ...]
    all_sources: SourceRow  # totals over every source
    values: Values
    thank_delay: ThankDelay
    network: Network
    waiting: tuple[Waiting, ...]
    waiting_total: int


def figures(kit: Kit, today: dt.date, owed_items: list[Owed] | None = None) -> Figures:
    """Everything the report shows, computed from the kit."""
    referrals = kit.referrals
    by_source: dict[str, list[Referral]] = defaultdict(list)
    for referral in referrals:
        by_source[referral.from_id].append(referral)
    rows = [_source_row(kit, pid, refs) for pid, refs in by_source.items()]
    rows.sort(key=lambda r: (-r.referrals, -r.clients, r.name, r.person_id))
    total = _source_row(kit, "", list(referrals), "All sources")
    months, hidden, hidden_refs = _months(referrals, today)
    items = owed(kit, today) if owed_items is None else owed_items
    waiting = [_waiting(kit, item, today) for item in items[:WAITING_SHOWN]]
    return Figures(
        today=today,
        business=kit.owner.business,
        people=len(kit.people),
        referrals=len(referrals),
        sources=len(by_source),
        clients=total.clients,
        months=months,
        months_hidden=hidden,
        referrals_hidden=hidden_refs,
        busiest=max(months, key=lambda m: (m.referrals, m.month)) if months else None,
        top_sources=tuple(rows[:TOP_SOURCES]),
        all_sources=total,
        values=_values(kit, rows),
        thank_delay=_thank_delay(referrals),
        network=network(kit),
        waiting=tuple(waiting),
        waiting_total=len(items),
    )


def _source_row(kit: Kit, pid: str, refs: list[Referral], name: str | None = None) -> SourceRow:
    outcomes = Counter(r.outcome for r in refs)
    values = [r.value for r in refs if r.outcome == "client" and r.value is not None]
    return SourceRow(
        person_id=pid,
        name=name or kit.people[pid].name.full,
        referrals=len(refs),
        clients=outcomes["client"],
        not_a_fit=outcomes["not-a-fit"],
        pending=outcomes["pending"],
        value=sum(values, Decimal(0)),
        valued=len(values),
    )


def _months(referrals: tuple[Referral, ...], today: dt.date) -> tuple[tuple[MonthCount, ...], int, int]:
    """Referrals per month from the first referral to this month, with no gaps (the last 60 shown)."""
    if not referrals:
        return (), 0, 0
    counts = Counter(r.date.year * 12 + r.date.month - 1 for r in referrals)
    first = min(counts)
    last = max(max(counts), today.year * 12 + today.month - 1)
    shown_from = max(first, last - MONTHS_SHOWN + 1)
    months = tuple(MonthCount(f"{m // 12:04d}-{m % 12 + 1:02d}", counts.get(m, 0)) for m in range(shown_from, last + 1))
    hidden_refs = sum(n for m, n in counts.items() if m < shown_from)
    return months, shown_from - first, hidden_refs


def _stats(values: list[Decimal]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    if not values:
        return None, None, None
    total = sum(values, Decimal(0))
    return total, Decimal(statistics.median(values)), total / len(values)


def _values(kit: Kit, rows: list[SourceRow]) -> Values:
    """Value of referred clients: direct, through a chain, and what is known of the others."""
    came_on: dict[str, dt.date] = {}  # when each person on file first came by referral (referrals are in date order)
    for referral in kit.referrals:
        if referral.referred_id:
            came_on.setdefault(referral.referred_id, referral.date)
    direct: list[Referral] = []
    chained: list[Referral] = []
    for referral in kit.referrals:
        if referral.outcome == "client":
            referred_before = referral.from_id in came_on and came_on[referral.from_id] <= referral.date
            (chained if referred_before else direct).append(referral)
    groups = []
    for label, refs in (
        ("Sent by someone who found you themselves", direct),
        ("Sent by someone who was referred (a chain)", chained),
    ):
        values = [r.value for r in refs if r.value is not None]
        groups.append(ValueGroup(label, len(refs), len(values), *_stats(values)))
    other = sum(1 for p in kit.people.values() if p.client_since and p.id not in came_on)
    by_value = sorted((r for r in rows if r.valued), key=lambda r: (-r.value, r.name, r.person_id))
    cents = any(r.value is not None and r.value != r.value.to_integral_value() for r in kit.referrals)
    return Values(tuple(groups), other, _value_note(groups, other), tuple(by_value[:TOP_SOURCES]), cents)


def _value_note(groups: list[ValueGroup], other: int) -> str:
    """What can and cannot be compared, in words."""
    valued = sum(g.valued for g in groups)
    clients = sum(g.clients for g in groups)
    if not valued:
        note = "No value is recorded on any referral, so there is nothing to compare."
    else:
        note = f"Values are recorded for {valued} of {clients} referred clients."
    if other:
        note += (
            f" {other} other {'client' if other == 1 else 'clients'} (client_since, not referred)"
            f" {'has' if other == 1 else 'have'} no value"
            " on file: ownerkit records value only on referrals, so referred and other clients cannot be compared."
        )
    else:
        note += " There are no clients on file who came without a referral to compare with."
    return note


def _thank_delay(referrals: tuple[Referral, ...]) -> ThankDelay:
    delays = [(r.thanked.date - r.date).days for r in referrals if r.thanked]
    buckets = []
    for low, high, label in THANK_BUCKETS:
        buckets.append((label, sum(1 for d in delays if d >= low and (high is None or d <= high))))
    median = float(statistics.median(delays)) if delays else None
    return ThankDelay(tuple(buckets), len(delays), len(referrals) - len(delays), median)


def _waiting(kit: Kit, item: Owed, today: dt.date) -> Waiting:
    if item.kind == "hello":
        about = item.reason
    elif item.kind == "chain":
        earlier, later = item.referrals[0], item.referrals[1]
        about = (
            f"{kit.referred_display_name(earlier, full=True)} has sent {kit.referred_display_name(later, full=True)}"
        )
    else:
        about = kit.referred_display_name(item.referrals[0], full=True)
    return Waiting(
        item.kind, item.person.id, item.person.name.full, about, item.since, item.due, item.days_waiting(today)
    )
