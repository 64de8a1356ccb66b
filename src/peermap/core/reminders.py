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
from typing import TYPE_CHECKING, Any

from peermap.core.dates import week_start
from peermap.core.model import ASKING, Kind, LogEntry, Network, Peer
from peermap.core.text import count, days_ago, neutral

if TYPE_CHECKING:
    from peermap.core.state import OpenLoop, States

TYPES = ("promise", "step", "stale", "loop", "quiet", "group", "review", "remap")
QUIET_FACTOR = 2  # a strong tie outside focus is going quiet after twice its cadence


@dataclass(frozen=True)
class Due:
    type: str  # one of TYPES
    peer: str | None  # None for the review and the re-map; the group's name for a group
    detail: str  # the promise or step itself; the loop; when the last contact or review was
    days: int | None  # past the due date (promise: negative = days to go; step; group),
    #                   open for (loop), since contact (stale, quiet), since the last
    #                   review (review; None when there has been none yet)
    first: bool = False  # stale: no contact ever logged, so a first contact, not a reconnect

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "peer": self.peer, "detail": self.detail, "days": self.days}


def last_review(net: Network) -> date | None:
    return max((r.date for r in net.reviews), default=None)


def next_review(net: Network, today: date) -> date:
    """When the next weekly review falls: a step planned now is due then."""
    from peermap.core.errors import PeermapError

    every = timedelta(days=net.settings.review_every_days)
    last = last_review(net)
    try:
        if last is not None and last + every > today:
            return last + every
        return today + every
    except OverflowError:
        raise PeermapError("the next review would fall after 9999-12-31; give the step a "
                           "date with --due, or fix the review dates in the file.") from None


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
    """Everything due on `today`: promises, steps (oldest first), reconnects (longest
    first), loops, strong ties going quiet, the review. During time away (`peermap away`)
    only promises that fall due are reminded."""
    from peermap.core.state import away_on, states

    every = states(net, today)
    items = promises_due(net, today, every)
    if away_on(net, today) is not None:
        return items
    steps: list[tuple[date, str, Due]] = []
    for p in net.peers:
        st = every[p].step
        if st is not None and st.due is not None and st.due <= today:
            steps.append((st.due, p.key, Due("step", p.name, st.step, (today - st.due).days)))
    stale: list[tuple[int, str, Due]] = []
    for p in net.focus_peers():
        s = every[p]
        anchor = s.anchor
        if anchor is None or s.is_snoozed:
            continue
        since = (today - anchor).days
        if since >= cadence(net, p):
            first = s.last_contact is None and not p.log
            if anchor == s.last_contact:
                what = f"last contact {days_ago(since)}"
            elif first:
                what = ("no contact logged yet; focus began " if anchor == p.focus_since
                        else "no contact logged yet; added ") + days_ago(since)
            elif anchor == p.focus_since:
                what = f"no contact logged since focus began {days_ago(since)}"
            else:
                what = f"no contact logged since added {days_ago(since)}"
            stale.append((-since, p.key, Due("stale", p.name, what, since, first)))
    items += [d for *_, d in sorted(steps, key=lambda t: t[:2])]
    items += [d for *_, d in sorted(stale, key=lambda t: t[:2])]
    items += loops_due(net, today, every) + going_quiet(net, today, every)
    from peermap.core.groups import groups_due, remap_due

    items += [Due(*g) for g in groups_due(net, today)]
    if review_due(net, today):
        last = last_review(net)
        if last is None:
            items.append(Due("review", None, "no review yet", None))
        else:
            since = (today - last).days
            items.append(Due("review", None, f"last one {days_ago(since)}", since))
    return items + [Due(*r) for r in remap_due(net, today)]


def _states(net: Network, today: date, every: States | None) -> States:
    from peermap.core.state import states

    return every if every is not None and every.today == today else states(net, today)


def promises_due(net: Network, today: date, every: States | None = None) -> list[Due]:
    """Promises with a due date, from the Monday of the week they fall due; `days` is
    how far past the date (negative: days still to go)."""
    every = _states(net, today, every)
    monday = week_start(today)
    found: list[tuple[date, str, Due]] = []
    for p in net.peers:
        for lp in every[p].promises:
            if lp.due is None or lp.due > monday + timedelta(days=6):
                continue
            what = (lp.note or "no note") + f" (due {lp.due.isoformat()})"
            found.append((lp.due, p.key, Due("promise", p.name, what, (today - lp.due).days)))
    return [d for *_, d in sorted(found, key=lambda t: t[:2])]


