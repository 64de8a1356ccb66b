"""The review keeps the advice's memory: how last week's step went, the peer's
goals while a contact is fresh, open loops that closed, and a risk to someone who relies
on you, each saved as it is answered."""

from __future__ import annotations

from datetime import date

from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Network,
    Outcome,
    Peer,
    Review,
    Settings,
    Tie,
)
from peermap.core.suggestions import suggest
from peermap.storage.store import Store, dumps

D = date.fromisoformat


def network() -> Network:
    ngozi = Peer("Ngozi Adeyemi", team="Risk", tie=Tie.WEAK, affects=[Affects.RELIES_ON_ME],
                 matters=[Matters.CURRENT_WORK], focus=True, focus_since=D("2026-10-01"),
                 log=[LogEntry(D("2026-11-10"), Kind.PROMISED, "Send the changelog")])
    return Network(settings=Settings(focus_min=1), peers=[ngozi],
                   reviews=[Review(D("2026-11-15"), "Ngozi Adeyemi", "Ask about her launch")])


def test_the_review_asks_and_saves_each_memory_answer(cli, data_file):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_bytes(dumps(network()))
    answers = [
        "too big",                      # how last week's step went
        "y", "chat", "Quick sync",      # connected
        "launch fraud scoring in Q1",   # their goal, while it is fresh
        "",                             # the tie: unchanged
        "1",                            # the promise is kept: close it
        "the v2 schema may slip",       # something she relies on is at risk
    ]
    r = cli("review", input="\n".join(answers) + "\n" * 10)
    assert r.exit_code == 0, r.stderr
    assert "Did last week's step happen, and did it work?" in r.stderr
    net = Store(data_file).load()
    ngozi = net.find("Ngozi Adeyemi")
    assert net.reviews[0].outcome == Outcome.TOO_BIG
    assert ngozi.goals == ["launch fraud scoring in Q1"]
    assert [e.closed for e in ngozi.log if e.kind == Kind.PROMISED] == [D("2026-11-22")]
    assert ngozi.at_risk == "the v2 schema may slip"
    first = suggest(net, ngozi, D("2026-11-23"))[0]
    assert first.slot == "at_risk" and '"the v2 schema may slip" (your words)' in first.text


def test_enter_skips_every_memory_question(cli, data_file):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_bytes(dumps(network()))
    before = network()
    r = cli("review", input="\n" + "n\n" + "\n" * 10)
    assert r.exit_code == 0, r.stderr
    net = Store(data_file).load()
    ngozi = net.find("Ngozi Adeyemi")
    assert net.reviews[0].outcome is None and ngozi.goals == [] and ngozi.at_risk == ""
    assert ngozi.log == before.peers[0].log  # the loop stays open
