"""The state record of a relationship (docs/books.md): one pure function per peer."""

from __future__ import annotations

from datetime import date

from factories import D, log, network, peer
from peermap.core.model import Kind, NextStep, Outcome, Review, Tie, WhyNone
from peermap.core.state import LoopId, OpenLoop, PeerState, state_of, states

TODAY = D("2027-01-11")


def _loop(s: PeerState, ident: LoopId) -> OpenLoop | None:
    """The open loop with this identity, or None when it is closed or gone."""
    return next((lp for lp in s.loops if lp.ident == ident), None)


def test_loops_both_ways_with_due_dates_and_lateness() -> None:
    p = peer("Kim", log=[
        log("2027-01-02", Kind.PROMISED, "send the deck", due=D("2027-01-08")),
        log("2027-01-03", Kind.THEY_ASKED, "review my RFC"),
        log("2027-01-04", Kind.ASKED, "intro to Sam", closed=D("2027-01-05")),
        log("2027-01-06", Kind.FEEDBACK_ASKED, "my talk"),
    ])
    s = state_of(p, network(p), TODAY)
    assert [(lp.number, lp.kind) for lp in s.loops] == [
        (1, Kind.PROMISED), (2, Kind.THEY_ASKED), (3, Kind.FEEDBACK_ASKED)]
    assert [lp.note for lp in s.mine] == ["send the deck", "my talk"]
    assert [lp.note for lp in s.theirs] == ["review my RFC"]
    assert s.promises[0].late == 3 and s.promises[0].due == D("2027-01-08")
    assert _loop(s, (D("2027-01-03"), "they-asked", "review my RFC")) is not None
    assert _loop(s, (D("2027-01-04"), "asked", "intro to Sam")) is None  # closed


def test_step_carries_the_outcome_of_the_review_that_chose_it() -> None:
    p = peer("Ana", next=NextStep("coffee", D("2027-01-04")))
    net = network(p, reviews=[Review(D("2026-12-28"), "Ana", "coffee", Outcome.NOT_YET)])
    s = state_of(p, net, TODAY)
    assert s.step is not None and s.step.overdue == 7 and s.step.outcome == Outcome.NOT_YET
    assert s.last_outcome is not None and s.last_outcome.date == D("2026-12-28")


def test_any_logged_contact_ends_not_tried() -> None:
    p = peer("Hannah", tie=Tie.NONEXISTENT, why_none=WhyNone.NOT_TRIED)
    assert state_of(p, network(p), TODAY).not_tried
    p.log.append(log("2027-01-05", Kind.MET, "15-minute call"))
    s = state_of(p, network(p), TODAY)
    assert not s.not_tried and s.last_by_kind[Kind.MET] == D("2027-01-05")


def test_help_and_feedback_received_and_future_entries_ignored() -> None:
    p = peer("Aisha", log=[
        log("2026-12-08", Kind.FEEDBACK_ASKED, "my design doc", closed=D("2026-12-20"),
            answer="cut the intro"),
        log("2026-12-09", Kind.THEY_HELPED, "reviewed my PR overnight"),
        log("2027-02-01", Kind.CHAT, "later"),
    ])
    s = states(network(p), TODAY)[p]
    assert [(r.date, r.note) for r in s.feedback_received] == [
        (D("2026-12-20"), "cut the intro")]
    assert [r.note for r in s.help_received] == ["reviewed my PR overnight"]
    assert s.last_contact == D("2026-12-09") and s.contacts == 2
    assert s.loops == ()


def test_snooze_is_through_its_day() -> None:
    p = peer("Sofia", snoozed=D("2027-01-11"))
    assert state_of(p, network(p), TODAY).is_snoozed
    assert not state_of(p, network(p), date(2027, 1, 12)).is_snoozed
