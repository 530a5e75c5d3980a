"""Who referred whom: the referral network laid out in layers by chain depth.

The people who started a chain (no one referred them) stand at depth 0, the
friends they sent at depth 1, and so on, at any depth. Each person is placed
once, by a breadth-first walk that remembers whom it has seen, so a loop (A
sent B, and later B sent A) is found and never followed round. Large networks
are capped: the biggest chains are kept first, each person keeps at most a few
of the friends they sent (the rest become one "+N more" node), and the network
says how many people were left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model.records import Kit, Referral

NETWORK_MAX_NODES = 120
NETWORK_MAX_CHILDREN = 8


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


@dataclass
class _Links:
    """Who sent whom, how often, and who came through whom first."""

    out: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    came: dict[str, Referral] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    first_sent: dict[str, dt.date] = field(default_factory=dict)


@dataclass
class _Layers:
    """The breadth-first placement: each person's depth and parent, and entry/exit numbers of a depth-first walk."""

    roots: list[str] = field(default_factory=list)
    starters: int = 0
    depth: dict[str, int] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    enter: dict[str, int] = field(default_factory=dict)
    leave: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)

    def above(self, a: str, b: str) -> bool:
        """Whether ``a`` stands above ``b`` in its chain, in O(1)."""
        return self.enter[a] <= self.enter[b] and self.leave[b] <= self.leave[a]


def network(kit: Kit) -> Network:
    """Who referred whom, as layers by chain depth; loops are found, never followed."""
    links = _links(kit)
    if not links.out:
        return Network(0, 0, 0, 0, (), (), (), (), 0, 0)
    layers = _layers(links)
    kinds, loops = _edge_kinds(links, layers)
    deepest = max(layers.depth, key=lambda k: (layers.depth[k], -layers.enter[k]))
    drawn, hidden_starters = _drawn(links, layers)
    shown = {n.key for n in drawn if n.status != "more"}
    edges = [
        NetEdge(source, target, count, kinds[source, target])
        for source, targets in links.out.items()
        if source in shown
        for target, count in targets.items()
        if target in shown
    ]
    edges.extend(NetEdge(n.parent, n.key, n.more, "more") for n in drawn if n.status == "more" and n.parent)
    return Network(
        people=len(links.names),
        links=sum(len(t) for t in links.out.values()),
        starters=layers.starters,
        deepest=layers.depth[deepest],
        longest_chain=_chain_to(deepest, links, layers),
        loops=tuple(loops),
        nodes=tuple(drawn),
        edges=tuple(edges),
        hidden_people=len(links.names) - len(shown),
        hidden_starters=hidden_starters,
    )


def _links(kit: Kit) -> _Links:
    people = kit.people
    links = _Links()
    for referral in kit.referrals:
        target = referral.referred_id or f"~{referral.id}"
        source = referral.from_id
        links.out[source][target] = links.out[source].get(target, 0) + 1
        links.came.setdefault(target, referral)
        links.first_sent.setdefault(source, referral.date)
        links.names.setdefault(source, people[source].name.full)
        if target not in links.names:
            links.names[target] = people[target].name.full if target in people else (referral.referred_name or "")
    return links


def _layers(links: _Links) -> _Layers:
    """Breadth-first from each starter, biggest first; then from anyone left (people only in loops)."""
    out, names = links.out, links.names
    starters = sorted((k for k in out if k not in links.came), key=lambda k: (-len(out[k]), names[k], k))
    leftovers = sorted((k for k in out if k in links.came), key=lambda k: (links.first_sent[k], names[k], k))
    layers = _Layers(starters=len(starters))
    for start in [*starters, *leftovers]:
        if start in layers.depth:
            continue
        layers.roots.append(start)
        layers.depth[start], layers.parent[start] = 0, None
        queue = [start]
        for node in queue:  # the list grows while we walk it: a breadth-first queue
            for target in out.get(node, ()):
                if target not in layers.depth:
                    layers.depth[target], layers.parent[target] = layers.depth[node] + 1, node
                    layers.children[node].append(target)
                    queue.append(target)
    _number(layers)
    return layers


def _number(layers: _Layers) -> None:
    """Entry and exit numbers of a depth-first walk, and the size of each chain below a person."""
    clock = 0
    for root in layers.roots:
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                layers.leave[node] = clock
                layers.size[node] = 1 + sum(layers.size[c] for c in layers.children.get(node, ()))
                continue
            layers.enter[node] = clock
            clock += 1
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(layers.children.get(node, ())))


def _edge_kinds(links: _Links, layers: _Layers) -> tuple[dict[tuple[str, str], str], list[tuple[str, str]]]:
    """Each link as "tree", "loop" (back up its chain) or "cross"; the loops by name."""
    loops: list[tuple[str, str]] = []
    kinds: dict[tuple[str, str], str] = {}
    for source, targets in links.out.items():
        for target in targets:
            if layers.parent.get(target) == source:
                kinds[source, target] = "tree"
            elif layers.above(target, source):
                kinds[source, target] = "loop"
                loops.append((links.names[source], links.names[target]))
            else:
                kinds[source, target] = "cross"
    return kinds, loops


def _chain_to(node: str, links: _Links, layers: _Layers) -> tuple[str, ...]:
    """The names from a chain's starter down to ``node``."""
    chain: list[str] = []
    walk: str | None = node
    while walk is not None:
        chain.append(links.names[walk])
        walk = layers.parent[walk]
    return tuple(reversed(chain))


def _drawn(links: _Links, layers: _Layers) -> tuple[list[NetNode], int]:
    """What to draw: biggest chains first, a few friends per person, within a node budget."""
    names, size = links.names, layers.size
    drawn: list[NetNode] = []
    hidden_starters = 0
    for root in sorted(layers.roots, key=lambda k: (-size[k], names[k], k)):
        if len(drawn) >= NETWORK_MAX_NODES:
            hidden_starters += 1
            continue
        stack: list[str | NetNode] = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, NetNode):  # a "+N more" placeholder, drawn after the friends shown
                drawn.append(item)
                continue
            node, depth = item, layers.depth[item]
            came = links.came.get(node)
            status = came.outcome if came else "source"
            drawn.append(NetNode(node, names[node], depth, layers.parent[node], status, len(links.out.get(node, ()))))
            kids = sorted(layers.children.get(node, ()), key=lambda c: (-size[c], names[c], c))
            room = max(0, NETWORK_MAX_NODES - len(drawn) - len(stack))
            keep = kids[: min(NETWORK_MAX_CHILDREN, room)]
            rest = len(kids) - len(keep)
            if rest:
                stack.append(NetNode(f"{node}+more", f"+{rest} more", depth + 1, node, "more", 0, rest))
            stack.extend(reversed(keep))
    return drawn, hidden_starters
