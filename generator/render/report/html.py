"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

The page has no script at all, and its Content-Security-Policy forbids loading
anything. Every value that reaches the page goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.model.report import Figures
from generator.render.report.svg import COLOURS, hbars_svg, months_svg, network_svg
from generator.render.report.wording import (
    BANNER,
    busiest_note,
    chain_text,
    many,
    money,
    network_note,
    pct,
    source_rows,
    summary_line,
    thank_note,
    value_rows,
    waiting_rows,
)

esc = html.escape

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


def render_html(fig: Figures) -> str:
    """The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched."""
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
    for anchor, title, section in (
        ("months", "Referrals per month", _months),
        ("sources", "Top referral sources", _sources),
        ("network", "The referral network", _network),
        ("conversion", "Conversion by source", _conversion),
        ("value", "Value of referred clients", _value),
        ("thanks", "Days from referral to thank-you", _thanks),
        ("waiting", "Who is waiting", _waiting),
    ):
        parts.append(f'<section id="{anchor}"><h2>{esc(title)}</h2>{section(fig)}</section>')
    parts.append(f"<footer>{esc(BANNER)} Made by ownerkit from your own files; it opens offline.</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _legend(items: list[tuple[str, str]]) -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{esc(label)}</span>' for label, c in items)
        + "</p>"
    )


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], numeric: set[int]) -> str:
    head = "".join(f'<th{" class=n" if i in numeric else ""} scope="col">{esc(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{esc(c)}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def _months(fig: Figures) -> str:
    if not fig.months:
        return "<p>No referrals yet.</p>"
    body = f"<figure>{months_svg(fig.months)}</figure>{_note(busiest_note(fig))}"
    if fig.months_hidden:
        body += (
            f'<p class="note">The last {len(fig.months)} months;'
            f" {many(fig.referrals_hidden, 'earlier referral')} in {fig.months_hidden} earlier months.</p>"
        )
    return body


def _sources(fig: Figures) -> str:
    if not fig.top_sources:
        return "<p>No referral sources yet.</p>"
    rows = [(s.name, [(float(s.referrals), "#2f5f8a", f"{s.name}: {s.referrals}")]) for s in fig.top_sources]
    body = f"<figure>{hbars_svg(rows, 'Top referral sources', [str(s.referrals) for s in fig.top_sources])}</figure>"
    if fig.sources > len(fig.top_sources):
        body += f'<p class="note">The top {len(fig.top_sources)} of {fig.sources:,} sources.</p>'
    return body


def _network(fig: Figures) -> str:
    net = fig.network
    if not net.nodes:
        return f"<p>{esc(network_note(net))}</p>"
    legend = _legend(
        [
            ("started a chain", COLOURS["source"]),
            ("became a client", COLOURS["client"]),
            ("pending", COLOURS["pending"]),
            ("not a fit", COLOURS["not-a-fit"]),
        ]
    )
    chain = f'<p class="note">Longest chain: {esc(chain_text(net, "→"))}.</p>' if net.deepest else ""
    body = f'{legend}<figure class="wide">{network_svg(net)}</figure>{_note(network_note(net))}{chain}'
    return body + _note("The number after a name is how many friends they sent.")


def _conversion(fig: Figures) -> str:
    if not fig.top_sources:
        return "<p>No referrals yet.</p>"
    rows = [
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
    texts = [f"{pct(s.clients, s.referrals)} clients" for s in fig.top_sources]
    headers = ("source", "referrals", "client", "not a fit", "pending", "converted")
    table = _table(headers, source_rows(fig), {1, 2, 3, 4, 5})
    legend = _legend(
        [("client", COLOURS["client"]), ("not a fit", COLOURS["not-a-fit"]), ("pending", COLOURS["pending"])]
    )
    return f"{legend}<figure>{hbars_svg(rows, 'Conversion by source', texts)}</figure>{table}"


def _value(fig: Figures) -> str:
    values, cents = fig.values, fig.values.cents
    headers = ("group", "clients", "value recorded", "total", "median", "mean")
    table = _table(headers, value_rows(fig), {1, 2, 3, 4, 5}) if fig.clients else ""
    body = table + _note(values.note)
    if values.by_source:
        rows = [
            (s.name, [(float(s.value), COLOURS["client"], f"{s.name}: {money(s.value, cents)}")])
            for s in values.by_source
        ]
        texts = [f"{money(s.value, cents)} ({many(s.valued, 'client')})" for s in values.by_source]
        body += (
            "<h3>Recorded value of the clients each source sent</h3>"
            f"<figure>{hbars_svg(rows, 'Value of referred clients by source', texts)}</figure>"
        )
    return body


def _thanks(fig: Figures) -> str:
    delay = fig.thank_delay
    body = _note(thank_note(delay))
    if delay.thanked:
        rows = [(label, [(float(n), "#2f5f8a", f"{label}: {n}")]) for label, n in delay.buckets]
        chart = hbars_svg(rows, "Days from referral to thank-you", [str(n) for _, n in delay.buckets])
        body = f"<figure>{chart}</figure>{body}"
    return body


def _waiting(fig: Figures) -> str:
    if not fig.waiting:
        return "<p>Nobody is waiting.</p>"
    body = _table(("owed", "person", "about", "since", "due", "days waiting"), waiting_rows(fig), {5})
    if fig.waiting_total > len(fig.waiting):
        body += f'<p class="note">The first {len(fig.waiting)} of {fig.waiting_total:,}, oldest first.</p>'
    return body + '<p class="note">The same list as <code>ownerkit queue</code>: nothing is sent for you.</p>'
