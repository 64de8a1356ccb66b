"""Real processes against one data file (docs/safety.md): the lock, atomic writes, kill -9.

These start real `python -m peermap` processes; they are marked slow but run by default.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import peermap_cmd, subprocess_env
from peermap.storage.store import parse

pytestmark = pytest.mark.slow


def run_peermap(path: Path, *args: str, timeout: float = 60, **env: str):
    return subprocess.run([*peermap_cmd(), *args], env=subprocess_env(path, **env),
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


def temp_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.name.endswith(".tmp"))


def assert_lock_free(path: Path) -> None:
    """A new holder gets the lock at once: nothing stale survived the dead process."""
    lock = FileLock(str(lock_path(path)), timeout=1)
    started = time.monotonic()
    with lock:
        pass
    assert time.monotonic() - started < 1


@pytest.fixture
def grace(data_file) -> Path:
    r = run_peermap(data_file, "add", "Grace Example")
    assert r.returncode == 0, r.stderr
    return data_file


def test_twelve_processes_logging_at_once_lose_nothing(grace):
    env = subprocess_env(grace, PEERMAP_LOCK_TIMEOUT="30")
    procs = [subprocess.Popen([*peermap_cmd(), "log", "grace", f"note-{n}"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL)
             for n in range(12)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    for rc, out, err in results:
        assert rc == 0, err
        assert "Traceback" not in err
        assert out.startswith("Logged a chat interaction with Grace Example")
    net = parse(grace.read_bytes(), grace)
    notes = [e.note for e in net.peers[0].log]
    assert sorted(notes) == sorted(f"note-{n}" for n in range(12))
    assert temp_files(grace.parent) == []
    backups = list((grace.parent / ".peers.toml.peermap" / "backups").iterdir())
    assert len(backups) == net.settings.backups
    for b in backups:
        parse(b.read_bytes(), b)


# A writer that changes the file as fast as it can: it renames a peer back and forth,
# rewrites a long note and adds or removes a peer, so each write has real work and the
# file stays the same size. It says "ready" once its first change is on disk.
WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from peermap.core.model import Peer
    from peermap.storage.store import Store

    s = Store(sys.argv[1])
    i = 0
    while True:
        def change(net):
            p = net.find("Writer") or net.find("Writer Two")
            p.name = "Writer Two" if p.name == "Writer" else "Writer"
            p.notes = f"round {i}\\n" + "x" * 2000
            extra = net.find("Extra")
            if extra is None:
                net.peers.append(Peer(name="Extra", added=date(2026, 11, 22)))
            else:
                net.peers.remove(extra)
        s.update(change, "writer")
        i += 1
        if i == 1:
            print("ready", flush=True)
""")


def start_writer(path: Path, script: str = WRITER) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", script, str(path)],
                         env=subprocess_env(path), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    line = p.stdout.readline()
    if line.strip() != "ready":
        p.kill()
        raise AssertionError(f"writer did not start: {line!r} {p.stderr.read()}")
    return p


def test_kill_9_at_random_moments_leaves_a_whole_file_and_no_stale_lock(grace):
    assert run_peermap(grace, "add", "Writer").returncode == 0
    rnd = random.Random(20261122)
    leftovers: list[str] = []
    added: list[str] = []
    for n in range(20):
        writer = start_writer(grace)
        time.sleep(rnd.uniform(0, 0.15))
        writer.kill()
        writer.wait()
        # the file is the old or the new version, whole, and valid
        net = parse(grace.read_bytes(), grace)
        names = {p.name for p in net.peers}
        assert {"Grace Example", *added} <= names
        assert names & {"Writer", "Writer Two"}
        # the dead writer's lock died with it
        assert_lock_free(grace)
        if n % 4 == 3:  # and a real process can change the file at once
            r = run_peermap(grace, "add", f"After Kill {n}", PEERMAP_LOCK_TIMEOUT="3")
            assert r.returncode == 0, r.stderr
            added.append(f"After Kill {n}")
            # a write under the lock is the moment to clear what a crash left behind
            leftovers += temp_files(grace.parent)
    net = parse(grace.read_bytes(), grace)
    assert {f"After Kill {n}" for n in range(3, 20, 4)} <= {p.name for p in net.peers}
    r = run_peermap(grace, "check")
    assert r.returncode == 0, r.stdout
    # every write under the lock clears what the killed writers left behind
    assert leftovers == []


