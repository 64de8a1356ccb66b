"""One screen before a 1:1 (`peermap brief`): what you know about a peer, what you owe
them, which way help has flowed, questions to ask and one thing not to do.

A pure function from the Network, a peer and `today` to a JSON-ready dict whose keys are
the contract of `brief --format json` (docs/commands.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from peermap.core.loops import balance, balance_words, peer_loops
from peermap.core.model import SIGNS, Affects, Kind, Network, Peer, Tie, WhyNone
from peermap.core.suggestions import quote, short_name_of, strength_fit, suggest, times

RECENT = 3


def trend(p: Peer, today: date) -> dict[str, Any]:
    """The tie now, since when, and what it was before (None when it never changed)."""
    history = sorted((t for t in p.ties if t.date <= today), key=lambda t: t.date)
    tie = p.tie.value if p.tie else "unrated"
    if not history:
        return {"tie": tie, "since": None, "was": None, "direction": "none"}
    since = history[-1].date
    was = None
    for t in reversed(history):
        if t.tie != p.tie:
            was = t.tie
            break
        since = t.date
    order = {Tie.NONEXISTENT: 0, Tie.WEAK: 1, Tie.STRONG: 2}
    direction = "none"
    if was is not None and p.tie is not None:
        direction = "up" if order[p.tie] > order[was] else "down"
    return {"tie": tie, "since": since.isoformat(), "was": was.value if was else None,
            "direction": direction}


def questions(net: Network, p: Peer, today: date) -> list[str]:
    """Two or three questions worth asking, from what you know about them."""
    out: list[str] = []
    clash = p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH
    if clash:
        out.append("How does it look from your side?" + (
            f" (about {quote(p.notes)}, your note)" if p.notes.strip() else ""))
        out.append("What would a good outcome look like for you this quarter?")
    for g in p.goals[:1]:
        out.append(f"How is {quote(g)} going, and what is in the way? (their goal, your words)")
    for pr in p.pressures[:1]:
        out.append(f"What would make {quote(pr)} lighter? (their pressure, your words)")
    asked = [e for e in p.log if e.kind in SIGNS and e.note and 0 <= (today - e.date).days <= 60]
    if asked and len(out) < 3:
        e = asked[-1]
        out.append(f"Did what I suggested help? (they asked you on {e.date.isoformat()}: "
                   f"{quote(e.note)}, your log)")
    if Affects.RELIES_ON_ME in p.affects and len(out) < 3:
        out.append("Which of my dates matter most to your plans?")
    for fallback in ("What are you working on?", "What's your biggest challenge right now?",
                     "What are you excited about right now?"):
        if len(out) >= 2:
            break
        out.append(fallback)
    if not p.goals and len(out) < 3:
        out.append("What are you aiming for this quarter?")
    return out[:3]


def dont(p: Peer, today: date) -> str:
    """One thing not to do in this conversation."""
    b = balance(p, today)
    if p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH:
        return ("Don't re-argue the old disagreement" +
                (f" ({quote(p.notes)}, your note)" if p.notes.strip() else "") +
                "; listen first and own your part.")
    if p.at_risk.strip():
        return (f"Don't leave {quote(p.at_risk)} (your words) for the end of the meeting; "
                "say it first.")
    if b.verdict == "taking":
        return (f"Don't open with another ask: lately you have taken {times(b.took)} and "
                f"given {times(b.gave)}.")
    loops = peer_loops(p, today)
    if any(lp.kind == Kind.PROMISED for lp in loops):
        return "Don't promise anything new before the open promise is kept."
    fb = [lp for lp in loops if lp.kind == Kind.FEEDBACK_ASKED]
    if fb:
        return (f"Don't ask for new feedback before you have said what you did with the last "
                f"({quote(fb[0].note) if fb[0].note else 'your ask'}, your log).")
    if p.tie == Tie.NONEXISTENT:
        return "Don't ask for a favour in the first real conversation."
    if b.verdict == "giving":
        return "Don't hold back your own question: you have given plenty, and asking is fine."
    if p.tie == Tie.STRONG:
        return "Don't make it all business; ask how they are doing."
    return "Don't spend the time on status updates; ask about their work and listen."


def brief(net: Network, p: Peer, today: date) -> dict[str, Any]:
    """Everything `peermap brief` shows, JSON-ready."""
    log = sorted((e for e in p.log if e.date <= today), key=lambda e: e.date)
    fit = strength_fit(net, p, today)
    clash = p.tie == Tie.NONEXISTENT and p.why_none == WhyNone.CLASH
    b = balance(p, today)
    tips = suggest(net, p, today, limit=2)
    return {
        "peer": p.name,
        "tie": trend(p, today),
        "why_none": p.why_none.value if p.why_none else None,
        "team": p.team, "role": p.role, "location": p.location,
        "goals": list(p.goals), "pressures": list(p.pressures), "at_risk": p.at_risk,
        "notes": p.notes,
        "recent": [{"date": e.date.isoformat(), "kind": e.kind.value, "note": e.note}
                   for e in log[-RECENT:]][::-1],
        "open_loops": [lp.as_json() for lp in peer_loops(p, today)],
        "balance": {**b.as_json(), "words": balance_words(b)},
        "strength": None if fit is None or clash else
        {"strength": fit[0], "fits": fit[1], "how": fit[2]},
        "questions": questions(net, p, today),
        "dont": dont(p, today),
        "next_step": None if p.next is None else {
            "step": p.next.step, "due": p.next.due.isoformat() if p.next.due else None,
            "days_late": max(0, (today - p.next.due).days) if p.next.due else 0},
        "as_of": today.isoformat(),
        "suggestions": [s.as_json() for s in tips],
        "name": short_name_of(net, p),
    }
