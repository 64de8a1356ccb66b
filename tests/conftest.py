"""Shared fixtures: every test gets its own data file, a pinned today and a pinned width."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peermap.app.root import app


@pytest.fixture(autouse=True)
def private_umask():
    """Files a test writes by hand are private, as a user's data file is: peermap makes
    a file others can read private on reading it, and says so (docs/safety.md)."""
    old = os.umask(0o077)
    yield
    os.umask(old)


@pytest.fixture(autouse=True)
def data_file(tmp_path, monkeypatch) -> Path:
    """Point PEERMAP_FILE at a temp dir so no test can touch a real data file."""
    path = tmp_path / "data" / "peers.toml"
    monkeypatch.setenv("PEERMAP_FILE", str(path))
    monkeypatch.setenv("PEERMAP_TODAY", "2026-11-22")
    monkeypatch.setenv("PEERMAP_WIDTH", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PEERMAP_LOCK_TIMEOUT", "5")
    # pytest-xdist's workers set COLUMNS=80 and LINES=24; readline and Rich would believe
    # them over a test's own pseudo-terminal size, so every test runs as without xdist.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner):
    """Run peermap in-process: cli("add", "Grace") -> Result (stdout, stderr, exit_code)."""

    def run(*args: str, input: str | None = None):
        r = runner.invoke(app, list(args), input=input)
        # The promise every command keeps, whatever the input: no traceback, no bug.
        assert "Traceback" not in r.stderr
        assert "internal error" not in r.stderr and r.exit_code != 70, r.stderr
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
        return r

    return run


@pytest.fixture
def pm(cli):
    """The name some test modules use for `cli`."""
    return cli


def ok(r):
    assert r.exit_code == 0, (r.exit_code, r.stdout, r.stderr)
    return r


def error(r, code: int = 1) -> str:
    """A clear error: the exit code, one line on stderr starting `peermap:`; its text."""
    assert r.exit_code == code, (r.exit_code, r.stdout, r.stderr)
    line = r.stderr.strip()
    if code == 1:
        assert line.startswith("peermap: ") and "\n" not in line, r.stderr
    return line


def peermap_cmd() -> list[str]:
    """The command that runs peermap in a real subprocess."""
    return [sys.executable, "-m", "peermap"]


def subprocess_env(path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PEERMAP_FILE": str(path), "PEERMAP_TODAY": "2026-11-22", "NO_COLOR": "1"})
    env.update(extra)
    return env


# Whole files whose tests run real subprocesses or terminals: `pytest -m "not slow"` skips
# them for a quick run (under a minute); CI runs everything.
SLOW_FILES = {"test_concurrency.py", "test_faults.py", "test_git.py", "test_map_pty.py",
              "test_remove_pty.py", "test_review_pty.py", "test_startup.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
