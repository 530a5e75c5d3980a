"""The private referral report: figures from the kit, as one HTML file or terminal tables.

:func:`figures` is the model: plain numbers and names, computed in a few
passes over the referrals (indexes, never a scan per person), so 50,000
referrals take well under a second. :func:`render_html`, :func:`render_text`
and :func:`figures_as_dict` only present those figures. Nothing here touches
the disk.

The charts are small hand-written SVG, not a charting library. The report must
open offline from one file and show nothing outside it; the charts are plain
bars and one layered drawing, which take a few dozen lines each, where a
library (Vega-Lite, Chart.js, matplotlib) would mean inlining hundreds of
kilobytes of JavaScript, or adding a heavy dependency to draw a few rectangles.
The page has no script at all, and its Content-Security-Policy forbids loading
anything.

Every value that reaches the page goes through :func:`html.escape`.

The referral network is drawn in layers by chain depth: the people who
started a chain (no one referred them) on the left, the friends they sent one
column to the right, and so on, at any depth. Each person is placed once, by a
breadth-first walk that remembers whom it has seen, so a loop (A sent B, and
later B sent A) is drawn as a dashed arc back and never followed round. Large
networks are capped: the biggest chains are drawn first, each person shows at
most a few of the friends they sent (the rest become "+N more"), and the
report says how many people were left out.
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from generator.model.owed import Owed, owed
from generator.model.records import Kit, Referral

TOP_SOURCES = 10
MONTHS_SHOWN = 60
WAITING_SHOWN = 100
NETWORK_MAX_NODES = 120
NETWORK_MAX_CHILDREN = 8
THANK_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, "same day"),
    (1, 3, "1-3 days"),
    (4, 7, "4-7 days"),
    (8, 14, "8-14 days"),
    (15, 30, "15-30 days"),
    (31, None, "over 30 days"),
)
OWED_LABELS = {"thank": "thank", "follow-up": "tell how it went", "chain": "chain news", "hello": "say hello"}
BANNER = "Private — not for the website. Names, amounts and who referred whom: keep this file to yourself."

# --------------------------------------------------------------------- model


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
class NetNode:
    key: str
    name: str
    depth: int
    parent: str | None  # the node it hangs from in the drawing
    status: str  # "source" (nobody sent them), or how their referral went: "client", "pending", "not-a-fit"; "more"
    sent: int  # friends they sent (distinct)
    more: int = 0  # for a "+N more" node: how many friends are not drawn


@dataclass(frozen=True)
class NetEdge:
    source: str
    target: str
    referrals: int
    kind: str  # "tree", "loop" (back to someone earlier in the same chain) or "cross"


@dataclass(frozen=True)
class Network:
    people: int  # everyone who sent or was sent
    links: int  # distinct who-sent-whom pairs
    starters: int  # people who started a chain
    deepest: int  # the longest chain, in steps
    longest_chain: tuple[str, ...]  # names along it
    loops: tuple[tuple[str, str], ...]  # (who, whom) where the arrow points back up a chain
    nodes: tuple[NetNode, ...]  # drawn, in drawing order (depth-first)
    edges: tuple[NetEdge, ...]  # drawn
    hidden_people: int
    hidden_starters: int


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
    by_value = sorted((r for r in rows if r.valued), key=lambda r: (-r.value, r.name, r.person_id))
    cents = any(r.value is not None and r.value != r.value.to_integral_value() for r in kit.referrals)
    return Values(tuple(groups), other, note, tuple(by_value[:TOP_SOURCES]), cents)


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
        about = f"{_referred_full(kit, item.referrals[0])} has sent {_referred_full(kit, item.referrals[1])}"
    else:
        about = _referred_full(kit, item.referrals[0])
    return Waiting(
        item.kind, item.person.id, item.person.name.full, about, item.since, item.due, item.days_waiting(today)
    )


def _referred_full(kit: Kit, referral: Referral) -> str:
    if referral.referred_id and referral.referred_id in kit.people:
        return kit.people[referral.referred_id].name.full
    return referral.referred_name or ""


def network(kit: Kit) -> Network:
    """Who referred whom, as layers by chain depth; loops are found, never followed."""
    people = kit.people
    out: dict[str, dict[str, int]] = defaultdict(dict)
    came: dict[str, Referral] = {}
    names: dict[str, str] = {}
    first_sent: dict[str, dt.date] = {}
    for referral in kit.referrals:
        target = referral.referred_id or f"~{referral.id}"
        source = referral.from_id
        out[source][target] = out[source].get(target, 0) + 1
        came.setdefault(target, referral)
        first_sent.setdefault(source, referral.date)
        names.setdefault(source, people[source].name.full)
        if target not in names:
            names[target] = people[target].name.full if target in people else (referral.referred_name or "")
    if not out:
        return Network(0, 0, 0, 0, (), (), (), (), 0, 0)

    # Breadth-first from each starter, biggest first; then from anyone left (people only in loops).
    starters = sorted((k for k in out if k not in came), key=lambda k: (-len(out[k]), names[k], k))
    leftovers = sorted((k for k in out if k in came), key=lambda k: (first_sent[k], names[k], k))
    depth: dict[str, int] = {}
    parent: dict[str, str | None] = {}
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for start in [*starters, *leftovers]:
        if start in depth:
            continue
        roots.append(start)
        depth[start], parent[start] = 0, None
        queue = [start]
        for node in queue:  # the list grows while we walk it: a breadth-first queue
            for target in out.get(node, ()):
                if target not in depth:
                    depth[target], parent[target] = depth[node] + 1, node
                    children[node].append(target)
                    queue.append(target)

    # Entry and exit numbers of a depth-first walk: "is X above Y in its chain" in O(1).
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    size: dict[str, int] = {}
    clock = 0
    for root in roots:
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                leave[node] = clock
                size[node] = 1 + sum(size[c] for c in children.get(node, ()))
                continue
            enter[node] = clock
            clock += 1
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(children.get(node, ())))

    def above(a: str, b: str) -> bool:
        return enter[a] <= enter[b] and leave[b] <= leave[a]

    loops: list[tuple[str, str]] = []
    kinds: dict[tuple[str, str], str] = {}
    for source, targets in out.items():
        for target in targets:
            if parent.get(target) == source:
                kinds[source, target] = "tree"
            elif above(target, source):
                kinds[source, target] = "loop"
                loops.append((names[source], names[target]))
            else:
                kinds[source, target] = "cross"

    deepest_node = max(depth, key=lambda k: (depth[k], -enter[k]))
    chain: list[str] = []
    walk: str | None = deepest_node
    while walk is not None:
        chain.append(names[walk])
        walk = parent[walk]

    # What to draw: biggest chains first, a few friends per person, within a node budget.
    drawn: list[NetNode] = []
    shown: set[str] = set()
    hidden_starters = 0
    for root in sorted(roots, key=lambda k: (-size[k], names[k], k)):
        if len(drawn) >= NETWORK_MAX_NODES:
            hidden_starters += 1
            continue
        stack2: list[str | NetNode] = [root]
        while stack2:
            item = stack2.pop()
            if isinstance(item, NetNode):  # a "+N more" placeholder, drawn after the friends shown
                drawn.append(item)
                continue
            node = item
            drawn.append(
                NetNode(node, names[node], depth[node], parent[node], _status(node, came), len(out.get(node, ())))
            )
            shown.add(node)
            kids = sorted(children.get(node, ()), key=lambda c: (-size[c], names[c], c))
            room = max(0, NETWORK_MAX_NODES - len(drawn) - len(stack2))
            keep = kids[: min(NETWORK_MAX_CHILDREN, room)]
            rest = len(kids) - len(keep)
            if rest:
                stack2.append(NetNode(f"{node}+more", f"+{rest} more", depth[node] + 1, node, "more", 0, rest))
            stack2.extend(reversed(keep))
    edges = [
        NetEdge(source, target, count, kinds[source, target])
        for source, targets in out.items()
        if source in shown
        for target, count in targets.items()
        if target in shown
    ]
    edges.extend(NetEdge(n.parent, n.key, n.more, "more") for n in drawn if n.status == "more" and n.parent)
    return Network(
        people=len(names),
        links=sum(len(t) for t in out.values()),
        starters=len(starters),
        deepest=depth[deepest_node],
        longest_chain=tuple(reversed(chain)),
        loops=tuple(loops),
        nodes=tuple(drawn),
        edges=tuple(edges),
        hidden_people=len(names) - len(shown),
        hidden_starters=hidden_starters,
    )


def _status(key: str, came: dict[str, Referral]) -> str:
    referral = came.get(key)
    return referral.outcome if referral else "source"


# ------------------------------------------------------------------ wording


def money(value: Decimal | None, cents: bool) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}" if cents else f"{value.quantize(Decimal(1)):,}"


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{SHORT_MONTHS[int(number) - 1]} {year}"


def network_note(net: Network) -> str:
    if not net.people:
        return "No referrals yet, so there is no network to draw."
    text = (
        f"{_count(net.people, 'person', 'people')}, {_count(net.links, 'link')};"
        f" {_count(net.starters, 'chain starter')}; the longest chain has {_count(net.deepest, 'step')}."
    )
    if net.loops:
        text += f" {_count(len(net.loops), 'loop')} (someone sent a friend who had sent them): drawn as dashed arcs."
    if net.hidden_people:
        text += f" Not drawn: {_count(net.hidden_people, 'person', 'people')}"
        if net.hidden_starters:
            text += f", including {_count(net.hidden_starters, 'smaller chain')}"
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
        return f"No thank-yous recorded yet; {_count(delay.not_thanked, 'referral')} not thanked."
    return (
        f"{delay.thanked:,} thanked (median {delay.median_days:g} days from referral to thank-you);"
        f" {delay.not_thanked:,} not thanked yet."
    )


def summary_line(fig: Figures) -> str:
    return (
        f"{_count(fig.referrals, 'referral')} from {_count(fig.sources, 'source')};"
        f" {_count(fig.clients, 'became a client', 'became clients')} ({_pct(fig.clients, fig.referrals)});"
        f" {_count(fig.waiting_total, 'thing', 'things')} waiting."
    )


# ------------------------------------------------------------------- as data


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


# ---------------------------------------------------------------------- text


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], right: set[int] | None = None) -> list[str]:
    """Aligned columns; numbers (columns in ``right``) right-aligned."""
    right = right or set()
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def render_text(fig: Figures) -> str:
    """The same figures as the HTML report, as aligned tables for a terminal."""
    out = [
        f"Referral report: {fig.business}, {fig.today.isoformat()}",
        BANNER,
        "",
        summary_line(fig),
        "",
        "Referrals per month",
    ]
    if fig.months:
        if fig.months_hidden:
            out.append(f"(the last {len(fig.months)} months; {_count(fig.referrals_hidden, 'earlier referral')})")
        peak = max(m.referrals for m in fig.months) or 1
        out += _table(
            ("month", "referrals", ""),
            [(m.month, str(m.referrals), "#" * round(30 * m.referrals / peak)) for m in fig.months],
            {1},
        )
    else:
        out.append("No referrals yet.")
    money_cents = fig.values.cents
    out += ["", "Top referral sources and how their friends got on"]
    if fig.top_sources:
        rows: list[tuple[str, ...]] = [
            (
                s.name,
                str(s.referrals),
                str(s.clients),
                str(s.not_a_fit),
                str(s.pending),
                _pct(s.clients, s.referrals),
                money(s.value, money_cents) if s.valued else "-",
            )
            for s in (*fig.top_sources, fig.all_sources)
        ]
        out += _table(
            ("source", "referrals", "client", "not-a-fit", "pending", "converted", "value"), rows, {1, 2, 3, 4, 5, 6}
        )
        if fig.sources > len(fig.top_sources):
            out.append(f"(top {len(fig.top_sources)} of {fig.sources} sources; the last row counts them all)")
    else:
        out.append("No referral sources yet.")
    out += ["", "Referral network"]
    out.append(network_note(fig.network))
    if fig.network.nodes:
        if fig.network.deepest:
            out.append("Longest chain: " + chain_text(fig.network))
        for node in fig.network.nodes:
            mark = "" if node.status in ("source", "more") else f" [{node.status}]"
            out.append(f"{'  ' * node.depth}{'- ' if node.depth else ''}{node.name}{mark}")
        for who, whom in fig.network.loops:
            out.append(f"loop: {who} sent {whom}, who had sent them (or their referrer) earlier")
    out += ["", "Value of referred clients"]
    rows = [
        (
            g.label,
            str(g.clients),
            str(g.valued),
            money(g.total, money_cents),
            money(g.median, money_cents),
            money(g.mean, money_cents),
        )
        for g in fig.values.groups
    ]
    if fig.clients:
        out += _table(("group", "clients", "valued", "total", "median", "mean"), rows, {1, 2, 3, 4, 5})
    out.append(fig.values.note)
    out += ["", "Days from referral to thank-you"]
    out.append(thank_note(fig.thank_delay))
    if fig.thank_delay.thanked:
        out += _table(("days", "referrals"), [(label, str(n)) for label, n in fig.thank_delay.buckets], {1})
    out += ["", "Who is waiting"]
    if fig.waiting:
        rows = [
            (OWED_LABELS[w.kind], w.name, w.about, w.since.isoformat(), w.due.isoformat(), str(w.days_waiting))
            for w in fig.waiting
        ]
        out += _table(("owed", "person", "about", "since", "due", "days"), rows, {5})
        if fig.waiting_total > len(fig.waiting):
            out.append(f"(the first {len(fig.waiting)} of {fig.waiting_total}, oldest first)")
    else:
        out.append("Nobody is waiting.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- html

esc = html.escape

COLOURS = {
    "client": "#2e7d4f",
    "not-a-fit": "#9a9a9a",
    "pending": "#d99a1e",
    "source": "#2f5f8a",
    "more": "#ffffff",
}

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #5b636d; --line: #d8dde3; --accent: #2f5f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f6f7f9; }
main { max-width: 980px; margin: 0 auto; padding: 0 1rem 3rem; }
.banner { background: #8a1f1f; color: #fff; padding: .75rem 1rem; font-weight: 600; text-align: center; }
h1 { font-size: 1.6rem; margin: 1.5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
.lead { color: var(--muted); margin: 0 0 1.5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem;
  margin: 0 0 1.25rem; }
.note { color: var(--muted); font-size: .9rem; margin: .5rem 0 0; }
figure, .scroll { margin: 0; overflow-x: auto; }
figure.wide svg { max-width: none; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; margin-top: .75rem; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .85rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px;
  border-radius: 2px; }
.overdue { color: #8a1f1f; font-weight: 600; }
footer { color: var(--muted); font-size: .85rem; text-align: center; }
@media print { body { background: #fff; } section { break-inside: avoid; } }
"""


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>{''.join(body)}</svg>"
    )


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def months_svg(months: tuple[MonthCount, ...]) -> str:
    width, height, left, bottom, top = 900.0, 220.0, 36.0, 36.0, 14.0
    peak = max(m.referrals for m in months) or 1
    step = (width - left - 8) / len(months)
    bar = max(1.0, step * 0.75)
    plot = height - bottom - top
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#8c959f"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
    ]
    every = max(1, round(len(months) / 12))
    for i, month in enumerate(months):
        h = plot * month.referrals / peak
        x = left + i * step + (step - bar) / 2
        body.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#2f5f8a">'
            f"<title>{esc(_month_label(month.month))}: {month.referrals}</title></rect>"
        )
        if i % every == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">'
                f"{esc(_month_label(month.month))}</text>"
            )
    return _svg(width, height, "Referrals per month", body)


