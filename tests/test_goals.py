"""How old their goals and pressures are, and whether they still hold (docs/books.md):
what the advice quotes, what `brief` asks, what `debrief` records, over several dates."""

from __future__ import annotations

import json
from datetime import date

from conftest import error, ok
from factories import write
from peermap.core.debrief import Answers, apply
from peermap.core.goals import to_check
from peermap.core.model import GoalCheck, Held, Matters, Network, Peer, Tie
from peermap.flows.debrief import Debrief
from peermap.storage.store import Store
from test_memory import Memory, Script

D = date.fromisoformat


def dara(**kw) -> Network:
    """Dara, added in January with a goal and a pressure noted then."""
    values = {"goals": ["ship billing v2"],
              "pressures": ["PCI audit evidence due in January"], **kw}
    return Network(peers=[Peer(name="Dara Okafor", tie=Tie.WEAK, focus=True,
                               matters=[Matters.CURRENT_WORK], added=D("2026-01-05"),
                               focus_since=D("2026-01-05"), **values)])


def brief_questions(cli, today: str) -> list[str]:
    out = json.loads(ok(cli("--today", today, "brief", "dara", "--format", "json")).stdout)
    return out["questions"]


def test_a_goal_learned_months_after_the_peer_was_added_is_quoted_at_once(cli, data_file):
    write(data_file, Network(peers=[Peer(name="Dara Okafor", tie=Tie.WEAK, focus=True,
                                         matters=[Matters.CURRENT_WORK],
                                         added=D("2026-01-05"))]))
    ok(cli("--today", "2026-06-01", "debrief", "dara", "--note", "lunch",
           "--goal", "move the ledger to Postgres"))
    p = Store(data_file).load().peers[0]
    assert p.goal_checks == [GoalCheck(D("2026-06-01"), "move the ledger to Postgres",
                                       Held.ADDED)]
    asked = " ".join(brief_questions(cli, "2026-06-08"))
    assert "move the ledger to Postgres" in asked
    assert "still" not in asked  # learned a week ago: nothing to check yet


def test_brief_asks_whether_an_old_goal_still_holds_and_debrief_records_the_answer(
        cli, data_file):
    write(data_file, dara())
    assert not any("still" in q for q in brief_questions(cli, "2026-03-02"))  # 8 weeks
    asked = brief_questions(cli, "2026-06-01")
    assert any("still" in q and "PCI audit evidence due in January" in q
               or "still" in q and "ship billing v2" in q for q in asked)
    r = ok(cli("--today", "2026-06-01", "debrief", "dara", "--no-met",
               "--kept", "ship", "--dropped", "pci audit"))
    said = " ".join(r.stdout.split())
    assert "still holds: ship billing v2; dropped: PCI audit evidence due in January" in said
    p = Store(data_file).load().peers[0]
    assert p.goals == ["ship billing v2"] and p.pressures == []
    assert [(c.text, c.held) for c in p.goal_checks] == [
        ("ship billing v2", Held.KEPT), ("PCI audit evidence due in January", Held.DROPPED)]
    assert not any("still" in q for q in brief_questions(cli, "2026-06-08"))
    assert "PCI audit" not in ok(cli("--today", "2026-06-08", "suggest", "dara")).stdout
    assert to_check(p, D("2026-08-24")) == []  # twelve weeks after it was kept...
    assert to_check(p, D("2026-08-25")) == [("goals", "ship billing v2", D("2026-06-01"))]


def test_debrief_kept_and_dropped_refuse_what_they_cannot_find(cli, data_file):
    write(data_file, dara(goals=["ship billing v2", "ship the API"]))
    before = data_file.read_bytes()
    msg = error(cli("debrief", "dara", "--kept", "hire"))
    assert "Dara Okafor has no goal or pressure starting 'hire'" in msg
    assert "ship billing v2" in msg
    assert "more than one" in error(cli("debrief", "dara", "--dropped", "ship"))
    assert "both kept and dropped" in error(
        cli("debrief", "dara", "--kept", "ship the", "--dropped", "ship the api"))
    assert data_file.read_bytes() == before


