"""`remove` asks on a real terminal: yes removes, Enter keeps, Ctrl-C exits 130 keeping all."""

from __future__ import annotations

import sys
import time

import pexpect
import pytest

from conftest import subprocess_env


def spawn(data_file, *args):
    return pexpect.spawn(sys.executable, ["-m", "peermap", *args],
                         env=subprocess_env(data_file), encoding="utf-8", timeout=120)


@pytest.fixture
def grace(cli, data_file):
    assert cli("add", "Grace Example").exit_code == 0
    return data_file


@pytest.mark.parametrize("answer, removed", [("y", True), ("", False)])
def test_remove_asks_on_a_terminal(grace, answer, removed):
    child = spawn(grace, "remove", "grace")
    child.expect(r"Remove Grace Example and all their history\? \[y/N\]")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert ("Grace Example" in grace.read_text(encoding="utf-8")) is not removed


def test_ctrl_c_at_the_question_exits_130_and_removes_nothing(grace):
    before = grace.read_bytes()
    child = spawn(grace, "remove", "grace")
    child.expect(r"\[y/N\]")
    time.sleep(1.0)  # let the process reach its read before the interrupt arrives
    child.sendintr()
    child.expect("Nothing removed.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert grace.read_bytes() == before
