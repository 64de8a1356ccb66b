"""Small rules pinned at their edges, so that a changed constant, reason or comparison
fails a test (docs/ranking.md, docs/reminders.md, docs/advice.md)."""

from __future__ import annotations

from datetime import date, timedelta

from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    Peer,
    Settings,
    Tie,
)
from peermap.core.ranking import score
from peermap.core.reminders import loops_due
from peermap.core.rules.base import short_name_of

TODAY = date(2026, 12, 2)


def _one(p: Peer, **me: str) -> Network:
    return Network(me=Me(**me), settings=Settings(cadence_days=14), peers=[p])


def test_score_adds_each_weight_once_and_names_a_weak_tie():
    """current work 30 + future work 18 + helps me 8 + weak 10, nothing bridged, not
    stale: 66, with the weak tie's reason."""
    p = Peer(name="Ana Lima", team="Payments", location="London", tie=Tie.WEAK,
             matters=[Matters.CURRENT_WORK, Matters.FUTURE_WORK], affects=[Affects.HELPS_ME],
             added=TODAY)
    points, why = score(_one(p, team="Payments", location="London"), p, TODAY)
    assert points == 66
    assert "a weak tie with room to grow" in why


def test_score_gives_a_point_per_two_weeks_without_contact_up_to_six():
    p = Peer(name="Ana Lima", team="Payments", location="London", tie=Tie.WEAK,
             added=TODAY - timedelta(days=70))
    net = _one(p, team="Payments", location="London")
    assert score(net, p, TODAY)[0] == 10 + 5  # 70 days: five points
    p.added = TODAY - timedelta(days=400)
    assert score(net, p, TODAY)[0] == 10 + 6  # capped


def test_short_name_is_the_first_name_unless_another_peer_shares_it():
    ana, bob = Peer(name="Ana Lima"), Peer(name="Bob Stone")
    net = Network(peers=[ana, bob])
    assert short_name_of(net, ana) == "Ana"
    net.peers.append(Peer(name="Ana Souza"))
    assert short_name_of(net, ana) == "Ana Lima"


def _loop(**kw: object) -> Network:
    entry = LogEntry(kw.pop("day", TODAY - timedelta(days=3)), Kind.ASKED, "the report",  # type: ignore[arg-type]
                     **kw)  # type: ignore[arg-type]
    return _one(Peer(name="Kim", log=[entry]))


def test_a_dated_loop_is_due_on_its_day_not_before():
    assert [d.type for d in loops_due(_loop(due=TODAY), TODAY)] == ["loop"]
    assert loops_due(_loop(due=TODAY + timedelta(days=1)), TODAY) == []


def test_an_undated_loop_is_due_once_older_than_the_cadence():
    assert loops_due(_loop(day=TODAY - timedelta(days=14)), TODAY) == []
    assert [d.days for d in loops_due(_loop(day=TODAY - timedelta(days=15)), TODAY)] == [15]