# The same writer, but the moment it starts to fsync a temporary copy of the data file it
# says so and waits: a kill then lands between mkstemp and os.replace, with the lock held.
WRITER_PAUSED_IN_WRITE = WRITER.replace("s = Store(sys.argv[1])\n", textwrap.dedent("""
    import os, time
    _fsync = os.fsync
    armed = []

    def fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        if armed and os.path.basename(target).startswith(".peers.toml.") \\
                and target.endswith(".tmp"):
            print("inside", flush=True)
            time.sleep(60)
        return _fsync(fd)

    os.fsync = fsync
    s = Store(sys.argv[1])
""")).replace('print("ready", flush=True)', 'print("ready", flush=True)\n        armed.append(1)')


def kill_inside_a_write(path: Path) -> bytes:
    """Kill -9 a writer between creating the temporary file and replacing the data file."""
    assert run_peermap(path, "add", "Writer").returncode == 0
    writer = start_writer(path, WRITER_PAUSED_IN_WRITE)
    try:
        line = writer.stdout.readline()
        assert line.strip() == "inside", (line, writer.stderr.read())
        before = path.read_bytes()
    finally:
        writer.kill()
        writer.wait()
    return before


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to spot the fd")
def test_kill_9_while_holding_the_lock_mid_write(grace):
    before = kill_inside_a_write(grace)
    assert grace.read_bytes() == before  # the old version, untouched
    parse(before, grace)
    assert_lock_free(grace)
    r = run_peermap(grace, "add", "Next", PEERMAP_LOCK_TIMEOUT="3")
    assert r.returncode == 0, r.stderr
    assert "Next" in {p.name for p in parse(grace.read_bytes(), grace).peers}


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to spot the fd")
def test_kill_9_mid_write_leaves_no_temp_file_after_the_next_write(grace):
    kill_inside_a_write(grace)
    r = run_peermap(grace, "add", "Next", PEERMAP_LOCK_TIMEOUT="3")
    assert r.returncode == 0, r.stderr
    assert temp_files(grace.parent) == []


def test_a_busy_file_is_a_clear_error_from_a_real_process(grace):
    before = grace.read_bytes()
    with FileLock(str(lock_path(grace))):
        started = time.monotonic()
        r = run_peermap(grace, "add", "Bob", PEERMAP_LOCK_TIMEOUT="0.5")
        assert time.monotonic() - started < 20
    assert r.returncode == 1
    assert "busy" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1
    assert grace.read_bytes() == before
    assert run_peermap(grace, "add", "Bob").returncode == 0


# --- a peer chosen in an interactive flow changes under it -----------


def read_until(proc: subprocess.Popen, text: str, timeout: float = 60) -> str:
    """Read the child's stderr until `text` shows up (the prompt it is waiting at)."""
    import os
    import select

    seen = b""
    end = time.monotonic() + timeout
    fd = proc.stderr.fileno()
    while text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        chunk = os.read(fd, 4096) if ready else b""
        if not chunk:
            raise AssertionError(f"never saw {text!r}: {seen.decode(errors='replace')}")
        seen += chunk
    return seen.decode()


def focus_file(path: Path) -> None:
    from datetime import date

    from peermap.core.model import Network, Peer, Tie
    from peermap.storage.store import Store

    day = date(2026, 11, 1)
    net = Network(peers=[
        *[Peer(name=n, tie=Tie.WEAK, focus=True, focus_since=day, added=day)
          for n in ("Al", "Bea", "Cy")],
        Peer(name="Alan Turing", tie=Tie.WEAK, added=day),
    ])
    assert Store(path).create(net)


