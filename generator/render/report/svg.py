"""The report's charts as small hand-written SVG: bars, and one layered drawing of who referred whom.

Not a charting library: the report must open offline from one file and show
nothing outside it. Plain bars and one layered drawing take a few dozen lines
each, where a library (Vega-Lite, Chart.js, matplotlib) would mean inlining
hundreds of kilobytes of JavaScript, or a heavy dependency to draw rectangles.
Every value that reaches the page goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections import defaultdict

from generator.model.network import NetEdge, NetNode, Network
from generator.model.report import MonthCount
from generator.model.text import short
from generator.render.report.wording import many, month_label

esc = html.escape

COLOURS = {
    "client": "#2e7d4f",
    "not-a-fit": "#9a9a9a",
    "pending": "#d99a1e",
    "source": "#2f5f8a",
    "more": "#ffffff",
}
# the network's boxes: column width, row height, box width and height, padding
COL_W, ROW_H, NODE_W, NODE_H, PAD = 200.0, 30.0, 170.0, 22.0, 10.0


def svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>{''.join(body)}</svg>"
    )


def cut(text: str, limit: int = 26) -> str:
    """A name cut to fit its box."""
    return short(text, limit, "…")


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
            f"<title>{esc(month_label(month.month))}: {month.referrals}</title></rect>"
        )
        if i % every == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">'
                f"{esc(month_label(month.month))}</text>"
            )
    return svg(width, height, "Referrals per month", body)


def hbars_svg(rows: list[tuple[str, list[tuple[float, str, str]]]], label: str, value_text: list[str]) -> str:
    """Horizontal bars, each split into coloured parts: (value, colour, tooltip)."""
    width, row_h, left = 900.0, 24.0, 220.0
    height = row_h * len(rows) + 8
    peak = max((sum(v for v, _, _ in parts) for _, parts in rows), default=0) or 1
    span = width - left - 120
    body = []
    for i, (name, parts) in enumerate(rows):
        y = 4 + i * row_h
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{esc(cut(name, 34))}</text>')
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
    return svg(width, height, label, body)


def network_svg(net: Network) -> str:
    """The layered drawing: columns by chain depth, each chain laid out as a tidy tree."""
    x, y, rows = _layout(net.nodes)
    names = {n.key: n.name for n in net.nodes}
    width = PAD * 2 + max(n.depth for n in net.nodes) * COL_W + NODE_W
    height = PAD * 2 + max(rows, 1) * ROW_H
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6e7781"/></marker></defs>'
    ]
    body += [_edge_svg(edge, x, y, names) for edge in net.edges]
    body += [_node_svg(node, x[node.key], PAD + y[node.key]) for node in net.nodes]
    return svg(width, height, "Who referred whom", body)


def _layout(nodes: tuple[NetNode, ...]) -> tuple[dict[str, float], dict[str, float], int]:
    """Each box's left edge and top (before padding), and the number of rows used."""
    y: dict[str, float] = {}
    rows = 0
    kids: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        if node.parent is not None:
            kids[node.parent].append(node.key)
    for node in nodes:  # leaves take the next row, in drawing order
        if not kids.get(node.key):
            y[node.key] = rows * ROW_H
            rows += 1
    for node in reversed(nodes):  # a parent sits midway along its friends
        if kids.get(node.key):
            ys = [y[k] for k in kids[node.key]]
            y[node.key] = (min(ys) + max(ys)) / 2
    return {n.key: PAD + n.depth * COL_W for n in nodes}, y, rows


def _edge_svg(edge: NetEdge, x: dict[str, float], y: dict[str, float], names: dict[str, str]) -> str:
    x1, y1 = x[edge.source] + NODE_W, PAD + y[edge.source] + NODE_H / 2
    x2, y2 = x[edge.target], PAD + y[edge.target] + NODE_H / 2
    tip = f"{names[edge.source]} sent {names[edge.target]}"
    if edge.referrals > 1 and edge.kind != "more":
        tip += f" ({edge.referrals} times)"
    if edge.kind in ("tree", "more"):
        mid = (x1 + x2) / 2
        path = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        dash = ' stroke-dasharray="2 3"' if edge.kind == "more" else ""
        colour = "#8c959f"
    else:  # back up a chain (a loop) or across chains: an arc above, dashed
        x1 = x[edge.source] + NODE_W / 2
        x2 = x[edge.target] + NODE_W / 2
        y1, y2 = PAD + y[edge.source], PAD + y[edge.target]
        lift = 24 + abs(x1 - x2) / 6
        path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 - lift:.1f} {x2:.1f},{y2 - lift:.1f} {x2:.1f},{y2:.1f}"
        dash = ' stroke-dasharray="5 4"'
        colour = "#b4472f" if edge.kind == "loop" else "#8c959f"
        tip += " (a loop: they had sent them earlier)" if edge.kind == "loop" else ""
    return (
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#arrow)">'
        f"<title>{esc(tip)}</title></path>"
    )


def _node_svg(node: NetNode, nx: float, ny: float) -> str:
    colour = COLOURS.get(node.status, "#2f5f8a")
    text_fill = "#1f2328" if node.status == "more" else "#ffffff"
    stroke = ' stroke="#8c959f" stroke-dasharray="3 2"' if node.status == "more" else ""
    label = node.name if node.status == "more" else cut(node.name)
    if node.sent and node.status != "more":
        label = f"{cut(node.name, 22)} ({node.sent})"
    tip = node.name if node.status in ("more", "source") else f"{node.name}: {node.status}"
    if node.sent:
        tip += f"; sent {many(node.sent, 'friend')}"
    return (
        f'<g><title>{esc(tip)}</title><rect x="{nx:.1f}" y="{ny:.1f}" width="{NODE_W}" height="{NODE_H}" rx="4" '
        f'fill="{colour}"{stroke}/><text x="{nx + 8:.1f}" y="{ny + 15:.1f}" style="fill:{text_fill}">'
        f"{esc(label)}</text></g>"
    )
