"""Atomic file I/O: write-then-rename, leftovers of killed writers, private folders, locks.

Nothing here knows what a peermap file holds; the store composes these.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import BaseFileLock


def atomic_write(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write-then-rename in the target's directory; a crash leaves old or new, never half.

    Every file peermap creates goes through here (exports too).
    """
    import tempfile

    # The writer's pid in the name lets a later write tell a crashed writer's leftovers
    # from a live reader's cache file in progress.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def replace_keeping_mode(path: Path, data: bytes, new_mode: int = 0o644) -> None:
    """Replace a file atomically keeping its mode (`new_mode` for a new one): a repository
    file or git's merge version, never the data file (which the Store writes, private)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = new_mode
    atomic_write(path, data, mode)


def add_line(path: Path, line: str, same: Callable[[str], str] = str) -> bool:
    """Append `line` to a small text file (.gitignore, a recipients list) unless a line of
    it already matches (each compared through `same`); atomically, keeping the file's mode
    (0644 for a new one). True when it was added; OSError and UnicodeDecodeError are the
    caller's to word."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if same(line) in {same(ln) for ln in old.splitlines()}:
        return False
    text = old + ("" if not old or old.endswith("\n") else "\n") + line + "\n"
    replace_keeping_mode(path, text.encode("utf-8"))
    return True


def sweep_temp_files(spots: list[tuple[Path, str, bool]]) -> None:
    """Remove temporary files killed writers left behind (the caller holds the lock).

    Each spot is (folder, name prefix, shared); temp files in a shared spot are written
    by readers without the lock, so there only old ones, or a dead writer's, go.
    """
    import time

    now = time.time()
    for folder, prefix, shared in spots:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for n in names:
            if not (n.startswith(prefix) and n.endswith(".tmp")):
                continue
            try:
                if shared and writer_alive(n) and now - os.lstat(folder / n).st_mtime < 300:
                    continue
                os.unlink(folder / n)
            except OSError:
                pass


def writer_alive(temp_name: str) -> bool:
    """Whether the process that named a temp file `.x.PID.rand.tmp` still runs."""
    parts = temp_name.split(".")
    pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else 0
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class InTheWay(OSError):
    """Something other than a folder sits where peermap keeps one."""


def make_private_dir(path: Path, *, parents: bool = False) -> None:
    """Create `path` (and, with `parents`, missing folders above it) as 0700, whatever
    the umask; an existing folder is left as it is. Something else in the way is an
    error that names it."""
    missing: list[Path] = []
    p = path
    while not p.is_dir():
        if os.path.lexists(p):
            raise InTheWay(f"{p} is in the way: it is {what_is(p)}, where peermap needs a "
                           f"folder; move it away and try again")
        missing.append(p)
        if not parents or p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            if d.is_dir():
                continue  # another peermap made it a moment ago
            raise InTheWay(f"{d} is in the way: it is {what_is(d)}, where peermap needs "
                           f"a folder; move it away and try again") from None
        os.chmod(d, 0o700)  # the umask may have taken bits away (or, at 000, added none)


def what_is(path: Path) -> str:
    try:
        st = os.lstat(path)
    except OSError:
        return "something peermap cannot look at"
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link to a missing place" if not path.exists() else \
            "a symbolic link to something that is not a folder"
    return kind_of(st.st_mode)


def kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def same_file(path: Path, held: list[os.stat_result]) -> bool:
    """Whether the lock file locked (`held[0]`) is still the one at `path`."""
    if not held:  # a lock without a descriptor to compare (filelock's soft fallback)
        return True
    try:
        now = os.lstat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held[0].st_dev, held[0].st_ino)


def file_lock(path: Path, timeout: float, held: list[os.stat_result]) -> BaseFileLock:
    """A FileLock that records the identity of the file it locked in `held`."""
    from filelock import FileLock

    def acquired(fd: int) -> None:
        held.append(os.fstat(fd))

    try:
        return FileLock(str(path), timeout=timeout, mode=0o600, on_acquired=acquired)
    except TypeError:  # a filelock without `on_acquired`: no identity check possible
        return FileLock(str(path), timeout=timeout, mode=0o600)


def private_mode(st: os.stat_result) -> int | None:
    """The mode a file of the user's own that others can read goes back to (the owner's
    bits kept: 0644 to 0600, 0444 to 0400), or None when it needs no change or is not
    the user's (docs/safety.md)."""
    mode = st.st_mode & 0o7777
    if st.st_uid != os.geteuid() or not mode & 0o077:
        return None
    return mode & 0o700
