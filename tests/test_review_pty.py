"""The weekly review once through a real pseudo-terminal (pexpect), and Ctrl-C there."""

from __future__ import annotations

import sys
import time
from datetime import date

import pytest

from conftest import subprocess_env
from peermap.core.model import Kind, Tie
from peermap.storage.store import Store
from test_review import team, write

pexpect = pytest.importorskip("pexpect")
D = date.fromisoformat


def spawn(data_file):
    env = subprocess_env(data_file, TERM="dumb", PEERMAP_WIDTH="100")
    return pexpect.spawn(sys.executable, ["-m", "peermap", "review"], env=env,
                         encoding="utf-8", timeout=30, dimensions=(40, 100))


def test_review_through_a_terminal(data_file):
    write(data_file, team())
    child = spawn(data_file)
    child.expect_exact("Weekly review")
    child.expect_exact("Did you connect with Bob Infra since 2026-11-15? [y/N]")
    child.sendline("y")
    child.expect_exact("What kind?")
    child.sendline("helped")
    child.expect_exact("A note (optional):")
    child.sendline("Reviewed his design doc")
    child.expect_exact("Has the tie with Bob Infra changed?")
    child.sendline("weak")
    child.expect_exact("Did you connect with Carol Payments")
    child.sendline("")
    child.expect_exact("Has the tie with Carol Payments changed?")
    child.sendline("")
    child.expect_exact("Did you connect with Grace Compilers")
    child.sendline("n")
    child.expect_exact("Has the tie with Grace Compilers changed?")
    child.sendline("")
    child.expect_exact("Give its focus slot to")
    child.sendline("k")
    child.expect_exact("Which relationship?")
    child.sendline("grace")
    child.expect_exact("One small step with Grace Compilers?")
    child.sendline("Invite Grace to the perf guild")
    child.expect_exact("Review recorded.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    net = Store(data_file).load()
    bob = net.find("Bob Infra")
    assert bob.log[-1].kind == Kind.HELPED and bob.log[-1].note == "Reviewed his design doc"
    assert bob.tie == Tie.WEAK
    assert net.find("Carol Payments").focus  # kept
    grace = net.find("Grace Compilers")
    assert grace.next.step == "Invite Grace to the perf guild"
    assert grace.next.due == D("2026-11-29")
    assert (net.reviews[-1].date, net.reviews[-1].peer) == (D("2026-11-22"), "Grace Compilers")


def test_ctrl_c_in_a_terminal_exits_130_and_keeps_answers(data_file):
    write(data_file, team())
    child = spawn(data_file)
    child.expect_exact("Did you connect with Bob Infra")
    child.sendline("y")
    child.expect_exact("What kind?")
    child.sendline("chat")
    child.expect_exact("A note (optional):")
    child.sendline("Corridor chat")
    child.expect_exact("Has the tie with Bob Infra changed?")
    time.sleep(0.3)  # let readline wait for keys first (see test_map_pty.interrupt)
    child.sendintr()
    child.expect_exact("Your answers so far are saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert Store(data_file).load().find("Bob Infra").log[-1].note == "Corridor chat"


def _prompt(child, text: str) -> None:
    """Wait for a prompt line, then let readline start waiting for keys."""
    child.expect_exact(text)
    child.expect_exact("› ")


def test_enter_keeps_the_current_step_in_a_terminal(data_file):
    """The same, through a pseudo-terminal."""
    from peermap.core.model import NextStep

    net = team()
    net.find("Bob Infra").next = NextStep("Ask Bob about the migration", D("2026-11-20"))
    write(data_file, net)
    child = spawn(data_file)
    for _ in range(3):
        _prompt(child, "Did you connect with")
        child.sendline("")
        _prompt(child, "Has the tie with")
        child.sendline("")
    _prompt(child, "Give its focus slot to")
    child.sendline("k")
    _prompt(child, "Which relationship?")
    child.sendline("bob")
    # the plan's length varies with the week (docs/advice.md); the current step is last
    child.expect(r"\(\d is the current next step\)")
    _prompt(child, "Enter keeps the current step (")
    child.sendline("")
    child.expect_exact("Your step this week: Bob Infra — Ask Bob about the migration")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert Store(data_file).load().find("Bob Infra").next.step == "Ask Bob about the migration"


def test_review_and_logging_talk_to_each_other_in_a_terminal(data_file):
    """no 'did you connect' after today's contact; a logged contact may
    complete the planned step."""
    from peermap.core.model import LogEntry, NextStep

    net = team()
    net.find("Bob Infra").next = NextStep("Ask Bob about the migration", D("2026-11-20"))
    net.find("Carol Payments").log.append(LogEntry(D("2026-11-22"), Kind.CHAT, "Lunch"))
    write(data_file, net)
    child = spawn(data_file)
    _prompt(child, "Did you connect with Bob Infra since 2026-11-15? [y/N]")
    child.sendline("y")
    _prompt(child, "What kind?")
    child.sendline("met")
    _prompt(child, "A note (optional):")
    child.sendline("Coffee")
    _prompt(child, "Did that complete the next step (Ask Bob about the migration)? [y/N]")
    child.sendline("y")
    _prompt(child, "Has the tie with Bob Infra changed? Enter = no (nonexistent)")
    child.sendline("weak")
    child.expect_exact("Your contact with Carol Payments today is already logged.")
    i = child.expect_exact(["Did you connect with Carol", "Has the tie with Carol Payments"])
    assert i == 1
    time.sleep(0.3)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    net = Store(data_file).load()
    bob = net.find("Bob Infra")
    assert [(e.note, e.completed) for e in bob.log] == [("Coffee", "Ask Bob about the migration")]
    assert bob.next is None and bob.tie == Tie.WEAK
    assert len(net.find("Carol Payments").log) == 1


def _one(data_file, *args: str):
    env = subprocess_env(data_file, TERM="dumb", PEERMAP_WIDTH="100")
    return pexpect.spawn(sys.executable, ["-m", "peermap", *args], env=env,
                         encoding="utf-8", timeout=30, dimensions=(40, 100))


def test_log_at_a_terminal_asks_whether_it_completed_the_step(data_file):
    from peermap.core.model import NextStep

    net = team()
    net.find("Bob Infra").next = NextStep("Ask Bob about the migration", D("2026-11-29"))
    write(data_file, net)
    child = _one(data_file, "log", "bob", "Talked migration", "--kind", "met")
    child.expect_exact("Logged a met interaction with Bob Infra")
    _prompt(child, "Did that complete the next step (Ask Bob about the migration)? [y/N]")
    child.sendline("y")
    child.expect_exact("Done: Ask Bob about the migration.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    bob = Store(data_file).load().find("Bob Infra")
    assert [(e.note, e.completed) for e in bob.log] == [
        ("Talked migration", "Ask Bob about the migration")]
    assert bob.next is None


def test_done_at_a_terminal_asks_whether_the_tie_changed(data_file):
    from peermap.core.model import NextStep

    net = team()
    net.find("Bob Infra").next = NextStep("Introduce yourself to Bob", D("2026-11-29"))
    write(data_file, net)
    child = _one(data_file, "done", "bob")
    child.expect_exact("Done: Introduce yourself to Bob.")
    _prompt(child, "Has the tie with Bob Infra changed? Enter = no (nonexistent)")
    child.sendline("w")
    child.expect_exact("Bob Infra is now weak.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    bob = Store(data_file).load().find("Bob Infra")
    assert bob.tie == Tie.WEAK and bob.why_none is None
    assert bob.log[-1].completed == "Introduce yourself to Bob"