def hbars_svg(rows: list[tuple[str, list[tuple[float, str, str]]]], label: str, value_text: list[str]) -> str:
    """Horizontal bars, each split into coloured parts: (value, colour, tooltip)."""
    width, row_h, left = 900.0, 24.0, 220.0
    height = row_h * len(rows) + 8
    peak = max((sum(v for v, _, _ in parts) for _, parts in rows), default=0) or 1
    span = width - left - 120
    body = []
    for i, (name, parts) in enumerate(rows):
        y = 4 + i * row_h
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{esc(_short(name, 34))}</text>')
        x = left
        for value, colour, tip in parts:
            w = span * value / peak
            if w > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}">'
                    f"<title>{esc(tip)}</title></rect>"
                )
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{esc(value_text[i])}</text>')
    return _svg(width, height, label, body)


def network_svg(net: Network) -> str:
    """The layered drawing: columns by chain depth, each chain laid out as a tidy tree."""
    col_w, row_h, node_w, node_h, pad = 200.0, 30.0, 170.0, 22.0, 10.0
    y: dict[str, float] = {}
    slot = 0
    kids: dict[str, list[str]] = defaultdict(list)
    for node in net.nodes:
        if node.parent is not None:
            kids[node.parent].append(node.key)
    names = {n.key: n.name for n in net.nodes}
    for node in net.nodes:  # leaves take the next row, in drawing order
        if not kids.get(node.key):
            y[node.key] = slot * row_h
            slot += 1
    for node in reversed(net.nodes):  # a parent sits midway along its friends
        if kids.get(node.key):
            ys = [y[k] for k in kids[node.key]]
            y[node.key] = (min(ys) + max(ys)) / 2
    x = {n.key: pad + n.depth * col_w for n in net.nodes}
    depth = max(n.depth for n in net.nodes)
    width = pad * 2 + depth * col_w + node_w
    height = pad * 2 + max(slot, 1) * row_h
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6e7781"/></marker></defs>'
    ]
    for edge in net.edges:
        x1, y1 = x[edge.source] + node_w, pad + y[edge.source] + node_h / 2
        x2, y2 = x[edge.target], pad + y[edge.target] + node_h / 2
        tip = f"{names[edge.source]} sent {names[edge.target]}"
        if edge.referrals > 1 and edge.kind != "more":
            tip += f" ({edge.referrals} times)"
        if edge.kind in ("tree", "more"):
            mid = (x1 + x2) / 2
            path = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
            dash = ' stroke-dasharray="2 3"' if edge.kind == "more" else ""
            colour = "#8c959f"
        else:  # back up a chain (a loop) or across chains: an arc above, dashed
            x1 = x[edge.source] + node_w / 2
            x2 = x[edge.target] + node_w / 2
            y1, y2 = pad + y[edge.source], pad + y[edge.target]
            lift = 24 + abs(x1 - x2) / 6
            path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 - lift:.1f} {x2:.1f},{y2 - lift:.1f} {x2:.1f},{y2:.1f}"
            dash = ' stroke-dasharray="5 4"'
            colour = "#b4472f" if edge.kind == "loop" else "#8c959f"
            tip += " (a loop: they had sent them earlier)" if edge.kind == "loop" else ""
        body.append(
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#arrow)">'
            f"<title>{esc(tip)}</title></path>"
        )
    for node in net.nodes:
        nx, ny = x[node.key], pad + y[node.key]
        colour = COLOURS.get(node.status, "#2f5f8a")
        text_fill = "#1f2328" if node.status == "more" else "#ffffff"
        stroke = ' stroke="#8c959f" stroke-dasharray="3 2"' if node.status == "more" else ""
        label = node.name if node.status == "more" else _short(node.name)
        if node.sent and node.status != "more":
            label = f"{_short(node.name, 22)} ({node.sent})"
        tip = node.name if node.status in ("more", "source") else f"{node.name}: {node.status}"
        if node.sent:
            tip += f"; sent {_count(node.sent, 'friend')}"
        body.append(
            f'<g><title>{esc(tip)}</title><rect x="{nx:.1f}" y="{ny:.1f}" width="{node_w}" height="{node_h}" rx="4" '
            f'fill="{colour}"{stroke}/><text x="{nx + 8:.1f}" y="{ny + 15:.1f}" style="fill:{text_fill}">'
            f"{esc(label)}</text></g>"
        )
    return _svg(width, height, "Who referred whom", body)


