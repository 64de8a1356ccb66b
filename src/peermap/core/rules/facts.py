"""The facts the advice units read about one peer, computed once per peer and date
(docs/advice.md): the relationship's state (`core.state`) plus what only the advice
needs (help owed thanks, goals still fresh, your seniority). `introduced_by` on a peer
and `level`/`joined` on you are read when the file has them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from peermap.core.goals import is_fresh
from peermap.core.loops import Balance, Loop, answered_by, balance, peer_loops
from peermap.core.model import (
    LEVELS,
    SIGNS,
    Kind,
    LogEntry,
    Network,
    Peer,
    Tie,
    WhyNone,
    name_key,
)
from peermap.core.rules.base import key, words
from peermap.core.state import OpenLoop, PeerState, state_of

THANKS_DAYS = 14  # help, feedback or an introduction is thanked within two weeks
NEWCOMER_DAYS = 183  # newcomer advice for six months after joining
_ROLE_LEVEL = (  # words in a role and the level they read as (highest match wins)
    ({"intern", "junior", "graduate", "grad", "apprentice", "associate"}, 0),
    ({"senior", "lead", "manager"}, 2),
    ({"staff", "principal", "director", "head", "vp", "distinguished", "architect", "chief",
      "cto", "fellow"}, 3),
)
# A they-asked note that reads as a request (not advice): no "did it help?" after it.
REQUEST = re.compile(r"\b(asked|wants?|needs?) (me|us) to\b|\bcould I\b|\bcan I\b", re.I)
# A note about yourself or a quarrel is not a fact about them to show you remembered.
NOT_ABOUT_THEM = re.compile(r"^(i|we|my|me|our)\b|argu|disagree|clash|conflict|fight|"
                            r"shouted|angry", re.I)
_REMOTE = {"remote", "anywhere", "distributed", "home", "wfh", "various", "online"}


def acted_of(e: LogEntry) -> str:
    """The situation key a contact carried out (`acted`), or ""."""
    return e.acted


def role_level(role: str) -> int | None:
    """How senior a role reads (0 junior .. 3 staff and above); None when it does not say."""
    found = [lvl for vocab, lvl in _ROLE_LEVEL if words(role) & vocab]
    return max(found) if found else None


def real_place(location: str) -> bool:
    """A location you can meet in: not empty and not "Remote" or the like."""
    return bool(location.strip()) and key(location) not in _REMOTE


@dataclass(frozen=True)
class Help:
    """Something they gave you lately that is owed thanks."""

    date: date
    what: str  # "help", "feedback" or "an introduction"
    note: str


@dataclass
class Facts:
    net: Network
    p: Peer
    today: date
    name: str  # short name used in texts
    log: list[LogEntry] = field(default_factory=list)

    # --- the tie ---------------------------------------------------------------------
    @property
    def clash(self) -> bool:
        return self.p.tie == Tie.NONEXISTENT and self.p.why_none == WhyNone.CLASH

    @property
    def not_tried(self) -> bool:
        """No tie yet, not a clash, and nothing logged: any contact ends "not tried"
        (docs/books.md), and with it the first-contact advice."""
        return self.p.tie == Tie.NONEXISTENT and not self.clash and not self.log

    @property
    def tied(self) -> bool:
        return self.p.tie in (Tie.WEAK, Tie.STRONG)

    @property
    def talked(self) -> bool:
        return not self.clash and not self.not_tried

    @cached_property
    def state(self) -> PeerState:
        return state_of(self.p, self.net, self.today)

    @property
    def theirs(self) -> list[OpenLoop]:
        """Their open asks, logged by today (a later entry is not counted yet)."""
        return [lp for lp in self.state.theirs if lp.date <= self.today]

    @property
    def promises(self) -> list[OpenLoop]:
        return [lp for lp in self.state.promises if lp.date <= self.today]

    @property
    def mine(self) -> list[OpenLoop]:
        return [lp for lp in self.state.mine if lp.date <= self.today]

    @cached_property
    def bal(self) -> Balance:
        return balance(self.p, self.today)

    @cached_property
    def loops(self) -> list[Loop]:
        return peer_loops(self.p, self.today)

    def gave_lately(self, days: int = 14) -> bool:
        """You shared something or helped them in the last two weeks: ask how it landed
        before offering more."""
        since = self.today - timedelta(days=days)
        return any(e.kind in (Kind.SHARED, Kind.HELPED) and e.date >= since for e in self.log)

    def answered_by(self, note: str, since: date) -> LogEntry | None:
        """Help logged since an ask of yours that names what was asked: it looks answered,
        so it is thanked and closed, not chased (`core.loops.answered_by`)."""
        return answered_by(self.p, note, since, self.today)

    @cached_property
    def rated(self) -> date | None:
        dates = [t.date for t in self.p.ties if t.date <= self.today]
        return max(dates) if dates else None

    @property
    def last_noted(self) -> LogEntry | None:
        noted = [e for e in self.log if e.note.strip()]
        return noted[-1] if noted else None

    @property
    def last_contact(self) -> date | None:
        return self.log[-1].date if self.log else None

    def acted_since(self, situation: str, since: date | None) -> list[LogEntry]:
        """Contacts that carried out `situation` on or after `since` (all when None)."""
        return [e for e in self.log if acted_of(e) == situation
                and (since is None or e.date >= since)]

    # --- what they gave you --------------------------------------------------------
    @cached_property
    def help(self) -> Help | None:
        """The latest help, feedback or introduction of the last two weeks."""
        found = [Help(r.date, "help", r.note) for r in self.state.help_received]
        found += [Help(r.date, "feedback", r.note) for r in self.state.feedback_received]
        me = self.p.key
        for q in self.net.peers:
            via = q.introduced_by
            if q is not self.p and via and name_key(via) == me and q.added is not None:
                found.append(Help(q.added, "an introduction", q.name))
        recent = [h for h in found if 0 <= (self.today - h.date).days <= THANKS_DAYS]
        return max(recent, key=lambda h: h.date) if recent else None

    @cached_property
    def their_ask(self) -> OpenLoop | None:
        """Their latest ask you have not answered (an open they-asked loop), unless a
        contact since carried out `answer-ask`."""
        asks = self.theirs
        if not asks or self.acted_since("answer-ask", asks[-1].date):
            return None
        return asks[-1]

    @cached_property
    def signs_since_rating(self) -> list[LogEntry]:
        if self.rated is None:
            return []
        rated = self.rated
        return [e for e in self.log if e.date > rated
                and (e.kind in SIGNS or e.kind == Kind.THEY_HELPED)]

    # --- what you know of them -----------------------------------------------------
    def fresh(self, texts: list[str]) -> list[str]:
        """Those of `texts` learned or confirmed in the last twelve weeks (or undated)."""
        return [t for t in texts if is_fresh(self.p, t, self.today)]

    @cached_property
    def goals(self) -> list[str]:
        return self.fresh(self.p.goals)

    @cached_property
    def pressures(self) -> list[str]:
        return self.fresh(self.p.pressures)

    @property
    def lapsed(self) -> bool:
        """Goals or pressures are known but none was confirmed in twelve weeks."""
        return bool(self.p.goals or self.p.pressures) and not (self.goals or self.pressures)

    # --- you ---------------------------------------------------------------------------
    @property
    def my_level(self) -> int | None:
        lvl = self.net.me.level
        return LEVELS.index(lvl) if lvl in LEVELS else None

    @property
    def senior_to_me(self) -> bool:
        """Their role reads more senior than your level (senior when your level is unset)."""
        theirs = role_level(self.p.role)
        if theirs is None:
            return False
        mine = self.my_level
        return theirs > (mine if mine is not None else 1)

    @property
    def newcomer(self) -> bool:
        joined = self.net.me.joined
        return isinstance(joined, date) and 0 <= (self.today - joined).days <= NEWCOMER_DAYS

    @property
    def same_place(self) -> bool:
        return real_place(self.p.location) and key(self.p.location) == key(
            self.net.me.location)


def facts(net: Network, p: Peer, today: date, name: str) -> Facts:
    log = sorted((e for e in p.log if e.date <= today), key=lambda e: e.date)
    return Facts(net, p, today, name, log)
