"""examples/systemd, examples/launchd and examples/notify-remind.sh, run for real: the
command each one holds runs against a map with something due, with a stand-in for the
notifier that records what it was asked to show."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

EXAMPLES = Path(__file__).parent.parent / "examples"
pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path) -> Path:
    """A home with ~/.local/bin/peermap (this peermap) and recording notifiers on PATH."""
    home = tmp_path / "home"
    bin_ = home / ".local" / "bin"
    bin_.mkdir(parents=True)
    (bin_ / "peermap").write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m peermap "
                                  '"$@"\n')
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for tool in ("notify-send", "osascript"):
        # Each call appends its arguments, one per line, then a separator.
        (fakes / tool).write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done '
                                  f'>> {shlex.quote(str(tmp_path / tool))}.log\n'
                                  f'echo --- >> {shlex.quote(str(tmp_path / tool))}.log\n')
    for f in [*bin_.iterdir(), *fakes.iterdir()]:
        f.chmod(0o755)
    return home


def env_for(home: Path, data: Path, today: str) -> dict[str, str]:
    fakes = home.parent / "fakes"
    return subprocess_env(data, HOME=str(home), PEERMAP_TODAY=today,
                          PATH=f"{fakes}{os.pathsep}{home / '.local' / 'bin'}{os.pathsep}"
                               f"{os.environ['PATH']}")


def make_map(home: Path) -> Path:
    data = home.parent / "peers.toml"
    env = env_for(home, data, "2026-11-30")
    for args in (["init"], ["add", "Grace Example", "--tie", "weak", "--matters", "current-work"],
                 ["plan", "Grace Example", "Ask what she is most excited about", "--due",
                  "2026-12-01"]):
        subprocess.run([sys.executable, "-m", "peermap", *args], env=env, check=True,
                       capture_output=True, stdin=subprocess.DEVNULL)
    return data


def calls(home: Path, tool: str) -> list[list[str]]:
    log = home.parent / f"{tool}.log"
    if not log.exists():
        return []
    out, cur = [], []
    for line in log.read_text().splitlines():
        if line == "---":
            out.append(cur)
            cur = []
        else:
            cur.append(line)
    return out


def run(argv: list[str], home: Path, data: Path, today: str) -> None:
    r = subprocess.run(argv, env=env_for(home, data, today), capture_output=True, text=True,
                       timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr


DUE = ("next step with Grace Example: Ask what she is most excited about (due yesterday)\n"
       "your weekly review is ready: peermap review (no review yet)")


def systemd_command(home: Path) -> list[str]:
    unit = (EXAMPLES / "systemd" / "peermap-remind.service").read_text()
    line = next(x for x in unit.splitlines() if x.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart=").replace("%h", str(home))
                       .replace("$$", "$"))


def test_systemd_service_notifies_what_is_due_and_nothing_else(home):
    argv = systemd_command(home)
    empty = home.parent / "empty.toml"
    subprocess.run([sys.executable, "-m", "peermap", "init"], check=True, capture_output=True,
                   env=env_for(home, empty, "2026-12-02"), stdin=subprocess.DEVNULL)
    run(argv, home, empty, "2026-12-02")
    assert calls(home, "notify-send") == []  # nothing due: no notification
    run(argv, home, make_map(home), "2026-12-02")
    assert calls(home, "notify-send") == [["--app-name=peermap", "peermap", *DUE.splitlines()]]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_systemd_units_verify():
    r = subprocess.run(["systemd-analyze", "verify", "./peermap-remind.timer",
                        "./peermap-remind.service"], cwd=EXAMPLES / "systemd",
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "OnCalendar=Mon..Fri 09:00" in (EXAMPLES / "systemd" / "peermap-remind.timer"
                                           ).read_text()


def test_launchd_plist_parses_and_its_job_notifies_through_osascript(home):
    plist = plistlib.loads((EXAMPLES / "launchd" / "org.peermap.remind.plist").read_bytes())
    assert plist["Label"] == "org.peermap.remind"
    assert sorted(d["Weekday"] for d in plist["StartCalendarInterval"]) == [1, 2, 3, 4, 5]
    data = make_map(home)
    run(plist["ProgramArguments"], home, data, "2026-12-02")
    (got,) = calls(home, "osascript")
    assert got[-1] == DUE.splitlines()[-1]  # the message arrives as an argument, not code
    assert got[:2] == ["-e", "on run argv"]


@pytest.mark.skipif(shutil.which("jq") is None, reason="no jq")
def test_notify_script_sends_one_notification_per_item(home):
    data = make_map(home)
    run([str(EXAMPLES / "notify-remind.sh")], home, data, "2026-12-02")
    assert calls(home, "notify-send") == [
        ["--app-name=peermap", "--urgency=critical", "peermap: Grace Example",
         "Ask what she is most excited about"],
        ["--app-name=peermap", "--urgency=normal", "peermap: weekly review", "no review yet"],
    ]
