"""Faults against a real data file, each in a real subprocess (docs/safety.md).

Every test here checks the same three promises: nothing is lost (the file's bytes are
the same as before, or the new file is whole), no temporary file is left behind, and
the user sees one clear line on stderr with exit code 1 — never a traceback.

Faults are injected by a small `python -c` wrapper that sets up the fault in the child
(a file-size limit, a failing `os.replace`) and then runs `peermap.entry.main()`.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import subprocess_env

# The child: set up the fault named in $PEERMAP_TEST_FAULT, then run peermap as usual.
CHILD = r"""
import errno, os, sys
fault = os.environ.get("PEERMAP_TEST_FAULT", "")
if fault.startswith("fsize:"):
    import resource, signal
    limit = int(fault.split(":")[1])
    # Ignore SIGXFSZ so an over-limit write fails with EFBIG, like a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
elif fault.startswith("replace:"):
    which = fault.split(":")[1]
    data = os.path.realpath(os.environ["PEERMAP_FILE"])
    real_replace = os.replace
    def failing_replace(src, dst, *a, **k):
        if which == "all" or os.path.realpath(dst) == data:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_replace(src, dst, *a, **k)
    os.replace = failing_replace
elif fault == "crash:data":
    # Die like kill -9 at the moment the data file would be replaced.
    data = os.path.realpath(os.environ["PEERMAP_FILE"])
    real_replace = os.replace
    def crashing_replace(src, dst, *a, **k):
        if os.path.realpath(dst) == data:
            os._exit(137)
        return real_replace(src, dst, *a, **k)
    os.replace = crashing_replace
elif fault.startswith("trace:"):
    # Record fsync and replace calls, by inode, to check their order afterwards.
    import atexit, json, stat
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    def fsync(fd):
        st = os.fstat(fd)
        events.append(["fsync", "dir" if stat.S_ISDIR(st.st_mode) else "file", st.st_ino])
        return real_fsync(fd)
    def replace(src, dst, *a, **k):
        events.append(["replace", os.path.realpath(dst), os.stat(src).st_ino])
        return real_replace(src, dst, *a, **k)
    os.fsync, os.replace = fsync, replace
    def dump():
        with open(fault.split(":", 1)[1], "w") as fh:
            json.dump(events, fh)
    atexit.register(dump)
