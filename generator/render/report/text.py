"""The report's figures as aligned tables for a terminal (``ownerkit report --text``)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model.report import Figures
from generator.render.report import wording


def table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], right: set[int] | None = None) -> list[str]:
    """Aligned columns; numbers (columns in ``right``) right-aligned."""
    right = right or set()
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def render_text(fig: Figures) -> str:
    """The same figures as the HTML report, as aligned tables for a terminal."""
    out = [f"Referral report: {fig.business}, {fig.today.isoformat()}", wording.BANNER, "", wording.summary_line(fig)]
    for title, section in (
        ("Referrals per month", _months),
        ("Top referral sources and how their friends got on", _sources),
        ("Referral network", _network),
        ("Value of referred clients", _values),
        ("Days from referral to thank-you", _thanks),
        ("Who is waiting", _waiting),
    ):
        out += ["", title, *section(fig)]
    return "\n".join(out) + "\n"


def _months(fig: Figures) -> list[str]:
    if not fig.months:
        return ["No referrals yet."]
    out = []
    if fig.months_hidden:
        out.append(f"(the last {len(fig.months)} months; {wording.many(fig.referrals_hidden, 'earlier referral')})")
    peak = max(m.referrals for m in fig.months) or 1
    out += table(
        ("month", "referrals", ""),
        [(m.month, str(m.referrals), "#" * round(30 * m.referrals / peak)) for m in fig.months],
        {1},
    )
    return [*out, wording.busiest_note(fig)]


def _sources(fig: Figures) -> list[str]:
    if not fig.top_sources:
        return ["No referral sources yet."]
    cents = fig.values.cents
    values = [wording.money(s.value, cents) if s.valued else "-" for s in (*fig.top_sources, fig.all_sources)]
    rows = [(*row, value) for row, value in zip(wording.source_rows(fig), values, strict=True)]
    headers = ("source", "referrals", "client", "not-a-fit", "pending", "converted", "value")
    out = table(headers, rows, {1, 2, 3, 4, 5, 6})
    if fig.sources > len(fig.top_sources):
        out.append(f"(top {len(fig.top_sources)} of {fig.sources} sources; the last row counts them all)")
    return out


def _network(fig: Figures) -> list[str]:
    net = fig.network
    out = [wording.network_note(net)]
    if not net.nodes:
        return out
    if net.deepest:
        out.append("Longest chain: " + wording.chain_text(net))
    for node in net.nodes:
        mark = "" if node.status in ("source", "more") else f" [{node.status}]"
        out.append(f"{'  ' * node.depth}{'- ' if node.depth else ''}{node.name}{mark}")
    for who, whom in net.loops:
        out.append(f"loop: {who} sent {whom}, who had sent them (or their referrer) earlier")
    return out


def _values(fig: Figures) -> list[str]:
    out = []
    if fig.clients:
        out += table(
            ("group", "clients", "valued", "total", "median", "mean"), wording.value_rows(fig), {1, 2, 3, 4, 5}
        )
    out.append(fig.values.note)
    if fig.values.by_source:
        cents = fig.values.cents
        rows = [(s.name, str(s.valued), wording.money(s.value, cents)) for s in fig.values.by_source]
        out += ["Recorded value of the clients each source sent", *table(("source", "clients", "value"), rows, {1, 2})]
    return out


def _thanks(fig: Figures) -> list[str]:
    out = [wording.thank_note(fig.thank_delay)]
    if fig.thank_delay.thanked:
        out += table(("days", "referrals"), [(label, str(n)) for label, n in fig.thank_delay.buckets], {1})
    return out


def _waiting(fig: Figures) -> list[str]:
    if not fig.waiting:
        return ["Nobody is waiting."]
    out = table(("owed", "person", "about", "since", "due", "days"), wording.waiting_rows(fig), {5})
    if fig.waiting_total > len(fig.waiting):
        out.append(f"(the first {len(fig.waiting)} of {fig.waiting_total}, oldest first)")
    return out
