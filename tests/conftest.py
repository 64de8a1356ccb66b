"""Shared fixtures: every test gets its own data file, a pinned today and a pinned width."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peermap.cli import app


@pytest.fixture(autouse=True)
def data_file(tmp_path, monkeypatch) -> Path:
    """Point PEERMAP_FILE at a temp dir so no test can touch a real data file."""
    path = tmp_path / "data" / "peers.toml"
    monkeypatch.setenv("PEERMAP_FILE", str(path))
    monkeypatch.setenv("PEERMAP_TODAY", "2026-11-22")
    monkeypatch.setenv("PEERMAP_WIDTH", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PEERMAP_LOCK_TIMEOUT", "5")
    from peermap import cliutil, render

    cliutil._current.clear()
    render._consoles.clear()
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner):
    """Run peermap in-process: cli("add", "Grace") -> Result (stdout, stderr, exit_code)."""

    def run(*args: str, input: str | None = None):
        from peermap import cliutil, render

        cliutil._current.clear()
        render._consoles.clear()
        return runner.invoke(app, list(args), input=input)

    return run


def peermap_cmd() -> list[str]:
    """The command that runs peermap in a real subprocess."""
    return [sys.executable, "-m", "peermap"]


def subprocess_env(path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PEERMAP_FILE": str(path), "PEERMAP_TODAY": "2026-11-22", "NO_COLOR": "1"})
    env.update(extra)
    return env