def loops_due(net: Network, today: date, every: States | None = None) -> list[Due]:
    """Open loops either way, by their due date, or without one once older than the
    peer's cadence (dated promises are `promises_due`'s). `days`: open for so long."""
    every = _states(net, today, every)
    found = []
    for p in net.peers:
        for lp in every[p].loops:
            if lp.kind == Kind.PROMISED and lp.due is not None:
                continue
            ready = lp.due <= today if lp.due is not None else lp.days > cadence(net, p)
            if ready:
                found.append((lp, p))
    return loop_items(found, today, answered=False)  # cron's lines stay quick


def loop_items(found: list[tuple[OpenLoop, Peer]], today: date, *,
               answered: bool = True) -> list[Due]:
    """Open loops as reminder items, oldest first, each with its own peer (no lookup by
    name); with `answered`, an ask their help looks like the answer to says so (the
    review; `remind` leaves it out: its start-up time is a goal, docs/performance.md)."""
    from peermap.core.loops import answered_by

    out = []
    helps: dict[str, list[LogEntry]] = {}  # each peer's they-helped entries, found once
    for lp, p in sorted(found, key=lambda x: (x[0].date, x[1].name.casefold(), x[0].number)):
        what = f"{lp.what}, {lp.date.isoformat()}" + (f": {lp.note}" if lp.note else "")
        if lp.due is not None:
            what += f", due {lp.due.isoformat()}"
        done = None
        if answered and lp.kind in ASKING:
            if p.key not in helps:
                helps[p.key] = [e for e in p.log if e.kind == Kind.THEY_HELPED]
            helped = [e for e in helps[p.key] if e.date >= lp.date]  # since the ask only
            done = answered_by(p, lp.note, lp.date, today, helped) if helped else None
        if done is not None:
            what = (what.rstrip(".") + f"; their help of {done.date.isoformat()} looks like "
                    "the answer")
        out.append(Due("loop", p.name, what, lp.days))
    return out


def going_quiet(net: Network, today: date, every: States | None = None) -> list[Due]:
    """Strong ties outside focus with no contact for more than twice their cadence
    (a peer snoozed through today is left out)."""
    every = _states(net, today, every)
    found: list[tuple[int, str, Due]] = []
    for p in net.peers:
        if p.focus or p.tie is None or p.tie.value != "strong" or every[p].is_snoozed:
            continue
        last = every[p].last_contact
        anchor = last or p.added
        if anchor is None:
            continue
        since = (today - anchor).days
        if since > QUIET_FACTOR * cadence(net, p):
            what = (f"last contact {days_ago(since)}" if last is not None
                    else f"no contact logged since added {days_ago(since)}")
            found.append((-since, p.key, Due("quiet", p.name, what, since)))
    return [d for *_, d in sorted(found, key=lambda t: t[:2])]


def as_text(item: Due) -> str:
    """One plain line per item, for cron mail, pipes and notifications."""
    if item.type == "step":
        return f"next step with {neutral(item.peer)}: {neutral(item.detail)} " \
               f"(due {days_ago(item.days or 0)})"
    if item.type == "stale":
        return (f"time for a first contact with {neutral(item.peer)} " if item.first else
                f"time to reconnect with {neutral(item.peer)} ") + f"({neutral(item.detail)})"
    if item.type == "promise":
        late = item.days or 0
        when = (f"late by {count(late, 'day')}" if late > 0 else "due today"
                if late == 0 else f"due in {count(-late, 'day')}")
        return f"promise to {neutral(item.peer)}, {when}: {neutral(item.detail)}"
    if item.type == "loop":
        return f"open loop with {neutral(item.peer)} ({neutral(item.detail)})"
    if item.type == "quiet":
        return f"going quiet: your strong tie with {neutral(item.peer)} ({neutral(item.detail)})"
    if item.type == "group":
        return f"group meeting due: {neutral(item.peer)} ({neutral(item.detail)})"
    if item.type == "remap":
        return f"time to re-map ({neutral(item.detail)})"
    return f"your weekly review is ready: peermap review ({item.detail})"


def report(items: list[Due], as_of: date, fmt: str) -> str:
    """What `remind` prints: plain lines (nothing at all when nothing is due) or JSON."""
    if fmt == "json":
        doc = {"as_of": as_of.isoformat(), "due": [i.as_json() for i in items]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return "".join(as_text(i) + "\n" for i in items)
