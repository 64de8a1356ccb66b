"""Every core command end to end through CliRunner (docs/data-file.md and docs/commands.md).

Each test checks what a user would notice: what is printed, the exit code, and what
the data file holds afterwards (or that its bytes did not change after bad input).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tomllib

import pytest

from conftest import error, ok  # noqa: E402
from peermap import __version__


def flat(text: str) -> str:
    """Text with Rich's line wrapping undone, for checking sentences."""
    return " ".join(text.split())


def data(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def peer(path, name: str) -> dict:
    return next(p for p in data(path).get("peers", []) if p["name"] == name)


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def listed(pm, *args: str) -> list[dict]:
    return json.loads(ok(pm("list", "--format", "json", *args)).stdout)


# --- init ----------------------------------------------------------------------------


def test_init_creates_a_private_file_in_a_private_folder(pm, data_file):
    r = ok(pm("init", "--name", "Ada  Example", "--team", "Payments", "--location", "London"))
    assert f"Created {data_file}" in flat(r.stdout)
    assert "peermap map" in flat(r.stdout)
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_file.parent.stat().st_mode) == 0o700
    d = data(data_file)
    assert d["schema"] == 1
    assert d["me"] == {"name": "Ada Example", "team": "Payments", "location": "London"}
    assert d["settings"]["cadence_days"] == 14


def test_init_leaves_an_existing_file_untouched_and_says_so(pm, data_file):
    write(data_file, "# my notes\nschema = 1\n[[peers]]\nname = 'Grace'\n")
    os.chmod(data_file, 0o640)
    before = data_file.read_bytes()
    r = flat(ok(pm("init", "--name", "Someone Else")).stdout)
    assert f"{data_file} already exists" in r and "untouched" in r
    assert data_file.read_bytes() == before
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600  # made private on reading


def test_init_on_an_invalid_file_leaves_it_alone(pm, data_file):
    write(data_file, "schema = [\n")
    before = data_file.read_bytes()
    pm("init")
    assert data_file.read_bytes() == before


def test_init_refuses_a_control_character_and_creates_nothing(pm, data_file):
    error(pm("init", "--name", "Ada\x1b[31m"))
    assert not data_file.exists()


# --- me ------------------------------------------------------------------------------


def test_me_shows_an_empty_profile(pm, data_file):
    r = ok(pm("me"))
    assert "name" in r.stdout and "(not set)" in r.stdout
    assert not data_file.exists()


def test_me_edits_and_shows_the_profile(pm, data_file):
    ok(pm("init", "--name", "Ada"))
    ok(pm("me", "--team", " Payments ", "--strength", "SQL tuning",
          "--strength", "incident reviews"))
    d = data(data_file)["me"]
    assert d == {"name": "Ada", "team": "Payments",
                 "strengths": ["SQL tuning", "incident reviews"]}
    out = ok(pm("me")).stdout
    assert "Payments" in out and "SQL tuning, incident reviews" in out
    ok(pm("me", "--strength", "mentoring"))
    assert data(data_file)["me"]["strengths"] == ["mentoring"]


def test_me_refuses_bidi_override_and_writes_nothing(pm, data_file):
    ok(pm("init", "--name", "Ada"))
    before = data_file.read_bytes()
    error(pm("me", "--team", "Pay\u202ements"))
    assert data_file.read_bytes() == before


# --- add -----------------------------------------------------------------------------


def test_add_with_every_option(pm, data_file):
    r = ok(pm("add", "Grace Example", "--team", "Compilers", "--role", "Staff engineer",
              "--location", "Remote", "--affects", "shared-goals", "--affects", "helps-me",
              "--matters", "big-picture", "--matters", "current-work", "--tie", "nonexistent",
              "--why-none", "not-tried", "--tag", "mentoring", "--tag", "compilers",
              "--note", "Met at the offsite."))
    assert "Added Grace Example" in r.stdout
    p = peer(data_file, "Grace Example")
    assert p["team"] == "Compilers" and p["role"] == "Staff engineer"
    assert p["location"] == "Remote"
    assert p["affects"] == ["helps-me", "shared-goals"]  # canonical order in the file
    assert p["matters"] == ["current-work", "big-picture"]
    assert p["tie"] == "nonexistent" and p["why_none"] == "not-tried"
    assert p["tags"] == ["compilers", "mentoring"]
    assert p["notes"] == "Met at the offsite."
    assert str(p["added"]) == "2026-11-22"
    assert [(str(t["date"]), t["tie"]) for t in p["ties"]] == [("2026-11-22", "nonexistent")]