def test_edit_dates_only_the_goals_it_adds(cli, data_file):
    write(data_file, dara())
    ok(cli("--today", "2026-06-01", "edit", "dara", "--goal", "ship billing v2",
           "--goal", "hire a second SRE"))
    p = Store(data_file).load().peers[0]
    assert p.goal_checks == [GoalCheck(D("2026-06-01"), "hire a second SRE", Held.ADDED)]
    assert [t for _, t, _ in to_check(p, D("2026-06-01"))] == [
        "ship billing v2", "PCI audit evidence due in January"]


# --- the question at a terminal -----------------------------------------------------------


class Terminal(Script):
    """A scripted terminal: answers in order; `text` is everything asked and said."""

    interactive = True

    @property
    def text(self) -> str:
        return "\n".join(text for _, text, _ in self.said)


def test_at_a_terminal_debrief_asks_which_old_goals_still_hold():
    net = dara()
    ui = Terminal(["n", "", "3", "2", "hire one SRE", ""])  # 3 is not on the list
    Debrief(Memory(net), ui, D("2026-06-01")).run("dara")
    said = ui.text
    assert "Do these still hold?" in said
    assert "1. goal: ship billing v2 (last confirmed 2026-01-05)" in said
    assert "3 is not a number from the list" in said
    p = net.peers[0]
    assert p.pressures == [] and p.goals == ["hire one SRE", "ship billing v2"]
    assert [(c.text, c.held) for c in p.goal_checks] == [
        ("ship billing v2", Held.KEPT), ("PCI audit evidence due in January", Held.DROPPED),
        ("hire one SRE", Held.ADDED)]


def test_a_script_of_debrief_answers_is_not_asked_about_old_goals():
    net = dara()
    ui = Terminal(["n", "", "", ""])
    ui.interactive = False
    Debrief(Memory(net), ui, D("2026-06-01")).run("dara")
    assert "Do these still hold?" not in ui.text
    assert net.peers[0].goal_checks == []


def test_a_goal_told_again_counts_as_confirmed():
    net = dara()
    apply(net, "dara", Answers(met=False, goals=["Ship billing V2"]), D("2026-06-01"))
    p = net.peers[0]
    assert p.goals == ["ship billing v2"]
    assert [t for _, t, _ in to_check(p, D("2026-06-01"))] == [
        "PCI audit evidence due in January"]


def test_show_lists_the_goal_checks(cli, data_file):
    write(data_file, dara())
    ok(cli("--today", "2026-06-01", "debrief", "dara", "--no-met", "--dropped", "pci"))
    out = ok(cli("--today", "2026-06-01", "show", "dara")).stdout
    assert "Goals and pressures" in out
    assert "2026-06-01  dropped  PCI audit evidence due in January" in out


def test_a_long_or_capitalised_name_is_echoed_as_typed_and_cut(cli, data_file):
    write(data_file, dara())
    before = data_file.read_bytes()
    assert "starting 'Hire A Second'" in error(cli("debrief", "dara", "--kept", "Hire A Second"))
    msg = error(cli("debrief", "dara", "--dropped", "x" * 5000))
    assert "x" * 60 + "…" in msg and len(msg) < 300
    assert data_file.read_bytes() == before


def test_a_goal_of_only_common_words_is_not_confirmed_by_every_log_note():
    from peermap.core.goals import confirmed
    from peermap.core.model import Kind, LogEntry

    p = Peer(name="Dara", goals=["this is it"], added=D("2026-01-05"),
             log=[LogEntry(D("2026-05-01"), Kind.CHAT, "lunch")])
    assert confirmed(p, "this is it", D("2026-06-01")) == D("2026-01-05")


def test_at_a_terminal_debrief_asks_which_suggestion_the_1to1_carried_out():
    net = dara(goals=[], pressures=[])
    ui = Terminal(["y", "good talk", "1"])  # met, note, the first suggestion
    Debrief(Memory(net), ui, D("2026-06-01")).run("dara")
    said = ui.text
    assert "Did this carry out one of these?" in said and "carried out" in said
    met = net.peers[0].log[-1]
    assert met.note == "good talk" and met.acted
