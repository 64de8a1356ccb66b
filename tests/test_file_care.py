"""The file's privacy after git, and a file git left mid-merge (docs/safety.md).

Each failed before: a 0644 file stayed 0644 until the next write, and conflict markers
read only "not valid TOML at line N".
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from conftest import error, ok


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_file_others_can_read_is_made_private_on_the_next_read_and_said_once(cli, data_file):
    ok(cli("add", "Grace"))
    os.chmod(data_file, 0o644)  # what git clone or pull leaves
    before = data_file.read_bytes()
    r = ok(cli("list"))
    said = " ".join(r.stderr.split())
    assert "was readable by others (mode 0644" in said and "private again (mode 0600)" in said
    assert mode(data_file) == 0o600
    assert data_file.read_bytes() == before
    assert "readable by others" not in ok(cli("list")).stderr  # once


def test_a_read_only_file_stays_read_only_when_made_private(cli, data_file):
    ok(cli("add", "Grace"))
    os.chmod(data_file, 0o444)
    ok(cli("list"))
    assert mode(data_file) == 0o400


def test_check_only_reports_a_readable_file(cli, data_file):
    ok(cli("add", "Grace"))
    os.chmod(data_file, 0o644)
    assert "readable by others" in " ".join(ok(cli("check")).stdout.split())
    assert mode(data_file) == 0o644


CONFLICTED = """schema = 1

[[peers]]
name = "Grace"
<<<<<<< HEAD
team = "Compilers"
=======
team = "Payments"
>>>>>>> origin/main
"""


@pytest.mark.parametrize("command", [["list"], ["log", "grace", "coffee"]])
def test_conflict_markers_are_an_unfinished_git_merge_with_the_fix(cli, data_file, command):
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.write_text(CONFLICTED)
    data_file.chmod(0o600)
    msg = " ".join(error(cli(*command)).split())
    assert "unfinished git merge (conflict markers from line 5)" in msg
    assert "peermap git-setup" in msg and "git merge --abort" in msg
    assert f"git checkout --ours -- {data_file}" in msg and "--theirs" in msg
    assert "not valid TOML" not in msg
    assert data_file.read_text() == CONFLICTED


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_real_git_line_merge_conflict_is_recognised_and_checkout_ours_fixes_it(
        cli, data_file):
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                               *args], cwd=data_file.parent, capture_output=True, text=True)

    ok(cli("add", "Grace"))
    git("init", "-q", "-b", "main")
    git("add", data_file.name)
    git("commit", "-qm", "base")
    git("checkout", "-qb", "other")
    ok(cli("edit", "grace", "--team", "Payments"))
    git("commit", "-qam", "other")
    git("checkout", "-q", "main")
    ok(cli("edit", "grace", "--team", "Compilers"))
    git("commit", "-qam", "main")
    assert git("merge", "other").returncode != 0  # git's own line merge: conflict
    r = cli("list")
    assert r.exit_code == 1 and "unfinished git merge" in r.stderr
    assert git("checkout", "--ours", "--", data_file.name).returncode == 0
    assert "Compilers" in ok(cli("show", "grace")).stdout
