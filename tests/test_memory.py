"""Memory and outcomes: last week's step, the brief's questions, the followup
questions over a scripted UI, and the file rules for closed loops."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from peermap.core.brief import brief, dont, questions
from peermap.core.errors import EndOfInput
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    Outcome,
    Peer,
    Review,
    Tie,
    TieChange,
    WhyNone,
    check_network,
)
from peermap.core.outcomes import parse_outcome, pending, record
from peermap.core.stats import before_upgrades
from peermap.core.suggestions import suggest
from peermap.flows import followup

TODAY = date(2026, 11, 22)
D = date.fromisoformat


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# --- outcomes of last week's step ------------------------------------------------------


def test_the_last_reviews_step_waits_for_its_outcome():
    net = Network(reviews=[Review(ago(14), "Grace", "Old step", Outcome.DONE),
                           Review(ago(7), "Grace", "Ask Grace about the roadmap")])
    assert pending(net, TODAY).step == "Ask Grace about the roadmap"
    assert pending(net, ago(7)) is None or pending(net, ago(7)).date < ago(7)
    record(net, ago(7), Outcome.TOO_BIG)
    assert pending(net, TODAY) is None
    assert [parse_outcome(x) for x in ("d", "too big", "Wrong moment", "n", "??")] == [
        Outcome.DONE, Outcome.TOO_BIG, Outcome.WRONG_MOMENT, Outcome.NOT_YET, None]


@pytest.mark.parametrize("outcome, slot, words", [
    (Outcome.TOO_BIG, "was_too_big", "too big"),
    (Outcome.WRONG_MOMENT, "was_wrong_moment", "wrong moment"),
    (Outcome.DONE, "was_done", "last week"),
])
def test_how_last_weeks_step_went_shapes_the_next_advice(outcome, slot, words):
    p = Peer("Grace Hollis", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK])
    # (a step that is itself a conversation has no "what came of it": docs/advice.md)
    net = Network(peers=[p], reviews=[Review(ago(7), "Grace Hollis", "Send the roadmap notes",
                                             outcome)])
    found = [s for s in suggest(net, p, TODAY, limit=10) if s.slot == slot]
    assert found and words in found[0].text and '"Send the roadmap notes"' in found[0].text
    # remembered for two weeks, not forever
    assert slot not in {s.slot for s in suggest(net, p, TODAY + timedelta(days=30), 10)}


# --- the brief ---------------------------------------------------------------------------


def test_brief_for_a_clash_listens_and_does_not_re_argue():
    p = Peer("Søren Halvorsen", tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH,
             notes="We disagreed about the handover.")
    net = Network(peers=[p])
    qs = questions(net, p, TODAY)
    assert qs[0].startswith("How does it look from your side?")
    assert "re-argue" in dont(p, TODAY) and '"We disagreed about the handover"' in dont(p, TODAY)
    assert brief(net, p, TODAY)["strength"] is None


def test_brief_recent_is_the_last_three_newest_first_and_the_trend_says_up():
    p = Peer("Zoë A", tie=Tie.WEAK, ties=[TieChange(D("2026-08-01"), Tie.NONEXISTENT),
                                          TieChange(D("2026-10-02"), Tie.WEAK)],
             log=[LogEntry(ago(d), Kind.CHAT, f"n{d}") for d in (40, 30, 20, 10)])
    b = brief(Network(peers=[p]), p, TODAY)
    assert [e["note"] for e in b["recent"]] == ["n10", "n20", "n30"]
    assert b["tie"] == {"tie": "weak", "since": "2026-10-02", "was": "nonexistent",
                        "direction": "up"}


def test_brief_offers_a_strength_only_when_it_fits():
    me = Me(strengths=["SQL tuning"])
    fits = Peer("Dara", tie=Tie.WEAK, pressures=["slow SQL reports"])
    other = Peer("Chloé", tie=Tie.WEAK, tags=["accessibility"])
    net = Network(me=me, peers=[fits, other])
    assert brief(net, fits, TODAY)["strength"] == {"strength": "SQL tuning",
                                                   "fits": "slow SQL reports", "how": "offer"}
    assert brief(net, other, TODAY)["strength"] is None


# --- stats: what came before ties went up ----------------------------------------------


def test_before_upgrades_counts_kinds_in_the_30_days_before_each_upgrade():
    p = Peer("A", ties=[TieChange(ago(100), Tie.NONEXISTENT), TieChange(ago(50), Tie.WEAK),
                        TieChange(ago(10), Tie.STRONG)],
             log=[LogEntry(ago(60), Kind.SHARED), LogEntry(ago(55), Kind.HELPED),
                  LogEntry(ago(20), Kind.THEY_ASKED), LogEntry(ago(90), Kind.CHAT)])
    down = Peer("B", ties=[TieChange(ago(50), Tie.WEAK), TieChange(ago(10), Tie.NONEXISTENT)],
                log=[LogEntry(ago(12), Kind.ASKED)])
    assert before_upgrades([p, down], TODAY) == {
        "upgrades": 2, "window_days": 30, "kinds": {"helped": 1, "shared": 1, "they-asked": 1}}


# --- the file's rules for closed loops ----------------------------------------------------


def test_a_loop_closed_before_it_opened_or_a_closed_chat_is_refused():
    bad = Peer("A", log=[LogEntry(TODAY, Kind.ASKED, "x", closed=ago(1)),
                         LogEntry(TODAY, Kind.CHAT, "y", closed=TODAY)])
    problems = " ".join(check_network(Network(peers=[bad])))
    assert "closed (2026-11-21) before it was opened" in problems
    assert "not the chat entry" in problems


# --- the followup questions over a scripted UI --------------------------------------------


class Script:
    def __init__(self, answers: list[str]):
        self.answers = list(answers)
        self.said: list[tuple[str, str, str]] = []

    def ask(self, prompt: str, hint: str = "") -> str:
        self.said.append(("ask", prompt, hint))
        if not self.answers:
            raise EndOfInput
        return self.answers.pop(0)

    def say(self, kind: str, text: str = "", detail: str = "") -> None:
        self.said.append((kind, text, detail))


class Memory:
    def __init__(self, net: Network):
        self.net, self.writes = net, 0

    def load(self) -> Network:
        return self.net

    def update(self, change, summary: str) -> object:
        self.writes += 1
        return change(self.net)


def test_followup_records_the_outcome_after_asking_again_on_nonsense():
    net = Network(peers=[Peer("Grace")], reviews=[Review(ago(7), "Grace", "Ask about X")])
    ui = Script(["maybe", "b"])
    followup.last_step(Memory(net), ui, TODAY)
    assert net.reviews[0].outcome == Outcome.TOO_BIG
    assert any(kind == "warn" for kind, *_ in ui.said)


def test_followup_at_risk_saves_at_once():
    p = Peer("Ngozi Adeyemi", affects=[Affects.RELIES_ON_ME])
    net = Network(peers=[p])
    store = Memory(net)
    followup.at_risk(store, Script(["the v2 schema may slip"]), p.name, TODAY)
    assert p.at_risk == "the v2 schema may slip"
    followup.at_risk(store, Script(["-"]), p.name, TODAY)
    assert p.at_risk == ""


def test_the_light_goal_question_is_asked_once_and_only_when_none_is_noted():
    p = Peer("Grace")
    net = Network(peers=[p])
    ui = Script([""])
    followup.light_goal(Memory(net), ui, "Grace", TODAY)
    assert p.goals == [] and len([x for x in ui.said if x[0] == "ask"]) == 1
    followup.light_goal(Memory(net), Script(["ship the allocator"]), "Grace", TODAY)
    assert p.goals == ["ship the allocator"]
    assert [(c.date, c.held.value) for c in p.goal_checks] == [(TODAY, "added")]
    ui = Script([])
    followup.light_goal(Memory(net), ui, "Grace", TODAY)  # noted: not asked again
    assert ui.said == []
