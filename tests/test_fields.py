"""The field table (docs/fields.md): every field through add/edit, CSV and JSON, import
--update and merge, and the data that merge and import used to lose."""

from __future__ import annotations

import json

import pytest

from conftest import error, ok


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


# --- import --update ------------------------------------------------------------------


def test_json_update_keeps_closed_and_completed_on_log_entries(cli, tmp_path):
    ok(cli("add", "Ana Lima"))
    ok(cli("log", "Ana Lima", "asked for a review", "--kind", "asked", "--date", "2026-11-01"))
    export = json.loads(ok(cli("export", "--format", "json")).stdout)
    entry = {"date": "2026-11-01", "kind": "asked", "note": "asked for a review",
             "closed": "2026-11-05"}
    done = {"date": "2026-11-06", "kind": "chat", "note": "coffee", "completed": "Buy coffee"}
    export["peers"][0]["log"] = [entry, done]
    f = tmp_path / "map.json"
    f.write_text(json.dumps(export), encoding="utf-8")
    r = ok(cli("import", str(f), "--update"))
    assert "1 peer was updated: Ana Lima" in r.stdout
    log = peer_json(cli, "Ana Lima")["log"]
    assert log == [entry, done]
    # the same file again changes nothing, and equal entries are matched one by one
    assert "1 peer was unchanged" in ok(cli("import", str(f), "--update")).stdout


def test_csv_takes_tie_shorthand_and_any_case_for_every_enum(cli, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("name,tie,why_none,affects,matters\n"
                 "Ana Lima,W,,Helps-Me,CURRENT_WORK;big picture\n"
                 "Bo Chen,n,Not Tried,,\n"
                 "Cy Diaz,S,,,\n", encoding="utf-8")
    ok(cli("import", str(f)))
    ana, bo, cy = (peer_json(cli, n) for n in ("Ana Lima", "Bo Chen", "Cy Diaz"))
    assert (ana["tie"], ana["affects"], ana["matters"]) == (
        "weak", ["helps-me"], ["current-work", "big-picture"])
    assert (bo["tie"], bo["why_none"]) == ("nonexistent", "not-tried")
    assert cy["tie"] == "strong"


def test_csv_update_with_an_empty_cell_clears_the_field_and_counts_it(cli, tmp_path):
    ok(cli("add", "Ana Lima", "--team", "Payments", "--location", "Lisbon", "--tag", "sql"))
    f = tmp_path / "p.csv"
    f.write_text("name,team,location,tags\nAna Lima,,Lisbon,\n", encoding="utf-8")
    r = ok(cli("import", str(f), "--update"))
    assert "1 peer was updated: Ana Lima" in r.stdout
    p = peer_json(cli, "Ana Lima")
    assert "team" not in p and "tags" not in p and p["location"] == "Lisbon"


# --- contact details: email and phone ---------------------------------------------------


def test_email_and_phone_through_add_edit_show_csv_and_json(cli, tmp_path):
    ok(cli("add", "Ana Lima", "--email", "ana@example.org", "--email", "a.lima@example.com",
           "--phone", "+351 21 000 0000"))
    shown = ok(cli("show", "Ana Lima")).stdout
    assert "ana@example.org; a.lima@example.com" in shown and "+351 21 000 0000" in shown
    ok(cli("edit", "Ana Lima", "--phone", "+351 91 000 0000"))
    assert peer_json(cli, "Ana Lima")["phone"] == ["+351 91 000 0000"]
    csv_text = ok(cli("export", "--format", "csv")).stdout
    assert "email" in csv_text.splitlines()[0] and "'+351 91 000 0000" in csv_text
    for fmt in ("csv", "json"):
        f = tmp_path / f"map.{fmt}"
        f.write_text(ok(cli("export", "--format", fmt)).stdout, encoding="utf-8")
        other = tmp_path / f"{fmt}.toml"
        ok(cli("--file", str(other), "import", str(f)))
        got = json.loads(ok(cli("--file", str(other), "show", "ana", "--format", "json")).stdout)
        assert (got["email"], got["phone"]) == (["ana@example.org", "a.lima@example.com"],
                                                ["+351 91 000 0000"])


def test_vcard_import_keeps_email_and_tel_and_the_export_reads_back(cli, tmp_path):
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lena Fischer\r\n"
                    "EMAIL;TYPE=work:lena@work.example\r\nEMAIL;PREF=1:lena@example.org\r\n"
                    "TEL;VALUE=uri:tel:+49-30-0000000\r\nCATEGORIES:a\\,b,ops\r\n"
                    "NOTE:private\r\nEND:VCARD\r\n", encoding="utf-8")
    ok(cli("import", str(card)))
    p = peer_json(cli, "Lena Fischer")
    assert p["email"] == ["lena@example.org", "lena@work.example"]
    assert p["phone"] == ["+49-30-0000000"]
    out = ok(cli("export", "--format", "vcard")).stdout
    assert "EMAIL:lena@example.org" in out and "TEL:+49-30-0000000" in out
    assert "private" not in out  # notes only with --with-notes
    back = tmp_path / "back.vcf"
    back.write_text(ok(cli("export", "--format", "vcard", "--with-notes")).stdout,
                    encoding="utf-8")
    ok(cli("--file", str(tmp_path / "b.toml"), "import", str(back)))
    again = json.loads(ok(cli("--file", str(tmp_path / "b.toml"), "show", "lena",
                              "--format", "json")).stdout)
    for key in ("email", "phone", "tags", "notes"):
        assert again[key] == p[key]


