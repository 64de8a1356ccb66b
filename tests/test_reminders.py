"""What is due (docs/reminders.md), as pure functions with an explicit `today`."""

from __future__ import annotations

import json
from datetime import date

import pytest

import factories
from peermap.core.model import LogEntry, Network, NextStep, Peer, Tie
from peermap.core.reminders import (
    as_text,
    contact_anchor,
    due_items,
    next_review,
    report,
    review_due,
)

D = date.fromisoformat


focus_peer = factories.focus_peer
net_of = factories.network


def kinds(items) -> list[tuple[str, str | None]]:
    return [(i.type, i.peer) for i in items]


# --- next steps ------------------------------------------------------------------------


@pytest.mark.parametrize(("due", "today", "days"), [
    ("2026-11-22", "2026-11-22", 0),      # due today is due
    ("2026-11-30", "2026-12-02", 2),      # across a month boundary
    ("2026-12-31", "2027-01-01", 1),      # across a year boundary
    ("2024-02-28", "2024-03-01", 2),      # leap year
])
def test_step_due_on_or_after_its_date(due, today, days):
    p = Peer(name="Grace", next=NextStep("Ask about the allocator", D(due)))
    items = due_items(net_of(p, reviews=[today]), D(today))
    assert kinds(items) == [("step", "Grace")]
    assert items[0].days == days
    assert items[0].detail == "Ask about the allocator"


def test_step_not_yet_due_and_step_without_date_are_quiet():
    net = net_of(Peer(name="A", next=NextStep("later", D("2027-01-01"))),
                 Peer(name="B", next=NextStep("someday", None)), reviews=["2026-12-31"])
    assert due_items(net, D("2026-12-31")) == []


def test_steps_oldest_first_then_by_name():
    net = net_of(Peer(name="bob", next=NextStep("x", D("2026-11-20"))),
                 Peer(name="Al", next=NextStep("y", D("2026-11-20"))),
                 Peer(name="Cy", next=NextStep("z", D("2026-11-01"))), reviews=["2026-11-22"])
    assert [i.peer for i in due_items(net, D("2026-11-22"))] == ["Cy", "Al", "bob"]


# --- reconnecting with focus peers -------------------------------------------------------


def test_stale_when_cadence_has_run_out_across_year_boundary():
    p = focus_peer(log=["2026-12-18"])
    net = net_of(p, reviews=["2026-12-31"])
    assert due_items(net, D("2026-12-31")) == []                     # 13 days
    items = due_items(net, D("2027-01-01"))                          # 14 days: the last day
    assert kinds(items) == [("stale", "Grace Example")]
    assert items[0].days == 14
    assert items[0].detail == "last contact 14 days ago"
    assert as_text(items[0]) == "time to reconnect with Grace Example (last contact 14 days ago)"


def test_peer_cadence_overrides_setting():
    quick = focus_peer("Quick", log=["2026-11-15"], cadence=7)
    slow = focus_peer("Slow", log=["2026-11-15"])
    net = net_of(quick, slow, reviews=["2026-11-22"])
    assert kinds(due_items(net, D("2026-11-22"))) == [("stale", "Quick")]
    net.settings.cadence_days = 5
    # equal days since contact: by name
    assert kinds(due_items(net, D("2026-11-22"))) == [("stale", "Quick"), ("stale", "Slow")]
    slow.log = [LogEntry(D("2026-11-10"))]
    quick.log = [LogEntry(D("2026-11-14"))]
    # longest without contact first
    assert kinds(due_items(net, D("2026-11-22"))) == [("stale", "Slow"), ("stale", "Quick")]


def test_focus_chosen_recently_restarts_the_clock():
    recent = focus_peer(since="2026-11-20", log=["2026-09-01"])
    assert due_items(net_of(recent, reviews=["2026-11-22"]), D("2026-11-22")) == []
    assert contact_anchor(recent) == D("2026-11-20")


def test_focus_chosen_long_ago_without_contact():
    old = focus_peer(since="2026-10-01")
    items = due_items(net_of(old, reviews=["2026-11-22"]), D("2026-11-22"))
    assert kinds(items) == [("stale", "Grace Example")]
    assert items[0].days == 52
    assert "focus began 52 days ago" in items[0].detail


