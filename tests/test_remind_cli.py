"""`peermap remind` for cron (docs/reminders.md): the fast path, the Typer path, and no writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from conftest import ok, peermap_cmd, subprocess_env
from factories import write
from peermap.core.model import LogEntry, Matters, Network, NextStep, Peer, Review, Tie
from peermap.entry import parse_remind
from peermap.storage.store import Store

D = date.fromisoformat
TYPER = [sys.executable, "-c", "from peermap.app.root import app; app(prog_name='peermap')"]


def due_net() -> Network:
    """As of 2026-11-22: one step due, one focus peer to reconnect with, the review."""
    return Network(
        peers=[
            Peer(name="Grace Example", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK],
                 focus=True, focus_since=D("2026-10-01"), log=[LogEntry(D("2026-11-01"))],
                 next=NextStep("Ask what she is most excited about right now",
                               D("2026-11-20"))),
            Peer(name="Bob Builder", tie=Tie.WEAK, focus=True, focus_since=D("2026-11-20")),
        ],
        reviews=[Review(D("2026-11-08"), "Grace Example", "Send the write-up")],
    )


def quiet_net() -> Network:
    """As of 2026-11-22 nothing is due."""
    return Network(
        peers=[Peer(name="Grace Example", tie=Tie.WEAK, focus=True,
                    focus_since=D("2026-11-01"), log=[LogEntry(D("2026-11-20"))],
                    next=NextStep("Ask about the allocator", D("2026-11-23")))],
        reviews=[Review(D("2026-11-20"))],
    )


def run(cmd: list[str], path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*cmd, "--file", str(path), *args], capture_output=True, text=True,
                          env=subprocess_env(path, **env), stdin=subprocess.DEVNULL, timeout=60)


# --- what it prints -----------------------------------------------------------------------


def test_text_one_plain_line_per_item(cli, data_file):
    write(data_file, due_net())
    r = cli("remind")
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        "next step with Grace Example: Ask what she is most excited about right now "
        "(due 2 days ago)",
        "time to reconnect with Grace Example (last contact 21 days ago)",
        "your weekly review is ready: peermap review (last one 14 days ago)",
    ]
    assert r.stderr == ""


def test_nothing_due_prints_nothing_and_exits_0(cli, data_file):
    write(data_file, quiet_net())
    r = cli("remind")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    p = run(peermap_cmd(), data_file, "remind")
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")


def test_json_keys_are_pinned(cli, data_file):
    write(data_file, due_net())
    out = json.loads(cli("remind", "--format", "json").stdout)
    assert list(out) == ["as_of", "due"]
    assert out["as_of"] == "2026-11-22"
    assert out["due"] == [
        {"type": "step", "peer": "Grace Example",
         "detail": "Ask what she is most excited about right now", "days": 2},
        {"type": "stale", "peer": "Grace Example", "detail": "last contact 21 days ago",
         "days": 21},
        {"type": "review", "peer": None, "detail": "last one 14 days ago", "days": 14},
    ]


def test_json_always_prints_even_when_nothing_is_due(cli, data_file):
    write(data_file, quiet_net())
    assert json.loads(cli("remind", "--format", "json").stdout) == {
        "as_of": "2026-11-22", "due": []}


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2026-11-19", "2026-11-19"), ("yesterday", "2026-11-21"), ("3d", "2026-11-19"),
    ("today", "2026-11-22"), ("2027-01-01", "2027-01-01"),
])
def test_as_of(cli, data_file, as_of, expected):
    write(data_file, quiet_net())
    out = json.loads(cli("remind", "--as-of", as_of, "--format", "json").stdout)
    assert out["as_of"] == expected
    types = [i["type"] for i in out["due"]]
    assert ("step" in types) == (expected >= "2026-11-23")


def test_no_escape_codes_when_piped_even_with_colour_forced(data_file):
    write(data_file, due_net())
    for args in (("remind",), ("remind", "--format", "json")):
        for cmd in (peermap_cmd(), TYPER):
            p = run(cmd, data_file, *args, FORCE_COLOR="1", TERM="xterm-256color",
                    NO_COLOR="")
            assert p.returncode == 0 and p.stdout
            assert "\x1b" not in p.stdout + p.stderr


# --- never writes, never needs more than the data file ----------------------------------------


def test_never_writes_the_data_file(data_file):
    write(data_file, due_net())
    os.utime(data_file, ns=(1_000_000_000, 1_000_000_000))
    before = data_file.read_bytes()
    for cmd in (peermap_cmd(), TYPER):
        for args in (("remind",), ("remind", "--format", "json"), ("remind", "--as-of", "1d")):
            assert run(cmd, data_file, *args).returncode == 0
    assert data_file.read_bytes() == before
    assert data_file.stat().st_mtime_ns == 1_000_000_000
    assert not Store(data_file).backup_dir.exists()
    assert not Store(data_file).lock_path.exists()
    assert sorted(os.listdir(data_file.parent)) == sorted(
        ["peers.toml", ".peers.toml.peermap"])  # the parse cache only


@pytest.mark.parametrize("cmd", [peermap_cmd(), TYPER], ids=["fast", "typer"])
def test_missing_file_is_one_line_on_stderr_and_exit_1(data_file, cmd):
    """A typo in a crontab must not mean never being reminded."""
    for args in (("remind",), ("remind", "--format", "json")):
        p = run(cmd, data_file, *args)
        assert (p.returncode, p.stdout) == (1, "")
        assert p.stderr.startswith("peermap: there is no data file at ")
        assert len(p.stderr.strip().splitlines()) == 1 and "peermap init" in p.stderr
    assert not data_file.parent.exists()


def test_existing_file_with_nothing_due_stays_silent(cli, data_file):
    ok(cli("init"))
    p = run(peermap_cmd(), data_file, "remind")
    assert (p.returncode, p.stdout, p.stderr) == (0, "", "")
    assert json.loads(cli("remind", "--format", "json").stdout)["due"] == []


@pytest.mark.parametrize("cmd", [peermap_cmd(), TYPER], ids=["fast", "typer"])
def test_invalid_file_is_one_line_on_stderr_exit_1(data_file, cmd):
    data_file.parent.mkdir(parents=True)
    data_file.write_text('schema = 1\n[[peers]]\nname = "Grace"\ntie = "wobbly"\n')
    p = run(cmd, data_file, "remind")
    assert p.returncode == 1
    assert p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1
    assert p.stderr.startswith("peermap: ") and "Grace" in p.stderr and "tie" in p.stderr


def test_works_with_no_home_no_terminal_and_a_bare_environment(data_file, tmp_path):
    write(data_file, due_net())
    env = {"PATH": "/usr/bin:/bin", "PEERMAP_TODAY": "2026-11-22"}
    for fmt in ("text", "json"):
        p = subprocess.run([*peermap_cmd(), "--file", str(data_file), "remind", "--format", fmt],
                           capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                           cwd=tmp_path, timeout=60)
        assert p.returncode == 0, p.stderr
        assert p.stderr == ""
        assert "Grace Example" in p.stdout


# --- the fast path ---------------------------------------------------------------------------

_MODULES = (
    "import sys; sys.argv = ['peermap'] + sys.argv[1:]\n"
    "from peermap.entry import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print('MODULES', ' '.join(sorted(sys.modules)))\n"
)


def test_remind_imports_no_typer_rich_or_pydantic(data_file):
    write(data_file, due_net())
    run(peermap_cmd(), data_file, "remind")  # warm the parse cache (a cold one validates)
    for args in (("remind",), ("remind", "--format=json", "--as-of=yesterday")):
        p = run([sys.executable, "-c", _MODULES], data_file, *args)
        assert p.returncode == 0, p.stderr
        modules = p.stdout.split("MODULES ", 1)[1].split()
        heavy = [m for m in modules if m.split(".")[0] in ("typer", "rich", "pydantic",
                                                            "click", "tomllib", "tomli_w")]
        assert heavy == []
        assert "peermap.core.reminders" in modules


@pytest.mark.parametrize("args", [
    ("remind",), ("remind", "--format", "json"), ("remind", "--format=json"),
    ("remind", "--as-of", "2026-11-01"), ("remind", "--as-of=30d", "--format", "text"),
    ("remind", "--format", "json", "--as-of", "yesterday"),
])
def test_fast_path_and_typer_path_print_the_same(data_file, args):
    write(data_file, due_net())
    fast = run(peermap_cmd(), data_file, *args)
    slow = run(TYPER, data_file, *args)
    assert (fast.returncode, fast.stdout, fast.stderr) == \
        (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode == 0


def test_errors_are_the_same_on_both_paths(data_file):
    write(data_file, due_net())
    for args in (("remind", "--as-of", "someday"), ("remind", "--format", "xml"),
                 ("remind", "--colour"), ("remind", "extra")):
        fast = run(peermap_cmd(), data_file, *args)
        slow = run(TYPER, data_file, *args)
        assert fast.returncode == slow.returncode != 0
        assert fast.stderr == slow.stderr and fast.stdout == slow.stdout == ""


def test_help_comes_from_typer(data_file):
    p = run(peermap_cmd(), data_file, "remind", "--help")
    assert p.returncode == 0
    assert "Usage" in p.stdout and "--as-of" in p.stdout and "crontab" in p.stdout


@pytest.mark.parametrize(("argv", "parsed"), [
    (["remind"], {}),
    (["--file", "f.toml", "remind"], {"--file": "f.toml"}),
    (["-f", "f.toml", "remind", "--format", "json"], {"--file": "f.toml", "--format": "json"}),
    (["--file=f.toml", "remind", "--as-of=3d"], {"--file": "f.toml", "--as-of": "3d"}),
    (["remind", "--as-of", "today", "--format=json"], {"--as-of": "today", "--format": "json"}),
    (["remind", "--format", "json", "--as-of", "2026-01-01"],
     {"--format": "json", "--as-of": "2026-01-01"}),
    (["--today", "2027-01-04", "remind"], {"--today": "2027-01-04"}),
    (["--debug", "-f", "f.toml", "--today=tomorrow", "remind"],
     {"--debug": "1", "--file": "f.toml", "--today": "tomorrow"}),
])
def test_parse_remind_accepts_the_well_formed_lines(argv, parsed):
    assert parse_remind(argv) == parsed


@pytest.mark.parametrize("argv", [
    ["remind", "--help"], ["remind", "-h"], ["remind", "--format", "xml"],
    ["remind", "--format", "JSON"], ["remind", "--as-of"], ["remind", "--format"],
    ["remind", "--as-of", "1d", "--as-of", "2d"], ["remind", "--verbose"], ["remind", "x"],
    ["--file", "remind"], ["--file", "--as-of", "remind"], ["--file=", "remind"],
    ["-f"], ["--version", "remind"], ["log", "remind"], ["remind", "--", "--format"],
    ["--file", "a", "--file", "b", "remind"], ["remind", "--as-of", "--format"],
])
def test_parse_remind_leaves_everything_else_to_typer(argv):
    assert parse_remind(argv) is None


# --- examples/crontab -----------------------------------------------------------------------


def crontab_jobs() -> list[str]:
    """The command part of every job line in examples/crontab, commented ones included."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "examples" / "crontab").read_text()
    jobs = []
    for line in text.splitlines():
        line = line.removeprefix("# ")
        fields = line.split(None, 5)
        if len(fields) == 6 and all(f[0].isdigit() or f[0] == "*" for f in fields[:5]):
            jobs.append(fields[5])
    return jobs


