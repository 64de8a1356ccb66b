"""The field table (docs/fields.md): every field through add/edit, CSV and JSON, import
--update and merge, and the data that merge and import used to lose."""

from __future__ import annotations

import json

from conftest import ok


def peer_json(cli, name):
    return json.loads(ok(cli("show", name, "--format", "json")).stdout)


# --- merge KEEP OTHER loses nothing of OTHER ------------------------------------------


def test_merge_keeps_others_at_risk_cadence_and_why_none_in_the_notes(cli):
    ok(cli("add", "Ana Lima", "--tie", "weak"))
    ok(cli("edit", "Ana Lima", "--at-risk", "the v2 schema may slip", "--cadence", "14"))
    ok(cli("add", "Ana L", "--force", "--tie", "nonexistent", "--why-none", "clash"))
    ok(cli("edit", "Ana L", "--at-risk", "the export is late", "--cadence", "7"))
    r = ok(cli("merge", "Ana Lima", "Ana L"))
    p = peer_json(cli, "Ana Lima")
    assert p["at_risk"] == "the v2 schema may slip" and p["cadence_days"] == 14
    assert "why_none" not in p
    assert p["notes"].splitlines() == ["From Ana L (merged):", "at_risk: the export is late",
                                       "cadence_days: 7", "why_none: clash"]
    assert "Ana L's differing at-risk note, cadence and reason for no tie are kept" in r.stdout


def test_merge_fills_empty_single_values_from_other(cli):
    ok(cli("add", "Ana Lima"))
    ok(cli("add", "Ana L", "--force", "--tie", "n", "--why-none", "not-tried",
           "--at-risk", "the export is late", "--cadence", "7", "--email", "ana@x.org"))
    r = ok(cli("merge", "Ana Lima", "Ana L"))
    p = peer_json(cli, "Ana Lima")
    assert (p["tie"], p["why_none"], p["at_risk"], p["cadence_days"], p["email"]) == (
        "nonexistent", "not-tried", "the export is late", 7, ["ana@x.org"])
    assert "notes" not in p
    assert ("brought over 1 e-mail address, 1 tie rating; took its tie, reason for no tie, "
            "at-risk note and cadence.") in r.stdout


def test_merge_joins_logs_as_a_multiset(cli):
    ok(cli("add", "Ana Lima"))
    ok(cli("add", "Ana L", "--force"))
    ok(cli("log", "Ana Lima", "reviewed her PR", "--kind", "helped", "--date", "2026-11-10"))
    for _ in range(2):
        ok(cli("log", "Ana L", "reviewed her PR", "--kind", "helped", "--date", "2026-11-10"))
    r = ok(cli("merge", "Ana Lima", "Ana L"))
    assert "brought over 2 log entries" in r.stdout
    log = peer_json(cli, "Ana Lima")["log"]
    assert [e["kind"] for e in log] == ["helped"] * 3


def test_merge_counts_one_goal_in_the_singular(cli):
    ok(cli("add", "Ana Lima", "--goal", "ship v2"))
    ok(cli("add", "Ana L", "--force", "--goal", "hire two"))
    r = ok(cli("merge", "Ana Lima", "Ana L"))
    assert "brought over 1 goal." in r.stdout
