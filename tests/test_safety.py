"""Regressions from the hostile-testing issue on the data file's safety.

Each test is named after the defect it pins; each failed before its fix. Subprocess
tests are in test_faults.py and test_concurrency.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import error, ok, peermap_cmd, subprocess_env


def side(data_file: Path) -> Path:
    return data_file.with_name(f".{data_file.name}.peermap")


def backups(data_file: Path) -> list[Path]:
    folder = side(data_file) / "backups"
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# --- undo: never loses a version, goes back to a state that differs, names the change ---


def test_undo_after_a_crash_between_backup_and_write_still_goes_back(cli, data_file):
    """A backup equal to the current file (the writer died before replacing the file)
    made `undo` a no-op forever."""
    ok(cli("add", "Grace"))
    ok(cli("add", "Bob"))
    with_bob = data_file.read_bytes()
    # what a writer killed between its backup and its os.replace leaves behind
    newest = int(backups(data_file)[-1].stem)
    (side(data_file) / "backups" / f"{newest + 1:06d}.toml").write_bytes(with_bob)
    out = ok(cli("undo")).stdout
    assert b"Bob" not in data_file.read_bytes() and b"Grace" in data_file.read_bytes()
    assert "add Bob" in out
    ok(cli("redo"))
    assert data_file.read_bytes() == with_bob


def test_undo_names_the_change_it_undid_and_redo_names_it_too(cli, data_file):
    ok(cli("add", "Grace Hopper"))
    ok(cli("log", "grace", "coffee"))
    out = " ".join(ok(cli("undo")).stdout.split())
    assert out.startswith("Undid: log Grace Hopper"), out
    out = " ".join(ok(cli("redo")).stdout.split())
    assert out.startswith("Redid: log Grace Hopper"), out
    assert b"coffee" in data_file.read_bytes()
    out = " ".join(ok(cli("undo")).stdout.split())
    assert out.startswith("Undid: log Grace Hopper"), out


def test_undo_and_redo_keep_the_depth_of_history(cli, data_file):
    for name in ("A", "B", "C", "D"):
        ok(cli("add", name))
    count = len(backups(data_file))
    for _ in range(5):
        ok(cli("undo"))
        ok(cli("redo"))
    assert len(backups(data_file)) == count
    assert b'"D"' in data_file.read_bytes()


def test_a_broken_hand_edit_names_the_line_to_fix_before_advising_undo(cli, data_file):
    ok(cli("add", "Grace"))
    text = data_file.read_text().replace('name = "Grace"', 'name = "Grace"\ntie = "weakk"')
    data_file.write_text(text)
    line = text.splitlines().index('tie = "weakk"') + 1
    msg = error(cli("list"))
    assert f"Fix line {line} in an editor" in msg
    assert msg.index(f"line {line}") < msg.index("peermap undo")
    assert "your edits since" in msg


# --- a read-only file, no-op changes, modes ---------------------------------------------


def test_a_read_only_data_file_is_not_rewritten(cli, data_file):
    ok(cli("add", "Grace"))
    ok(cli("add", "Ann"))
    os.chmod(data_file, 0o400)
    before = data_file.read_bytes()
    inode = os.stat(data_file).st_ino
    for args in (("add", "Bob"), ("log", "grace", "hi"), ("undo",)):
        msg = error(cli(*args))
        assert "read-only" in msg and f"chmod u+w {data_file}" in msg, msg
    assert data_file.read_bytes() == before
    assert os.stat(data_file).st_ino == inode and mode(data_file) == 0o400


def test_a_command_that_changes_nothing_writes_nothing(cli, data_file, tmp_path):
    ok(cli("add", "Grace"))
    ok(cli("config", "cadence_days", "14"))
    text = "# my own comment\n" + data_file.read_text()
    data_file.write_text(text)
    count = len(backups(data_file))
    ok(cli("config", "cadence_days", "14"))
    csv = tmp_path / "same.csv"
    csv.write_text("name\nGrace\n")
    ok(cli("import", str(csv)))
    assert data_file.read_text() == text
    assert len(backups(data_file)) == count


def test_folders_and_files_are_private_under_umask_000(data_file, tmp_path):
    deep = tmp_path / "a" / "b" / "peers.toml"
    r = subprocess.run([*peermap_cmd(), "add", "Grace"], env=subprocess_env(deep),
                       capture_output=True, text=True, preexec_fn=lambda: os.umask(0),
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*peermap_cmd(), "add", "Bob"], env=subprocess_env(deep),
                       capture_output=True, text=True, preexec_fn=lambda: os.umask(0),
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", side(deep), side(deep) / "backups"):
        assert mode(folder) == 0o700, folder
    for f in (deep, side(deep) / ".gitignore", *backups(deep),
              deep.with_name(".peers.toml.lock")):
        assert mode(f) == 0o600, f


# --- odd things where peermap's files go -----------------------------------------------


@pytest.mark.parametrize("name", ["000000.toml", "000099.toml"])
def test_a_stray_folder_named_like_a_backup_breaks_nothing(cli, data_file, name):
    ok(cli("add", "Grace"))
    ok(cli("add", "Bob"))
    (side(data_file) / "backups" / name).mkdir()
    for n in range(7):
        ok(cli("add", f"Peer {n}"))
    assert b"Peer 6" in data_file.read_bytes()
    ok(cli("undo"))
    assert b"Peer 6" not in data_file.read_bytes()
    assert "named like a backup but is not a regular file" in " ".join(
        ok(cli("check")).stdout.split())
    assert (side(data_file) / "backups" / name).is_dir()


@pytest.mark.parametrize("what", ["file", "dangling-link"])
def test_a_side_folder_in_the_way_is_named_in_the_error(cli, data_file, tmp_path, what):
    ok(cli("add", "Grace"))
    before = data_file.read_bytes()
    folder = side(data_file)
    import shutil

    shutil.rmtree(folder)
    if what == "file":
        folder.write_text("not a folder")
    else:
        folder.symlink_to(tmp_path / "gone")
    msg = error(cli("add", "Bob"))
    assert f"{folder} is in the way" in msg, msg
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("command", [["remind"], ["list"], ["check"], ["log", "x", "hi"]])
def test_a_fifo_at_the_data_path_is_refused_without_hanging(data_file, command):
    data_file.parent.mkdir(parents=True)
    os.mkfifo(data_file)
    r = subprocess.run([*peermap_cmd(), *command], env=subprocess_env(data_file),
                       capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 1, r.stderr
    assert "not a regular file" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0
    assert stat.S_ISFIFO(os.lstat(data_file).st_mode)


@pytest.mark.parametrize("command", [["remind"], ["list"], ["check"]])
def test_dev_zero_as_the_data_file_is_refused_without_hanging(data_file, command):
    r = subprocess.run([*peermap_cmd(), *command], env=subprocess_env(Path("/dev/zero")),
                       capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and "not a regular file" in r.stderr, r.stderr


# --- numbers and names the loader must bound --------------------------------------------


def checked(r, command: list[str]) -> str:
    """The error text: `check` reports on stdout and exits 1, the others as `error`."""
    if command == ["check"]:
        assert r.exit_code == 1 and "Traceback" not in r.stdout
        return " ".join(r.stdout.split())
    return error(r)


@pytest.mark.parametrize("command", [["check"], ["plan", "grace", "ask", "--due", "2026-12-01"],
                                     ["review", "--summary"], ["list"]])
def test_a_setting_beyond_configs_bounds_in_the_file_is_refused_clearly(cli, data_file,
                                                                        command):
    ok(cli("add", "Grace"))
    data_file.write_text(data_file.read_text().replace("review_every_days = 7",
                                                       "review_every_days = 3000000"))
    before = data_file.read_bytes()
    msg = checked(cli(*command), command)
    assert "review_every_days must be at most 10000" in msg
    assert data_file.read_bytes() == before


def test_a_peer_cadence_beyond_bounds_in_the_file_is_refused(cli, data_file):
    ok(cli("add", "Grace"))
    data_file.write_text(data_file.read_text().replace('name = "Grace"',
                                                       'name = "Grace"\ncadence_days = 99999'))
    assert "cadence_days must be between 1 and 3650" in error(cli("list"))


@pytest.mark.parametrize("command", [["check"], ["list"], ["log", "grace", "hi"]])
def test_an_integer_of_5000_digits_in_the_file_is_a_clear_error(cli, data_file, command):
    ok(cli("add", "Grace"))
    data_file.write_text(data_file.read_text().replace("backups = 5", "backups = " + "9" * 5000))
    before = data_file.read_bytes()
    assert "number far too large" in checked(cli(*command), command)
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("body", [
    '[{"name": "Bob", "cadence_days": 1000000000000000000000000000000}]',
    '[{"name": "Bob", "cadence_days": ' + "9" * 5000 + '}]',
    '{"schema": 1, "settings": {"cadence_days": 10000000000000000000000}, "peers": []}',
], ids=["10**30", "5000-digits", "settings"])
def test_a_json_import_with_an_out_of_bounds_integer_is_refused(cli, data_file, tmp_path, body):
    ok(cli("add", "Grace"))
    before = data_file.read_bytes()
    src = tmp_path / "in.json"
    src.write_text(body)
    r = cli("import", str(src))
    assert r.exit_code == 1 and "nothing was imported" in r.stderr
    assert "Traceback" not in r.stderr
    assert data_file.read_bytes() == before


def test_a_json_import_with_a_lone_surrogate_names_the_entry_not_internals(cli, tmp_path):
    src = tmp_path / "in.json"
    src.write_text('[{"name": "Bob"}, {"name": "Bad \\ud800 name"}]')
    r = cli("import", str(src))
    assert r.exit_code == 1
    assert "entry 2" in r.stderr and "surrogate" in r.stderr, r.stderr


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u200e", "\u00ad"])
def test_names_differing_only_by_invisible_characters_are_the_same_peer(cli, data_file,
                                                                        invisible):
    ok(cli("add", "Grace Hopper"))
    msg = error(cli("add", f"Grace{invisible} Hopper"))
    assert "already on your map" in msg
    ok(cli("add", f"Ada{invisible}"))
    assert invisible.encode() not in data_file.read_bytes()
    assert b'name = "Ada"' in data_file.read_bytes()


# --- CSV export -> import gives back exactly the same data -------------------------------


def test_csv_round_trip_is_exact_for_quotes_semicolons_and_long_notes(cli, data_file,
                                                                      tmp_path):
    import json

    long_note = "'" + "x" * (200 * 1024)
    ok(cli("add", "--team", "'=quoted", "--role", "''twice", "--location", "+1",
           "--tag", "R&D; ops", "--tag", "back\\slash", "--tag", "end\\", "--tag", "'tick",
           "--goal", "ship; then rest", "--pressure", "=Q1 freeze",
           "--note", long_note, "--tie", "weak", "@Dash"))
    ok(cli("add", "Plain", "--tag", "C\\C++"))
    before = json.loads(cli("list", "--format", "json").stdout)
    exported = tmp_path / "out.csv"
    ok(cli("export", "--format", "csv", "-o", str(exported)))
    data_file.unlink()
    ok(cli("import", str(exported)))
    after = json.loads(cli("list", "--format", "json").stdout)
    fields = ("name", "team", "role", "location", "tags", "notes", "tie", "goals", "pressures")
    assert [{k: p.get(k) for k in fields} for p in after] == \
        [{k: p.get(k) for k in fields} for p in before]


# --- export -o: write through links, refuse what is not a file ----------------------------


def test_export_to_a_symlink_writes_its_target_and_keeps_the_link(cli, tmp_path):
    ok(cli("add", "Grace"))
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    ok(cli("export", "--format", "json", "-o", str(link)))
    assert link.is_symlink() and b"Grace" in target.read_bytes()


@pytest.mark.parametrize("what", ["fifo", "dir", "device"])
def test_export_refuses_a_fifo_a_device_or_a_folder(cli, tmp_path, what):
    ok(cli("add", "Grace"))
    if what == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    elif what == "dir":
        target = tmp_path / "folder"
        target.mkdir()
    else:
        target = tmp_path / "null"
        target.symlink_to("/dev/null")
    msg = error(cli("export", "--format", "json", "-o", str(target)))
    assert "Nothing was written" in msg and "-o -" in msg
    if what == "fifo":
        assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_dash_o_dash_writes_to_stdout(cli):
    ok(cli("add", "Grace"))
    assert "Grace" in ok(cli("export", "--format", "csv", "-o", "-")).stdout
