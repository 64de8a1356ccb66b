"""Open loops and the give/get balance: what you owe a peer, and which way help has flowed.

An `asked`, `feedback-asked` or `promised` log entry opens a loop that stays open until
the user closes it (`closed = DATE` on the entry); a later entry of any kind never
closes it and nothing expires. The balance counts the last 90 days in both directions.
Pure functions, `today` passed in; cheap to import (the cron reminder uses it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peermap.core.errors import PeermapError
from peermap.core.model import ASKING, GETTING, GIVING, SIGNS, Kind, LogEntry, Network, Peer
from peermap.core.text import count, same_subject, words

BALANCE_DAYS = 90
_Date = date  # a field named `date` shadows the type inside its class

_WHAT = {
    Kind.ASKED: "you asked",
    Kind.FEEDBACK_ASKED: "you asked for feedback",
    Kind.PROMISED: "you promised",
    Kind.THEY_ASKED: "they asked you",
}


@dataclass(frozen=True)
class Loop:
    peer: str
    number: int  # 1, 2, ... among this peer's open loops, oldest first (for `close`)
    date: date
    kind: Kind
    note: str
    days: int  # open for this many days
    due: _Date | None = None  # a promise's or an ask's due date

    @property
    def what(self) -> str:
        """"you promised", "you asked", "you asked for feedback"."""
        return _WHAT.get(self.kind, self.kind.value)

    def as_json(self) -> dict[str, object]:
        return {"peer": self.peer, "n": self.number, "date": self.date.isoformat(),
                "kind": self.kind.value, "note": self.note, "days": self.days,
                "due": self.due.isoformat() if self.due else None}


def open_entries(p: Peer) -> list[LogEntry]:
    """This peer's open loops both ways, oldest first (the order `close NAME N` numbers
    them in); the same list as `core.state`'s."""
    from peermap.core.state import open_entries as entries

    return entries(p)


def answered_by(p: Peer, note: str, since: date, today: date,
                helped: list[LogEntry] | None = None) -> LogEntry | None:
    """Help they gave from `since` to `today` that names what you asked (two of its words,
    or all when it has fewer): your ask looks answered, to be thanked and closed.
    `helped`: the peer's they-helped entries, when the caller has them."""
    if helped is None:
        helped = [e for e in p.log if e.kind == Kind.THEY_HELPED]
    skip = words(p.name)
    return next((e for e in reversed(helped)
                 if since <= e.date <= today and same_subject(note, e.note, skip)), None)


def peer_loops(p: Peer, today: date) -> list[Loop]:
    return [Loop(p.name, i, e.date, e.kind, e.note, max(0, (today - e.date).days), e.due)
            for i, e in enumerate(open_entries(p), 1)]


def all_loops(net: Network, today: date) -> list[Loop]:
    """Every open loop on the map, oldest first, then by peer."""
    found = [lp for p in net.peers for lp in peer_loops(p, today)]
    return sorted(found, key=lambda lp: (lp.date, lp.peer.casefold(), lp.number))


def close_loop(net: Network, ref: str, number: int | None, today: date,
               answer: str = "") -> tuple[Peer, LogEntry]:
    """Close one open loop of a peer: number N (1 = oldest), or the only one; `answer`
    is what they said (for a feedback request: the feedback)."""
    from peermap.core.books import close_entry
    from peermap.core.refs import resolve

    p = resolve(net, ref)
    entries = open_entries(p)
    if not entries:
        raise PeermapError(f"{p.name} has no open loops; nothing to close.")
    if number is None:
        if len(entries) > 1:
            listed = "; ".join(f"{i}. {_describe(e)}" for i, e in enumerate(entries, 1))
            raise PeermapError(f"{p.name} has {len(entries)} open loops ({listed}); say which: "
                               f"peermap close NAME N.")
        number = 1
    if not 1 <= number <= len(entries):
        raise PeermapError(f"{p.name} has {count(len(entries), 'open loop')}; give a number "
                           f"from 1 to {len(entries)}.")
    entry = entries[number - 1]
    close_entry(entry, today, answer)
    return p, entry


def _describe(e: LogEntry) -> str:
    words = _WHAT.get(e.kind, e.kind.value)
    return f"{e.date.isoformat()} {words}" + (f": {e.note}" if e.note else "")


# --- the give/get balance -------------------------------------------------------------


@dataclass(frozen=True)
class Balance:
    gave: int  # shared, helped, feedback-given, and advice they asked you for
    took: int  # asked, feedback-asked, and help they gave you
    signs: int  # times they asked your advice: the tie works

    @property
    def verdict(self) -> str:
        """"taking" (give first), "giving" (fine to ask), "both" or "none"."""
        if not self.gave and not self.took:
            return "none"
        if self.took and self.gave * 2 < self.took:
            return "taking"
        if self.gave and self.took * 2 < self.gave:
            return "giving"
        return "both"

    def as_json(self) -> dict[str, object]:
        return {"gave": self.gave, "took": self.took, "they_asked": self.signs,
                "verdict": self.verdict, "days": BALANCE_DAYS}


def balance(p: Peer, today: date, days: int = BALANCE_DAYS) -> Balance:
    recent = [e.kind for e in p.log if 0 <= (today - e.date).days < days]
    gave = sum(k in GIVING or k in SIGNS for k in recent)
    took = sum(k in ASKING or k in GETTING for k in recent)
    return Balance(gave, took, sum(k in SIGNS for k in recent))


def balance_words(b: Balance) -> str:
    """One line a person reads: "you gave 2, took 3 in 90 days: give first"."""
    tail = {"taking": "give before the next ask",
            "giving": "it is fine to ask",
            "both": "help flows both ways; keep going",
            "none": "nothing logged either way"}[b.verdict]
    if b.verdict == "none":
        return f"no giving or asking in {BALANCE_DAYS} days"
    return f"you gave {b.gave}, took {b.took} in {BALANCE_DAYS} days: {tail}"
