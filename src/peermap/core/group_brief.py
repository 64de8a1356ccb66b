"""Before a group meets, and when to start one (docs/groups.md): `group brief` and the
`stats` hint. Apart from core.groups because they read the advice (core.suggestions),
which the cron reminder must not import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peermap.core.groups import group_json, members
from peermap.core.model import Group, Network
from peermap.core.text import command, name_key

GROUP_HINT_MIN = 3  # candidates sharing a goal or tag before `stats` suggests a group


def brief(net: Network, g: Group, today: date) -> dict[str, Any]:
    """One screen before a group meeting: each member's goals, pressures, open loops with
    you and what you could bring (`group brief --format json`)."""
    from peermap.core.loops import peer_loops
    from peermap.core.model import Kind
    from peermap.core.suggestions import strength_fit

    rows = []
    for p in members(net, g):
        loops = peer_loops(p, today)
        bring = [f"what you promised: {lp.note or lp.date.isoformat()}"
                 for lp in loops if lp.kind == Kind.PROMISED]
        fit = strength_fit(net, p, today)
        if fit is not None:
            bring.append(f"your {fit[0]}, for {fit[1]}")
        rows.append({"peer": p.name, "team": p.team, "goals": list(p.goals),
                     "pressures": list(p.pressures),
                     "open_loops": [lp.as_json() for lp in loops], "bring": bring})
    return {**group_json(net, g, today), "members_brief": rows, "as_of": today.isoformat()}


def group_hints(net: Network, today: date) -> list[str]:
    """`stats`: start a peer group when several focus candidates share a goal or tag."""
    from peermap.core.ranking import rank

    cands = [c.peer for c in rank(net, today, include_focus=True)]
    shared: dict[str, tuple[str, str, list[str]]] = {}
    for p in cands:
        for what, values in (("goal", p.goals), ("tag", p.tags)):
            for v in values:
                key = f"{what}:{name_key(v)}"
                if key and name_key(v):
                    entry = shared.setdefault(key, (what, v, []))
                    if p.name not in entry[2]:
                        entry[2].append(p.name)
    grouped = [set(g.members) for g in net.groups]
    out = []
    for what, value, names in sorted(shared.values(), key=lambda t: (-len(t[2]), t[0], t[1])):
        if len(names) < GROUP_HINT_MIN or any(set(names) <= m for m in grouped):
            continue
        cmd = command("group", "add", value,
                      *[w for n in names for w in ("--member", n)])
        out.append(f"{len(names)} focus candidates share the {what} {value!r} "
                   f"({', '.join(names)}): start a peer group with `{cmd}` (peer groups).")
        break  # one suggestion at a time
    return out