def test_me_email_is_a_list(cli, data_file):
    ok(cli("init"))
    ok(cli("me", "--email", "me@example.org", "--email", "me@work.example"))
    assert 'email = ["me@example.org", "me@work.example"]' in data_file.read_text()
    assert "me@example.org, me@work.example" in ok(cli("me")).stdout


def test_a_vcard_that_is_not_utf8_names_the_card_with_vcard_advice(cli, tmp_path):
    card = tmp_path / "c.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
                     b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9 N\r\nEND:VCARD\r\n")
    r = cli("import", str(card))
    assert r.exit_code == 1
    first = r.stderr.splitlines()[0]
    assert first.startswith("peermap: card 2: is not UTF-8 text (byte 0xE9, line 7)")
    assert "vCard" in first and "CSV" not in r.stderr


# --- one guard for names --------------------------------------------------------------


@pytest.mark.parametrize(("have", "new"), [("José Núñez", "Jose Nunez"),
                                           ("Grace Example", "Grace Exmaple"),
                                           ("Lena Hoffmann", "Lena Hofmann")])
@pytest.mark.parametrize("kind", ["csv", "json", "vcf"])
def test_imports_refuse_a_near_duplicate_naming_both_unless_forced(cli, data_file, tmp_path,
                                                                    have, new, kind):
    ok(cli("add", have))
    before = data_file.read_bytes()
    f = tmp_path / f"p.{kind}"
    f.write_text({"csv": f"name\n{new}\n", "json": json.dumps([{"name": new}]),
                  "vcf": f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{new}\r\nEND:VCARD\r\n"}[kind],
                 encoding="utf-8")
    r = cli("import", str(f))
    assert r.exit_code == 1 and data_file.read_bytes() == before
    line = r.stderr.splitlines()[0]
    assert f"{new!r} looks like {have!r} already on your map" in line and "--force" in line
    ok(cli("import", str(f), "--force"))
    assert {p["name"] for p in json.loads(cli("list", "--format", "json").stdout)} == {
        have, new}


def test_an_import_refuses_a_leading_dash_and_look_alikes_within_the_file(cli, tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("name\n-rf\nGrace Example\nGrace Exmaple\n", encoding="utf-8")
    r = cli("import", str(f), "--force")
    assert r.exit_code == 1
    assert "row 2: a peer's name cannot start with '-'" in r.stderr
    assert "Exmaple" not in r.stderr  # --force accepts the look-alike, never the dash
    r = cli("import", str(f))
    assert "row 4: 'Grace Exmaple' looks like 'Grace Example' on row 3" in r.stderr


def test_an_import_takes_the_maps_spelling_of_a_place_and_notes_a_close_one(cli, tmp_path):
    ok(cli("add", "Ana Lima", "--location", "Lisbon", "--team", "Payments"))
    f = tmp_path / "p.csv"
    f.write_text("name,team,location\nBo Chen,PAYMENTS,lisbon\nCy Diaz,Payments,Lisboa\n",
                 encoding="utf-8")
    r = ok(cli("import", str(f)))
    assert peer_json(cli, "Bo Chen")["location"] == "Lisbon"
    assert peer_json(cli, "Bo Chen")["team"] == "Payments"
    assert "The place 'lisbon' (row 2) was written 'Lisbon'" in r.stdout
    assert "The team 'PAYMENTS' (row 2) was written 'Payments'" in r.stdout
    assert "The place 'Lisboa' (row 3) looks like 'Lisbon' on your map" in r.stdout
    assert peer_json(cli, "Cy Diaz")["location"] == "Lisboa"


# --- the table drives the commands -------------------------------------------------------


@pytest.mark.parametrize("command", ["add", "edit"])
def test_every_field_with_an_option_is_an_option_of_add_and_edit(cli, command):
    from peermap.core.model import OPTION_FIELDS

    text = ok(cli(command, "--help")).stdout
    assert [f.option for f in OPTION_FIELDS if f.option not in text] == []
    assert len(OPTION_FIELDS) >= 15


def test_config_and_the_file_share_the_settings_bounds(cli, data_file):
    ok(cli("init"))
    assert error(cli("config", "backups", "-1")) == "peermap: backups must be at least 0."
    text = data_file.read_text().replace("backups = 5", "backups = -1")
    data_file.write_text(text)
    assert "settings.backups must be at least 0" in error(cli("list"))


def test_a_new_row_of_any_kind_becomes_an_option(monkeypatch):
    """A date, a flag and a number in the table give typed options (the rows below stand
    for fields a later change adds: `birthday`, `muted`, `cadence_days`)."""
    from datetime import date

    import typer
    from typer.testing import CliRunner

    import peermap.app.fields as app_fields
    from peermap.core.model import FIELDS_BY_KEY, Field, Kindof

    rows = (Field("birthday", Kindof.DATE, option="--birthday", help="Their birthday."),
            Field("muted", Kindof.BOOL, option="--muted", help="Muted."),
            FIELDS_BY_KEY["cadence_days"])
    monkeypatch.setattr(app_fields, "OPTION_FIELDS", rows)
    seen = {}

    def command(name: str, details: dict) -> None:
        seen.update(details, name=name)

    app = typer.Typer()
    app.command()(app_fields.field_options(command))
    r = CliRunner().invoke(app, ["Ana", "--birthday", "2026-12-24", "--muted",
                                 "--cadence", "9"])
    assert r.exit_code == 0, r.output
    assert seen == {"name": "Ana", "birthday": date(2026, 12, 24), "muted": True,
                    "cadence_days": 9}