def test_add_unrated_writes_no_tie_key_and_hints_at_rate(pm, data_file):
    r = ok(pm("add", "Grace"))
    assert "peermap rate Grace weak" in r.stdout
    assert "tie" not in peer(data_file, "Grace")
    assert "ties" not in peer(data_file, "Grace")


@pytest.mark.parametrize("again", ["Grace Example", "GRACE EXAMPLE", "  grace   example ",
                                   "Grace\u00a0Example"])
def test_add_existing_name_is_an_error_and_writes_nothing(pm, data_file, again):
    ok(pm("add", "Grace Example"))
    before = data_file.read_bytes()
    msg = error(pm("add", again))
    assert "'Grace Example' is already on your map" in msg
    assert data_file.read_bytes() == before


def test_add_folds_nfc_and_whitespace(pm, data_file):
    ok(pm("add", "  Zoe\u0308   Example "))
    assert [p["name"] for p in data(data_file)["peers"]] == ["Zo\u00eb Example"]
    before = data_file.read_bytes()
    error(pm("add", "zo\u00eb example"))
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("name", ["", "   "])
def test_add_empty_name_is_refused(pm, data_file, name):
    assert "empty" in error(pm("add", name))
    assert not data_file.exists()


@pytest.mark.parametrize("name", ["a\x1b[31mb", "a\u202eb", "a\x00b", "a\x85b", "a\nb"])
def test_add_control_character_exits_1_and_writes_nothing(pm, data_file, name):
    msg = error(pm("add", name))
    assert "control or direction-override" in msg
    assert "\x1b" not in msg and "\u202e" not in msg
    assert not data_file.exists()
    ok(pm("add", "Bob"))
    before = data_file.read_bytes()
    error(pm("add", name))
    assert data_file.read_bytes() == before


def test_add_control_character_in_a_note_is_refused_but_newlines_are_kept(pm, data_file):
    error(pm("add", "Grace", "--note", "evil\x1b]0;title\x07"))
    assert not data_file.exists()
    ok(pm("add", "Grace", "--note", "line one\n\tline two"))
    assert peer(data_file, "Grace")["notes"] == "line one\n\tline two"


def test_add_why_none_needs_a_nonexistent_tie(pm, data_file):
    assert "--why-none" in error(pm("add", "Grace", "--tie", "weak", "--why-none", "clash"))
    assert not data_file.exists()
    error(pm("add", "Grace", "--why-none", "clash"))
    assert not data_file.exists()


@pytest.mark.parametrize("args", [("--tie", "good"), ("--affects", "me"),
                                  ("--matters", "now")])
def test_add_bad_enum_value_exits_1(pm, data_file, args):
    msg = error(pm("add", "Grace", *args))
    assert "--help" in msg
    assert not data_file.exists()


# --- rate ----------------------------------------------------------------------------


def test_rate_appends_to_the_tie_history(pm, data_file):
    ok(pm("add", "Grace Example"))
    ok(pm("rate", "grace", "nonexistent", "--why-none", "clash", "--date", "2026-11-01"))
    p = peer(data_file, "Grace Example")
    assert p["tie"] == "nonexistent" and p["why_none"] == "clash"
    r = ok(pm("rate", "grace", "weak"))
    assert "Grace Example is now weak" in r.stdout
    p = peer(data_file, "Grace Example")
    assert p["tie"] == "weak" and "why_none" not in p
    assert [(str(t["date"]), t["tie"]) for t in p["ties"]] == [
        ("2026-11-01", "nonexistent"), ("2026-11-22", "weak")]
    ok(pm("rate", "grace", "strong", "--date", "yesterday"))
    assert [t["tie"] for t in peer(data_file, "Grace Example")["ties"]] == [
        "nonexistent", "strong", "weak"]  # history is kept in date order


