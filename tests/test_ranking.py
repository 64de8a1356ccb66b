"""The ranking rules and the focus set (docs/ranking.md), pinned with explicit `today`."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories
from peermap.core.errors import PeermapError, PeerNotFound
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Network,
    Peer,
    Tie,
    WhyNone,
)
from peermap.core.ranking import (
    WEIGHTS,
    Candidate,
    focus_add,
    focus_drop,
    focus_set,
    graduated,
    is_candidate,
    rank,
    refusal,
)

TODAY = factories.TODAY
peer = factories.candidate


def network(*peers: Peer, **settings_kw) -> Network:
    return factories.network(*peers, me=factories.me(), **settings_kw)


def names(cands: list[Candidate]) -> list[str]:
    return [c.peer.name for c in cands]


def scores(net: Network) -> dict[str, int]:
    return {c.peer.name: c.score for c in rank(net, TODAY, include_focus=True)}


# --- who is a candidate ------------------------------------------------------------------


def test_strong_and_unrated_are_never_candidates():
    net = network(
        peer("Strong", tie=Tie.STRONG, matters=list(Matters), affects=list(Affects)),
        peer("Unrated", tie=None, matters=list(Matters), affects=list(Affects)),
        peer("Weak"),
        peer("Gone", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED),
    )
    assert sorted(names(rank(net, TODAY))) == ["Gone", "Weak"]
    assert not is_candidate(net.peers[0]) and not is_candidate(net.peers[1])


def test_a_peer_without_matters_is_not_a_candidate():
    p = peer("Mei", matters=[])
    assert not is_candidate(p)
    assert rank(network(p), TODAY) == []
    assert "--matters current-work" in refusal(p)


def test_refusal_reasons():
    assert refusal(peer("Kwame", tie=Tie.STRONG)) == "already strong — keep it alive instead"
    assert refusal(peer("Rafael Okonkwo", tie=None)) == (
        "rate the tie first: peermap rate 'Rafael Okonkwo' weak|nonexistent"
    )
    assert refusal(peer("Mei", matters=[])) == (
        "say what it matters for first: peermap edit Mei --matters current-work"
    )
    assert refusal(peer("Zoë")) is None


# --- the score ---------------------------------------------------------------------------


def test_current_work_beats_future_work_beats_big_picture():
    net = network(
        peer("Big", matters=[Matters.BIG_PICTURE]),
        peer("Future", matters=[Matters.FUTURE_WORK]),
        peer("Current", matters=[Matters.CURRENT_WORK]),
    )
    ranked = rank(net, TODAY)
    assert names(ranked) == ["Current", "Future", "Big"]
    assert ranked[0].score > ranked[1].score > ranked[2].score


def test_current_work_alone_beats_future_work_and_big_picture_together():
    net = network(
        peer("Both", matters=[Matters.FUTURE_WORK, Matters.BIG_PICTURE]),
        peer("Current", matters=[Matters.CURRENT_WORK]),
    )
    assert names(rank(net, TODAY)) == ["Current", "Both"]


def test_each_affects_value_adds():
    net = network(
        peer("None"),
        peer("Relies", affects=[Affects.RELIES_ON_ME]),
        peer("Helps", affects=[Affects.HELPS_ME]),
        peer("Shared", affects=[Affects.SHARED_GOALS]),
        peer("All", affects=list(Affects)),
    )
    s = scores(net)
    assert s["Relies"] - s["None"] == WEIGHTS["relies-on-me"] > 0
    assert s["Helps"] - s["None"] == WEIGHTS["helps-me"] > 0
    assert s["Shared"] - s["None"] == WEIGHTS["shared-goals"] > 0
    assert s["All"] - s["None"] == sum(WEIGHTS[a.value] for a in Affects)


def test_bridging_to_a_team_with_no_ties_earns_the_bonus():
    lonely = peer("Grace", team="Compilers")
    at_home = peer("Lina", team="Payments")
    s = scores(network(lonely, at_home))
    assert s["Grace"] - s["Lina"] == WEIGHTS["bridges-team"] > 0
    why = rank(network(lonely, at_home), TODAY)[0].why
    assert "bridges to Compilers (no ties there yet)" in why


def test_no_bridge_bonus_when_you_already_have_a_strong_or_weak_tie_there():
    grace = peer("Grace", team="Compilers")
    alone = scores(network(grace))["Grace"]
    for tie in (Tie.STRONG, Tie.WEAK):
        friend = peer("Ines", team="compilers ", tie=tie, matters=[])  # case and space folded
        assert scores(network(grace, friend))["Grace"] == alone - WEIGHTS["bridges-team"]
    # A nonexistent tie in that team does not cover it.
    other = peer("Søren", team="Compilers", tie=Tie.NONEXISTENT, matters=[])
    assert scores(network(grace, other))["Grace"] == alone


def test_bridging_to_a_location():
    remote = peer("Aoife", location="Dublin")
    local = peer("Lina", location="London")
    s = scores(network(remote, local))
    assert s["Aoife"] - s["Lina"] == WEIGHTS["bridges-location"] > 0


def test_not_tried_outranks_an_otherwise_identical_clash():
    net = network(
        peer("Aaron", tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH),
        peer("Zed", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED),
    )
    ranked = rank(net, TODAY)
    assert names(ranked) == ["Zed", "Aaron"]
    assert ranked[0].score - ranked[1].score == WEIGHTS["not-tried"] - WEIGHTS["clash"]
    assert "clash" in ranked[1].why


def test_a_clash_is_still_a_candidate():
    p = peer("Søren", tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH)
    assert is_candidate(p)
    assert names(rank(network(p), TODAY)) == ["Søren"]


def test_weak_scores_a_little_above_nonexistent_not_tried():
    net = network(
        peer("Aaron", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED),
        peer("Zed", tie=Tie.WEAK),
    )
    assert names(rank(net, TODAY)) == ["Zed", "Aaron"]


def test_nonexistent_without_a_reason_counts_as_not_tried():
    a = peer("A", tie=Tie.NONEXISTENT)
    b = peer("B", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED)
    s = scores(network(a, b))
    assert s["A"] == s["B"]


def test_staleness_is_a_small_capped_bonus():
    def with_contact(days_ago: int) -> int:
        p = peer("P", log=[LogEntry(TODAY - timedelta(days=days_ago), Kind.CHAT)])
        return scores(network(p))["P"]

    fresh = with_contact(0)
    assert with_contact(13) == fresh
    assert with_contact(14) == fresh + 1
    assert with_contact(70) == fresh + 5
    assert with_contact(365) == fresh + WEIGHTS["stale-max"]
    assert with_contact(3650) == fresh + WEIGHTS["stale-max"]


def test_staleness_counts_from_added_when_never_contacted():
    p = peer("P", added=TODAY - timedelta(days=28))
    q = peer("Q")  # no date at all: no bonus
    s = scores(network(p, q))
    assert s["P"] == s["Q"] + 2
    assert "added 4 weeks ago" in rank(network(p), TODAY)[0].why


def test_staleness_never_outweighs_relevance():
    old = peer("Old", matters=[Matters.FUTURE_WORK], added=TODAY - timedelta(days=999))
    new = peer("New", matters=[Matters.CURRENT_WORK], added=TODAY)
    assert names(rank(network(old, new), TODAY)) == ["New", "Old"]


def test_equal_scores_order_by_name_casefolded():
    net = network(peer("bob"), peer("Émile"), peer("Alice"), peer("carol"))
    ranked = rank(net, TODAY)
    assert len({c.score for c in ranked}) == 1
    assert names(ranked) == ["Alice", "bob", "carol", "Émile"]


def test_why_is_one_readable_line():
    p = peer("Grace", team="Compilers", affects=[Affects.RELIES_ON_ME])
    (c,) = rank(network(p), TODAY)
    assert c.why.startswith("matters for your current work; relies on your work; bridges to "
                            "Compilers (no ties there yet)")
    assert "\n" not in c.why
    assert c.as_json() == {"peer": "Grace", "score": c.score, "why": c.why}


def test_focus_peers_are_left_out_unless_asked_for():
    net = network(peer("In", focus=True), peer("Out"))
    assert names(rank(net, TODAY)) == ["Out"]
    assert sorted(names(rank(net, TODAY, include_focus=True))) == ["In", "Out"]


def test_the_documented_table_matches_the_weights():
    import peermap.core.ranking

    rows = [line.split("|") for line in peermap.core.ranking.__doc__.splitlines()
            if line.startswith("| ") and not line.startswith(("| what", "| ---"))]
    points = [r[3].strip() for r in rows if r[3].strip()]
    order = ["current-work", "future-work", "big-picture", "relies-on-me", "helps-me",
             "shared-goals", "bridges-team", "bridges-location", "weak", "not-tried", "clash"]
    assert points == [str(WEIGHTS[k]) for k in order] + [f"0..{WEIGHTS['stale-max']}"]


# --- the focus set -------------------------------------------------------------------------


def five() -> Network:
    return network(*(peer(n) for n in ("Ada", "Ben", "Cleo", "Dev", "Eve", "Finn")))


def test_focus_set_records_focus_since_and_replaces_the_set():
    net = five()
    chosen = focus_set(net, ["ada", "Ben", "cle"], TODAY)
    assert [p.name for p in chosen] == ["Ada", "Ben", "Cleo"]
    assert {p.name for p in net.focus_peers()} == {"Ada", "Ben", "Cleo"}
    assert all(p.focus_since == TODAY for p in chosen)

    later = TODAY + timedelta(days=7)
    focus_set(net, ["Ben", "Dev", "Eve"], later)
    got = {p.name: p.focus_since for p in net.focus_peers()}
    assert got == {"Ben": TODAY, "Dev": later, "Eve": later}  # Ben keeps his start date
    ada = net.find("Ada")
    assert ada.focus is False and ada.focus_since is None


def test_focus_set_counts_a_peer_named_twice_once():
    net = five()
    focus_set(net, ["Ada", "ada", "Ben", "Cleo"], TODAY)
    assert len(net.focus_peers()) == 3
    with pytest.raises(PeermapError, match="you named 2 peers"):
        focus_set(net, ["Ada", "ada", "Ben"], TODAY)


def test_focus_set_needs_min_to_max_names():
    net = five()
    with pytest.raises(PeermapError, match="holds 3 to 5"):
        focus_set(net, ["Ada", "Ben"], TODAY)
    with pytest.raises(PeermapError, match="holds 3 to 5"):
        focus_set(net, ["Ada", "Ben", "Cleo", "Dev", "Eve", "Finn"], TODAY)
    with pytest.raises(PeermapError):
        focus_set(net, [], TODAY)
    assert net.focus_peers() == []


def test_focus_set_accepts_fewer_when_they_are_all_the_candidates():
    net = network(peer("Ada"), peer("Ben"), peer("Strong", tie=Tie.STRONG))
    focus_set(net, ["Ada", "Ben"], TODAY)
    assert {p.name for p in net.focus_peers()} == {"Ada", "Ben"}


def test_focus_set_refuses_strong_and_unrated_and_changes_nothing():
    net = five()
    focus_set(net, ["Ada", "Ben", "Cleo"], TODAY)
    net.peers.append(peer("Kwame", tie=Tie.STRONG))
    net.peers.append(peer("Rafael", tie=None))
    with pytest.raises(PeermapError, match="Kwame cannot be in focus: already strong"):
        focus_set(net, ["Dev", "Eve", "Kwame"], TODAY)
    with pytest.raises(PeermapError, match="rate the tie first"):
        focus_set(net, ["Dev", "Eve", "Rafael"], TODAY)
    assert {p.name for p in net.focus_peers()} == {"Ada", "Ben", "Cleo"}


def test_focus_set_unknown_name_is_an_error():
    with pytest.raises(PeerNotFound):
        focus_set(five(), ["Ada", "Ben", "Nobody"], TODAY)


def test_focus_add_records_focus_since():
    net = five()
    p = focus_add(net, "dev", TODAY)
    assert p.name == "Dev" and p.focus and p.focus_since == TODAY


def test_focus_add_beyond_max_is_refused():
    net = five()
    focus_set(net, ["Ada", "Ben", "Cleo", "Dev", "Eve"], TODAY)
    with pytest.raises(PeermapError) as e:
        focus_add(net, "Finn", TODAY)
    assert str(e.value) == "focus is full (5 of 5); drop one first: peermap focus drop NAME."
    assert not net.find("Finn").focus


def test_focus_full_message_names_graduated_ties():
    net = five()
    focus_set(net, ["Ada", "Ben", "Cleo", "Dev", "Eve"], TODAY)
    net.find("Cleo").tie = Tie.STRONG
    with pytest.raises(PeermapError, match="Cleo graduated to a strong tie"):
        focus_add(net, "Finn", TODAY)


def test_focus_add_refuses_strong_unrated_and_no_matters_with_the_reason():
    net = network(peer("Kwame", tie=Tie.STRONG), peer("Rafael", tie=None),
                  peer("Mei", matters=[]))
    with pytest.raises(PeermapError, match="already strong — keep it alive instead"):
        focus_add(net, "Kwame", TODAY)
    with pytest.raises(PeermapError, match="peermap rate Rafael weak"):
        focus_add(net, "Rafael", TODAY)
    with pytest.raises(PeermapError, match="peermap edit Mei --matters"):
        focus_add(net, "Mei", TODAY)
    assert net.focus_peers() == []


def test_focus_add_twice_is_an_error():
    net = five()
    focus_add(net, "Ada", TODAY)
    with pytest.raises(PeermapError, match="already in focus"):
        focus_add(net, "Ada", TODAY + timedelta(days=1))
    assert net.find("Ada").focus_since == TODAY


def test_focus_drop_clears_and_notes_when_below_min():
    net = five()
    focus_set(net, ["Ada", "Ben", "Cleo", "Dev"], TODAY)
    assert focus_drop(net, "Ada") is None
    ada = net.find("Ada")
    assert not ada.focus and ada.focus_since is None
    note = focus_drop(net, "Ben")
    assert note is not None and "2 ties, fewer than the 3" in note
    assert "peermap focus add NAME" in note
    assert {p.name for p in net.focus_peers()} == {"Cleo", "Dev"}


def test_focus_drop_of_a_peer_not_in_focus_is_an_error():
    with pytest.raises(PeermapError, match="not in focus"):
        focus_drop(five(), "Ada")


def test_settings_change_the_limits():
    net = network(*(peer(n) for n in "ABCD"), focus_min=1, focus_max=2)
    focus_set(net, ["A"], TODAY)
    focus_add(net, "B", TODAY)
    with pytest.raises(PeermapError, match=r"focus is full \(2 of 2\)"):
        focus_add(net, "C", TODAY)


def test_graduated_is_focus_peers_rated_strong():
    net = network(
        peer("Kwame", tie=Tie.STRONG, focus=True),
        peer("Björn", tie=Tie.STRONG),
        peer("Zoë", focus=True),
        peer("ada", tie=Tie.STRONG, focus=True),
    )
    assert [p.name for p in graduated(net)] == ["ada", "Kwame"]


# --- purity --------------------------------------------------------------------------------


def test_modules_import_without_pydantic_rich_or_typer():
    import os
    from pathlib import Path

    code = (
        "import sys, peermap.core.ranking, peermap.core.suggestions\n"
        "heavy = [m for m in ('pydantic', 'rich', 'typer') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stdout.strip() == ""


# --- the order is total and deterministic (hypothesis) -------------------------------------


def _summary(cands: list[Candidate]) -> list[tuple[str, int, str]]:
    return [(c.peer.name, c.score, c.why) for c in cands]


@settings(max_examples=150, deadline=None)
@given(factories.ranked_networks(), st.randoms(use_true_random=False), st.booleans())
def test_rank_is_a_total_deterministic_order(net, rnd: random.Random, include_focus):
    first = rank(net, TODAY, include_focus=include_focus)
    assert _summary(rank(net, TODAY, include_focus=include_focus)) == _summary(first)

    shuffled = Network(me=net.me, settings=net.settings, peers=list(net.peers))
    rnd.shuffle(shuffled.peers)
    assert _summary(rank(shuffled, TODAY, include_focus=include_focus)) == _summary(first)

    keys = [(-c.score, c.peer.key, c.peer.name) for c in first]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # no two candidates compare equal
    assert all(is_candidate(c.peer) for c in first)
    expected = {p.name for p in net.peers if is_candidate(p) and (include_focus or not p.focus)}
    assert {c.peer.name for c in first} == expected
