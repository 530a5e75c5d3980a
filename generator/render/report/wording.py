"""The words and numbers the HTML report and the terminal tables share, so that both say the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from generator.model.network import Network
from generator.model.report import Figures, ThankDelay
from generator.model.text import count

OWED_LABELS = {"thank": "thank", "follow-up": "tell how it went", "chain": "chain news", "hello": "say hello"}
BANNER = "Private — not for the website. Names, amounts and who referred whom: keep this file to yourself."
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def money(value: Decimal | None, cents: bool) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}" if cents else f"{value.quantize(Decimal(1)):,}"


def pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def many(number: int, one: str, plural: str | None = None) -> str:
    """A count with thousands separated: ``1,200 referrals``."""
    return count(number, one, plural, thousands=True)


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{SHORT_MONTHS[int(number) - 1]} {year}"


def busiest_note(fig: Figures) -> str:
    return f"Busiest month: {month_label(fig.busiest.month)} ({fig.busiest.referrals})." if fig.busiest else ""


def network_note(net: Network) -> str:
    if not net.people:
        return "No referrals yet, so there is no network to draw."
    text = (
        f"{many(net.people, 'person', 'people')}, {many(net.links, 'link')};"
        f" {many(net.starters, 'chain starter')}; the longest chain has {many(net.deepest, 'step')}."
    )
    if net.loops:
        text += f" {many(len(net.loops), 'loop')} (someone sent a friend who had sent them): drawn as dashed arcs."
    if net.hidden_people:
        text += f" Not drawn: {many(net.hidden_people, 'person', 'people')}"
        if net.hidden_starters:
            text += f", including {many(net.hidden_starters, 'smaller chain')}"
        text += "."
    return text


def chain_text(net: Network, arrow: str = "->", ends: int = 5) -> str:
    """The longest chain as names; a very long one keeps its first and last few."""
    names = list(net.longest_chain)
    if len(names) > 2 * ends + 1:
        names = [*names[:ends], f"... {len(names) - 2 * ends} more ...", *names[-ends:]]
    return f" {arrow} ".join(names)


def thank_note(delay: ThankDelay) -> str:
    if not delay.thanked and not delay.not_thanked:
        return "No referrals yet."
    if not delay.thanked:
        return f"No thank-yous recorded yet; {many(delay.not_thanked, 'referral')} not thanked."
    return (
        f"{delay.thanked:,} thanked (median {delay.median_days:g} days from referral to thank-you);"
        f" {delay.not_thanked:,} not thanked yet."
    )


def summary_line(fig: Figures) -> str:
    return (
        f"{many(fig.referrals, 'referral')} from {many(fig.sources, 'source')};"
        f" {many(fig.clients, 'became a client', 'became clients')} ({pct(fig.clients, fig.referrals)});"
        f" {many(fig.waiting_total, 'thing', 'things')} waiting."
    )


def source_rows(fig: Figures) -> list[tuple[str, ...]]:
    """The top sources and the total over all: name, referrals, client, not-a-fit, pending, converted."""
    return [
        (s.name, str(s.referrals), str(s.clients), str(s.not_a_fit), str(s.pending), pct(s.clients, s.referrals))
        for s in (*fig.top_sources, fig.all_sources)
    ]


def value_rows(fig: Figures) -> list[tuple[str, ...]]:
    """Each group of referred clients: label, clients, valued, total, median, mean."""
    cents = fig.values.cents
    return [
        (g.label, str(g.clients), str(g.valued), money(g.total, cents), money(g.median, cents), money(g.mean, cents))
        for g in fig.values.groups
    ]


def waiting_rows(fig: Figures) -> list[tuple[str, ...]]:
    """Who is waiting: owed, person, about, since, due, days."""
    return [
        (OWED_LABELS[w.kind], w.name, w.about, w.since.isoformat(), w.due.isoformat(), str(w.days_waiting))
        for w in fig.waiting
    ]


def figures_as_dict(fig: Figures) -> dict[str, Any]:
    """The figures as JSON-ready data (dates as YYYY-MM-DD, money as strings)."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        if isinstance(value, (Decimal, dt.date)):
            return str(value)
        return value

    data = clean(asdict(fig))
    assert isinstance(data, dict)
    return data