def test_a_back_dated_rating_does_not_override_a_newer_one(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("rate", "grace", "weak", "--date", "2026-11-15"))
    ok(pm("rate", "grace", "nonexistent", "--date", "2026-11-01"))
    p = peer(data_file, "Grace")
    assert [t["tie"] for t in p["ties"]] == ["nonexistent", "weak"]
    assert p["tie"] == "weak"


def test_rate_why_none_only_with_nonexistent(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    msg = error(pm("rate", "grace", "weak", "--why-none", "not-tried"))
    assert "nonexistent" in msg
    assert data_file.read_bytes() == before


def test_rate_bad_tie_value_exits_1_and_writes_nothing(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    msg = error(pm("rate", "grace", "excellent"))
    assert "excellent" in msg and "strong" in msg
    assert data_file.read_bytes() == before


def test_rate_with_no_file_is_an_unknown_peer(pm, data_file):
    assert "peermap add" in error(pm("rate", "grace", "weak"))
    assert not data_file.exists()


# --- edit ----------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(pm, data_file):
    ok(pm("add", "Grace", "--team", "Compilers", "--tie", "weak", "--tag", "x"))
    ok(pm("edit", "gr", "--role", "Staff", "--tag", "b", "--tag", "A", "--tag", "b",
          "--cadence", "7", "--matters", "future-work", "--note", "hi"))
    p = peer(data_file, "Grace")
    assert p["team"] == "Compilers" and p["tie"] == "weak"
    assert p["role"] == "Staff" and p["cadence_days"] == 7
    assert p["tags"] == ["A", "b"] and p["matters"] == ["future-work"] and p["notes"] == "hi"


def test_edit_empty_text_clears_a_field(pm, data_file):
    ok(pm("add", "Grace", "--team", "Compilers"))
    ok(pm("edit", "grace", "--team", ""))
    assert "team" not in peer(data_file, "Grace")


def test_edit_refuses_bad_values_and_writes_nothing(pm, data_file):
    ok(pm("add", "Grace", "--tie", "weak"))
    before = data_file.read_bytes()
    error(pm("edit", "grace", "--cadence", "0"))
    error(pm("edit", "grace", "--why-none", "clash"))
    error(pm("edit", "grace", "--role", "x\x1by"))
    assert data_file.read_bytes() == before


# --- rename --------------------------------------------------------------------------


def test_rename_keeps_history_log_and_next_step(pm, data_file):
    ok(pm("add", "Grace", "--tie", "nonexistent", "--matters", "current-work"))
    ok(pm("rate", "grace", "weak"))
    ok(pm("log", "grace", "coffee", "--kind", "met"))
    ok(pm("plan", "grace", "Ask about the allocator"))
    before = peer(data_file, "Grace")
    r = ok(pm("rename", "grace", "Grace  Hopper"))
    assert "Renamed Grace to Grace Hopper" in r.stdout
    after = peer(data_file, "Grace Hopper")
    assert {k: v for k, v in after.items() if k != "name"} == \
        {k: v for k, v in before.items() if k != "name"}
    assert [p["name"] for p in data(data_file)["peers"]] == ["Grace Hopper"]


def test_rename_to_an_existing_name_is_refused(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    before = data_file.read_bytes()
    assert "'Bob' is already on your map" in error(pm("rename", "grace", "BOB"))
    assert data_file.read_bytes() == before


def test_rename_may_change_only_the_case(pm, data_file):
    ok(pm("add", "grace example"))
    ok(pm("rename", "grace", "Grace Example"))
    assert [p["name"] for p in data(data_file)["peers"]] == ["Grace Example"]


def test_rename_updates_reviews_that_name_the_peer(pm, data_file):
    write(data_file, 'schema = 1\n[[peers]]\nname = "Grace"\n'
          '[[reviews]]\ndate = 2026-11-20\npeer = "Grace"\nstep = "Ask"\n')
    ok(pm("rename", "grace", "Grace Hopper"))
    assert data(data_file)["reviews"][0]["peer"] == "Grace Hopper"


# --- remove --------------------------------------------------------------------------


def test_remove_with_yes(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    r = ok(pm("remove", "gra", "--yes"))
    assert "Removed Grace" in r.stdout and "undo" in r.stdout
    assert [p["name"] for p in data(data_file)["peers"]] == ["Bob"]


def test_remove_without_yes_refuses_when_stdin_is_not_a_terminal(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    msg = error(pm("remove", "grace", input="y\n"))
    assert "--yes" in msg and "Grace" in msg
    assert data_file.read_bytes() == before


def test_remove_unknown_peer(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    error(pm("remove", "bob", "--yes"))
    assert data_file.read_bytes() == before


# --- list ----------------------------------------------------------------------------


@pytest.fixture
def sample(data_file):
    write(data_file, """\
schema = 1

[[peers]]
name = "Grace Example"
team = "Compilers"
location = "Remote"
affects = ["helps-me"]
matters = ["current-work"]
tie = "weak"
tags = ["Mentoring"]
focus = true
focus_since = 2026-11-01

[peers.next]
step = "Ask about the allocator"
due = 2026-11-20

[[peers.log]]
date = 2026-11-10
kind = "shared"
note = "Sent the write-up."

[[peers]]
name = "Bob Builder"
team = "Infra"
affects = ["relies-on-me"]
tie = "strong"

[[peers]]
name = "[red]x[/red]"
tags = ["mentoring"]
""")
    return data_file


def test_list_table(pm, sample):
    out = ok(pm("list")).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["name", "tie", "team", "location", "matters", "last",
                                "contact", "next", "step"]
    row = next(line for line in lines if "Grace Example" in line)
    assert "★" in row and "weak" in row and "Compilers" in row and "12 days ago" in row
    assert "Ask about the allocator" in row and "(due 2026-11-20)" in flat(out)
    assert "[red]x[/red]" in out  # markup in a name is shown literally
    assert "unrated" in next(line for line in lines if "[red]" in line)


def test_list_plain_is_tab_separated(pm, sample):
    lines = ok(pm("list", "--format", "plain")).stdout.splitlines()
    assert "Grace Example\tweak\tCompilers\tRemote" in lines
    assert "Bob Builder\tstrong\tInfra\t" in lines
    assert "[red]x[/red]\tunrated\t\t" in lines
    assert len(lines) == 3


def test_list_json_has_file_keys_and_last_contact(pm, sample):
    out = listed(pm)
    by_name = {p["name"]: p for p in out}
    g = by_name["Grace Example"]
    assert set(g) == {"name", "team", "location", "affects", "matters", "tie", "tags",
                      "focus", "focus_since", "next", "log", "last_contact"}
    assert g["last_contact"] == "2026-11-10"
    assert g["next"] == {"step": "Ask about the allocator", "due": "2026-11-20"}
    assert g["log"] == [{"date": "2026-11-10", "kind": "shared", "note": "Sent the write-up."}]
    assert by_name["Bob Builder"]["last_contact"] is None
    assert "tie" not in by_name["[red]x[/red]"]
    # sorted by case-folded name, as in the file ("[" sorts before letters)
    assert [p["name"] for p in out] == ["[red]x[/red]", "Bob Builder", "Grace Example"]


def test_list_json_has_no_colour_codes_even_with_force_color(pm, sample, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = ok(pm("list", "--format", "json")).stdout
    assert "\x1b" not in out
    json.loads(out)


def test_list_csv(pm, sample):
    rows = list(csv.DictReader(io.StringIO(ok(pm("list", "--format", "csv")).stdout)))
    assert [r["name"] for r in rows] == ["[red]x[/red]", "Bob Builder", "Grace Example"]
    assert rows[2]["team"] == "Compilers" and rows[2]["tie"] == "weak"
    assert rows[2]["tags"] == "Mentoring" and rows[2]["matters"] == "current-work"


@pytest.mark.parametrize("args, names", [
    (("--tie", "weak"), ["Grace Example"]),
    (("--tie", "strong"), ["Bob Builder"]),
    (("--tie", "unrated"), ["[red]x[/red]"]),
    (("--tie", "nonexistent"), []),
    (("--focus",), ["Grace Example"]),
    (("--affects", "relies-on-me"), ["Bob Builder"]),
    (("--tag", "MENTORING"), ["[red]x[/red]", "Grace Example"]),
    (("--tag", "mentoring", "--focus"), ["Grace Example"]),
])
def test_list_filters(pm, sample, args, names):
    assert [p["name"] for p in listed(pm, *args)] == names
    plain = ok(pm("list", "--format", "plain", *args)).stdout.splitlines()
    assert [line.split("\t")[0] for line in plain] == names


def test_list_with_no_match_says_so(pm, sample):
    assert "No peers match" in ok(pm("list", "--tie", "nonexistent")).stdout


def test_list_bad_filter_value_exits_1(pm, sample):
    error(pm("list", "--tie", "great"))
    error(pm("list", "--format", "yaml"))


# --- show ----------------------------------------------------------------------------


def test_show_text(pm, sample):
    out = ok(pm("show", "grace")).stdout
    assert "★ Grace Example" in out
    assert "Compilers" in out and "Ask about the allocator" in out
    assert "Sent the write-up." in out and "shared" in out
    assert "Suggestions" in out and "(principle " not in out
    from peermap.core.principles import PRINCIPLES

    assert any(f"({p.name})" in out for p in PRINCIPLES)


def test_show_json_keys_are_file_keys_plus_last_contact_and_suggestions(pm, sample):
    doc = json.loads(ok(pm("show", "grace", "--format", "json")).stdout)
    assert set(doc) == {"name", "team", "location", "affects", "matters", "tie", "tags",
                        "focus", "focus_since", "next", "log", "last_contact", "state",
                        "suggestions"}
    assert doc["last_contact"] == "2026-11-10" and doc["focus_since"] == "2026-11-01"
    assert doc["suggestions"], "a focus peer gets suggestions"
    for s in doc["suggestions"]:
        assert set(s) == {"text", "step", "principle", "situation", "now"}
        assert isinstance(s["text"], str) and s["text"]
        from peermap.core.principles import KEYS

        assert s["principle"] in KEYS


def test_show_json_of_a_bare_peer(pm, sample):
    doc = json.loads(ok(pm("show", "[red]", "--format", "json")).stdout)
    assert doc["name"] == "[red]x[/red]" and doc["last_contact"] is None
    assert "tie" not in doc and "suggestions" in doc


def test_show_markup_name_literally(pm, sample):
    assert "[red]x[/red]" in ok(pm("show", "[red]x[/red]")).stdout


# --- log -----------------------------------------------------------------------------


def test_log_defaults_to_a_chat_today(pm, data_file):
    ok(pm("add", "Grace"))
    r = ok(pm("log", "grace"))
    assert "Logged a chat interaction with Grace on 2026-11-22" in r.stdout
    assert [(str(e["date"]), e["kind"]) for e in peer(data_file, "Grace")["log"]] == [
        ("2026-11-22", "chat")]
    assert "note" not in peer(data_file, "Grace")["log"][0]


@pytest.mark.parametrize("date_arg, expected", [
    ("3d", "2026-11-19"), ("yesterday", "2026-11-21"), ("today", "2026-11-22"),
    ("2026-10-05", "2026-10-05"),
])
def test_log_date_forms(pm, data_file, date_arg, expected):
    ok(pm("add", "Grace"))
    ok(pm("log", "grace", "Sent the doc", "--kind", "shared", "--date", date_arg))
    e = peer(data_file, "Grace")["log"][0]
    assert (str(e["date"]), e["kind"], e["note"]) == (expected, "shared", "Sent the doc")


def test_log_bad_date_or_kind_exits_1_and_writes_nothing(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    assert "not a date" in error(pm("log", "grace", "x", "--date", "last week"))
    error(pm("log", "grace", "x", "--kind", "lunch"))
    error(pm("log", "grace", "evil\x1b[2J"))
    assert data_file.read_bytes() == before


def test_log_keeps_entries_in_date_order(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("log", "grace", "second"))
    ok(pm("log", "grace", "first", "--date", "5d"))
    assert [e["note"] for e in peer(data_file, "Grace")["log"]] == ["first", "second"]


# --- plan and done -------------------------------------------------------------------


def test_plan_default_due_is_the_next_review_with_no_reviews(pm, data_file):
    ok(pm("add", "Grace"))
    r = ok(pm("plan", "grace", "  Ask what   she is excited about "))
    assert "due 2026-11-29" in r.stdout
    nxt = peer(data_file, "Grace")["next"]
    assert nxt["step"] == "Ask what she is excited about" and str(nxt["due"]) == "2026-11-29"


def test_plan_default_due_follows_the_last_review(pm, data_file):
    write(data_file, 'schema = 1\n[settings]\nreview_every_days = 10\ncadence_days = 14\n'
          'focus_min = 3\nfocus_max = 5\nbackups = 5\ngit_commit = false\n'
          '[[peers]]\nname = "Grace"\n[[reviews]]\ndate = 2026-11-20\n')
    ok(pm("plan", "grace", "Ask"))
    assert str(peer(data_file, "Grace")["next"]["due"]) == "2026-11-30"


def test_plan_with_due(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("plan", "grace", "Ask", "--due", "2026-12-01"))
    assert str(peer(data_file, "Grace")["next"]["due"]) == "2026-12-01"


def test_plan_empty_step_is_refused(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    assert "empty" in error(pm("plan", "grace", "   "))
    assert data_file.read_bytes() == before


def test_done_logs_the_step_and_clears_it(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("plan", "grace", "Ask about the allocator"))
    r = ok(pm("done", "grace", "--kind", "met"))
    assert "Done: Ask about the allocator" in r.stdout
    p = peer(data_file, "Grace")
    assert "next" not in p
    assert [(e["kind"], e.get("note"), e["completed"]) for e in p["log"]] == [
        ("met", None, "Ask about the allocator")]
    ok(pm("plan", "grace", "Second step"))
    ok(pm("done", "grace", "She loved it", "--date", "yesterday"))
    first = peer(data_file, "Grace")["log"][0]
    assert (str(first["date"]), first["kind"]) == ("2026-11-21", "chat")
    assert (first["note"], first["completed"]) == ("She loved it", "Second step")


def test_done_without_a_next_step_is_an_error(pm, data_file):
    ok(pm("add", "Grace"))
    before = data_file.read_bytes()
    msg = error(pm("done", "grace"))
    assert "no next step" in msg and "peermap plan" in msg
    assert data_file.read_bytes() == before


# --- check ---------------------------------------------------------------------------


def tree(root) -> dict:
    """Every path under root with its mode and bytes: to prove nothing changed."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        out[dirpath] = stat.S_IMODE(os.stat(dirpath).st_mode)
        for f in files:
            p = os.path.join(dirpath, f)
            st = os.stat(p)
            out[p] = (stat.S_IMODE(st.st_mode), st.st_mtime_ns, open(p, "rb").read())
    return out


def test_check_valid_file(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    out = flat(ok(pm("check")).stdout)
    assert f"{data_file} is valid (2 peers)" in out
    assert "1 backup" in out
    assert "warning" not in out


def test_check_no_file(pm, data_file):
    assert f"No data file at {data_file}" in flat(ok(pm("check")).stdout)
    assert not data_file.parent.exists()


def test_check_invalid_file_exits_1_and_changes_nothing(pm, data_file):
    ok(pm("add", "Grace"))
    write(data_file, data_file.read_text() + "\nbogus = 1\n")
    before = tree(data_file.parent)
    r = pm("check")
    assert r.exit_code == 1
    assert "error:" in r.stdout and "'bogus'" in r.stdout
    assert tree(data_file.parent) == before


def test_check_warns_when_readable_by_others(pm, data_file):
    ok(pm("add", "Grace"))
    os.chmod(data_file, 0o644)
    out = flat(ok(pm("check")).stdout)
    assert "readable by others (mode 0644)" in out and "chmod 600" in out
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o644  # check changes nothing


@pytest.mark.parametrize("copy", ["peers.sync-conflict-20261122-101010-ABCDEFG.toml",
                                  "peers (Ada's conflicted copy 2026-11-22).toml"])
def test_check_spots_sync_conflict_copies_and_changes_nothing(pm, data_file, copy):
    ok(pm("add", "Grace"))
    (data_file.parent / copy).write_text("schema = 1\n")
    (data_file.parent / "unrelated.txt").write_text("x")
    before = tree(data_file.parent)
    out = flat(ok(pm("check")).stdout)
    assert "sync-conflict copy" in out and copy in out
    assert "unrelated" not in out
    assert tree(data_file.parent) == before


def test_check_reports_an_unreadable_backup(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    backup = sorted((data_file.parent / ".peers.toml.peermap" / "backups").iterdir())[0]
    backup.write_text("not toml [")
    out = ok(pm("check")).stdout
    assert "unreadable" in out and backup.name in out


# --- undo ----------------------------------------------------------------------------


def test_undo_restores_and_redo_puts_it_back(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    with_bob = data_file.read_bytes()
    r = ok(pm("undo"))
    assert "Restored" in r.stdout and "redo" in r.stdout
    assert [p["name"] for p in data(data_file)["peers"]] == ["Grace"]
    assert [p["name"] for p in listed(pm)] == ["Grace"]  # not served from a stale cache
    ok(pm("redo"))
    assert data_file.read_bytes() == with_bob
    assert [p["name"] for p in listed(pm)] == ["Bob", "Grace"]


def test_undo_with_nothing_to_undo_exits_1(pm, data_file):
    ok(pm("init"))
    before = data_file.read_bytes()
    assert "nothing to undo" in error(pm("undo"))
    assert data_file.read_bytes() == before


def test_undo_with_no_file_exits_1(pm, data_file):
    assert "nothing to undo" in error(pm("undo"))
    assert not data_file.exists()


def test_undo_rescues_a_broken_hand_edit(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    write(data_file, "schema = 1\n[[peers]]\nname = 'Bob'\ntie = weak\n")
    broken = data_file.read_bytes()
    assert "line 4, column 7" in error(pm("list"))
    assert "peermap undo" in error(pm("log", "bob"))
    assert data_file.read_bytes() == broken
    ok(pm("undo"))
    assert [p["name"] for p in data(data_file)["peers"]] == ["Grace"]
    good = data_file.read_bytes()
    # The broken edit is not lost: it is kept on the redo stack...
    kept = sorted((data_file.parent / ".peers.toml.peermap" / "redo").iterdir())
    assert kept[-1].read_bytes() == broken
    # ...but redo never puts an unreadable version back.
    assert "not a valid peermap file" in error(pm("redo"))
    assert data_file.read_bytes() == good


def test_undo_refusing_an_unreadable_backup_does_not_suggest_undo(pm, data_file):
    ok(pm("add", "Grace"))
    ok(pm("add", "Bob"))
    write(data_file, "schema = 1\n[[peers]]\nname = 'Bob'\ntie = weak\n")
    ok(pm("undo"))
    msg = error(pm("redo"))  # the broken edit, kept but never restored
    assert "peermap undo" not in msg and "not a valid peermap file" in msg


# --- config --------------------------------------------------------------------------


def test_config_shows_all_settings(pm, data_file):
    out = ok(pm("config")).stdout.splitlines()
    assert out == ["cadence_days = 14", "review_every_days = 7", "focus_min = 3",
                   "focus_max = 5", "backups = 5", "git_commit = false"]


def test_config_get_and_set_typed(pm, data_file):
    assert ok(pm("config", "cadence_days")).stdout == "14\n"
    ok(pm("config", "cadence_days", "10"))
    ok(pm("config", "git_commit", "yes"))
    s = data(data_file)["settings"]
    assert s["cadence_days"] == 10 and s["git_commit"] is True
    assert ok(pm("config", "cadence_days")).stdout == "10\n"
    assert ok(pm("config", "git_commit")).stdout == "true\n"
    ok(pm("config", "git_commit", "off"))
    assert data(data_file)["settings"]["git_commit"] is False
    ok(pm("config", "backups", "0"))
    assert data(data_file)["settings"]["backups"] == 0


@pytest.mark.parametrize("args, words", [
    (("nope",), "no setting 'nope'"),
    (("nope", "1"), "no setting 'nope'"),
    (("cadence_days", "ten"), "whole number"),
    (("cadence_days", "0"), "at least 1"),
    (("git_commit", "maybe"), "true or false"),
    (("focus_min", "6"), "focus_min"),
    (("focus_max", "2"), "focus_min"),
])
def test_config_refuses_bad_keys_and_values(pm, data_file, args, words):
    ok(pm("config", "cadence_days", "12"))
    before = data_file.read_bytes()
    assert words in error(pm("config", *args))
    assert data_file.read_bytes() == before


# --- where, --file, --version ------------------------------------------------------


def test_where_prints_the_env_path(pm, data_file):
    assert ok(pm("where")).stdout == f"{data_file}\n"


def test_file_option_wins_over_the_environment(pm, data_file, tmp_path):
    other = tmp_path / "elsewhere" / "mine.toml"
    assert ok(pm("--file", str(other), "where")).stdout == f"{other}\n"
    assert ok(pm("-f", str(other), "where")).stdout == f"{other}\n"
    ok(pm("--file", str(other), "add", "Grace"))
    assert [p["name"] for p in data(other)["peers"]] == ["Grace"]
    assert not data_file.exists()


def test_where_default_is_the_platform_data_dir(pm, monkeypatch):
    import platformdirs

    monkeypatch.delenv("PEERMAP_FILE")
    expected = platformdirs.user_data_path("peermap") / "peers.toml"
    assert ok(pm("where")).stdout == f"{expected}\n"


def test_version(pm):
    assert ok(pm("--version")).stdout == f"peermap {__version__}\n"


def test_version_fast_path(monkeypatch, capsys):
    from peermap import entry as main

    monkeypatch.setattr("sys.argv", ["peermap", "--version"])
    with pytest.raises(SystemExit) as exit_:
        main.main()
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"peermap {__version__}\n"


# --- the bare command ---------------------------------------------------------------


def test_first_run_explains_and_points_to_map(pm, data_file):
    out = ok(pm()).stdout
    assert "peermap map" in out and "no data file yet" in out
    assert str(data_file) in out
    assert not data_file.exists() and not data_file.parent.exists()


def test_dashboard_shows_focus_and_what_is_due(pm, sample):
    out = ok(pm()).stdout
    assert "3 peers" in out
    focus, due = out.split("\nFocus\n")[1].split("\nDue\n")
    assert "★ Grace Example" in focus and "Ask about the allocator" in focus
    assert "12 days ago" in focus
    assert "Grace Example" in due and "Ask about the allocator" in due
    assert "review" in due
    assert "Last review: never" in out
    assert "Bob Builder" not in out


def test_dashboard_without_focus_points_to_focus(pm, data_file):
    ok(pm("add", "Grace"))
    out = ok(pm()).stdout
    assert "No focus peers yet" in out


# --- usage errors ---------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("--bogus",), ("list", "--bogus"), ("add",), ("rate", "grace"), ("log",),
    ("rename", "grace"), ("plan", "grace"), ("nosuchcommand",), ("show",),
])
def test_usage_errors_exit_2(pm, data_file, args):
    r = pm(*args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert "Usage:" in r.stderr
    assert not data_file.exists()


@pytest.mark.parametrize("command", ["init", "me", "add", "rate", "edit", "rename", "remove",
                                     "list", "show", "log", "plan", "done", "check", "undo",
                                     "config", "where"])
def test_every_command_has_help_with_an_example(pm, command):
    out = ok(pm(command, "--help")).stdout
    assert "Example" in out
