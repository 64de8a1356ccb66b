"""Mermaid flowchart: an ego graph with you in the middle, peers grouped by team.

Strong ties are thick links, weak ties dashed, nonexistent ties finely dotted, unrated
ties grey; focus peers carry a star, a bold label and a thick border. Node ids are
generated; every label is quoted, with `"` as `#quot;` and other characters that mean
something to Mermaid or HTML as numeric entity codes (`#60;`).
"""

from __future__ import annotations

from datetime import date

from peermap.core.model import Network, Peer
from peermap.formats.exporters.common import by_name, teams, tie_name

# Characters Mermaid or its HTML labels could read as syntax.
_RISKY = set('"#&<>;|`[]{}()\\%*_~')

LINK = {"strong": "===", "weak": "-.-", "nonexistent": "-.-", "unrated": "-.-"}
LINK_STYLE = {
    "nonexistent": "stroke-dasharray:2 6",
    "unrated": "stroke:#aaaaaa,stroke-dasharray:2 6",
}


def label(text: str) -> str:
    """A quoted Mermaid label showing `text` literally, on one line."""
    flat = " ".join(text.split())
    out = []
    for ch in flat:
        if ch == '"':
            out.append("#quot;")
        elif ch in _RISKY:
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def export(net: Network, today: date) -> str:
    peers = by_name(net.peers)
    ids = {id(p): f"p{i}" for i, p in enumerate(peers)}
    me = net.me.name.strip()
    lines = [
        "flowchart LR",
        f"  me(({label(f'{me} (you)' if me else 'you')}))",
    ]

    def node(p: Peer) -> str:
        return f"{ids[id(p)]}[{label(('★ ' if p.focus else '') + p.name)}]"

    # Mermaid ranks nodes along the links, so putting half the groups before "me" and
    # half after it is what keeps you in the middle of a left-to-right chart.
    groups = [(team, members) for team, members in teams(net)]
    grouped = {id(p) for _, members in groups for p in members}
    loose = [p for p in peers if id(p) not in grouped]
    if loose:
        groups.append(("", loose))
    size = {"left": 0, "right": 0}
    side: dict[int, str] = {}
    for _team, members in sorted(groups, key=lambda g: -len(g[1])):
        s = "left" if size["left"] < size["right"] else "right"
        size[s] += len(members)
        for p in members:
            side[id(p)] = s
    for n, (team, members) in enumerate(groups):
        if team:
            lines.append(f"  subgraph t{n}[{label(team)}]")
            lines.extend(f"    {node(p)}" for p in members)
            lines.append("  end")
        else:
            lines.extend(f"  {node(p)}" for p in members)
    styles = []
    links = [p for _, members in groups for p in members]
    for i, p in enumerate(links):
        tie = tie_name(p)
        pid = ids[id(p)]
        pair = (pid, "me") if side[id(p)] == "left" else ("me", pid)
        lines.append(f"  {pair[0]} {LINK[tie]} {pair[1]}")
        if tie in LINK_STYLE:
            styles.append(f"  linkStyle {i} {LINK_STYLE[tie]}")
    lines += styles
    lines.append("  classDef me fill:#333333,color:#ffffff,stroke:#333333")
    lines.append("  class me me")
    focus = [ids[id(p)] for p in peers if p.focus]
    if focus:
        lines.append("  classDef focus stroke-width:3px,font-weight:bold")
        lines.append(f"  class {','.join(focus)} focus")
    return "\n".join(lines) + "\n"