def _legend(items: list[tuple[str, str]]) -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{esc(label)}</span>' for label, c in items)
        + "</p>"
    )


def _html_table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], numeric: set[int]) -> str:
    head = "".join(f'<th{" class=n" if i in numeric else ""} scope="col">{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{esc(c)}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def render_html(fig: Figures) -> str:
    """The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched."""
    cents = fig.values.cents
    sections = []

    # Referrals per month
    if fig.months:
        note = ""
        if fig.months_hidden:
            note = (
                f'<p class="note">The last {len(fig.months)} months;'
                f" {_count(fig.referrals_hidden, 'earlier referral')} in {fig.months_hidden} earlier months.</p>"
            )
        busiest = max(fig.months, key=lambda m: (m.referrals, m.month))
        body = (
            f"<figure>{months_svg(fig.months)}</figure>"
            f'<p class="note">Busiest month: {esc(_month_label(busiest.month))} ({busiest.referrals}).</p>{note}'
        )
    else:
        body = "<p>No referrals yet.</p>"
    sections.append(("months", "Referrals per month", body))

    # Top sources
    if fig.top_sources:
        rows = [(s.name, [(float(s.referrals), "#2f5f8a", f"{s.name}: {s.referrals}")]) for s in fig.top_sources]
        body = (
            f"<figure>{hbars_svg(rows, 'Top referral sources', [str(s.referrals) for s in fig.top_sources])}</figure>"
        )
        if fig.sources > len(fig.top_sources):
            body += f'<p class="note">The top {len(fig.top_sources)} of {fig.sources:,} sources.</p>'
    else:
        body = "<p>No referral sources yet.</p>"
    sections.append(("sources", "Top referral sources", body))

    # Network
    net = fig.network
    if net.nodes:
        legend = _legend(
            [
                ("started a chain", COLOURS["source"]),
                ("became a client", COLOURS["client"]),
                ("pending", COLOURS["pending"]),
                ("not a fit", COLOURS["not-a-fit"]),
            ]
        )
        chain = ""
        if net.deepest:
            chain = f'<p class="note">Longest chain: {esc(chain_text(net, "→"))}.</p>'
        body = f'{legend}<figure class="wide">{network_svg(net)}</figure>'
        body += f'<p class="note">{esc(network_note(net))}</p>{chain}'
        body += '<p class="note">The number after a name is how many friends they sent.</p>'
    else:
        body = f"<p>{esc(network_note(net))}</p>"
    sections.append(("network", "The referral network", body))

    # Conversion
    if fig.top_sources:
        rows2 = [
            (
                s.name,
                [
                    (float(s.clients), COLOURS["client"], f"{s.name}: {s.clients} became clients"),
                    (float(s.not_a_fit), COLOURS["not-a-fit"], f"{s.name}: {s.not_a_fit} not a fit"),
                    (float(s.pending), COLOURS["pending"], f"{s.name}: {s.pending} pending"),
                ],
            )
            for s in fig.top_sources
        ]
        texts = [f"{_pct(s.clients, s.referrals)} clients" for s in fig.top_sources]
        table = _html_table(
            ("source", "referrals", "client", "not a fit", "pending", "converted"),
            [
                (
                    s.name,
                    str(s.referrals),
                    str(s.clients),
                    str(s.not_a_fit),
                    str(s.pending),
                    _pct(s.clients, s.referrals),
                )
                for s in (*fig.top_sources, fig.all_sources)
            ],
            {1, 2, 3, 4, 5},
        )
        legend = _legend(
            [("client", COLOURS["client"]), ("not a fit", COLOURS["not-a-fit"]), ("pending", COLOURS["pending"])]
        )
        body = f"{legend}<figure>{hbars_svg(rows2, 'Conversion by source', texts)}</figure>{table}"
    else:
        body = "<p>No referrals yet.</p>"
    sections.append(("conversion", "Conversion by source", body))

    # Value
    values = fig.values
    table = (
        ""
        if not fig.clients
        else _html_table(
            ("group", "clients", "value recorded", "total", "median", "mean"),
            [
                (
                    g.label,
                    str(g.clients),
                    str(g.valued),
                    money(g.total, cents),
                    money(g.median, cents),
                    money(g.mean, cents),
                )
                for g in values.groups
            ],
            {1, 2, 3, 4, 5},
        )
    )
    body = table + f'<p class="note">{esc(values.note)}</p>'
    if values.by_source:
        rows3 = [
            (s.name, [(float(s.value), COLOURS["client"], f"{s.name}: {money(s.value, cents)}")])
            for s in values.by_source
        ]
        texts = [f"{money(s.value, cents)} ({_count(s.valued, 'client')})" for s in values.by_source]
        body += (
            "<h3>Recorded value of the clients each source sent</h3>"
            f"<figure>{hbars_svg(rows3, 'Value of referred clients by source', texts)}</figure>"
        )
    sections.append(("value", "Value of referred clients", body))

    # Thank-you delay
    delay = fig.thank_delay
    body = f'<p class="note">{esc(thank_note(delay))}</p>'
    if delay.thanked:
        peak_rows = [(label, [(float(n), "#2f5f8a", f"{label}: {n}")]) for label, n in delay.buckets]
        chart = hbars_svg(peak_rows, "Days from referral to thank-you", [str(n) for _, n in delay.buckets])
        body = f"<figure>{chart}</figure>{body}"
    sections.append(("thanks", "Days from referral to thank-you", body))

    # Waiting
    if fig.waiting:
        rows4 = []
        for w in fig.waiting:
            rows4.append(
                (OWED_LABELS[w.kind], w.name, w.about, w.since.isoformat(), w.due.isoformat(), str(w.days_waiting))
            )
        body = _html_table(("owed", "person", "about", "since", "due", "days waiting"), rows4, {5})
        if fig.waiting_total > len(fig.waiting):
            body += f'<p class="note">The first {len(fig.waiting)} of {fig.waiting_total:,}, oldest first.</p>'
        body += '<p class="note">The same list as <code>ownerkit queue</code>: nothing is sent for you.</p>'
    else:
        body = "<p>Nobody is waiting.</p>"
    sections.append(("waiting", "Who is waiting", body))

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        '<meta name="robots" content="noindex, nofollow">',
        '<link rel="icon" href="data:,">',
        f"<title>Referral report (private): {esc(fig.business)}, {fig.today.isoformat()}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<div class="banner" role="note">{esc(BANNER)}</div><main>',
        f"<h1>Referral report: {esc(fig.business)}</h1>",
        f'<p class="lead">As of {fig.today.isoformat()}. {esc(summary_line(fig))}</p>',
    ]
    for anchor, title, body in sections:
        parts.append(f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>')
    parts.append(f"<footer>{esc(BANNER)} Made by ownerkit from your own files; it opens offline.</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
