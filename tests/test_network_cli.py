"""stats, export and import through the command line: output, exit codes, the file after."""

from __future__ import annotations

import csv
import io
import json
import stat
import xml.etree.ElementTree as ET

NASTY = '=Bob "the" <b>&[red]x[/red]'


def seed(cli):
    assert cli("me", "--name", "Ada", "--team", "Payments").exit_code == 0
    assert cli("add", "Grace Example", "--team", "Compilers", "--tie", "weak",
               "--matters", "current-work").exit_code == 0
    assert cli("add", NASTY, "--team", "R&D <west>", "--tie", "nonexistent",
               "--why-none", "clash", "--matters", "big-picture").exit_code == 0
    assert cli("log", "grace", "asked about builds", "--kind", "asked").exit_code == 0


def test_stats_json_counts_ties_and_text_says_what_to_do(cli):
    seed(cli)
    r = cli("stats", "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["ties"] == {"strong": 0, "weak": 1, "nonexistent": 1, "unrated": 0}
    text = cli("stats").stdout
    assert "Ties: 0 strong, 1 weak, 1 nonexistent, 0 unrated" in text
    assert "\x1b" not in text


def test_export_to_a_file_is_private_and_valid_svg(cli, tmp_path):
    seed(cli)
    out = tmp_path / "map.svg"
    r = cli("export", "--format", "svg", "-o", str(out))
    assert r.exit_code == 0
    assert "Wrote" in r.stderr and r.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    texts = "".join(root.itertext())
    assert NASTY in texts  # escaped in the XML, the same text once parsed


def test_export_csv_guards_formulas_and_json_imports_back(cli, tmp_path, data_file):
    seed(cli)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    names = {r["name"] for r in rows}
    assert "'" + NASTY in names and "Grace Example" in names
    exported = tmp_path / "all.json"
    exported.write_text(cli("export", "--format", "json").stdout, encoding="utf-8")
    other = tmp_path / "other.toml"
    r = cli("--file", str(other), "import", str(exported))
    assert r.exit_code == 0, r.stderr
    again = json.loads(cli("--file", str(other), "list", "--format", "json").stdout)
    original = json.loads(cli("list", "--format", "json").stdout)
    assert again == original


def test_import_with_a_bad_row_writes_nothing_and_names_the_row(cli, tmp_path, data_file):
    seed(cli)
    before = data_file.read_bytes()
    bad = tmp_path / "peers.csv"
    bad.write_text("name,tie\nNew Person,weak\nOther,strnog\n", encoding="utf-8")
    r = cli("import", str(bad))
    assert r.exit_code == 1
    assert "row 3" in r.stderr and "nothing was imported" in r.stderr
    assert "Traceback" not in r.stderr
    assert data_file.read_bytes() == before


def test_import_skips_existing_names_or_updates_them(cli, tmp_path, data_file):
    seed(cli)
    f = tmp_path / "peers.csv"
    f.write_text("\ufeffname,team,tie\ngrace example,Kernel,strong\nZoë,Mobile,weak\n",
                 encoding="utf-8")
    dry = cli("import", str(f), "--dry-run")
    assert dry.exit_code == 0 and "Dry run" in dry.stdout
    assert "Zoë" not in data_file.read_text(encoding="utf-8")
    r = cli("import", str(f))
    assert r.exit_code == 0
    assert "1 peer was added: Zoë" in r.stdout and "skipped" in r.stdout  # not "1 were"
    grace = json.loads(cli("show", "grace", "--format", "json").stdout)
    assert grace["team"] == "Compilers"
    assert cli("import", str(f), "--update").exit_code == 0
    grace = json.loads(cli("show", "grace", "--format", "json").stdout)
    assert grace["team"] == "Kernel" and grace["tie"] == "strong"


def test_export_rejects_an_unknown_format(cli):
    r = cli("export", "--format", "pdf")
    assert r.exit_code == 1
    assert "pdf" in r.stderr


def test_shell_completion_offers_peer_names(cli):
    seed(cli)
    from typer.testing import CliRunner

    from peermap.app.root import app

    r = CliRunner().invoke(app, [], prog_name="peermap",
                           env={"_PEERMAP_COMPLETE": "complete_bash",
                                "COMP_WORDS": "peermap show Gr", "COMP_CWORD": "2"})
    assert r.stdout.splitlines() == ["'Grace Example'"]  # bash inserts it as it is
