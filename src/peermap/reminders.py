"""What is due on a given day (SPEC section 8): pure functions, cheap to import.

The cron reminder imports this module, the models and the store only, so nothing here
may import Rich, Typer or pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peermap.models import Network, Peer


@dataclass(frozen=True)
class Due:
    type: str  # "step", "stale" or "review"
    peer: str | None
    detail: str
    days: int  # days overdue (step), since contact (stale), since the last review

    def as_json(self) -> dict:
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
    return p.cadence_days or net.settings.cadence_days


def contact_anchor(p: Peer) -> date | None:
    """The date the reconnect clock counts from: last interaction or focus start."""
    dates = [d for d in (p.last_contact(), p.focus_since) if d is not None]
    return max(dates, default=p.added)


def due_items(net: Network, today: date) -> list[Due]:
    items: list[Due] = []
    for p in net.peers:
        if p.next is not None and p.next.due is not None and p.next.due <= today:
            days = (today - p.next.due).days
            when = "due today" if days == 0 else f"{_days(days)} past its date"
            items.append(Due("step", p.name, f"{p.next.step} ({when})", days))
    for p in net.focus_peers():
        anchor = contact_anchor(p)
        if anchor is None:
            continue
        since = (today - anchor).days
        if since > cadence(net, p):
            last = p.last_contact()
            what = (f"last contact {_days(since)} ago" if last is not None and last == anchor
                    else f"no contact logged in {_days(since)}")
            items.append(Due("stale", p.name, what, since))
    last = last_review(net)
    every = net.settings.review_every_days
    if last is None and net.peers:
        items.append(Due("review", None, "your weekly review is ready (no review yet)", 0))
    elif last is not None and (today - last).days > every:
        since = (today - last).days
        items.append(Due("review", None, f"your weekly review is ready "
                                         f"(last one {_days(since)} ago)", since))
    return items


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def as_text(item: Due) -> str:
    """One plain line per item, for cron mail and pipes."""
    if item.type == "step":
        return f"next step with {item.peer}: {item.detail}"
    if item.type == "stale":
        return f"time to reconnect with {item.peer} ({item.detail})"
    return item.detail
