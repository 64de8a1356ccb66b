"""One record of a relationship's state per peer (docs/books.md), computed once from the
file as of `today`: what every command reads instead of reasoning about steps and loops
on its own.

`state_of(peer, net, today)` is a pure function; `states(net, today)` computes it for
every peer with the reviews indexed once. Cheap to import (the cron reminder uses it):
core only, no pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from peermap.core.model import (
    OPENS_LOOP,
    Away,
    Kind,
    LogEntry,
    Network,
    Outcome,
    Peer,
    Review,
    Tie,
    WhyNone,
    name_key,
)

_WHAT = {
    Kind.ASKED: "you asked",
    Kind.FEEDBACK_ASKED: "you asked for feedback",
    Kind.PROMISED: "you promised",
    Kind.THEY_ASKED: "they asked you",
}

_Date = date  # a field named `date` shadows the type inside its class
LoopId = tuple[date, str, str]  # (date, kind, note): stable while the loop exists


@dataclass(frozen=True)
class OpenLoop:
    """An open loop with one peer: yours (`mine`: you asked, asked for feedback or
    promised) or theirs (they asked something of you that you have not answered)."""

    number: int  # 1, 2, ... among this peer's open loops, oldest first (`close NAME N`)
    date: date
    kind: Kind
    note: str
    due: _Date | None
    days: int  # open for this many days (0 when logged today or later)
    late: int | None  # days past its due date (None: no due date or not yet due)

    @property
    def mine(self) -> bool:
        return self.kind in OPENS_LOOP

    @property
    def ident(self) -> tuple[_Date, str, str]:
        return (self.date, self.kind.value, self.note)

    @property
    def what(self) -> str:
        """"you promised", "you asked", "you asked for feedback", "they asked you"."""
        return _WHAT.get(self.kind, self.kind.value)


@dataclass(frozen=True)
class PlannedStep:
    """The peer's next step and how it went, if a review asked."""

    step: str
    due: date | None
    overdue: int | None  # days past its due date (None: no date, or not past)
    planned: date | None  # the review that chose it, when one did
    outcome: Outcome | None  # that review's answer, asked at the next review


@dataclass(frozen=True)
class Received:
    """Help or feedback they gave you, with its date (and what they said)."""

    date: date
    note: str


@dataclass(frozen=True)
class PeerState:
    peer: str  # the peer's name
    key: str
    today: date
    step: PlannedStep | None
    last_outcome: Review | None  # the latest review of this peer with an outcome
    loops: tuple[OpenLoop, ...]  # every open loop, oldest first (the numbers `close` uses)
    last_contact: date | None
    last_by_kind: Mapping[Kind, date]
    contacts: int  # log entries dated today or earlier
    help_received: tuple[Received, ...]  # they-helped entries, oldest first
    feedback_received: tuple[Received, ...]  # feedback loops closed with an answer
    acted: tuple[tuple[date, str], ...]  # (date, situation key) of contacts that acted
    not_tried: bool  # no tie yet, not a clash, and nothing logged with them
    clash: bool
    snoozed: date | None  # quiet and reconnect lines silent through this day
    anchor: date | None  # the reconnect clock counts from here (contact or focus_since)

    @property
    def mine(self) -> tuple[OpenLoop, ...]:
        """Loops you owe or wait on: asks, feedback requests, promises."""
        return tuple(lp for lp in self.loops if lp.mine)

    @property
    def theirs(self) -> tuple[OpenLoop, ...]:
        """What they asked of you, not answered yet."""
        return tuple(lp for lp in self.loops if not lp.mine)

    @property
    def promises(self) -> tuple[OpenLoop, ...]:
        return tuple(lp for lp in self.loops if lp.kind == Kind.PROMISED)

    @property
    def is_snoozed(self) -> bool:
        return self.snoozed is not None and self.today <= self.snoozed

    def as_json(self) -> dict[str, object]:
        """The record as `show --format json` gives it (key `state`)."""
        def day(d: date | None) -> str | None:
            return d.isoformat() if d is not None else None

        st = self.step
        return {
            "step": None if st is None else {
                "step": st.step, "due": day(st.due), "overdue_days": st.overdue,
                "planned": day(st.planned),
                "outcome": st.outcome.value if st.outcome else None},
            "loops": [{"n": lp.number, "direction": "yours" if lp.mine else "theirs",
                       "kind": lp.kind.value, "date": lp.date.isoformat(), "note": lp.note,
                       "due": day(lp.due), "days": lp.days, "late_days": lp.late}
                      for lp in self.loops],
            "last_contact": day(self.last_contact),
            "last_by_kind": {k.value: d.isoformat() for k, d in self.last_by_kind.items()},
            "help_received": [{"date": r.date.isoformat(), "note": r.note}
                              for r in self.help_received],
            "feedback_received": [{"date": r.date.isoformat(), "note": r.note}
                                  for r in self.feedback_received],
            "not_tried": self.not_tried,
            "snoozed": day(self.snoozed),
        }


