"""Graphviz DOT: an ego graph with you in the middle, peers clustered by team.

Edges are styled by tie (strong bold, weak dashed, nonexistent dotted, unrated grey),
focus peers have a double border, a bold label and a star; each team's cluster is
outlined in the team's own colour (the SVG picture's, from a hash of its name). Node ids
are generated (`me`, `p0`, `p1`, ...) so a name is only ever a double-quoted label. The
file asks for the `fdp` layout, which keeps clusters apart and puts the hub in the
middle; render it with `dot -Tsvg map.dot -o map.svg` (the layout attribute wins over
the program name).
"""

from __future__ import annotations

from datetime import date

from peermap.core.model import Network, Peer
from peermap.formats.exporters.common import by_name, team_colour, teams, tie_name, title

EDGE_STYLE = {
    "strong": 'style=bold, penwidth=2.5',
    "weak": 'style=dashed',
    "nonexistent": 'style=dotted',
    "unrated": 'style=dotted, color="#999999"',
}


def q(text: str) -> str:
    """A DOT double-quoted string showing `text` literally.

    Backslashes are doubled so that label escapes such as \\n or \\N cannot be smuggled
    in, quotes are escaped, `&` becomes `&amp;` (Graphviz decodes HTML entities in every
    label), and line breaks become spaces.
    """
    flat = " ".join(text.split()).replace("&", "&amp;")
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node(node_id: str, p: Peer) -> str:
    label = ("★ " if p.focus else "") + p.name
    attrs = [f"label={q(label)}", f"tooltip={q(f'{p.name} ({tie_name(p)})')}"]
    if p.focus:
        attrs += ["peripheries=2", 'fontname="Helvetica-Bold"', "penwidth=1.5"]
    if p.tie is None:
        attrs.append('color="#999999"')
    return f"    {node_id} [{', '.join(attrs)}];"


def export(net: Network, today: date) -> str:
    peers = by_name(net.peers)
    ids = {id(p): f"p{i}" for i, p in enumerate(peers)}
    me = net.me.name.strip() or "me"
    lines = [
        "graph peermap {",
        f"  graph [layout=fdp, overlap=false, splines=true, fontname=\"Helvetica\", "
        f"label={q(f'{title(net)} ({today.isoformat()})')}, labelloc=t];",
        '  node [shape=box, style="rounded", fontname="Helvetica"];',
        '  edge [color="#555555"];',
        # q() ends with a quote; the \\n after the name is DOT's own line break.
        f'  me [label={q(me)[:-1]}\\n(you)", shape=ellipse, peripheries=2, style=filled, '
        f'fillcolor="#333333", fontcolor="white"];',
    ]
    clustered: set[int] = set()
    for n, (team, members) in enumerate(teams(net)):
        lines.append(f"  subgraph cluster_{n} {{")
        # The cluster's border in the team's colour, the same as in the SVG picture.
        lines.append(f'    label={q(team)}; style="rounded,dashed"; penwidth=2; '
                     f'color="{team_colour(team)}";')
        for p in members:
            lines.append(_node(ids[id(p)], p))
            clustered.add(id(p))
        lines.append("  }")
    for p in peers:
        if id(p) not in clustered:
            lines.append(_node(ids[id(p)], p).replace("    ", "  ", 1))
    for p in peers:
        lines.append(f"  me -- {ids[id(p)]} [{EDGE_STYLE[tie_name(p)]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
