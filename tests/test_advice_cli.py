"""The advice commands as a user runs them: principles, loops, close, brief, the new
fields and log kinds, and "going quiet" in remind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import error, ok

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "network.toml"


@pytest.fixture
def example(data_file, monkeypatch):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, data_file)
    return data_file


def test_principles_text_and_json(cli):
    out = ok(cli("principles")).stdout
    assert "give before you ask" in out and "(give-first)" in out and "13." in out
    doc = json.loads(ok(cli("principles", "--format", "json")).stdout)
    assert [set(p) for p in doc] == [{"key", "name", "text"}] * 13
    assert doc[5]["key"] == "give-first"


def test_suggest_json_gives_principle_keys_and_text_ends_with_the_short_name(cli, example):
    doc = json.loads(ok(cli("suggest", "--format", "json")).stdout)
    assert doc and all(set(s) == {"text", "step", "principle", "situation", "now"}
                       for d in doc for s in d["suggestions"])
    for d in doc:  # at most one now item per peer, and it comes first
        nows = [i for i, s in enumerate(d["suggestions"]) if s["now"]]
        assert nows in ([], [0]), d
    out = ok(cli("suggest")).stdout
    assert "(principle" not in out
    nows = sum(bool(s["now"]) for d in doc for s in d["suggestions"])
    assert nows and out.count("Now: ") == nows  # the now item is marked in text too
    assert "(give before you ask)" in out or "(know them)" in out


def test_goals_and_pressures_are_saved_shown_and_omitted_when_empty(cli, data_file):
    ok(cli("add", "Grace Example", "--goal", "ship the allocator", "--pressure", "Q1 perf"))
    text = data_file.read_text()
    assert 'goals = ["ship the allocator"]' in text and 'pressures = ["Q1 perf"]' in text
    ok(cli("edit", "grace", "--goal", "", "--at-risk", "the export may slip"))
    text = data_file.read_text()
    assert "goals" not in text and 'at_risk = "the export may slip"' in text
    out = ok(cli("show", "grace")).stdout
    assert "Q1 perf" in out and "the export may slip" in out


def test_new_log_kinds_open_and_close_loops(cli, data_file):
    ok(cli("add", "Grace Example", "--tie", "weak", "--matters", "current-work"))
    ok(cli("log", "grace", "Send the profiling notes", "--kind", "promised", "--date", "20d"))
    ok(cli("log", "grace", "Asked for a review", "--kind", "feedback-asked", "--date", "10d"))
    ok(cli("log", "grace", "She asked about our SLOs", "--kind", "they-asked"))
    ok(cli("log", "grace", "Fixed my build", "--kind", "they-helped"))
    loops = json.loads(ok(cli("loops", "--format", "json")).stdout)
    # What they asked of you is a loop too, theirs: open until you answer it.
    assert [(lp["n"], lp["kind"]) for lp in loops] == [
        (1, "promised"), (2, "feedback-asked"), (3, "they-asked")]
    assert "(open loop)" in ok(cli("show", "grace")).stdout
    before = data_file.read_bytes()
    msg = error(cli("close", "grace"))
    assert "3 open loops" in msg and data_file.read_bytes() == before
    error(cli("close", "grace", "4"))
    ok(cli("close", "grace", "1"))
    assert "closed = 2026-11-22" in data_file.read_text()
    ok(cli("close", "grace", "2"))
    loops = json.loads(ok(cli("loops", "--format", "json")).stdout)
    assert [lp["kind"] for lp in loops] == ["feedback-asked"]
    ok(cli("close", "grace"))
    assert "No open loops" in ok(cli("loops")).stdout
    error(cli("close", "grace"))


def test_brief_json_keys_and_text(cli, example):
    doc = json.loads(ok(cli("brief", "zoe", "--format", "json")).stdout)
    for key in ("peer", "tie", "team", "role", "location", "goals", "pressures", "recent",
                "open_loops", "balance", "strength", "questions", "dont"):
        assert key in doc
    assert len(doc["recent"]) == 3 and 2 <= len(doc["questions"]) <= 3
    assert doc["goals"] == ["fewer allocations on the hot path"]
    assert doc["open_loops"][0]["kind"] == "feedback-asked"
    out = ok(cli("brief", "zoe")).stdout
    assert "Before your 1:1 with Zoë Achterberg" in out and "Don't" in out
    assert '"fewer allocations on the hot path"' in out
    error(cli("brief", "nobody"))


def test_remind_and_dashboard_show_strong_ties_going_quiet(cli, example):
    out = ok(cli("remind", "--as-of", "2026-11-22")).stdout
    assert "going quiet: your strong tie with Hamid Farouk (last contact 52 days ago)" in out
    assert "Björn" not in out  # 4 days since the last contact
    doc = json.loads(ok(cli("remind", "--format", "json")).stdout)
    assert {"type": "quiet", "peer": "Hamid Farouk", "detail": "last contact 52 days ago",
            "days": 52} in doc["due"]
    assert "going quiet" in ok(cli()).stdout


def test_stats_shows_what_came_before_ties_went_up(cli, example):
    doc = json.loads(ok(cli("stats", "--format", "json")).stdout)
    assert doc["before_upgrades"]["upgrades"] == 3
    assert "Before ties went up (3)" in ok(cli("stats")).stdout


def test_debrief_with_piped_answers_saves_each_answer(cli, example):
    answers = "\n".join([
        "y", "We walked through the inliner plan",
        "land the inliner before the Q1 freeze", "",
        "hiring freeze on her team", "",
        "Send her the batching benchmark numbers by Friday", "",
        "",  # what they asked of you
        "Priya Nair", "",  # whom they suggested you meet
        "", "",  # feedback, and what you will do with it
        "1",  # loops to close
        "",  # said in confidence
        "",  # at risk
        "strong",
        "", "",  # next step and its date
    ]) + "\n"
    r = ok(cli("debrief", "zoe", input=answers))
    assert "Debrief saved" in r.stderr
    from peermap.storage.store import Store

    net = Store(example).load()
    zoe = net.find("Zoë Achterberg")
    assert "land the inliner before the Q1 freeze" in zoe.goals
    assert "hiring freeze on her team" in zoe.pressures
    assert zoe.tie.value == "strong"
    kinds = [(e.kind.value, e.note, e.closed) for e in zoe.log
             if e.date.isoformat() == "2026-11-22"]
    assert ("met", "We walked through the inliner plan", None) in kinds
    assert ("promised", "Send her the batching benchmark numbers by Friday", None) in kinds
    assert [lp["kind"] for lp in json.loads(ok(cli("loops", "--format", "json")).stdout)
            if lp["peer"] == "Zoë Achterberg"] == ["promised"]
    assert [(m.name, m.via) for m in net.to_meet] == [("Priya Nair", "Zoë Achterberg")]


def test_debrief_stops_cleanly_at_the_end_of_input(cli, example):
    r = ok(cli("debrief", "zoe", input="n\n\nfewer meetings\n"))
    assert "End of input" in r.stderr
    from peermap.storage.store import Store

    assert "fewer meetings" in Store(example).load().find("Zoë Achterberg").goals


@pytest.mark.slow
def test_debrief_through_a_terminal(example):
    import sys

    pexpect = pytest.importorskip("pexpect")
    from tests.conftest import subprocess_env

    env = subprocess_env(example, TERM="dumb", PEERMAP_WIDTH="100")
    child = pexpect.spawn(sys.executable, ["-m", "peermap", "debrief", "tomas"], env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 100))
    child.expect_exact("Log the 1:1 with Tomás Ferreira as met today?")
    child.sendline("n")
    child.expect_exact("A note on how it went")
    child.sendline("")
    child.expect_exact("goal")
    child.sendline("")
    child.expect_exact("pressure")
    child.sendline("lakehouse migration by March")
    child.expect_exact("Saved to pressures.")
    child.sendline("")
    child.expect_exact("promise")
    child.sendline("")
    child.expect_exact("they asked")
    child.sendline("")
    child.expect_exact("Whom did they suggest you meet?")
    child.sendline("Priya Nair")
    child.expect_exact("Added Priya Nair to your to-meet list (via Tomás Ferreira).")
    child.sendline("")
    child.expect_exact("Feedback they gave you")
    child.sendline("")
    child.expect_exact("What will you do with it?")
    child.sendline("")
    child.expect_exact("Numbers to close")
    child.sendline("1 2")
    child.expect_exact("Closed 2.")
    child.expect_exact("Anything said in confidence?")
    child.sendline("")
    child.expect_exact("relies on from you at risk?")
    child.sendline("")
    child.expect_exact("Has the tie with Tomás Ferreira changed?")
    child.sendline("")
    child.expect_exact("Your next step with them?")
    child.sendline("")
    child.expect_exact("Due")
    child.sendline("")
    child.expect_exact("Debrief saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    from peermap.storage.store import Store

    tomas = Store(example).load().find("Tomás Ferreira")
    assert tomas.pressures == ["lakehouse migration by March"]
    assert [e.kind.value for e in tomas.log if e.is_open] == []
    assert sum(e.closed is not None for e in tomas.log) == 3  # one closed in the example
