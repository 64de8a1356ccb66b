"""`settings.git_commit`: each change becomes a commit naming it (docs/safety.md).

Real `git` in a real work tree, peermap in a real subprocess. Git's global and system
configuration are shut out so a developer's hooks, signing or templates cannot leak in.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import peermap_cmd, subprocess_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(tmp_path: Path) -> dict[str, str]:
    return {
        "GIT_CONFIG_GLOBAL": str(tmp_path / "no-global-gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        # Never discover a repository above the test's own directory.
        "GIT_CEILING_DIRECTORIES": str(tmp_path),
        "HOME": str(tmp_path),
    }


def git(repo: Path, tmp_path: Path, *args: str) -> str:
    env = subprocess_env(repo / "peers.toml", **git_env(tmp_path))
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                         check=True)
    return out.stdout


def peermap(path: Path, tmp_path: Path, *args: str):
    env = subprocess_env(path, **git_env(tmp_path))
    return subprocess.run([*peermap_cmd(), *args], env=env, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


def ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.fixture
def repo(tmp_path) -> Path:
    work = tmp_path / "sync"
    work.mkdir()
    git(work, tmp_path, "init", "--quiet")
    git(work, tmp_path, "config", "user.name", "Ada Example")
    git(work, tmp_path, "config", "user.email", "ada@example.invalid")
    git(work, tmp_path, "config", "commit.gpgsign", "false")
    return work


def subjects(repo: Path, tmp_path: Path) -> list[str]:
    out = subprocess.run(["git", "log", "--format=%s"], cwd=repo, capture_output=True,
                         text=True, env=subprocess_env(repo / "peers.toml",
                                                       **git_env(tmp_path)))
    return out.stdout.splitlines()[::-1] if out.returncode == 0 else []


def test_each_change_is_a_commit_naming_it(repo, tmp_path):
    path = repo / "peers.toml"
    assert ok(peermap(path, tmp_path, "init", "--name", "Ada Example")) == ""
    assert subjects(repo, tmp_path) == []  # git_commit is off by default
    assert ok(peermap(path, tmp_path, "config", "git_commit", "true")) == ""
    assert ok(peermap(path, tmp_path, "add", "Grace Example", "--team", "Compilers")) == ""
    assert ok(peermap(path, tmp_path, "log", "grace", "Sent the write-up",
                      "--kind", "shared")) == ""
    assert ok(peermap(path, tmp_path, "rate", "grace", "weak")) == ""
    assert subjects(repo, tmp_path) == [
        "peermap: config git_commit true",
        "peermap: add Grace Example",
        "peermap: log Grace Example (shared)",
        "peermap: rate Grace Example weak",
    ]
    # Each commit holds the data file alone, as it is on disk now.
    assert git(repo, tmp_path, "show", "--name-only", "--format=", "HEAD").split() == \
        ["peers.toml"]
    assert git(repo, tmp_path, "show", "HEAD:peers.toml") == path.read_text(encoding="utf-8")
    assert git(repo, tmp_path, "status", "--porcelain", "--", "peers.toml") == ""


def test_the_users_other_staged_changes_stay_out_of_peermaps_commit(repo, tmp_path):
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    (repo / "todo.txt").write_text("half-done work\n")
    git(repo, tmp_path, "add", "todo.txt")
    ok(peermap(path, tmp_path, "add", "Grace Example"))
    assert git(repo, tmp_path, "show", "--name-only", "--format=", "HEAD").split() == \
        ["peers.toml"]
    assert git(repo, tmp_path, "diff", "--cached", "--name-only").split() == ["todo.txt"]


def test_a_read_only_command_makes_no_commit(repo, tmp_path):
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    before = subjects(repo, tmp_path)
    for args in (["list"], ["show", "--help"], ["remind"], ["where"]):
        ok(peermap(path, tmp_path, *args))
    assert subjects(repo, tmp_path) == before


def test_undo_is_committed_too(repo, tmp_path):
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    ok(peermap(path, tmp_path, "add", "Grace Example"))
    ok(peermap(path, tmp_path, "undo"))
    assert subjects(repo, tmp_path)[-1] == "peermap: undo"
    assert "Grace Example" not in git(repo, tmp_path, "show", "HEAD:peers.toml")


def test_failed_commit_is_a_warning_and_keeps_the_data(repo, tmp_path):
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    before = subjects(repo, tmp_path)
    # Another git is "running": git add and git commit both refuse.
    index_lock = repo / ".git" / "index.lock"
    index_lock.touch()
    proc = peermap(path, tmp_path, "add", "Grace Example")
    err = ok(proc)
    assert "warning" in err and "git" in err, err
    assert "Traceback" not in err
    assert "Grace Example" in path.read_text(encoding="utf-8")
    assert subjects(repo, tmp_path) == before
    # The data is there for the next command, and the next commit picks it up.
    index_lock.unlink()
    listed = peermap(path, tmp_path, "list", "--format", "plain")
    assert listed.returncode == 0 and "Grace Example" in listed.stdout
    ok(peermap(path, tmp_path, "log", "grace", "hello"))
    assert subjects(repo, tmp_path)[-1] == "peermap: log Grace Example (chat)"
    assert "Grace Example" in git(repo, tmp_path, "show", "HEAD:peers.toml")


def test_failed_commit_warning_is_one_line(repo, tmp_path):
    """Regression: a failed `git add` put git's whole stderr (seven lines of index.lock
    advice) into the warning."""
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    (repo / ".git" / "index.lock").touch()
    err = ok(peermap(path, tmp_path, "add", "Grace Example"))
    assert len(err.strip().splitlines()) == 1, err


def test_outside_a_work_tree_nothing_happens(tmp_path):
    path = tmp_path / "plain" / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "config", "git_commit", "true"))
    assert ok(peermap(path, tmp_path, "add", "Grace Example")) == ""
    assert "Grace Example" in path.read_text(encoding="utf-8")
    assert not any(p.name == ".git" for p in tmp_path.rglob(".git"))


def test_git_commit_off_inside_a_work_tree_makes_no_commit(repo, tmp_path):
    path = repo / "peers.toml"
    ok(peermap(path, tmp_path, "init"))
    ok(peermap(path, tmp_path, "add", "Grace Example"))
    assert subjects(repo, tmp_path) == []
    assert git(repo, tmp_path, "status", "--porcelain", "--", "peers.toml").startswith("??")
