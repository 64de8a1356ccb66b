"""What is due on a given day (docs/reminders.md): pure functions, cheap to import.

The cron reminder imports this module, the models and the store only, so nothing here
may import Rich, Typer or pydantic (a test runs `remind` and checks `sys.modules`).

Every item falls due on the day its period runs out, the way a next step is due on its
date: a step on its due date, a focus peer on the day `cadence` days have passed since
the later of the last interaction and `focus_since`, and the review on the day
`review_every_days` have passed since the last one (docs/reminders.md). Counting the last
day in keeps the review on the same weekday week after week instead of sliding a day later
each time, and keeps it on the day the steps planned at the last review fall due.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from peermap.core.model import Network, Peer
from peermap.core.text import days_ago, neutral

TYPES = ("step", "stale", "loop", "quiet", "review")
QUIET_FACTOR = 2  # a strong tie outside focus is going quiet after twice its cadence


@dataclass(frozen=True)
class Due:
    type: str  # "step", "stale", "loop", "quiet" or "review"
    peer: str | None  # None for the review
    detail: str  # the step itself; or when the last contact or review was
    days: int | None  # past the due date (step), since contact (stale), since the last
    #                   review (review; None when there has been none yet)

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "peer": self.peer, "detail": self.detail, "days": self.days}


def last_review(net: Network) -> date | None:
    return max((r.date for r in net.reviews), default=None)


def next_review(net: Network, today: date) -> date:
    """When the next weekly review falls: a step planned now is due then."""
    every = timedelta(days=net.settings.review_every_days)
    last = last_review(net)
    if last is not None and last + every > today:
        return last + every
    return today + every


def cadence(net: Network, p: Peer) -> int:
    """Days between contacts with a focus peer: its own `cadence_days` or the setting."""
    return p.cadence_days or net.settings.cadence_days


def contact_anchor(p: Peer) -> date | None:
    """The date the reconnect clock counts from: the later of the last interaction and
    `focus_since`; `added` when neither is known; None when the peer has no date."""
    dates = [d for d in (p.last_contact(), p.focus_since) if d is not None]
    return max(dates, default=p.added)


def review_due(net: Network, today: date) -> bool:
    last = last_review(net)
    if last is None:
        return bool(net.peers)
    return (today - last).days >= net.settings.review_every_days


def due_items(net: Network, today: date) -> list[Due]:
    """Everything due on `today`: steps (oldest first), reconnects (longest first), review."""
    steps: list[tuple[date, str, Due]] = []
    for p in net.peers:
        if p.next is not None and p.next.due is not None and p.next.due <= today:
            days = (today - p.next.due).days
            steps.append((p.next.due, p.key, Due("step", p.name, p.next.step, days)))
    stale: list[tuple[int, str, Due]] = []
    for p in net.focus_peers():
        anchor = contact_anchor(p)
        if anchor is None:
            continue
        since = (today - anchor).days
        if since >= cadence(net, p):
            if anchor == p.last_contact():
                what = f"last contact {days_ago(since)}"
            elif anchor == p.focus_since:
                what = f"no contact logged since focus began {days_ago(since)}"
            else:
                what = f"no contact logged since added {days_ago(since)}"
            stale.append((-since, p.key, Due("stale", p.name, what, since)))
    items = [d for *_, d in sorted(steps, key=lambda t: t[:2])]
    items += [d for *_, d in sorted(stale, key=lambda t: t[:2])]
    items += loops_due(net, today) + going_quiet(net, today)
    if review_due(net, today):
        last = last_review(net)
        if last is None:
            items.append(Due("review", None, "no review yet", None))
        else:
            since = (today - last).days
            items.append(Due("review", None, f"last one {days_ago(since)}", since))
    return items


def loops_due(net: Network, today: date) -> list[Due]:
    """Open loops (asked, feedback-asked, promised) older than the peer's cadence."""
    from peermap.core.loops import peer_loops

    found = [(lp, p) for p in net.peers for lp in peer_loops(p, today)]
    found.sort(key=lambda x: (x[0].date, x[0].peer.casefold(), x[0].number))
    out = []
    for lp, p in found:  # each loop with its own peer: no lookup by name per loop
        if lp.days > cadence(net, p):
            what = f"{lp.what}, {lp.date.isoformat()}" + (f": {lp.note}" if lp.note else "")
            out.append(Due("loop", lp.peer, what, lp.days))
    return out


def going_quiet(net: Network, today: date) -> list[Due]:
    """Strong ties outside focus with no contact for more than twice their cadence."""
    found: list[tuple[int, str, Due]] = []
    for p in net.peers:
        if p.focus or p.tie is None or p.tie.value != "strong":
            continue
        anchor = p.last_contact() or p.added
        if anchor is None:
            continue
        since = (today - anchor).days
        if since > QUIET_FACTOR * cadence(net, p):
            what = (f"last contact {days_ago(since)}" if p.last_contact() is not None
                    else f"no contact logged since added {days_ago(since)}")
            found.append((-since, p.key, Due("quiet", p.name, what, since)))
    return [d for *_, d in sorted(found, key=lambda t: t[:2])]


def as_text(item: Due) -> str:
    """One plain line per item, for cron mail, pipes and notifications."""
    if item.type == "step":
        return f"next step with {neutral(item.peer)}: {neutral(item.detail)} " \
               f"(due {days_ago(item.days or 0)})"
    if item.type == "stale":
        return f"time to reconnect with {neutral(item.peer)} ({neutral(item.detail)})"
    if item.type == "loop":
        return f"open loop with {neutral(item.peer)} ({neutral(item.detail)})"
    if item.type == "quiet":
        return f"going quiet: your strong tie with {neutral(item.peer)} ({neutral(item.detail)})"
    return f"your weekly review is ready: peermap review ({item.detail})"


def report(items: list[Due], as_of: date, fmt: str) -> str:
    """What `remind` prints: plain lines (nothing at all when nothing is due) or JSON."""
    if fmt == "json":
        doc = {"as_of": as_of.isoformat(), "due": [i.as_json() for i in items]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return "".join(as_text(i) + "\n" for i in items)
