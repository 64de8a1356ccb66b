"""Which ties to build up next (docs/ranking.md): candidate ranking and the focus set.

Pure functions over the Network and `today`; no I/O, no Rich, no Typer, no pydantic.

A candidate is a weak or nonexistent tie with at least one `matters` value. Strong ties
are already allies and unrated ties have not been judged yet, so neither is ever a
candidate. Each candidate's score is the sum of the points below (`WEIGHTS`):

| what                         | when                                                  | points |
| ---------------------------- | ----------------------------------------------------- | -----: |
| matters: current work        | `current-work` in matters                             |     30 |
| matters: future work         | `future-work` in matters                              |     18 |
| matters: big picture         | `big-picture` in matters                              |     10 |
| relies on your work          | `relies-on-me` in affects                             |      8 |
| helps your work              | `helps-me` in affects                                 |      8 |
| shares your goals            | `shared-goals` in affects                             |      6 |
| bridges to a team            | their team is not yours and none of your other        |     12 |
|                              | strong or weak ties is in it                          |        |
| bridges to a location        | the same for their location                           |      6 |
| weak tie                     | `tie = "weak"`: a foothold to build on                |     10 |
| nonexistent, not tried       | `why_none = "not-tried"` (or no reason given)         |      8 |
| nonexistent, clash           | `why_none = "clash"`: repairing is harder             |      2 |
| time since contact           | 1 per full 14 days since the last interaction (or     |  0..6 |
|                              | since the peer was added), at most 6                  |        |

Why these numbers: current work outweighs any mix of the other two `matters` values
(18 + 10 < 30), because relevance now is what the three to five slots are for. A weak tie
scores a little above a nonexistent one you have not tried: both are good candidates,
but a foothold makes follow-through likelier, and the weekly ritual rewards ties that
move. A clash is still a candidate, just well behind. Time since contact is a small
nudge, never enough to outweigh relevance. Equal scores order by name (case-folded),
so the order is total and the same on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import Affects, Matters, Network, Peer, Tie, WhyNone
from peermap.core.refs import resolve
from peermap.core.text import command, count, join_and, name_key
from peermap.core.vocab import AFFECTS_WHY, MATTERS_WHY

WEIGHTS: dict[str, int] = {
    "current-work": 30,
    "future-work": 18,
    "big-picture": 10,
    "relies-on-me": 8,
    "helps-me": 8,
    "shared-goals": 6,
    "bridges-team": 12,
    "bridges-location": 6,
    "weak": 10,
    "not-tried": 8,
    "clash": 2,
    "stale-days-per-point": 14,
    "stale-max": 6,
}

@dataclass(frozen=True)
class Candidate:
    peer: Peer
    score: int  # higher is better
    why: str  # one human line

    def as_json(self) -> dict[str, Any]:
        return {"peer": self.peer.name, "score": self.score, "why": self.why}


# --- who can be a candidate ----------------------------------------------------------


def is_candidate(p: Peer) -> bool:
    """A weak or nonexistent tie with at least one `matters` value."""
    return p.tie in (Tie.WEAK, Tie.NONEXISTENT) and bool(p.matters)


def left_out(net: Network) -> list[tuple[Peer, str]]:
    """Weak and nonexistent ties that are not candidates, each with why and the fix."""
    out: list[tuple[Peer, str]] = []
    for p in net.peers:
        why = refusal(p) if p.tie in (Tie.WEAK, Tie.NONEXISTENT) else None
        if why is not None:
            out.append((p, why))
    return out


def refusal(p: Peer) -> str | None:
    """Why `p` cannot be a focus candidate, in plain words; None when it can."""
    if p.tie == Tie.STRONG:
        return "already strong — keep it alive instead"
    if p.tie is None:
        return f"rate the tie first: {command('rate', p.name)} weak|nonexistent"
    if not p.matters:
        fix = command("edit", p.name, "--matters", "current-work")
        return f"say what it matters for first: {fix}"
    return None




# --- scoring ---------------------------------------------------------------------------




def bridges(net: Network, p: Peer) -> list[str]:
    """The team and/or location `p` would bridge to: not yours, and no other strong or
    weak tie of yours is there. The peer's own tie does not count, because building it
    up is what makes the bridge."""
    out = []
    for attr, mine in (("team", net.me.team), ("location", net.me.location)):
        theirs = getattr(p, attr)
        k = name_key(theirs)
        if not k or k == name_key(mine):
            continue
        covered = any(
            q is not p and q.tie in (Tie.STRONG, Tie.WEAK) and name_key(getattr(q, attr)) == k
            for q in net.peers
        )
        if not covered:
            out.append(attr)
    return out


def stale_days(p: Peer, today: date) -> int | None:
    """Days since the last interaction, or since the peer was added (or first rated)
    when there is none; None when the file holds no date for this peer at all."""
    anchor = p.last_contact()
    if anchor is None:
        dates = [d for d in (p.added, *(t.date for t in p.ties)) if d is not None]
        anchor = min(dates, default=None)
    if anchor is None:
        return None
    return max(0, (today - anchor).days)


def score(net: Network, p: Peer, today: date) -> tuple[int, str]:
    """The score of one peer and the one-line reason for it (WEIGHTS, module doc)."""
    w = WEIGHTS
    points = 0
    parts: list[str] = []

    matters = [m for m in Matters if m in p.matters]
    points += sum(w[m.value] for m in matters)
    if matters:
        parts.append("matters for " + join_and([MATTERS_WHY[m] for m in matters]))

    affects = [a for a in (Affects.RELIES_ON_ME, Affects.HELPS_ME, Affects.SHARED_GOALS)
               if a in p.affects]
    points += sum(w[a.value] for a in affects)
    if affects:
        parts.append(join_and([AFFECTS_WHY[a] for a in affects]))

    bridged = bridges(net, p)
    if bridged:
        points += sum(w[f"bridges-{b}"] for b in bridged)
        places = join_and([getattr(p, b) for b in bridged])
        parts.append(f"bridges to {places} (no ties there yet)")

    if p.tie == Tie.WEAK:
        points += w["weak"]
        parts.append("a weak tie with room to grow")
    elif p.tie == Tie.NONEXISTENT:
        if p.why_none == WhyNone.CLASH:
            points += w["clash"]
            parts.append("a clash to repair (harder)")
        else:
            points += w["not-tried"]
            parts.append("not tried yet" if p.why_none else "no tie yet")

    days = stale_days(p, today)
    if days is not None:
        bonus = min(days // w["stale-days-per-point"], w["stale-max"])
        if bonus:
            points += bonus
            since = "last contact" if p.last_contact() else "added"
            parts.append(f"{since} {count(days // 7, 'week')} ago")
    return points, "; ".join(parts)


def rank(net: Network, today: date, *, include_focus: bool = False) -> list[Candidate]:
    """Every candidate, best first: by score, then name (case-folded), then name."""
    out = []
    for p in net.peers:
        if not is_candidate(p) or (p.focus and not include_focus):
            continue
        points, why = score(net, p, today)
        out.append(Candidate(p, points, why))
    out.sort(key=lambda c: (-c.score, c.peer.key, c.peer.name))
    return out


# --- the focus set (docs/ranking.md) -----------------------------------------------------


def _refuse(p: Peer) -> None:
    reason = refusal(p)
    if reason is not None:
        raise PeermapError(f"{p.name} cannot be in focus: {reason}.")


def _enter(p: Peer, today: date) -> None:
    if not p.focus:
        p.focus = True
        p.focus_since = today


def _leave(p: Peer) -> None:
    p.focus = False
    p.focus_since = None


def focus_set(net: Network, refs: list[str], today: date) -> list[Peer]:
    """Make exactly these peers the focus set and return them in the order given.

    A peer named twice (say "grace" and "Grace Example") counts once. Peers that stay in
    focus keep their `focus_since`; new ones get `today`. The set must hold
    `focus_min`..`focus_max` peers, except that fewer are accepted when they are every
    candidate there is (a small map cannot do better). Nothing changes on a refusal.
    """
    s = net.settings
    chosen: list[Peer] = []
    for ref in refs:
        p = resolve(net, ref)
        if not any(p is q for q in chosen):
            chosen.append(p)
    for p in chosen:
        _refuse(p)
    if len(chosen) > s.focus_max:
        raise PeermapError(
            f"you named {len(chosen)} peers, but focus holds {s.focus_min} to {s.focus_max}; "
            "keep the ones that matter most now."
        )
    if len(chosen) < s.focus_min:
        others = [p for p in net.peers if is_candidate(p) and not any(p is q for q in chosen)]
        if others or not chosen:
            raise PeermapError(
                f"you named {count(len(chosen), 'peer')}, but focus "
                f"holds {s.focus_min} to {s.focus_max}; see the candidates with: peermap focus"
            )
    for p in net.peers:
        if p.focus and not any(p is q for q in chosen):
            _leave(p)
    for p in chosen:
        _enter(p, today)
    return chosen


def focus_add(net: Network, ref: str, today: date) -> Peer:
    """Put one peer into focus, if it can be a candidate and there is room."""
    p = resolve(net, ref)
    if p.focus:
        since = f" (since {p.focus_since.isoformat()})" if p.focus_since else ""
        raise PeermapError(f"{p.name} is already in focus{since}.")
    _refuse(p)
    current = net.focus_peers()
    limit = net.settings.focus_max
    if len(current) >= limit:
        done = graduated(net)
        hint = (f" {join_and([g.name for g in done])} graduated to a strong tie."
                if done else "")
        raise PeermapError(
            f"focus is full ({len(current)} of {limit}); drop one first: "
            f"peermap focus drop NAME.{hint}"
        )
    _enter(p, today)
    return p


def focus_drop(net: Network, ref: str) -> str | None:
    """Take one peer out of focus; a note when focus falls below `focus_min`."""
    p = resolve(net, ref)
    if not p.focus:
        raise PeermapError(f"{p.name} is not in focus; see the focus set with: peermap focus")
    _leave(p)
    left = len(net.focus_peers())
    low = net.settings.focus_min
    if left < low:
        return (
            f"focus now holds {count(left, 'tie')}, fewer than the {low} "
            "you aim for; add one with: peermap focus add NAME"
        )
    return None


def graduated(net: Network) -> list[Peer]:
    """Focus peers now rated strong: ready to make room for the next candidate."""
    return sorted((p for p in net.focus_peers() if p.tie == Tie.STRONG),
                  key=lambda p: (p.key, p.name))
