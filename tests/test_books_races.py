"""Real concurrent processes against a debrief that waits for its next answer: every save
addresses what the user saw (docs/books.md), never a peer or loop found again by name or
position."""

from __future__ import annotations

import subprocess

import pytest

from conftest import peermap_cmd, subprocess_env
from peermap.storage.store import parse
from test_concurrency import read_until, run_peermap

pytestmark = pytest.mark.slow


def start(path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*peermap_cmd(), *args], env=subprocess_env(path),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def test_debrief_never_saves_to_another_peer_after_a_concurrent_merge(data_file):
    for args in (("init",), ("add", "Al"), ("add", "Alan Turing", "--force"),
                 ("add", "Bob Smith")):
        assert run_peermap(data_file, *args).returncode == 0
    debrief = start(data_file, "debrief", "Al")
    try:
        debrief.stdin.write(b"y\nmet Al\n")
        debrief.stdin.flush()
        read_until(debrief, "goal ")
        r = run_peermap(data_file, "merge", "Bob Smith", "Al")
        assert r.returncode == 0, r.stderr
        _, err = debrief.communicate(b"Al's goal\n\n\nAl's promise\n\n" + b"\n" * 10,
                                     timeout=60)
    finally:
        debrief.kill()
    net = parse(data_file.read_bytes(), data_file)
    alan = net.find("Alan Turing")
    assert alan is not None and alan.goals == [] and alan.log == []
    assert "no longer on your map" in err.decode()
    assert "Traceback" not in err.decode()


def test_debrief_never_closes_another_loop_after_a_concurrent_close(data_file):
    assert run_peermap(data_file, "init").returncode == 0
    assert run_peermap(data_file, "add", "Kim").returncode == 0
    for i in (1, 2, 3):
        r = run_peermap(data_file, "log", "Kim", f"a{i}", "-k", "asked", "--date",
                        f"2026-11-1{i}")
        assert r.returncode == 0, r.stderr
    debrief = start(data_file, "debrief", "Kim")
    try:
        # met: no; note; goals, pressures, promises, they asked: none; feedback; will do.
        debrief.stdin.write(b"n\n\n\n\n\n\n\n\n\n")
        debrief.stdin.flush()
        read_until(debrief, "Numbers to close")
        r = run_peermap(data_file, "close", "Kim", "1")
        assert r.returncode == 0, r.stderr
        _, err = debrief.communicate(b"2\n" + b"\n" * 8, timeout=60)
    finally:
        debrief.kill()
    net = parse(data_file.read_bytes(), data_file)
    closed = {e.note for e in net.find("Kim").log if e.closed is not None}
    # The user saw a1, a2, a3 and picked 2 (a2); another peermap closed a1 meanwhile.
    assert closed == {"a1", "a2"}
    assert "Traceback" not in err.decode()


def test_log_at_a_terminal_asks_which_suggestion_it_carried_out(data_file):
    import sys

    pexpect = pytest.importorskip("pexpect")
    assert run_peermap(data_file, "init").returncode == 0
    r = run_peermap(data_file, "add", "Grace", "--tie", "weak", "--matters", "current-work",
                    "--goal", "ship the allocator")
    assert r.returncode == 0, r.stderr
    env = subprocess_env(data_file, TERM="dumb", PEERMAP_WIDTH="100")
    child = pexpect.spawn(sys.executable, ["-m", "peermap", "log", "grace", "sent a link"],
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 100))
    child.expect_exact("Did this carry out one of these?")
    child.expect_exact("numbers, Enter for none")
    child.sendline("1")
    child.expect_exact("carried out")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    entry = parse(data_file.read_bytes(), data_file).peers[0].log[-1]
    assert entry.note == "sent a link" and entry.acted
    # Never in a pipe: a script's log asks nothing.
    r = run_peermap(data_file, "log", "grace", "again")
    assert r.returncode == 0 and "carry out" not in r.stderr
