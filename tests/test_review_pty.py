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
