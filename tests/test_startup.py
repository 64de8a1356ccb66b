"""Start-up budget: `peermap --version` and `peermap remind` never import the heavy stack.

docs/performance.md gives `remind` (cron) 7x and `--version` 6x the bare interpreter; Typer,
Rich or pydantic alone would spend that. These tests pin *what* is imported, in a real
subprocess; how long it takes is measured by benchmarks/bench.py, not by tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import subprocess_env

HEAVY = ("typer", "click", "rich", "pydantic", "pydantic_core")

# Run peermap's entry point and write the names of every imported module to a file,
# whatever way main() ends.
LIST_MODULES = r"""
import atexit, json, os, sys
def _dump():
    with open(os.environ["MODULES_OUT"], "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(_dump)
sys.argv = ["peermap", *sys.argv[1:]]
from peermap.entry import main
main()
"""


def imported(tmp_path: Path, data: Path, *args: str, **env: str) -> tuple[set[str], object]:
    out = tmp_path / "modules.json"
    out.unlink(missing_ok=True)
    proc = subprocess.run([sys.executable, "-c", LIST_MODULES, *args],
                          env=subprocess_env(data, MODULES_OUT=str(out), **env),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    return set(json.loads(out.read_text())), proc


def heavy(modules: set[str], roots=HEAVY) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in roots)


def write_due_network(path: Path) -> None:
    """Through the store, as a peermap command would: the parse cache is warm after."""
    from peermap.core.model import LogEntry, Matters, Network, NextStep, Peer, Review, Tie
    from peermap.storage.store import Store

    d = date.fromisoformat
    net = Network(
        peers=[Peer(name="Grace Example", tie=Tie.WEAK, matters=[Matters.CURRENT_WORK],
                    focus=True, focus_since=d("2026-10-01"), log=[LogEntry(d("2026-11-01"))],
                    next=NextStep("Ask what she is most excited about", d("2026-11-20")))],
        reviews=[Review(d("2026-11-01"), "Grace Example", "Send the write-up")],
    )
    assert Store(path).create(net)


def test_version_imports_nothing_heavy(tmp_path, data_file):
    modules, proc = imported(tmp_path, data_file, "--version")
    assert proc.returncode == 0 and proc.stdout.startswith("peermap "), proc.stderr
    assert heavy(modules) == []
    assert "peermap.app.root" not in modules and "peermap.storage.store" not in modules


@pytest.mark.parametrize("args", [("remind",), ("remind", "--format", "json"),
                                  ("remind", "--as-of", "2026-11-01"),
                                  ("--today", "2026-12-01", "remind"),
                                  ("--debug", "--today=tomorrow", "remind")],
                         ids=["text", "json", "as-of", "today", "debug-today"])
def test_remind_with_a_warm_cache_imports_nothing_heavy(tmp_path, data_file, args):
    write_due_network(data_file)
    modules, proc = imported(tmp_path, data_file, *args)
    assert proc.returncode == 0, proc.stderr
    if args in (("remind",), ("--today", "2026-12-01", "remind")):
        assert "Grace Example" in proc.stdout  # it did the work, not a short cut
    assert heavy(modules) == []
    # A warm cache means no TOML parsing and no lock either.
    assert heavy(modules, ("tomllib", "tomli_w", "filelock")) == []


def test_remind_without_a_data_file_imports_nothing_heavy(tmp_path, data_file):
    modules, proc = imported(tmp_path, data_file, "remind")
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    assert proc.stderr.startswith("peermap: there is no data file")
    assert heavy(modules) == []


def test_remind_at_the_default_path_imports_nothing_heavy(tmp_path):
    """cron with no $PEERMAP_FILE: the platform's data folder under a bare HOME."""
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "modules.json"
    env = subprocess_env(tmp_path / "unused", MODULES_OUT=str(out), HOME=str(home),
                         XDG_DATA_HOME=str(home / ".local" / "share"))
    del env["PEERMAP_FILE"]
    proc = subprocess.run([sys.executable, "-c", LIST_MODULES, "remind"], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    assert str(home / ".local" / "share" / "peermap" / "peers.toml") in proc.stderr
    assert heavy(set(json.loads(out.read_text()))) == []


def test_remind_after_a_hand_edit_validates_without_typer_or_rich(tmp_path, data_file):
    """A file peermap did not write (cache miss) is validated, which needs pydantic;
    Typer and Rich are still not needed."""
    write_due_network(data_file)
    data_file.write_text(data_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    modules, proc = imported(tmp_path, data_file, "remind")
    assert proc.returncode == 0 and "Grace Example" in proc.stdout, proc.stderr
    assert heavy(modules, ("typer", "click", "rich")) == []


def test_the_detector_sees_typer_when_it_is_imported(tmp_path, data_file):
    """Guard against a test that always passes: `list` goes through Typer."""
    write_due_network(data_file)
    modules, proc = imported(tmp_path, data_file, "list", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "typer" in modules


def test_console_script_remind_imports_nothing_heavy(tmp_path, data_file):
    """The script users run (`peermap` next to the interpreter), seen by -X importtime."""
    script = Path(sys.executable).with_name("peermap")
    if not script.exists():
        pytest.skip("no console script next to the interpreter")
    write_due_network(data_file)
    proc = subprocess.run([sys.executable, "-X", "importtime", str(script), "remind"],
                          env=subprocess_env(data_file), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 0, proc.stderr
    modules = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    assert "peermap.entry" in modules
    assert heavy(modules) == []


@pytest.mark.parametrize("args", [("list",), ("show", "grace"), ("focus",), ("suggest",),
                                  ("stats",), ()],
                         ids=["list", "show", "focus", "suggest", "stats", "dashboard"])
def test_daily_commands_into_a_pipe_import_neither_rich_nor_pydantic(tmp_path, data_file,
                                                                     args):
    """Rich is imported only for what is drawn on a terminal; a warm cache needs no
    validation. (Typer itself is the one heavy import these commands keep.)"""
    write_due_network(data_file)
    modules, proc = imported(tmp_path, data_file, *args, PEERMAP_WIDTH="")
    assert proc.returncode == 0, proc.stderr
    assert "Grace Example" in proc.stdout
    assert heavy(modules, roots=("rich", "pydantic", "pydantic_core")) == []


def test_a_run_builds_only_the_command_it_names():
    from peermap.app.root import app, app_for

    names = {c.name for c in app.registered_commands}
    assert {c.name for c in app_for(["list", "--tie", "weak"]).registered_commands} == {"list"}
    assert [g.name for g in app_for(["focus", "add", "x"]).registered_groups] == ["focus"]
    assert app_for([]).registered_commands == []  # the dashboard is the callback
    for whole in (["--help"], ["list", "-h"], ["lst"], ["--file", "x"]):
        assert app_for(whole) is app  # help and typos see every command
    assert {c.name for c in app.registered_commands} == names  # the app is not changed


@pytest.mark.parametrize("args, code, text", [
    (("list",), 0, "Grace Example"),
    (("--file", "{file}", "show", "grace"), 0, "Grace Example"),
    (("focus", "drop", "grace"), 0, "no longer a focus peer"),
    ((), 0, "peermap ·"),
    (("lst",), 2, "Did you mean 'list'?"),
    (("--help",), 0, "suggest"),
], ids=["list", "file-show", "focus-drop", "dashboard", "typo", "help"])
def test_the_console_entry_runs_each_command_as_the_whole_app_would(tmp_path, data_file,
                                                                    args, code, text):
    write_due_network(data_file)
    argv = [a.replace("{file}", str(data_file)) for a in args]
    proc = subprocess.run([sys.executable, "-c", "from peermap.entry import main; main()",
                           *argv], env=subprocess_env(data_file, PEERMAP_WIDTH=""),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == code, proc.stderr
    assert text in proc.stdout + proc.stderr
