"""Import (docs/formats.md): CSV and JSON, row-numbered problems, all or nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from peermap.core.errors import PeermapError
from peermap.core.model import (
    Affects,
    Kind,
    LogEntry,
    Matters,
    Me,
    Network,
    NextStep,
    Peer,
    Tie,
    TieChange,
    WhyNone,
    to_doc,
)
from peermap.formats.exporters import export
from peermap.formats.importer import apply_import, plan_import, read_rows
from peermap.storage.store import Store

TODAY = date(2026, 11, 27)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "peers.csv"

GOOD = (
    "name,team,role,location,tie,why_none,affects,matters,tags,notes\n"
    "Grace Example,Compilers,Staff engineer,Remote,weak,,helps-me;shared-goals,"
    "current-work;big-picture,compilers; mentoring ,Met at the offsite.\n"
    "Zoë Ñúñez,Payments,,London,Nonexistent,not tried,,future-work,,\n"
    "Sam,,,,,,,,,\n"
)


def plan(data: bytes | str, net: Network | None = None, update: bool = False):
    net = net if net is not None else Network()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return net, plan_import(net, read_rows(raw), update, TODAY)


def imported(data: bytes | str, net: Network | None = None, update: bool = False) -> Network:
    net, p = plan(data, net, update)
    assert p.problems == []
    apply_import(net, p)
    return net


# --- reading CSV -----------------------------------------------------------------------


def test_csv_rows_are_parsed_and_normalised():
    net = imported(GOOD)
    grace, sam, zoe = net.peers
    assert grace.name == "Grace Example"
    assert (grace.team, grace.role, grace.location) == ("Compilers", "Staff engineer", "Remote")
    assert grace.tie == Tie.WEAK and grace.why_none is None
    assert grace.affects == [Affects.HELPS_ME, Affects.SHARED_GOALS]
    assert grace.matters == [Matters.CURRENT_WORK, Matters.BIG_PICTURE]
    assert grace.tags == ["compilers", "mentoring"]
    assert grace.notes == "Met at the offsite."
    assert grace.added == TODAY and grace.ties == [TieChange(TODAY, Tie.WEAK)]
    assert zoe.tie == Tie.NONEXISTENT and zoe.why_none == WhyNone.NOT_TRIED
    assert sam.tie is None and sam.ties == [] and sam.added == TODAY


def test_bom_and_no_bom_read_the_same():
    with_bom = read_rows(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    without = read_rows(GOOD.encode("utf-8"))
    assert with_bom.problems == without.problems == []
    assert with_bom.rows == without.rows
    assert with_bom.rows[0].data["name"] == "Grace Example"


def test_reads_a_path_and_picks_the_kind_from_the_suffix(tmp_path):
    f = tmp_path / "people.csv"
    f.write_text(GOOD, encoding="utf-8")
    rows = read_rows(f)
    assert rows.kind == "csv" and len(rows.rows) == 3
    j = tmp_path / "backup.json"
    j.write_text("[]", encoding="utf-8")
    assert read_rows(str(j)).kind == "json"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PeermapError, match="does not exist"):
        read_rows(tmp_path / "nope.csv")


def test_headings_are_case_and_space_insensitive():
    net = imported("Name, Team ,WHY-NONE,Tie\nAda,Search,clash,nonexistent\n")
    assert net.peers[0].team == "Search" and net.peers[0].why_none == WhyNone.CLASH


def test_blank_lines_are_not_rows_but_still_count():
    _, p = plan("name,tie\nAda,weak\n\nBob,strung\n")
    assert p.problems == [(4, "the tie must be strong, weak or nonexistent, not 'strung'")]


# --- problems with row numbers -----------------------------------------------------------


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_applied(tmp_path):
    text = (
        "name,team,tie,why_none,affects\n"
        "Good Person,Search,weak,,\n"  # row 2: fine
        ",Search,weak,,\n"  # row 3: empty name
        "Bad Tie,Search,strung,,\n"  # row 4: tie misspelt
        "Why Not,Search,weak,clash,\n"  # row 5: why_none on a weak tie
        "Bad Affects,Search,,,helps-you\n"  # row 6
        "Bell\x07Ringer,,,,\n"  # row 7: a control character
    )
    store = Store(tmp_path / "peers.toml")
    store.update(lambda net: net.peers.append(Peer(name="Existing")), "seed")
    before = (tmp_path / "peers.toml").read_bytes()
    rows = read_rows(text.encode("utf-8"))

    def change(net):
        return apply_import(net, plan_import(net, rows, False, TODAY))

    with pytest.raises(PeermapError, match="nothing was imported: the file has 5 problems"):
        store.update(change, "import")
    assert (tmp_path / "peers.toml").read_bytes() == before
    p = plan_import(store.load(), rows, False, TODAY)
    assert [n for n, _ in p.problems] == [3, 4, 5, 6, 7]
    reasons = dict(p.problems)
    assert "name is empty" in reasons[3]
    assert "'strung'" in reasons[4]
    assert "why_none only goes with the tie \"nonexistent\"" in reasons[5]
    assert "helps-you" in reasons[6]
    assert "U+0007" in reasons[7]
    assert p.problem_lines()[0].startswith("row 3: ")


def test_not_utf8_names_the_row():
    data = "name,team\nAda,X\nJosé,Y\n".encode("latin-1")
    rows = read_rows(data)
    assert rows.rows == []
    assert len(rows.problems) == 1
    assert rows.problems[0][0] == 3
    assert "UTF-8" in rows.problems[0][1]


def test_missing_name_column():
    _, p = plan("team,tie\nSearch,weak\n")
    assert p.problems == [(1, "there is no `name` column; the first row must name the "
                              "columns, for example name,team,tie")]
    assert p.added == []


def test_semicolon_separated_file_gets_a_hint():
    _, p = plan("name;team\nAda;Search\n")
    assert p.problems[0][0] == 1 and "separated by `;`" in p.problems[0][1]


def test_unknown_column_is_reported_not_dropped():
    _, p = plan("name,emial\nAda,ada@example.com\n")
    assert p.problems[0][0] == 1 and "'emial'" in p.problems[0][1]


def test_value_in_a_column_without_heading():
    _, p = plan("name,team\nAda,Search,extra\n")
    assert p.problems[0][0] == 2 and "without a heading" in p.problems[0][1]


def test_the_csv_exports_extra_columns_are_ignored_with_a_note():
    net = Network(peers=[Peer(name="Ada", tie=Tie.WEAK, focus=True,
                              next=NextStep("Ask", TODAY))])
    _, p = plan(export("csv", net, TODAY))
    assert p.problems == [] and p.added == ["Ada"]
    assert any("focus, next_step, next_due, last_contact" in n for n in p.notes)
    assert p.new_peers[0].focus is False and p.new_peers[0].next is None


def test_duplicate_names_in_the_file_are_row_errors():
    _, p = plan("name\nAda Lovelace\nBob\n  ada   LOVELACE \n")
    assert p.problems == [(4, "'ada LOVELACE' is also on row 2; list each peer once")]


def test_multiline_cells_keep_row_numbers_and_name_the_line():
    text = 'name,notes\nAda,"line one\nline two"\nBob\x01,\n'
    _, p = plan(text)
    assert p.problems[0][0] == 3
    assert p.problems[0][1].endswith("(line 4)")


def test_the_formula_guard_is_undone():
    net = imported("name,notes\n'=Eq Person,'- a bullet\n'Quoted,x\n")
    names = {p.name: p.notes for p in net.peers}
    assert names == {"=Eq Person": "- a bullet", "'Quoted": "x"}


# --- skip or update ----------------------------------------------------------------------


def existing_network() -> Network:
    return Network(peers=[Peer(
        name="Grace Example", team="Old team", role="Engineer", tie=Tie.NONEXISTENT,
        why_none=WhyNone.CLASH, tags=["keep"], added=date(2026, 1, 1),
        ties=[TieChange(date(2026, 1, 1), Tie.NONEXISTENT)],
        log=[LogEntry(date(2026, 2, 1), Kind.CHAT, "hello")],
    )])


def test_existing_names_are_skipped_without_update():
    net = existing_network()
    before = to_doc(net)
    net, p = plan("name,team,tie\ngrace EXAMPLE,New team,weak\nNew Person,,\n", net)
    assert p.skipped == ["Grace Example"]
    assert p.added == ["New Person"]
    assert p.updated == []
    assert to_doc(net) == before  # planning changes nothing (this is --dry-run)
    apply_import(net, p)
    assert net.find("Grace Example").team == "Old team"
    assert [x.name for x in net.peers] == ["Grace Example", "New Person"]


def test_update_changes_given_cells_and_keeps_the_rest():
    net = imported("name,team,tie,notes\ngrace EXAMPLE,New team,weak,\n", existing_network(),
                   update=True)
    g = net.find("Grace Example")
    assert g.name == "Grace Example"  # the map's spelling stays
    assert g.team == "New team"
    assert g.role == "Engineer" and g.tags == ["keep"]  # empty cells keep what is there
    assert g.tie == Tie.WEAK and g.why_none is None
    assert g.ties == [TieChange(date(2026, 1, 1), Tie.NONEXISTENT), TieChange(TODAY, Tie.WEAK)]
    assert g.log == [LogEntry(date(2026, 2, 1), Kind.CHAT, "hello")]


def test_update_reports_unchanged_rows():
    net, p = plan("name,team\nGrace Example,Old team\n", existing_network(), update=True)
    assert p.unchanged == ["Grace Example"] and p.updated == []


def test_update_why_none_must_fit_the_resulting_tie():
    net, p = plan("name,why_none\nGrace Example,not-tried\n", existing_network(), update=True)
    assert p.problems == [] and p.updated == ["Grace Example"]
    apply_import(net, p)
    assert net.find("Grace Example").why_none == WhyNone.NOT_TRIED
    _, p = plan("name,tie,why_none\nGrace Example,strong,clash\n", existing_network(),
                update=True)
    assert p.problems[0][0] == 2 and "why_none" in p.problems[0][1]


def test_apply_refuses_a_plan_made_against_another_state():
    net, p = plan("name\nNew Person\n", Network())
    net.peers.append(Peer(name="new person"))
    with pytest.raises(PeermapError, match="changed while the import was being planned"):
        apply_import(net, p)
    assert [x.name for x in net.peers] == ["new person"]


# --- JSON --------------------------------------------------------------------------------


def rich_network() -> Network:
    return Network(
        me=Me(name="Ada", team="Payments"),
        peers=[
            Peer(name="Grace Example", team="Compilers", tie=Tie.WEAK, focus=True,
                 focus_since=date(2026, 11, 20), cadence_days=7, added=date(2026, 11, 1),
                 affects=[Affects.HELPS_ME], matters=[Matters.BIG_PICTURE], tags=["x"],
                 notes="multi\nline\twith tab", next=NextStep("Ask", date(2026, 11, 30)),
                 ties=[TieChange(date(2026, 11, 1), Tie.NONEXISTENT),
                       TieChange(date(2026, 11, 20), Tie.WEAK)],
                 log=[LogEntry(date(2026, 11, 10), Kind.SHARED, "Sent it.")]),
            Peer(name="Łukasz", tie=Tie.NONEXISTENT, why_none=WhyNone.CLASH),
            Peer(name="Unrated Person"),
        ],
    )


def test_json_export_round_trips_into_an_empty_map():
    original = rich_network()
    net, p = plan(export("json", original, TODAY))
    assert p.problems == [] and sorted(p.added) == sorted(x.name for x in original.peers)
    assert any("Only the peers are imported" in n for n in p.notes)
    apply_import(net, p)
    original.sort()
    assert net.peers == original.peers
    assert net.me == Me()  # the profile is not imported


def test_json_list_of_peer_objects_with_entry_numbers():
    data = json.dumps([
        {"name": "Fine", "tie": "weak"},
        {"name": "Bad tie", "tie": "medium"},
        "not an object",
        {"name": "Typo", "teem": "x"},
        {"name": "fine"},
    ])
    _, p = plan(data)
    assert [n for n, _ in p.problems] == [2, 3, 4, 5]
    reasons = dict(p.problems)
    assert "strong, weak or nonexistent" in reasons[2]
    assert "not a peer object" in reasons[3]
    assert "'teem'" in reasons[4]
    assert "also on entry 1" in reasons[5]
    assert p.problem_lines()[0].startswith("entry 2: ")


def test_json_document_errors_outside_peers_are_reported():
    _, p = plan(json.dumps({"schema": 99, "peers": []}))
    assert p.problems and p.problems[0][0] == 0 and "upgrade peermap" in p.problems[0][1]
    _, p = plan("{not json")
    assert p.problems[0][0] == 0 and "not valid JSON" in p.problems[0][1]


def test_json_update_merges_history_instead_of_replacing_it():
    net = existing_network()
    incoming = [{"name": "Grace Example", "tie": "weak", "log": [
        {"date": "2026-02-01", "kind": "chat", "note": "hello"},
        {"date": "2026-11-01", "kind": "shared", "note": "new"},
    ], "ties": [{"date": "2026-11-01", "tie": "weak"}]}]
    net = imported(json.dumps(incoming), net, update=True)
    g = net.find("Grace Example")
    assert [e.note for e in g.log] == ["hello", "new"]
    assert [t.tie for t in g.ties] == [Tie.NONEXISTENT, Tie.WEAK]
    assert g.tie == Tie.WEAK and g.why_none is None
    assert g.team == "Old team"


def test_focus_beyond_focus_max_is_noted():
    peers = [{"name": f"P{i}", "tie": "weak", "matters": ["current-work"], "focus": True}
             for i in range(6)]
    _, p = plan(json.dumps(peers))
    assert any("more than focus_max (5)" in n for n in p.notes)


# --- the example file --------------------------------------------------------------------


def test_the_example_file_imports_cleanly():
    rows = read_rows(EXAMPLE)
    net = Network()
    p = plan_import(net, rows, False, TODAY)
    assert p.problems == [] and p.notes == []
    assert len(p.added) == 10
    apply_import(net, p)
    assert any(not name.isascii() for name in p.added)
    assert {x.tie for x in net.peers} == {Tie.STRONG, Tie.WEAK, Tie.NONEXISTENT, None}


def test_update_dates_a_goal_new_to_the_map_so_the_advice_quotes_it():
    from peermap.core.goals import is_fresh
    from peermap.core.model import GoalCheck, Held

    net = imported("name,goals\nGrace Example,ship the allocator\n", existing_network(),
                   update=True)
    g = net.find("Grace Example")
    assert g.goal_checks == [GoalCheck(TODAY, "ship the allocator", Held.ADDED)]
    assert is_fresh(g, "ship the allocator", TODAY)  # added in January, learned today
    again = imported("name,goals\nGrace Example,ship the allocator\n", net, update=True)
    assert len(again.find("Grace Example").goal_checks) == 1


def test_an_imported_peer_leaves_the_to_meet_list_with_who_introduced_them():
    from peermap.core.model import ToMeet

    net = Network(peers=[Peer(name="Ana Lima")], to_meet=[ToMeet("Kai Lund", via="Ana Lima")])
    net = imported("name,team\nKai Lund,Search\n", net)
    assert net.to_meet == [] and net.find("Kai Lund").introduced_by == "Ana Lima"
