"""Network health (docs/stats.md) on small hand-built networks with an explicit today."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

import factories
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Network,
    Peer,
    Tie,
    TieChange,
)
from peermap.core.stats import network_stats, weekly_interactions
from peermap.render.stats import BARS, sparkline, stats_text

TODAY = date(2026, 11, 27)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def peer(name: str, tie: Tie | None = None, team: str = "", location: str = "",
         **kw) -> Peer:
    return factories.peer(name, tie=tie, team=team, location=location, **kw)


def net_of(*peers: Peer, team: str = "Payments", location: str = "London") -> Network:
    return factories.network(*peers, me=factories.me(name="Ada Example", team=team,
                                                      location=location))


# --- counts ----------------------------------------------------------------------------


def test_counts_by_tie_affects_and_matters():
    net = net_of(
        peer("A", Tie.STRONG, affects=[Affects.HELPS_ME, Affects.SHARED_GOALS]),
        peer("B", Tie.WEAK, affects=[Affects.HELPS_ME], matters=[Matters.CURRENT_WORK]),
        peer("C", Tie.WEAK, matters=[Matters.CURRENT_WORK, Matters.BIG_PICTURE]),
        peer("D"),
    )
    s = network_stats(net, TODAY)
    assert s["ties"] == {"strong": 1, "weak": 2, "nonexistent": 0, "unrated": 1}
    assert list(s["ties"]) == ["strong", "weak", "nonexistent", "unrated"]
    assert s["affects"] == {"helps-me": 2, "relies-on-me": 0, "shared-goals": 1}
    assert s["matters"] == {"current-work": 2, "future-work": 0, "big-picture": 1}
    assert s["peers"] == 4


def test_empty_network_has_every_key_and_is_json_ready():
    s = network_stats(Network(), TODAY)
    assert set(s) == {"as_of", "peers", "focus", "ties", "affects", "matters", "reach",
                      "bridges", "reciprocity", "trend", "before_upgrades", "warnings"}
    assert s["ties"] == {"strong": 0, "weak": 0, "nonexistent": 0, "unrated": 0}
    assert s["trend"] == {"strengthened": [], "weakened": [], "weekly": [0] * 12}
    assert s["warnings"] == []
    assert json.loads(json.dumps(s)) == s
    assert s["as_of"] == "2026-11-27"


# --- reach -----------------------------------------------------------------------------


def test_reach_lists_teams_and_locations_of_strong_and_weak_ties_only():
    net = net_of(
        peer("A", Tie.STRONG, "Payments", "London"),
        peer("B", Tie.WEAK, "search", "Remote"),
        peer("C", Tie.WEAK, "Search ", "remote"),
        peer("D", Tie.NONEXISTENT, "Infra", "Tokyo"),
        peer("E", None, "Design", "Paris"),
    )
    reach = network_stats(net, TODAY)["reach"]
    assert reach["teams"] == ["Payments", "search"]
    assert reach["locations"] == ["London", "Remote"]
    assert reach["own_team"] == "Payments"
    assert reach["own_location"] == "London"


def test_warning_when_most_strong_ties_are_in_your_own_team():
    net = net_of(
        peer("A", Tie.STRONG, "Payments"),
        peer("B", Tie.STRONG, "payments"),
        peer("C", Tie.STRONG, "Payments"),
        peer("D", Tie.STRONG, "Search"),
        location="",
    )
    s = network_stats(net, TODAY)
    assert s["reach"]["strong_own_team_share"] == 0.75
    assert s["reach"]["strong_in_own_team"] == 3
    assert s["reach"]["strong_own_location_share"] is None
    # No candidate outside Payments: the map cannot supply one, so brainstorm.
    assert ("Most of your strong ties (75%) are in your own team (Payments): brainstorm "
            "peers beyond your team who touch your work: `peermap map --step brainstorm` "
            "(map broadly).") in s["warnings"]
    assert not any("pick a focus peer" in w for w in s["warnings"])


def test_team_warning_names_a_candidate_outside_the_team_when_there_is_one():
    from peermap.core.model import Matters

    cand = peer("Eve", Tie.WEAK, "Risk")
    cand.matters = [Matters.CURRENT_WORK]
    net = net_of(peer("A", Tie.STRONG, "Payments"), peer("B", Tie.STRONG, "Payments"), cand,
                 location="")
    assert ("Most of your strong ties (100%) are in your own team (Payments): pick a focus "
            "peer in another team, such as Eve (bridge groups).") in \
        network_stats(net, TODAY)["warnings"]


def test_no_reach_warning_when_strong_ties_span_teams():
    net = net_of(
        peer("A", Tie.STRONG, "Payments", "Paris"),
        peer("B", Tie.STRONG, "Search", "Paris"),
        peer("C", Tie.STRONG, "Infra", "Paris"),
    )
    s = network_stats(net, TODAY)
    assert s["reach"]["strong_own_team_share"] == 0.33
    assert not [w for w in s["warnings"] if "Most of your strong ties" in w]


def test_warning_when_most_strong_ties_are_in_your_own_location():
    net = net_of(peer("A", Tie.STRONG, "X", "London"), peer("B", Tie.STRONG, "Y", "London"))
    warnings = network_stats(net, TODAY)["warnings"]
    assert any("own location (London)" in w and "(map broadly)" in w for w in warnings)
    assert not any("own team" in w for w in warnings)


def test_a_single_strong_tie_is_not_most():
    net = net_of(peer("A", Tie.STRONG, "Payments", "London"))
    assert not any("Most of" in w for w in network_stats(net, TODAY)["warnings"])


def test_unset_profile_is_a_warning_with_the_command_to_fix_it():
    net = net_of(peer("A", Tie.WEAK, "Search"), team="", location="")
    warnings = network_stats(net, TODAY)["warnings"]
    assert any("peermap me --team" in w for w in warnings)


# --- bridges ---------------------------------------------------------------------------


def test_bridges_are_the_only_tie_into_their_team():
    net = net_of(
        peer("Grace", Tie.WEAK, "Compilers"),
        peer("Sam", Tie.STRONG, "Search"),
        peer("Sue", Tie.WEAK, "search"),  # same team, other case: Search has two ties
        peer("Ivan", Tie.NONEXISTENT, "Infra"),  # not a tie at all
        peer("Olu", Tie.WEAK, "Infra"),  # the only *tie* into Infra
        peer("Pat", Tie.STRONG, "Payments"),  # your own team is no bridge
        peer("Nobody", Tie.WEAK, ""),
        peer("Una", None, "Design"),
    )
    assert network_stats(net, TODAY)["bridges"] == ["Grace", "Olu"]


# --- reciprocity -----------------------------------------------------------------------


def test_reciprocity_counts_last_90_days_for_focus_peers_and_warns_on_only_asking():
    grace = peer("Grace Example", Tie.WEAK, "Compilers", focus=True, log=[
        LogEntry(ago(200), Kind.SHARED),  # too old to count
        LogEntry(ago(90), Kind.HELPED),  # day 91 counting today: outside
        LogEntry(ago(89), Kind.ASKED),
        LogEntry(ago(10), Kind.FEEDBACK_ASKED),
        LogEntry(ago(3), Kind.CHAT),
    ])
    bob = peer("Bob", Tie.WEAK, "Search", focus=True, log=[
        LogEntry(ago(5), Kind.ASKED), LogEntry(ago(4), Kind.SHARED),
        LogEntry(ago(1), Kind.FEEDBACK_GIVEN), LogEntry(ago(1), Kind.MET),
    ])
    other = peer("Cy", Tie.WEAK, "Infra", log=[LogEntry(ago(1), Kind.ASKED)])
    s = network_stats(net_of(grace, bob, other), TODAY)
    assert s["reciprocity"] == [
        {"peer": "Bob", "giving": 2, "asking": 1, "getting": 0, "they_asked": 0,
         "neutral": 1},
        {"peer": "Grace Example", "giving": 0, "asking": 2, "getting": 0, "they_asked": 0,
         "neutral": 1},
    ]
    assert ("You have only been asking Grace Example lately: share something useful before "
            "your next ask (give before you ask).") in s["warnings"]
    assert not any("asking Bob" in w or "asking Cy" in w for w in s["warnings"])


def test_no_asking_warning_without_asks():
    p = peer("Quiet", Tie.WEAK, focus=True, log=[LogEntry(ago(2), Kind.CHAT)])
    assert not any("only been asking" in w for w in network_stats(net_of(p), TODAY)["warnings"])


# --- trend -----------------------------------------------------------------------------


def test_trend_counts_net_changes_inside_the_90_day_window():
    a = peer("Across up", Tie.STRONG, ties=[TieChange(ago(95), Tie.WEAK),
                                            TieChange(ago(89), Tie.STRONG)])
    b = peer("Before window", Tie.WEAK, ties=[TieChange(ago(100), Tie.STRONG),
                                              TieChange(ago(90), Tie.WEAK)])
    c = peer("Down", Tie.WEAK, ties=[TieChange(ago(200), Tie.STRONG),
                                     TieChange(ago(10), Tie.WEAK)])
    d = peer("Round trip", Tie.WEAK, ties=[TieChange(ago(60), Tie.WEAK),
                                           TieChange(ago(30), Tie.STRONG),
                                           TieChange(ago(5), Tie.WEAK)])
    e = peer("New and up", Tie.WEAK, ties=[TieChange(ago(30), Tie.NONEXISTENT),
                                           TieChange(ago(0), Tie.WEAK)])
    f = peer("Future", Tie.STRONG, ties=[TieChange(ago(20), Tie.WEAK),
                                         TieChange(TODAY + timedelta(days=3), Tie.STRONG)])
    trend = network_stats(net_of(a, b, c, d, e, f), TODAY)["trend"]
    assert trend["strengthened"] == [
        {"peer": "Across up", "from": "weak", "to": "strong"},
        {"peer": "New and up", "from": "nonexistent", "to": "weak"},
    ]
    assert trend["weakened"] == [{"peer": "Down", "from": "strong", "to": "weak"}]


def test_weekly_counts_twelve_rolling_weeks_oldest_first():
    log = [
        LogEntry(ago(0), Kind.CHAT), LogEntry(ago(6), Kind.SHARED),  # this week
        LogEntry(ago(7), Kind.ASKED),  # the week before
        LogEntry(ago(20), Kind.MET), LogEntry(ago(20), Kind.MET), LogEntry(ago(15), Kind.MET),
        LogEntry(ago(83), Kind.CHAT),  # the oldest day of the oldest week
        LogEntry(ago(84), Kind.CHAT),  # thirteen weeks ago: left out
        LogEntry(TODAY + timedelta(days=1), Kind.CHAT),  # the future: left out
    ]
    other = [LogEntry(ago(13), Kind.CHAT)]
    net = net_of(peer("A", Tie.WEAK, log=log), peer("B", Tie.WEAK, log=other))
    expected = [1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 2]
    assert weekly_interactions(net.peers, TODAY) == expected
    assert network_stats(net, TODAY)["trend"]["weekly"] == expected


def test_quiet_weeks_with_focus_peers_is_a_warning():
    p = peer("A", Tie.WEAK, focus=True, log=[LogEntry(ago(40), Kind.CHAT)])
    warnings = network_stats(net_of(p), TODAY)["warnings"]
    assert any("(one small step)" in w for w in warnings)
    p.log.append(LogEntry(ago(3), Kind.CHAT))
    assert not any("(one small step)" in w for w in network_stats(net_of(p), TODAY)["warnings"])


# --- sparkline and text ----------------------------------------------------------------


@pytest.mark.parametrize(("values", "expected"), [
    ([], ""),
    ([0, 0, 0], "▁▁▁"),
    ([0, 7], "▁█"),
    ([0, 1, 2, 3, 4, 5, 6, 7], BARS),
    ([1, 100], "▂█"),  # any interaction shows above the zero bar
    ([5, 5], "██"),
])
def test_sparkline(values, expected):
    assert sparkline(values) == expected


def test_stats_text_is_plain_and_carries_chart_and_warnings():
    grace = peer("Grace Example", Tie.WEAK, "Compilers", focus=True,
                 log=[LogEntry(ago(2), Kind.ASKED)])
    net = net_of(grace, peer("B", Tie.STRONG, "Payments"), peer("C", Tie.STRONG, "Payments"))
    s = network_stats(net, TODAY)
    text = stats_text(s)
    assert text.endswith("\n")
    assert "Ties: 2 strong, 1 weak, 0 nonexistent, 0 unrated" in text
    assert sparkline(s["trend"]["weekly"]) in text
    assert "Bridges (your only tie into their team): Grace Example" in text
    assert "  Grace Example  0 / 1 / 0" in text
    for warning in s["warnings"]:
        assert f"  - {warning}" in text
    assert "\x1b" not in text
