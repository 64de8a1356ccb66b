"""Network health (docs/stats.md): pure functions from a Network and `today` to data.

`network_stats` returns a JSON-ready dict whose keys are a contract (`stats --format
json`); peermap.render.stats renders it. Every warning says what to do and names the
principle it comes from.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from peermap.core.model import (
    ASKING,
    GETTING,
    GIVING,
    SIGNS,
    Affects,
    Kind,
    Matters,
    Network,
    Peer,
    Tie,
    name_key,
)

WINDOW_DAYS = 90  # reciprocity and tie trend look this far back, today included
WEEKS = 12  # the interactions-per-week chart
QUIET_WEEKS = 4  # no interaction at all for this long, with focus peers, is a warning
_RANK = {Tie.NONEXISTENT: 0, Tie.WEAK: 1, Tie.STRONG: 2}


def _in_window(d: date, today: date, days: int = WINDOW_DAYS) -> bool:
    """True for the `days` days ending today: today and the days - 1 before it."""
    return 0 <= (today - d).days < days


def _by_name(peers: list[Peer]) -> list[Peer]:
    return sorted(peers, key=lambda p: (p.key, p.name))


def _team_key(text: str) -> str:
    return name_key(text)


def network_stats(net: Network, today: date) -> dict[str, Any]:
    """Everything `peermap stats` shows, as plain JSON-ready data."""
    peers = _by_name(net.peers)
    ties = Counter(p.tie.value if p.tie is not None else "unrated" for p in peers)
    affects = Counter(a.value for p in peers for a in set(p.affects))
    matters = Counter(m.value for p in peers for m in set(p.matters))
    reach = _reach(net, peers)
    reciprocity = _reciprocity(peers, today)
    stats = {
        "as_of": today.isoformat(),
        "peers": len(peers),
        "focus": sum(1 for p in peers if p.focus),
        "ties": {k: ties.get(k, 0) for k in ("strong", "weak", "nonexistent", "unrated")},
        "affects": {a.value: affects.get(a.value, 0) for a in Affects},
        "matters": {m.value: matters.get(m.value, 0) for m in Matters},
        "reach": reach,
        "bridges": _bridges(net, peers),
        "reciprocity": reciprocity,
        "trend": {**_tie_trend(peers, today), "weekly": weekly_interactions(peers, today)},
        "before_upgrades": before_upgrades(peers, today),
    }
    stats["warnings"] = _warnings(net, peers, stats)
    return stats


# --- reach and bridges (principle 10) ------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None


def _reach(net: Network, peers: list[Peer]) -> dict[str, Any]:
    """Distinct teams and locations among strong and weak ties, against your own."""
    tied = [p for p in peers if p.tie in (Tie.STRONG, Tie.WEAK)]
    strong = [p for p in peers if p.tie == Tie.STRONG]
    own_team, own_location = net.me.team, net.me.location

    def distinct(values: list[str]) -> list[str]:
        # First spelling wins; different case or spacing is the same team.
        seen: dict[str, str] = {}
        for v in values:
            if v.strip():
                seen.setdefault(_team_key(v), " ".join(v.split()))
        return sorted(seen.values(), key=lambda v: (v.casefold(), v))

    def in_own(attr: str, own: str) -> int:
        return sum(1 for p in strong if own and _team_key(getattr(p, attr)) == _team_key(own))

    return {
        "teams": distinct([p.team for p in tied]),
        "locations": distinct([p.location for p in tied]),
        "own_team": own_team,
        "own_location": own_location,
        "strong": len(strong),
        "strong_in_own_team": in_own("team", own_team),
        "strong_in_own_location": in_own("location", own_location),
        "strong_own_team_share": _share(in_own("team", own_team), len(strong)) if own_team
        else None,
        "strong_own_location_share": _share(in_own("location", own_location), len(strong))
        if own_location else None,
    }


def _bridges(net: Network, peers: list[Peer]) -> list[str]:
    """Peers who are your only strong or weak tie into their team (not your own team)."""
    own = _team_key(net.me.team) if net.me.team else None
    by_team: dict[str, list[Peer]] = {}
    for p in peers:
        if p.tie in (Tie.STRONG, Tie.WEAK) and p.team.strip():
            by_team.setdefault(_team_key(p.team), []).append(p)
    lone = [group[0] for team, group in by_team.items() if len(group) == 1 and team != own]
    return [p.name for p in _by_name(lone)]


# --- reciprocity (principle 6) -------------------------------------------------------


def _reciprocity(peers: list[Peer], today: date) -> list[dict[str, Any]]:
    rows = []
    for p in peers:
        if not p.focus:
            continue
        recent = [e.kind for e in p.log if _in_window(e.date, today)]
        giving = sum(1 for k in recent if k in GIVING)
        asking = sum(1 for k in recent if k in ASKING)
        getting = sum(1 for k in recent if k in GETTING)
        they_asked = sum(1 for k in recent if k in SIGNS)
        rows.append({"peer": p.name, "giving": giving, "asking": asking, "getting": getting,
                     "they_asked": they_asked,
                     "neutral": sum(1 for k in recent if k in (Kind.CHAT, Kind.MET))})
    return rows


# --- trend ---------------------------------------------------------------------------


def _tie_trend(peers: list[Peer], today: date) -> dict[str, Any]:
    """Net tie changes over the window: the tie at its start (or the first rating inside
    it) against the latest rating. A tie that went up and came back down is no change."""
    start = today - timedelta(days=WINDOW_DAYS - 1)
    up: list[dict[str, Any]] = []
    down: list[dict[str, Any]] = []
    for p in peers:
        history = sorted((t for t in p.ties if t.date <= today), key=lambda t: t.date)
        before = [t for t in history if t.date < start]
        inside = [t for t in history if t.date >= start]
        if not inside:
            continue
        was = before[-1].tie if before else inside[0].tie
        now = inside[-1].tie
        if _RANK[now] > _RANK[was]:
            up.append({"peer": p.name, "from": was.value, "to": now.value})
        elif _RANK[now] < _RANK[was]:
            down.append({"peer": p.name, "from": was.value, "to": now.value})
    return {"strengthened": up, "weakened": down}


def weekly_interactions(peers: list[Peer], today: date, weeks: int = WEEKS) -> list[int]:
    """Interactions per week, oldest first; the last week is today and the six days before.

    Weeks are rolling 7-day spans ending today rather than calendar weeks, so the last
    bar is never a partial week.
    """
    counts = [0] * weeks
    for p in peers:
        for e in p.log:
            age = (today - e.date).days
            if 0 <= age < 7 * weeks:
                counts[weeks - 1 - age // 7] += 1
    return counts


# --- warnings ------------------------------------------------------------------------


def pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _warnings(net: Network, peers: list[Peer], stats: dict[str, Any]) -> list[str]:
    out: list[str] = []
    reach = stats["reach"]
    if peers and not (net.me.team or net.me.location) and any(p.team or p.location
                                                              for p in peers):
        out.append("Your own team and location are not set: add them with "
                   "`peermap me --team TEAM --location PLACE` so stats can show your reach "
                   "(bridge groups).")
    # "Most" needs at least two strong ties to mean anything. The advice only suggests
    # what the map can do: a focus peer elsewhere when a candidate is there, otherwise
    # brainstorming beyond your team or location.
    if reach["strong"] >= 2:
        for attr, where, elsewhere in (("team", "team", "in another team"),
                                       ("location", "location", "somewhere else")):
            share = reach[f"strong_own_{attr}_share"]
            if share is None or share <= 0.5:
                continue
            other = _candidate_outside(net, attr, reach[f"own_{attr}"], stats["as_of"])
            beyond = "beyond your team" if attr == "team" else "in other locations"
            fix = (f"pick a focus peer {elsewhere}, such as {other} (bridge groups)"
                   if other else f"brainstorm peers {beyond} who touch your work: "
                   "`peermap map --step brainstorm` (map broadly)")
            out.append(f"Most of your strong ties ({pct(share)}) are in your own {where} "
                       f"({reach[f'own_{attr}']}): {fix}.")
    for row in stats["reciprocity"]:
        if row["asking"] and not row["giving"] and not row["they_asked"]:
            out.append(f"You have only been asking {row['peer']} lately: share something "
                       "useful before your next ask (give before you ask).")
    from peermap.core.group_brief import group_hints

    out += group_hints(net, date.fromisoformat(stats["as_of"]))
    unrated = stats["ties"]["unrated"]
    if unrated:
        who = "1 peer is" if unrated == 1 else f"{unrated} peers are"
        out.append(f"{who} not rated yet: rate them with `peermap map --step rate` "
                   "(rate honestly).")
    if peers and not stats["focus"]:
        out.append("No focus peers yet: pick three to five ties to build up with "
                   "`peermap map --step focus` (three to five).")
    elif stats["focus"] and not any(stats["trend"]["weekly"][-QUIET_WEEKS:]):
        out.append(f"No interactions logged in the last {QUIET_WEEKS} weeks: pick one focus "
                   "peer and one small step this week (one small step).")
    return out


def _candidate_outside(net: Network, attr: str, own: str, as_of: str) -> str | None:
    """The best focus candidate (not yet in focus) whose team or location is not yours."""
    from peermap.core.ranking import rank

    for c in rank(net, date.fromisoformat(as_of)):
        value = getattr(c.peer, attr)
        if value.strip() and _team_key(value) != _team_key(own):
            return c.peer.name
    return None


# --- what came before tie upgrades (memory and outcomes) ------------------------------

UPGRADE_WINDOW = 30  # the interactions in the 30 days before a tie went up


def before_upgrades(peers: list[Peer], today: date) -> dict[str, Any]:
    """Which kinds of action came before ties went up: counts of log kinds in the
    `UPGRADE_WINDOW` days before each upgrade in the tie history (up to today)."""
    kinds: Counter[str] = Counter()
    upgrades = 0
    for p in peers:
        history = sorted((t for t in p.ties if t.date <= today), key=lambda t: t.date)
        for prev, cur in zip(history, history[1:], strict=False):
            if _RANK[cur.tie] <= _RANK[prev.tie]:
                continue
            upgrades += 1
            for e in p.log:
                if 0 <= (cur.date - e.date).days <= UPGRADE_WINDOW:
                    kinds[e.kind.value] += 1
    ordered = dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return {"upgrades": upgrades, "window_days": UPGRADE_WINDOW, "kinds": ordered}


# --- plain text ----------------------------------------------------------------------