def test_crontab_example_lines_work_in_a_bare_environment(data_file, tmp_path):
    jobs = crontab_jobs()
    assert len(jobs) == 3
    assert any("notify-send" in j and "[ -n" in j for j in jobs)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "notify-send").write_text(f'#!/bin/sh\nprintf "%s|%s" "$1" "$2" >> {tmp_path}/sent\n')
    (fake / "notify-send").chmod(0o755)
    peermap = os.path.join(os.path.dirname(sys.executable), "peermap")
    if not os.path.exists(peermap):
        pytest.skip("the peermap console script is not installed beside this interpreter")

    def cron(job: str) -> subprocess.CompletedProcess:
        job = job.replace("/home/you/.local/bin/peermap", peermap)
        job = job.replace("/home/you/.local/share/peermap/peers.toml", str(data_file))
        env = {"PATH": f"{fake}:/usr/bin:/bin", "PEERMAP_TODAY": "2026-11-22"}
        return subprocess.run(["/bin/sh", "-c", job], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=60)

    write(data_file, quiet_net())
    daily, monday, notify = (cron(j) for j in jobs)
    assert (daily.stdout, daily.stderr) == ("", "")  # no mail on a quiet day
    assert "Weekly review" in monday.stdout and monday.stderr == ""
    assert notify.stderr == "" and not (tmp_path / "sent").exists()
    write(data_file, due_net())
    daily, monday, notify = (cron(j) for j in jobs)
    assert "time to reconnect with Grace Example" in daily.stdout
    sent = (tmp_path / "sent").read_text()
    assert sent.startswith("peermap|next step with Grace Example")
