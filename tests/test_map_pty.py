"""`peermap map` through a real pseudo-terminal: line editing, Ctrl-C, resuming."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pytest.fixture
def env(data_file) -> dict[str, str]:
    e = dict(os.environ)
    e.pop("PEERMAP_WIDTH", None)  # the terminal's own width
    e.update({"PEERMAP_FILE": str(data_file), "PEERMAP_TODAY": "2026-11-22", "NO_COLOR": "1",
              "TERM": "xterm"})
    return e


def spawn(env, *args: str):
    return pexpect.spawn(sys.executable, ["-m", "peermap", "map", *args], env=env,
                         encoding="utf-8", timeout=120, dimensions=(40, 100))


def answer(child, prompt: str, text: str) -> None:
    """Wait for a prompt (whatever hint follows it on its line), then type a line."""
    child.expect(re.escape(prompt) + r"[\s\S]*?› ")
    child.sendline(text)


def interrupt(child) -> None:
    """Ctrl-C at the prompt just shown. The pause lets readline start waiting for keys:
    CPython's readline misses a SIGINT that lands between printing the prompt and its
    select() (a window of microseconds for a person, but not for a test)."""
    time.sleep(1.0)
    child.sendintr()


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def peers(env) -> dict[str, dict]:
    out = subprocess.run([sys.executable, "-m", "peermap", "list", "--format", "json"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return {p["name"]: p for p in json.loads(out)}


def about_me(child, team: str = "Payments", location: str = "") -> None:
    answer(child, "your name", "")
    answer(child, "your team", team)
    answer(child, "your location", location)
    answer(child, "two or three strengths", "")


def brainstorm(child) -> None:
    about_me(child)
    answer(child, "name", "")  # nobody named for your own team
    answer(child, "name", "Grace Example")
    answer(child, "team", "Compilers")
    answer(child, "location", "Remote")
    answer(child, "name", "")
    answer(child, "name", "Alan Turing")
    answer(child, "team", "")
    answer(child, "location", "")
    answer(child, "name", "")
    answer(child, "name", "Grace")
    answer(child, "same as Grace Example?", "")
    answer(child, "name", "")
    answer(child, "name", "Priya Patel")
    answer(child, "team", "")
    answer(child, "location", "Dublin")
    answer(child, "name", "")
    answer(child, "name", "")


def test_full_run_from_an_empty_file(env):
    child = spawn(env)
    child.expect_exact("Step 1 of 4 · Brainstorm")
    child.expect_exact("fifteen minutes")
    brainstorm(child)
    child.expect_exact("Step 2 of 4 · Rate each tie")
    child.expect_exact("step 2 of 4 · 0 of 3 peers rated")
    answer(child, "tie with Alan Turing", "weak")
    answer(child, "matters for", "1")
    answer(child, "tie with Grace Example", "n")
    answer(child, "why", "")
    answer(child, "matters for", "1 2")
    answer(child, "tie with Priya Patel", "w")
    answer(child, "matters for", "big picture")
    child.expect_exact("Step 3 of 4 · Pick three to five")
    answer(child, "pick 3 to 5", "1 2")
    child.expect_exact("you picked 2")
    answer(child, "pick 3 to 5", "1 2 3")
    child.expect_exact("Step 4 of 4 · Follow up")
    answer(child, "next step", "")
    answer(child, "aiming for", "A faster build")  # one light question for the advice
    answer(child, "next step", "2")
    answer(child, "aiming for", "")
    answer(child, "next step", "Ask about the roadmap")
    answer(child, "aiming for", "")
    child.expect_exact("Your map")
    assert finish(child) == 0

    got = peers(env)
    assert set(got) == {"Alan Turing", "Grace Example", "Priya Patel"}
    assert got["Grace Example"]["affects"] == ["helps-me", "shared-goals"]
    assert (got["Grace Example"]["tie"], got["Grace Example"]["why_none"]) == \
        ("nonexistent", "not-tried")
    assert got["Priya Patel"]["location"] == "Dublin"
    assert got["Priya Patel"]["matters"] == ["big-picture"]
    assert all(p["focus"] for p in got.values())
    assert [p.get("goals") for p in got.values() if p.get("goals")] == [["A faster build"]]
    assert all(p["next"]["due"] == "2026-11-29" for p in got.values())
    assert "Ask about the roadmap" in {p["next"]["step"] for p in got.values()}


def test_ctrl_c_keeps_every_answer_and_exits_130(env):
    child = spawn(env)
    about_me(child, "Payments", "London")
    answer(child, "name", "")
    answer(child, "name", "Grace Example")
    answer(child, "team", "Compilers")
    child.expect(r"location[\s\S]*?› ")
    interrupt(child)
    child.expect_exact("Your answers so far are saved.")
    assert finish(child) == 130
    got = peers(env)
    assert got["Grace Example"]["team"] == "Compilers"
    assert got["Grace Example"]["affects"] == ["helps-me"]


def test_second_run_resumes_where_the_first_stopped(env):
    child = spawn(env)
    brainstorm(child)
    answer(child, "tie with Alan Turing", "s")
    answer(child, "matters for", "")
    child.expect_exact("tie with Grace Example")
    interrupt(child)
    assert finish(child) == 130

    child = spawn(env)
    child.expect_exact("Step 2 of 4 · Rate each tie")
    child.expect_exact("step 2 of 4 · 1 of 3 peers rated")
    answer(child, "tie with Grace Example", "w")
    answer(child, "matters for", "1")
    answer(child, "tie with Priya Patel", "w")
    answer(child, "matters for", "1")
    child.expect_exact("only 2 candidates")
    answer(child, "focus on Grace Example and Priya Patel?", "y")
    child.expect(r"next step[\s\S]*?› ")
    child.sendeof()  # Ctrl-D at the first next step: stop cleanly
    child.expect_exact("End of input")
    assert finish(child) == 0
    got = peers(env)
    assert got["Alan Turing"]["tie"] == "strong"
    assert {n for n, p in got.items() if p.get("focus")} == {"Grace Example", "Priya Patel"}

    child = spawn(env)
    child.expect_exact("Step 4 of 4 · Follow up")
    answer(child, "next step", "-")
    answer(child, "aiming for", "")
    answer(child, "next step", "")
    answer(child, "aiming for", "")
    assert finish(child) == 0


def test_ctrl_c_in_the_brainstorm_resumes_at_that_question(env):
    """the questions after an interrupted one are not lost."""
    child = spawn(env)
    about_me(child)
    answer(child, "name", "")
    answer(child, "name", "Grace Example")  # question 2: who helps you
    answer(child, "team", "")
    answer(child, "location", "")
    answer(child, "name", "")
    child.expect_exact("Who depends on your work?")
    child.expect(r"name[\s\S]*?› ")
    interrupt(child)
    assert finish(child) == 130

    child = spawn(env)
    child.expect_exact("Step 1 of 4 · Brainstorm")
    child.expect_exact("Picking up at question 3 of 6.")
    child.expect_exact("Who depends on your work?")
    answer(child, "name", "Alan Turing")
    answer(child, "team", "")
    answer(child, "location", "")
    answer(child, "name", "")
    answer(child, "name", "")
    answer(child, "name", "")
    child.expect_exact("Who might you need in six to twelve months?")
    answer(child, "name", "")
    child.expect_exact("Step 2 of 4 · Rate each tie")
    child.expect(r"tie with Alan Turing[\s\S]*?› ")
    child.sendeof()
    assert finish(child) == 0
    assert peers(env)["Alan Turing"]["affects"] == ["relies-on-me"]


def test_rated_peer_without_matters_is_asked_on_resume(env):
    """Ctrl-C between the tie and `matters` is asked again next time."""
    child = spawn(env)
    brainstorm(child)
    answer(child, "tie with Alan Turing", "w")
    child.expect(r"matters for[\s\S]*?› ")
    interrupt(child)
    assert finish(child) == 130
    assert "matters" not in peers(env)["Alan Turing"]

    child = spawn(env)
    child.expect_exact("Step 2 of 4 · Rate each tie")
    child.expect_exact("not yet said what this tie matters for")
    answer(child, "matters for", "1 2")
    answer(child, "tie with Grace Example", "s")
    answer(child, "matters for", "")
    answer(child, "tie with Priya Patel", "w")
    answer(child, "matters for", "")  # none: left out of the candidates, and told so
    child.expect_exact("Left out: Priya Patel (weak)")
    child.expect(r"› ")
    child.sendeof()
    assert finish(child) == 0
    assert peers(env)["Alan Turing"]["matters"] == ["current-work", "future-work"]
