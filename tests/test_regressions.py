"""Regressions found in review, each named after the bug it pins."""

from __future__ import annotations

import json


def test_export_refuses_to_overwrite_the_data_file(cli, data_file):
    assert cli("add", "Grace").exit_code == 0
    before = data_file.read_bytes()
    r = cli("export", "--format", "json", "-o", str(data_file))
    assert r.exit_code == 1
    assert "own data" in r.stderr
    assert data_file.read_bytes() == before
    side = data_file.with_name(f".{data_file.name}.peermap") / "x.json"
    assert cli("export", "--format", "json", "-o", str(side)).exit_code == 1


def test_undo_with_backups_off_does_not_restore_an_old_version(cli, data_file):
    for name in ("A", "B"):
        assert cli("add", name).exit_code == 0
    assert cli("config", "backups", "0").exit_code == 0
    assert cli("add", "C").exit_code == 0
    before = data_file.read_bytes()
    r = cli("undo")
    assert r.exit_code == 1 and "nothing to undo" in r.stderr
    assert data_file.read_bytes() == before


def test_back_dated_rating_says_the_current_tie_stays(cli):
    assert cli("add", "Dan").exit_code == 0
    assert cli("rate", "dan", "weak").exit_code == 0
    r = cli("rate", "dan", "strong", "--date", "2026-10-01")
    assert r.exit_code == 0
    assert "stays weak" in r.stdout and "is now strong" not in r.stdout
    doc = json.loads(cli("show", "dan", "--format", "json").stdout)
    assert doc["tie"] == "weak"
    assert [t["tie"] for t in doc["ties"]] == ["strong", "weak"]


def test_a_rating_or_log_in_the_future_is_refused(cli, data_file):
    assert cli("add", "Grace").exit_code == 0
    before = data_file.read_bytes()
    for args in (("rate", "grace", "strong", "--date", "9999-12-31"),
                 ("log", "grace", "hi", "--date", "2026-11-23")):
        r = cli(*args)
        assert r.exit_code == 1 and "in the future" in r.stderr
    assert data_file.read_bytes() == before
    assert cli("plan", "grace", "Coffee", "--due", "2027-01-04").exit_code == 0


def test_absurd_numbers_are_refused_before_they_reach_the_file(cli, data_file):
    assert cli("add", "Grace").exit_code == 0
    before = data_file.read_bytes()
    assert cli("config", "cadence_days", "99999999999999999999").exit_code == 1
    assert cli("edit", "grace", "--cadence", "99999").exit_code == 1
    assert data_file.read_bytes() == before


def test_error_messages_never_carry_terminal_escapes(cli):
    r = cli("import", "\x1b[31mX")
    assert r.exit_code == 1
    assert "\x1b" not in r.stderr and "\\x1b" in r.stderr


def test_show_piped_into_head_exits_0(data_file):
    """More output than a pipe holds, and a reader that stops after one line."""
    import subprocess
    from datetime import date, timedelta

    from conftest import peermap_cmd, subprocess_env
    from peermap.core.model import Kind, LogEntry, Peer
    from peermap.storage.store import Store

    start = date(2020, 1, 1)
    log = [LogEntry(start + timedelta(days=i), Kind.CHAT, f"talked about item {i} " * 4)
           for i in range(2000)]
    Store(data_file).update(lambda net: net.peers.append(Peer(name="Grace", log=log)), "seed")
    proc = subprocess.Popen([*peermap_cmd(), "show", "grace"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=subprocess_env(data_file))
    assert proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_a_negative_config_value_gets_a_reason_not_a_usage_error(cli, data_file):
    assert cli("init").exit_code == 0
    before = data_file.read_bytes()
    r = cli("config", "cadence_days", "-5")
    assert r.exit_code == 1
    assert "at least 1" in r.stderr
    assert data_file.read_bytes() == before