sys.argv = ["peermap", *sys.argv[1:]]
from peermap.entry import main
main()
"""


def run(path: Path, *args: str, fault: str = "", timeout: float = 60):
    env = subprocess_env(path, PEERMAP_TEST_FAULT=fault, PEERMAP_LOCK_TIMEOUT="2")
    return subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def make_file(path: Path, peers: int = 3) -> bytes:
    """A small real data file written by peermap itself (so its parse cache is warm)."""
    from peermap.core.model import LogEntry, Me, Network, Peer, Tie
    from peermap.storage.store import Store

    net = Network(me=Me(name="Ada Example", team="Payments"), peers=[
        Peer(name="Grace Example", team="Compilers", tie=Tie.WEAK, added=date(2026, 11, 1),
             log=[LogEntry(date(2026, 11, 10), note="Sent the profiling write-up.")]),
        *[Peer(name=f"Peer {i:03d}", team="Search") for i in range(peers - 1)],
    ])
    assert Store(path).create(net)
    return path.read_bytes()


def temp_files(root: Path) -> list[Path]:
    """Temporary files peermap may have left anywhere under `root` (mkstemp's `.tmp`)."""
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def assert_nothing_lost(path: Path, before: bytes, proc) -> None:
    assert path.read_bytes() == before, "the data file changed"
    assert temp_files(path.parent) == [], "a temporary file was left behind"
    assert_one_line_error(proc)


def assert_one_line_error(proc) -> None:
    err = proc.stderr.strip()
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert err and "\n" not in err, f"not one line: {proc.stderr!r}"
    assert err.startswith("peermap: "), err


# --- failed writes -------------------------------------------------------------------


@pytest.mark.parametrize("room", ["none", "backup-only"])
def test_disk_full_leaves_old_file_and_no_temp_file(data_file, room):
    """RLIMIT_FSIZE makes writes past the limit fail with EFBIG, as on a full disk.

    "none": even the backup of the old file does not fit; "backup-only": the backup
    fits, the new (larger) data file does not.
    """
    before = make_file(data_file)
    limit = 64 if room == "none" else len(before) + 4
    proc = run(data_file, "log", "grace", "A note long enough to grow the file.",
               fault=f"fsize:{limit}")
    assert_nothing_lost(data_file, before, proc)
    assert "nothing was changed" in proc.stderr


def test_undo_after_a_failed_write_undoes_the_last_real_change(data_file):
    from peermap.core.model import Peer
    from peermap.storage.store import Store

    make_file(data_file)
    Store(data_file).update(lambda net: net.peers.append(Peer(name="Bob Builder")),
                            "peermap: add Bob Builder")
    with_bob = data_file.read_bytes()
    proc = run(data_file, "log", "bob", "A note long enough to grow the file.",
               fault=f"fsize:{len(with_bob) + 4}")
    assert proc.returncode == 1 and data_file.read_bytes() == with_bob
    undone = run(data_file, "undo")
    assert undone.returncode == 0, undone.stderr
    assert b"Bob Builder" not in data_file.read_bytes()


def test_read_only_directory_leaves_old_file(data_file):
    before = make_file(data_file)
    folder = data_file.parent
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except PermissionError:
            pass
        else:  # root (or CAP_DAC_OVERRIDE) writes into a read-only directory anyway
            probe.unlink()
            pytest.skip("directory permissions are not enforced for this user (root)")
        proc = run(data_file, "log", "grace", "hello")
    finally:
        folder.chmod(0o700)
    assert_nothing_lost(data_file, before, proc)
    assert "nothing was changed" in proc.stderr


@pytest.mark.parametrize("which", ["data", "all"])
def test_failing_os_replace_leaves_old_file_and_no_temp_file(data_file, which):
    """`os.replace` raising EIO: for the data file only, or for every file (the backup
    is the first to fail then)."""
    before = make_file(data_file)
    proc = run(data_file, "log", "grace", "hello", fault=f"replace:{which}")
    assert_nothing_lost(data_file, before, proc)
    assert "nothing was changed" in proc.stderr


def test_new_file_is_fsynced_before_the_replace_and_the_folder_after(tmp_path, data_file):
    """The order that makes a crash leave the old or the new file, never a partial one:
    fsync the temp file, `os.replace` it over the data file, fsync the folder."""
    make_file(data_file)
    trace = tmp_path / "trace.json"
    proc = run(data_file, "log", "grace", "hello", fault=f"trace:{trace}")
    assert proc.returncode == 0, proc.stderr
    events = [tuple(e) for e in json.loads(trace.read_text())]
    data = os.path.realpath(data_file)
    at = next(i for i, e in enumerate(events) if e[0] == "replace" and e[1] == data)
    new_inode = events[at][2]
    assert ("fsync", "file", new_inode) in events[:at], "temp file not fsynced before replace"
    folder_inode = os.stat(data_file.parent).st_ino
    assert ("fsync", "dir", folder_inode) in events[at + 1:], "folder not fsynced after"
    assert os.stat(data_file).st_ino == new_inode


@pytest.mark.parametrize("target_exists", [True, False], ids=["existing", "dangling"])
def test_symlink_planted_at_lock_path_is_never_written_through(tmp_path, data_file,
                                                               target_exists):
    """A symlink at `.peers.toml.lock`: filelock opens with O_NOFOLLOW and fails with
    ELOOP, so the command refuses (one line, exit 1) and the link's target is untouched
    (and, when dangling, never created)."""
    before = make_file(data_file)
    lock = data_file.with_name(f".{data_file.name}.lock")
    lock.unlink(missing_ok=True)
    victim = tmp_path / "victim.txt"
    if target_exists:
        victim.write_bytes(b"precious\n")
    lock.symlink_to(victim)
    proc = run(data_file, "log", "grace", "hello")
    assert_nothing_lost(data_file, before, proc)
    assert lock.is_symlink()
    if target_exists:
        assert victim.read_bytes() == b"precious\n"
    else:
        assert not victim.exists()


# --- broken data files ---------------------------------------------------------------

GOOD_PEER = 'schema = 1\n\n[[peers]]\nname = "Grace Example"\nadded = 2026-11-01\n'

BROKEN = {
    "not-utf8": b'schema = 1\n\n[[peers]]\nname = "Gr\xe9ce Example"\n',
    "bom": b"\xef\xbb\xbf" + GOOD_PEER.encode(),
    "invalid-toml": b'schema = 1\n\n[[peers]\nname = "Grace Example"\n',
    "absurd-nesting": b"schema = 1\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-nesting-in-field": GOOD_PEER.encode() + b"notes = " + b"[" * 300 + b"]" * 300
    + b"\n",
    "datetime-for-date": GOOD_PEER.replace("2026-11-01", "2026-11-01T10:00:00").encode(),
    "time-for-date": GOOD_PEER.replace("2026-11-01", "10:00:00").encode(),
    "unknown-key": GOOD_PEER.encode() + b'nmae = "typo"\n',
    "schema-too-new": GOOD_PEER.replace("schema = 1", "schema = 2").encode(),
}


@pytest.mark.parametrize("command", [["log", "grace", "hello"], ["list", "--format", "json"],
                                     ["remind"]], ids=["log", "list", "remind"])
@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_file_is_refused_in_one_line_and_left_alone(data_file, kind, command):
    data_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_file.write_bytes(BROKEN[kind])
    proc = run(data_file, *command)
    assert_nothing_lost(data_file, BROKEN[kind], proc)
    assert str(data_file) in proc.stderr
    assert not list(data_file.parent.glob(".peers.toml.peermap/backups/*")), \
        "a broken file must not start a backup cycle"


EXPECTED_WORDS = {
    "not-utf8": "UTF-8",
    "bom": "byte-order mark",
    "invalid-toml": "line 3, column 8",
    "absurd-nesting": "nested too deeply",
    "datetime-for-date": "date",
    "time-for-date": "date",
    "unknown-key": "'nmae'",
    "schema-too-new": "upgrade peermap",
}


@pytest.mark.parametrize("kind", list(EXPECTED_WORDS))
def test_broken_file_error_says_what_is_wrong(data_file, kind):
    data_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_file.write_bytes(BROKEN[kind])
    proc = run(data_file, "list")
    assert EXPECTED_WORDS[kind] in proc.stderr, proc.stderr


def test_deep_nesting_inside_a_field_is_explained_in_the_files_terms(data_file):
    """Regression: nesting past pydantic's JSON limit (~255) inside a field was reported
    as 'Invalid JSON: recursion limit exceeded at line 1 column N' — JSON the user never
    wrote, at a position that is not in their file."""
    data_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_file.write_bytes(BROKEN["deep-nesting-in-field"])
    proc = run(data_file, "list")
    assert proc.returncode == 1
    assert "JSON" not in proc.stderr
    assert "nested too deeply" in proc.stderr and "Grace Example" in proc.stderr


def test_datetime_error_names_the_peer(data_file):
    """Regression: a date-time where a date belongs was reported as 'peers.added',
    without naming the peer (docs/safety.md: the error names the peer and field)."""
    data_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_file.write_bytes(BROKEN["datetime-for-date"])
    proc = run(data_file, "list")
    assert proc.returncode == 1
    assert "Grace Example" in proc.stderr and "added" in proc.stderr


# --- a big file ----------------------------------------------------------------------


@pytest.mark.slow
def test_ten_megabyte_file_loads_and_accepts_a_change(data_file):
    from peermap.core.model import Kind, LogEntry, Me, Network, Peer, Tie
    from peermap.storage.store import dumps

    note = "Talked through the migration plan, the freeze dates and who reviews what. " * 2
    start = date(2024, 1, 1)
    peers = [
        Peer(name=f"Peer {i:05d} Example", team=f"Team {i % 40}", role="Senior engineer",
             location="Remote", tie=Tie.WEAK, added=start, notes=note,
             log=[LogEntry(start + timedelta(days=j), Kind.CHAT, note) for j in range(7)])
        for i in range(6500)
    ]
    data_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_file.write_bytes(dumps(Network(me=Me(name="Ada Example"), peers=peers)))
    data_file.chmod(0o640)
    size = data_file.stat().st_size
    assert size > 10_000_000

    listed = run(data_file, "list", "--format", "plain", timeout=300)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 6500

    proc = run(data_file, "log", "Peer 03250 Example", "Big-file note", timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = tomllib.loads(data_file.read_text(encoding="utf-8"))  # the new file is whole
    assert len(doc["peers"]) == 6500
    target = next(p for p in doc["peers"] if p["name"] == "Peer 03250 Example")
    assert target["log"][-1]["note"] == "Big-file note"
    assert data_file.stat().st_size > size
    assert temp_files(data_file.parent) == []
    assert stat.S_IMODE(os.stat(data_file).st_mode) == 0o600  # made private on reading


# --- undo under faults -----------------------------------------


def add_bob(data_file: Path) -> tuple[bytes, bytes]:
    from peermap.core.model import Peer
    from peermap.storage.store import Store

    before = make_file(data_file)
    Store(data_file).update(lambda net: net.peers.append(Peer(name="Bob Builder")),
                            "peermap: add Bob Builder")
    return before, data_file.read_bytes()


@pytest.mark.parametrize("fault", ["replace:data", "crash:data"])
def test_a_failed_or_killed_undo_keeps_the_version_it_meant_to_restore(data_file, fault):
    without_bob, with_bob = add_bob(data_file)
    proc = run(data_file, "undo", fault=fault)
    assert proc.returncode != 0
    if fault == "replace:data":
        assert_one_line_error(proc)
    assert data_file.read_bytes() == with_bob
    undone = run(data_file, "undo")
    assert undone.returncode == 0, undone.stderr
    assert data_file.read_bytes() == without_bob
    assert "add Bob Builder" in undone.stdout
    redone = run(data_file, "redo")
    assert redone.returncode == 0, redone.stderr
    assert data_file.read_bytes() == with_bob


def test_a_write_killed_after_its_backup_leaves_undo_working(data_file):
    without_bob, with_bob = add_bob(data_file)
    proc = run(data_file, "log", "bob", "coffee", fault="crash:data")
    assert proc.returncode == 137 and data_file.read_bytes() == with_bob
    undone = run(data_file, "undo")
    assert undone.returncode == 0, undone.stderr
    assert data_file.read_bytes() == without_bob
