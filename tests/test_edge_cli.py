"""What a user sees at the edges: the one error path, odd environments and streams.

The one error path, the run state read once, odd text and encodings, closed streams and
user text shown literally, in real subprocesses where the user would see them.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import error, ok, peermap_cmd, subprocess_env


def run(path: Path, *args: str | bytes, stdin: bytes | None = b"", **env: str):
    return subprocess.run([*peermap_cmd(), *args], env=subprocess_env(path, **env),
                          input=stdin, capture_output=True, timeout=60)


def shell(path: Path, script: str, **env: str):
    """A line of sh, with `pm` standing for peermap."""
    pm = " ".join(peermap_cmd())
    return subprocess.run(["bash", "-c", script.replace("pm ", pm + " ")],
                          env=subprocess_env(path, **env), capture_output=True, timeout=120)


def one_error_line(p: subprocess.CompletedProcess[bytes]) -> str:
    text = p.stderr.decode()
    assert p.returncode == 1, (p.returncode, text)
    assert text.startswith("peermap: ") and text.count("\n") == 1, text
    assert "Traceback" not in text
    return text


@pytest.fixture
def grace(cli, data_file) -> Path:
    ok(cli("add", "Grace Example", "--team", "Compilers", "--tie", "weak",
           "--matters", "current-work"))
    ok(cli("add", "Zoë Trail\\", "--tie", "nonexistent", "--matters", "big-picture"))
    ok(cli("focus", "add", "grace"))
    ok(cli("log", "grace", "coffee", "--kind", "shared"))
    return data_file


# --- the one error path -----------------------------------------------------------------


def test_a_bug_is_one_line_and_exit_70_and_a_traceback_only_with_debug(cli, grace,
                                                                        monkeypatch):
    from peermap.core import refs

    def broken(net, ref):
        raise ValueError("boom")

    monkeypatch.setattr(refs, "resolve", broken)
    from typer.testing import CliRunner

    from peermap.app.root import app

    r = CliRunner().invoke(app, ["show", "grace"])
    assert r.exit_code == 70
    assert r.stderr.startswith("peermap: internal error (ValueError: boom)")
    assert "--debug" in r.stderr and "Traceback" not in r.stderr
    for args, env in ((["--debug", "show", "grace"], {}),
                      (["show", "grace"], {"PEERMAP_DEBUG": "1"})):
        r = CliRunner().invoke(app, args, env=env)
        assert isinstance(r.exception, ValueError)  # Python prints its traceback


def test_user_errors_never_need_debug(grace):
    for env in ({}, {"PEERMAP_DEBUG": "1"}):
        p = run(grace, "show", "nobody", **env)
        assert one_error_line(p).startswith("peermap: no peer called 'nobody'")
    p = run(grace, "--debug", "show", "nobody")
    one_error_line(p)


def test_fast_path_and_app_report_errors_alike(grace):
    fast = run(grace, "remind", "--as-of", "someday")
    # A repeated option is not for the fast parser: Typer takes the line.
    app = run(grace, "remind", "--as-of", "x", "--as-of", "someday")
    assert one_error_line(fast).startswith("peermap: 'someday' is not a date")
    assert (app.returncode, app.stderr) == (fast.returncode, fast.stderr)


def test_two_runs_in_one_process_share_nothing(cli, tmp_path, data_file):
    other = tmp_path / "other.toml"
    ok(cli("--file", str(other), "add", "Only There"))
    assert "Only There" not in ok(cli("list", "--format", "plain")).stdout
    assert ok(cli("--file", str(other), "where")).stdout.strip() == str(other)
    assert ok(cli("where")).stdout.strip() == str(data_file)


def test_fail_maps_ctrl_c_to_130():
    from peermap.run import fail

    assert fail(KeyboardInterrupt(), debug=False) == 130


# --- the environment, read once -------------------------------------


@pytest.mark.parametrize(("var", "value"), [
    ("PEERMAP_WIDTH", "wide"), ("PEERMAP_WIDTH", "0"), ("PEERMAP_WIDTH", "-3"),
    ("PEERMAP_LOCK_TIMEOUT", "soon"), ("PEERMAP_LOCK_TIMEOUT", "nan"),
    ("PEERMAP_TODAY", "someday"), ("PEERMAP_TODAY", "2026-02-30"),
])
@pytest.mark.parametrize("args", [("list",), ("remind",), ("add", "Bob")],
                         ids=["list", "remind", "add"])
def test_bad_environment_values_are_one_clear_line(grace, var, value, args):
    before = grace.read_bytes()
    text = one_error_line(run(grace, *args, **{var: value}))
    assert f"{var}='{value}'" in text and "unset it" in text
    assert grace.read_bytes() == before


def test_today_option_wins_over_the_environment(cli, grace):
    doc = ok(cli("--today", "2027-01-04", "remind", "--format", "json")).stdout
    assert '"as_of": "2027-01-04"' in doc
    p = run(grace, "--today", "2027-01-04", "remind", "--format", "json")
    assert b'"as_of": "2027-01-04"' in p.stdout


# --- text that is not UTF-8 -------------------------------------------


def test_an_argument_that_is_not_utf8_is_refused(grace):
    before = grace.read_bytes()
    text = one_error_line(run(grace, "add", b"bad\xffbyte"))
    assert "'bad\\xffbyte' is not UTF-8 text" in text
    assert grace.read_bytes() == before


def test_piped_answers_that_are_not_utf8_stop_with_a_clear_line(data_file):
    p = run(data_file, "map", stdin=b"Ada\n\n\n\nBad\xffName\n")
    err = p.stderr.decode()
    assert p.returncode == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("peermap: the input is not UTF-8 text")


# --- an output encoding without peermap's symbols -------------------


@pytest.mark.parametrize("args", [("list",), ("show", "grace"), ("focus",), ("suggest",),
                                  ("stats",), ("review", "--summary"), (),
                                  ("export", "--format", "markdown")],
                         ids=lambda a: " ".join(a) or "dashboard")
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_non_utf8_terminal_gets_ascii_stand_ins(grace, args, encoding):
    p = run(grace, *args, PYTHONIOENCODING=encoding)
    assert (p.returncode, p.stderr) == (0, b"")
    out = p.stdout.decode(encoding)
    assert "★" not in out and "▁" not in out
    if args in (("list",), ("focus",)):
        assert "* Grace Example" in out
    if encoding == "ascii" and args == ("list",):
        assert "Zoe Trail" in out


def test_json_on_an_ascii_stdout_keeps_names_exact(grace):
    import json

    p = run(grace, "list", "--format", "json", PYTHONIOENCODING="ascii")
    assert p.returncode == 0
    assert {d["name"] for d in json.loads(p.stdout)} == {"Grace Example", "Zoë Trail\\"}


# --- closed and broken streams ------------------------------------


@pytest.mark.parametrize("args", ["list", "show grace", "stats", "export --format json",
                                  "remind", "--version", "add Bob"])
def test_a_closed_stdout_does_nothing_and_says_so(grace, args):
    before = grace.read_bytes()
    p = shell(grace, f"pm {args} >&-")
    assert p.returncode == 1
    assert p.stderr.decode().startswith("peermap: standard output is closed")
    assert grace.read_bytes() == before


@pytest.mark.parametrize("args", ["review", "map", "remove grace", "review --summary"])
def test_a_closed_stdin_reads_as_no_answers(grace, args):
    p = shell(grace, f"pm {args} <&- >/dev/null")
    err = p.stderr.decode()
    assert "Traceback" not in err and p.returncode in (0, 1), err
    if args == "remove grace":
        assert p.returncode == 1 and "without confirmation" in err


@pytest.mark.slow
@pytest.mark.parametrize("script", [
    "pm --version | head -c0",
    "pm list --format plain | head -1",
    "pm list | head -1",
    "pm list --format json | head -1",
    "pm export --format csv | head -1",
])
def test_a_reader_that_stops_early_ends_quietly_with_status_0(data_file, script):
    from peermap.core.model import Network, Peer
    from peermap.storage.store import Store

    Store(data_file).create(Network(peers=[Peer(name=f"Peer {i:04d}", team=f"Team {i % 40}")
                                           for i in range(3000)]))
    p = shell(data_file, "set -o pipefail; " + script + "; echo status=$?")
    assert p.stdout.decode().strip().endswith("status=0"), p
    assert p.stderr == b""


# --- shown literally --------------------------------------------------


@pytest.mark.parametrize("args", [(), ("focus",), ("show", "zo"), ("list",)],
                         ids=["dashboard", "focus", "show", "list"])
def test_a_trailing_backslash_is_shown_once(cli, grace, args):
    ok(cli("focus", "add", "zo"))
    out = ok(cli(*args)).stdout
    assert "Zoë Trail\\" in out and "Trail\\\\" not in out


def test_where_shows_control_characters_neutralised(cli, tmp_path):
    odd = tmp_path / "odd\x1b[31mred" / "peers.toml"
    out = ok(cli("--file", str(odd), "where")).stdout
    assert "\x1b" not in out and "\\x1b[31mred" in out


def test_dates_for_due_dates_lie_ahead():
    from peermap.core.dates import parse_due
    from peermap.core.errors import PeermapError

    today = date(2026, 11, 22)  # a Sunday
    assert parse_due("+5d", today) == parse_due("in 5d", today) == date(2026, 11, 27)
    assert parse_due("in 2 weeks", today) == parse_due("+2w", today) == date(2026, 12, 6)
    assert parse_due("tomorrow", today) == date(2026, 11, 23)
    assert parse_due("Friday", today) == parse_due("fri", today) == date(2026, 11, 27)
    assert parse_due("sunday", today) == date(2026, 11, 29)  # the next one, not today
    assert parse_due("2026-11-01", today) == date(2026, 11, 1)  # explicit: the user said so
    for text in ("5d", "yesterday", "next week", "+99999999d", "t"):
        with pytest.raises(PeermapError):
            parse_due(text, today)


def test_plan_refuses_a_due_date_in_the_past_unless_written_out(cli, grace):
    before = grace.read_bytes()
    r = cli("plan", "grace", "Coffee", "--due", "5d")
    assert "'5d' is in the past" in error(r) and "+5d" in r.stderr
    assert grace.read_bytes() == before
    ok(cli("plan", "grace", "Coffee", "--due", "in 5d"))
    assert "due = 2026-11-27" in grace.read_text()
    ok(cli("plan", "grace", "Coffee", "--due", "2026-11-01"))
    assert "due = 2026-11-01" in grace.read_text()


def test_startup_environment_is_read_in_one_place():
    """Nothing below peermap.run reads the PEERMAP_* variables."""
    src = Path(__file__).parent.parent / "src" / "peermap"
    import re

    read = re.compile(r"(environ\.get\(|environ\[|getenv\()\s*\"PEERMAP_"
                      r"(TODAY|WIDTH|LOCK_TIMEOUT|DEBUG)")
    readers = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                     if read.search(p.read_text()) and p.name != "run.py")
    assert readers == [], readers


# peermap, saying "ready" on stderr just before it waits for the lock.
READY_THEN_RUN = """
import sys
from peermap.storage import store
wait_for_lock = store.Store.locked
def locked(self):
    sys.stderr.write("ready\\n")
    sys.stderr.flush()
    return wait_for_lock(self)
store.Store.locked = locked
sys.argv = ["peermap", *sys.argv[1:]]
from peermap.entry import main
main()
"""


@pytest.mark.slow
def test_ctrl_c_while_waiting_for_the_lock_is_exit_130_and_changes_nothing(grace):
    import signal

    from filelock import FileLock

    from peermap.storage.store import Store

    before = grace.read_bytes()
    with FileLock(str(Store(grace).lock_path)):
        proc = subprocess.Popen([sys.executable, "-c", READY_THEN_RUN, "add", "Bob"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=subprocess_env(grace, PEERMAP_LOCK_TIMEOUT="60"))
        assert proc.stderr.readline() == b"ready\n"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert grace.read_bytes() == before
