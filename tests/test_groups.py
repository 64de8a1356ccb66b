"""Peer groups, the to-meet list and the re-map reminder (docs/groups.md)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta

from conftest import error, ok, peermap_cmd, subprocess_env
from factories import candidate, network, peer
from peermap.core.group_brief import group_hints
from peermap.core.groups import remap_due
from peermap.core.model import Review
from peermap.storage.store import Store

TODAY = date(2026, 11, 22)


def _three(cli) -> None:
    for name in ("Ana Lima", "Bo Chen", "Cy Dorn"):
        ok(cli("add", name))


def test_group_add_and_show_json(cli):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana", "--member", "bo", "--cadence", "14",
           "--purpose", "on-call peers"))
    doc = json.loads(ok(cli("group", "show", "plat", "--format", "json")).stdout)
    assert doc == {"name": "Platform", "members": ["Ana Lima", "Bo Chen"], "not_on_map": [],
                   "cadence_days": 14, "purpose": "on-call peers", "added": "2026-11-22",
                   "last_meeting": None, "next_due": "2026-12-06"}
    listed = json.loads(ok(cli("group", "list", "--format", "json")).stdout)
    assert [g["name"] for g in listed] == ["Platform"]


def test_group_member_not_on_map_is_a_clear_error(cli, data_file):
    _three(cli)
    before = data_file.read_bytes()
    line = error(cli("group", "add", "Platform", "--member", "Zed Nobody"))
    assert "no peer called 'Zed Nobody'" in line
    assert data_file.read_bytes() == before


def test_group_edit_rename_remove(cli):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana"))
    ok(cli("group", "edit", "platform", "--add", "cy", "--drop", "ana", "--cadence", "28",
           "--name", "Infra"))
    doc = json.loads(ok(cli("group", "show", "infra", "--format", "json")).stdout)
    assert doc["members"] == ["Cy Dorn"] and doc["cadence_days"] == 28
    ok(cli("rename", "cy", "Cyrus Dorn"))
    doc = json.loads(ok(cli("group", "show", "infra", "--format", "json")).stdout)
    assert doc["members"] == ["Cyrus Dorn"]
    ok(cli("remove", "cyrus", "--yes"))
    assert json.loads(ok(cli("group", "show", "infra", "--format", "json")).stdout)[
        "members"] == []
    assert "Removed the group Infra" in ok(cli("group", "remove", "infra")).stdout
    assert "No groups yet" in ok(cli("group", "list")).stdout


def test_log_group_records_one_meeting_for_every_member(cli):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana", "--member", "bo", "--member", "cy"))
    out = ok(cli("log", "--group", "platform", "Ana brought the rota", "--kind", "met")).stdout
    assert "Ana Lima, Bo Chen, Cy Dorn" in out
    for name in ("ana", "bo", "cy"):
        log = json.loads(ok(cli("show", name, "--format", "json")).stdout)["log"]
        assert log == [{"date": "2026-11-22", "kind": "met", "note": "Ana brought the rota"}]


def test_log_without_peer_or_group_is_an_error(cli):
    _three(cli)
    r = cli("log")
    assert r.exit_code == 2 and "Missing argument 'PEER' (or --group NAME)" in r.stderr


def test_group_meeting_due_in_remind_on_its_cadence(cli):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana", "--member", "bo", "--cadence", "14"))
    ok(cli("log", "--group", "platform", "--kind", "met"))

    def group_items(day: str) -> list[dict]:
        doc = json.loads(ok(cli("--today", day, "remind", "--format", "json")).stdout)
        return [d for d in doc["due"] if d["type"] == "group"]

    assert group_items("2026-12-05") == []
    assert group_items("2026-12-06") == [{"type": "group", "peer": "Platform",
                                          "detail": "last met 14 days ago", "days": 0}]
    assert group_items("2026-12-09")[0]["days"] == 3
    # A meeting of only some members is not a group meeting.
    ok(cli("--today", "2026-11-30", "log", "ana"))
    assert group_items("2026-12-06")[0]["days"] == 0
    ok(cli("--today", "2026-12-06", "log", "--group", "platform"))
    assert group_items("2026-12-06") == []


def test_group_due_on_the_fast_remind_path(cli, data_file):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana", "--cadence", "7"))
    r = subprocess.run([*peermap_cmd(), "--today", "2026-12-01", "remind"],
                       env=subprocess_env(data_file), capture_output=True, text=True,
                       check=True)
    assert "group meeting due: Platform (not met since the group started 9 days ago)" \
        in r.stdout


def test_group_brief_shows_goals_pressures_loops_and_bring(cli):
    ok(cli("me", "--strength", "capacity planning"))
    ok(cli("add", "Ana Lima", "--goal", "a capacity plan for Q1", "--pressure", "on-call load"))
    ok(cli("add", "Bo Chen"))
    ok(cli("log", "ana", "send the rota draft", "--kind", "promised"))
    ok(cli("group", "add", "Platform", "--member", "ana", "--member", "bo"))
    out = ok(cli("group", "brief", "platform")).stdout
    assert "goals: a capacity plan for Q1" in out
    assert "pressures: on-call load" in out
    assert "open loop: promised 2026-11-22: send the rota draft" in out
    assert "bring: what you promised: send the rota draft" in out
    assert "bring: your capacity planning, for a capacity plan for Q1" in out
    assert "Bo Chen\n  goals: not known yet: ask" in out
    doc = json.loads(ok(cli("group", "brief", "platform", "--format", "json")).stdout)
    assert [m["peer"] for m in doc["members_brief"]] == ["Ana Lima", "Bo Chen"]


def test_group_hint_when_candidates_share_a_tag():
    net = network(*(candidate(n, tags=["ml-infra"]) for n in ("Ana", "Bo", "Cy")),
                  candidate("Di", tags=["other"]))
    hints = group_hints(net, TODAY)
    assert len(hints) == 1 and "share the tag 'ml-infra' (Ana, Bo, Cy)" in hints[0]
    assert "peermap group add ml-infra --member Ana --member Bo --member Cy" in hints[0]
    assert group_hints(network(candidate("Ana", tags=["x"]), candidate("Bo", tags=["x"])),
                       TODAY) == []


def test_stats_suggests_a_group(cli):
    for n in ("Ana", "Bo", "Cy"):
        ok(cli("add", n, "--tie", "weak", "--matters", "current-work", "--goal", "Faster CI"))
    assert "share the goal 'Faster CI'" in ok(cli("stats")).stdout


def test_meet_list_drop_and_add_records_introducer(cli, data_file):
    ok(cli("add", "Ana Lima"))
    out = ok(cli("meet", "Kai Lund", "--via", "ana", "--why", "runs the capacity model")).stdout
    assert "Added Kai Lund on your to-meet list (suggested by Ana Lima)" in out
    assert json.loads(ok(cli("meet", "list", "--format", "json")).stdout) == [
        {"name": "Kai Lund", "via": "Ana Lima", "why": "runs the capacity model",
         "added": "2026-11-22"}]
    out = ok(cli("add", "Kai Lund")).stdout
    assert "introduced by Ana Lima" in out
    assert json.loads(ok(cli("meet", "list", "--format", "json")).stdout) == []
    assert Store(data_file).load().find("Kai Lund").introduced_by == "Ana Lima"
    ok(cli("meet", "Lea Park"))
    assert "Took Lea Park off" in ok(cli("meet", "drop", "lea park")).stdout
    assert "not on your to-meet list" in error(cli("meet", "drop", "Lea Park"))


def test_meet_someone_already_on_the_map_or_unknown_introducer(cli, data_file):
    ok(cli("add", "Ana Lima"))
    before = data_file.read_bytes()
    assert "already on your map" in error(cli("meet", "ana lima"))
    assert "no peer called 'Zed'" in error(cli("meet", "Kai", "--via", "Zed"))
    assert data_file.read_bytes() == before


def test_remap_due_90_days_after_the_map_last_grew_until_a_review():
    net = network(peer("Ana", added=TODAY - timedelta(days=89)))
    assert remap_due(net, TODAY) == []
    net = network(peer("Ana", added=TODAY - timedelta(days=95)))
    (item,) = remap_due(net, TODAY)
    assert (item[0], item[3]) == ("remap", 5)
    net.reviews.append(Review(TODAY - timedelta(days=2)))
    assert remap_due(net, TODAY) == []
    # Another quarter on, it comes back once more.
    assert [i[3] for i in remap_due(net, TODAY + timedelta(days=90))] == [5]


def test_remap_in_remind(cli, data_file):
    ok(cli("add", "Ana Lima"))
    out = ok(cli("--today", "2027-02-25", "remind")).stdout
    assert "time to re-map (nobody added to your map 95 days ago" in out


def test_hand_edited_file_with_a_group_twice_is_refused(cli, data_file):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana"))
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text + '\n[[groups]]\nname = "platform"\ncadence_days = 0\n',
                         encoding="utf-8")
    line = error(cli("group", "list"))
    assert "group 'platform' appears twice" in line or "cadence_days" in line


def test_help_lists_groups_meet_and_discover_together(cli):
    out = ok(cli("--help")).stdout
    section = out.split("Groups and evidence:")[1]
    assert section.index("group") < section.index("meet") < section.index("discover")


def test_review_offers_a_re_map_once_then_remind_is_quiet(cli, data_file):
    ok(cli("--today", "2026-08-01", "add", "Ana Lima", "--tie", "weak", "--matters",
           "current-work"))
    ok(cli("meet", "Kai Lund"))  # today, 2026-11-22: the map itself last grew in August
    assert "time to re-map" in ok(cli("remind")).stdout
    r = cli("review", input="\n" * 30)
    assert r.exit_code == 0, r.stderr
    assert "Time for a short re-map (nobody added to your map 113 days ago" in r.stderr
    assert "1 on your to-meet list" in r.stderr
    assert "re-map" not in ok(cli("remind")).stdout


def test_log_group_words_a_kind_as_every_log_does(cli):
    _three(cli)
    ok(cli("group", "add", "Platform", "--member", "ana", "--member", "bo"))
    out = ok(cli("log", "--group", "platform", "the rota", "--kind", "asked")).stdout
    assert out.startswith("Logged an asked interaction with Platform")
