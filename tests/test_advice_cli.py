"""The commands of issue 13 as a user runs them: principles, loops, close, brief, the new
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
    assert doc and all(set(s) == {"text", "principle"} for d in doc for s in d["suggestions"])
    out = ok(cli("suggest")).stdout
    assert "(principle" not in out
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
    assert [(lp["n"], lp["kind"]) for lp in loops] == [(1, "promised"), (2, "feedback-asked")]
    assert "(open loop)" in ok(cli("show", "grace")).stdout
    before = data_file.read_bytes()
    msg = error(cli("close", "grace"))
    assert "2 open loops" in msg and data_file.read_bytes() == before
    error(cli("close", "grace", "3"))
    ok(cli("close", "grace", "1"))
    assert "closed = 2026-11-22" in data_file.read_text()
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