def test_review_never_logs_against_another_peer_after_a_concurrent_remove(data_file):
    focus_file(data_file)
    review = subprocess.Popen([*peermap_cmd(), "review"], env=subprocess_env(data_file),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        read_until(review, "Did you connect with Al ")
        r = run_peermap(data_file, "remove", "Al", "--yes")
        assert r.returncode == 0, r.stderr
        out, err = review.communicate(b"y\nchat\ncoffee\n\n\n\n\n\n\n\n", timeout=60)
    finally:
        review.kill()
    net = parse(data_file.read_bytes(), data_file)
    alan = next(p for p in net.peers if p.name == "Alan Turing")
    assert alan.log == [] and not alan.focus
    assert "Al" not in {p.name for p in net.peers}
    text = err.decode()
    assert "'Al' is no longer on your map" in text and "Traceback" not in text


# --- the lock file deleted while a writer holds it -------------------

# A writer that, holding the lock, deletes the lock file and lets a second peermap run
# to the end before it saves its own change: both changes must be in the file.
DELETE_LOCK = textwrap.dedent("""
    import os, subprocess, sys
    from peermap.core.model import LogEntry
    from peermap.storage.store import Store
    from datetime import date

    s = Store(sys.argv[1])
    calls = []

    def change(net):
        calls.append(1)
        if len(calls) == 1:
            os.unlink(s.lock_path)
            r = subprocess.run([sys.executable, "-m", "peermap", "log", "grace", "second"],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
            print(r.returncode, r.stderr.strip(), flush=True)
        net.find("Grace Example").log.append(LogEntry(date(2026, 11, 22), note="first"))

    s.update(change, "peermap: log Grace Example (chat)")
""")


def test_deleting_the_lock_file_under_a_writer_loses_no_update(grace):
    r = subprocess.run([sys.executable, "-c", DELETE_LOCK, str(grace)],
                       env=subprocess_env(grace, PEERMAP_LOCK_TIMEOUT="10"),
                       capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    notes = [e.note for e in parse(grace.read_bytes(), grace).peers[0].log]
    assert sorted(notes) == ["first", "second"], (notes, r.stdout)


# --- kill -9 and concurrency also for undo, review and import ------------------


def spawn(path: Path, args: list[str], answers: bytes = b"") -> subprocess.Popen:
    p = subprocess.Popen([*peermap_cmd(), *args], env=subprocess_env(path),
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    if answers:
        try:
            p.stdin.write(answers)
            p.stdin.flush()
        except BrokenPipeError:
            pass
    p.stdin.close()
    return p


def import_csv(tmp: Path, n: int) -> Path:
    src = tmp / f"import-{n}.csv"
    src.write_text("name,team,notes\n" + "".join(f"Imported {n}-{i},Team {i},note {n}\n"
                                                 for i in range(200)))
    return src


def test_kill_9_during_undo_review_and_import_loses_no_version(data_file, tmp_path):
    focus_file(data_file)
    rnd = random.Random(11)
    answers = b"y\nshared\nsent the doc\n\n" * 3 + b"\n\n\n\n"
    for n in range(24):
        kind = ("undo", "review", "import")[n % 3]
        before = data_file.read_bytes()
        args = {"undo": ["undo"], "review": ["review"],
                "import": ["import", str(import_csv(tmp_path, n)), "--update",
                           "--force"]}[kind]  # "Imported 0-1" looks like "Imported 0-12"
        proc = spawn(data_file, args, answers if kind == "review" else b"")
        time.sleep(rnd.uniform(0, 0.6))
        proc.kill()
        proc.wait()
        after = data_file.read_bytes()
        parse(after, data_file)  # whole and valid: old or new, never partial
        assert_lock_free(data_file)
        if kind == "import" and after != before:
            names = {p.name for p in parse(after, data_file).peers}
            got = {f"Imported {n}-{i}" for i in range(200)} & names
            assert len(got) in (0, 200), "an import is all or nothing"
        # every version is still reachable: undo works right after a kill
        if after != before and kind != "undo":
            r = run_peermap(data_file, "undo", PEERMAP_LOCK_TIMEOUT="3")
            assert r.returncode == 0, r.stderr
            # one step back (a review saves each answer as its own change)
            assert data_file.read_bytes() != after
            if kind == "import":
                assert data_file.read_bytes() == before
            parse(data_file.read_bytes(), data_file)
            r = run_peermap(data_file, "redo", PEERMAP_LOCK_TIMEOUT="3")
            assert r.returncode == 0 and data_file.read_bytes() == after, r.stderr
    r = run_peermap(data_file, "check")
    assert r.returncode == 0, r.stdout


def test_undo_import_and_log_at_once_keep_a_valid_file_and_the_logs(data_file, tmp_path):
    focus_file(data_file)
    env = subprocess_env(data_file, PEERMAP_LOCK_TIMEOUT="60")
    src = import_csv(tmp_path, 0)
    cmds = [["log", "bea", f"note-{n}"] for n in range(6)] + \
        [["import", str(src), "--force"], ["undo"], ["undo"]]
    procs = [subprocess.Popen([*peermap_cmd(), *c], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
             for c in cmds]
    results = [(c, p.wait(timeout=120), *p.communicate()) for c, p in zip(cmds, procs, strict=True)]
    for c, rc, _out, err in results:
        assert "Traceback" not in err, err
        assert rc == 0 or (c == ["undo"] and "nothing to undo" in err), (c, err)
    net = parse(data_file.read_bytes(), data_file)
    assert {p.name for p in net.peers} >= {"Al", "Bea", "Cy", "Alan Turing"}
    r = run_peermap(data_file, "check")
    assert r.returncode == 0, r.stdout