def test_a_log_resets_the_cadence_clock():
    p = focus_peer(since="2026-09-01", log=["2026-09-02"])
    net = net_of(p, reviews=["2026-11-22"])
    assert kinds(due_items(net, D("2026-11-22"))) == [("stale", "Grace Example")]
    p.log.append(LogEntry(D("2026-11-21")))
    assert due_items(net, D("2026-11-22")) == []


def test_only_focus_peers_go_stale_and_undated_ones_are_skipped():
    net = net_of(Peer(name="Not focus", tie=Tie.WEAK, log=[LogEntry(D("2020-01-01"))]),
                 focus_peer("Undated", since=None), reviews=["2026-11-22"])
    assert due_items(net, D("2026-11-22")) == []


def test_added_date_anchors_a_hand_written_focus_peer():
    p = focus_peer("Hand", since=None, added=D("2026-10-01"))
    items = due_items(net_of(p, reviews=["2026-11-22"]), D("2026-11-22"))
    assert items[0].detail == "no contact logged yet; added 52 days ago"


# --- the weekly review ------------------------------------------------------------------


def test_review_due_when_none_yet_and_there_are_peers():
    assert due_items(Network(), D("2026-11-22")) == []
    items = due_items(net_of(Peer(name="A")), D("2026-11-22"))
    assert kinds(items) == [("review", None)]
    assert items[0].days is None
    assert as_text(items[0]) == "your weekly review is ready: peermap review (no review yet)"


@pytest.mark.parametrize(("last", "today", "due"), [
    ("2026-11-15", "2026-11-21", False),
    ("2026-11-15", "2026-11-22", True),   # a week to the day: same weekday every week
    ("2026-12-28", "2027-01-04", True),
    ("2026-12-28", "2027-01-03", False),
])
def test_review_due_after_review_every_days(last, today, due):
    net = net_of(Peer(name="A"), reviews=["2026-01-01", last])
    assert review_due(net, D(today)) is due
    items = due_items(net, D(today))
    assert kinds(items) == ([("review", None)] if due else [])


def test_review_every_days_setting_and_next_review():
    net = net_of(Peer(name="A"), reviews=["2026-11-15"], review_every_days=14)
    assert not review_due(net, D("2026-11-28"))
    assert review_due(net, D("2026-11-29"))
    assert next_review(net, D("2026-11-20")) == D("2026-11-29")
    assert next_review(net, D("2026-12-10")) == D("2026-12-24")


# --- output -------------------------------------------------------------------------------


def test_report_text_is_empty_when_nothing_is_due():
    assert report([], D("2026-11-22"), "text") == ""


def test_report_json_shape_is_pinned():
    net = net_of(focus_peer(log=["2026-11-01"], next=NextStep("Ask", D("2026-11-22"))))
    out = json.loads(report(due_items(net, D("2026-11-22")), D("2026-11-22"), "json"))
    assert list(out) == ["as_of", "due"]
    assert out["as_of"] == "2026-11-22"
    assert [list(i) for i in out["due"]] == [["type", "peer", "detail", "days"]] * 3
    assert [i["type"] for i in out["due"]] == ["step", "stale", "review"]
    assert json.loads(report([], D("2026-11-22"), "json")) == {"as_of": "2026-11-22", "due": []}


def test_text_is_inviting_one_line_each_and_control_safe():
    p = focus_peer("Evil\x1b[31m", log=["2026-01-01"], next=NextStep("Say hi", D("2026-11-01")))
    lines = report(due_items(net_of(p), D("2026-11-22")), D("2026-11-22"), "text").splitlines()
    assert len(lines) == 3
    text = "\n".join(lines)
    assert "\x1b" not in text and "\\x1b" in text
    assert "time to reconnect" in text and "your weekly review is ready" in text
    for word in ("neglect", "overdue", "missed", "late", "fail", "behind"):
        assert word not in text.lower()


def test_a_focus_peer_never_contacted_is_due_a_first_contact_not_a_reconnect():
    from peermap.core.review import focus_status
    from peermap.render.ritual import focus_line

    today = D("2026-12-14")
    p = Peer("Dara Whitfield", focus=True, focus_since=D("2026-11-14"))
    net = Network(peers=[p])
    assert [as_text(i) for i in due_items(net, today) if i.type == "stale"] == [
        "time for a first contact with Dara Whitfield (no contact logged yet; focus began "
        "30 days ago)"]
    line = "".join(s.text for b in focus_line(focus_status(net, p, today), today)
                   for s in getattr(b, "parts", []))
    assert "time for a first contact" in line and "reconnect" not in line