def open_entries(p: Peer) -> list[LogEntry]:
    """This peer's open loops both ways, oldest first (the order `close NAME N` uses)."""
    return sorted((e for e in p.log if e.is_open), key=lambda e: e.date)


def _loop(i: int, e: LogEntry, today: date) -> OpenLoop:
    late = None
    if e.due is not None and e.due < today:
        late = (today - e.due).days
    return OpenLoop(i, e.date, e.kind, e.note, e.due, max(0, (today - e.date).days), late)


def _step(p: Peer, reviews: list[Review], today: date) -> PlannedStep | None:
    if p.next is None:
        return None
    due = p.next.due
    overdue = (today - due).days if due is not None and due < today else None
    chosen = [r for r in reviews if r.step == p.next.step and r.date <= today]
    r = max(chosen, key=lambda r: r.date) if chosen else None
    return PlannedStep(p.next.step, due, overdue, r.date if r else None,
                       r.outcome if r else None)


def state_of(peer: Peer, net: Network, today: date,
             reviews: list[Review] | None = None) -> PeerState:
    """The state of one relationship as of `today` (entries dated later are not counted).

    `reviews` are this peer's reviews when the caller has indexed them (see `states`).
    """
    if reviews is None:
        reviews = [r for r in net.reviews if r.peer and name_key(r.peer) == peer.key]
    log = sorted((e for e in peer.log if e.date <= today), key=lambda e: e.date)
    by_kind: dict[Kind, date] = {}
    for e in log:
        by_kind[e.kind] = e.date
    loops = tuple(_loop(i, e, today) for i, e in enumerate(open_entries(peer), 1))
    clash = peer.tie == Tie.NONEXISTENT and peer.why_none == WhyNone.CLASH
    last = log[-1].date if log else None
    anchors = [d for d in (last, peer.focus_since) if d is not None]
    return PeerState(
        peer=peer.name, key=peer.key, today=today,
        step=_step(peer, reviews, today),
        last_outcome=_last_outcome(reviews, today),
        loops=loops,
        last_contact=last,
        last_by_kind=MappingProxyType(by_kind),
        contacts=len(log),
        help_received=_help_received(log),
        feedback_received=_feedback_received(peer, today),
        acted=tuple((e.date, e.acted) for e in log if e.acted),
        not_tried=peer.tie == Tie.NONEXISTENT and not clash and not log,
        clash=clash,
        snoozed=peer.snoozed,
        anchor=max(anchors, default=peer.added),
    )


def _last_outcome(reviews: list[Review], today: date) -> Review | None:
    """The latest review by `today` that recorded an outcome."""
    outcomes = [r for r in reviews if r.outcome is not None and r.date <= today]
    return max(outcomes, key=lambda r: r.date) if outcomes else None


def _help_received(log: list[LogEntry]) -> tuple[Received, ...]:
    return tuple(Received(e.date, e.note) for e in log if e.kind == Kind.THEY_HELPED)


def _feedback_received(peer: Peer, today: date) -> tuple[Received, ...]:
    """The answers to closed feedback asks, by the day each was closed (by `today`)."""
    return tuple(
        sorted((Received(e.closed, e.answer) for e in peer.log
                if e.kind == Kind.FEEDBACK_ASKED and e.closed is not None
                and e.answer and e.closed <= today), key=lambda r: r.date))


@dataclass(frozen=True)
class States:
    """Every peer's state as of one day, by peer key."""

    today: date
    by_key: Mapping[str, PeerState] = field(default_factory=dict)

    def __getitem__(self, p: Peer) -> PeerState:
        return self.by_key[p.key]


def states(net: Network, today: date) -> States:
    """`state_of` for every peer, the reviews read once."""
    by_peer: dict[str, list[Review]] = {}
    for r in net.reviews:
        if r.peer:
            by_peer.setdefault(name_key(r.peer), []).append(r)
    return States(today, MappingProxyType(
        {p.key: state_of(p, net, today, by_peer.get(p.key, [])) for p in net.peers}))


def away_on(net: Network, day: date) -> Away | None:
    """The time away (`peermap away`) that `day` falls in, or None."""
    for a in net.away:
        if (a.start is None or a.start <= day) and day <= a.until:
            return a
    return None


def last_away(net: Network, today: date) -> Away | None:
    """The latest time away that has ended before `today`, or None."""
    ended = [a for a in net.away if a.until < today]
    return max(ended, key=lambda a: a.until) if ended else None
